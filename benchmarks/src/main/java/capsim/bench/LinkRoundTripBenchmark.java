package capsim.bench;

import capsim.stream.Codec;
import capsim.stream.Framer;
import capsim.stream.Item;
import capsim.stream.Message;
import capsim.stream.ProtocolException;
import capsim.stream.Transactions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Round trips over a loopback TCP link (127.0.0.1): a transaction's CREATE (64-byte payload) goes out, the
 * other end frames, decodes and answers it, and the answer is framed and decoded here. Throughput mode:
 * round trips per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LinkRoundTripBenchmark {
    ServerSocket server;
    Socket client;
    Thread echo;
    OutputStream out;
    InputStream in;
    final Framer framer = new Framer();
    final byte[] buf = new byte[4096];
    byte[] request;
    int msgId;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        client.setTcpNoDelay(true);
        Socket peer = server.accept();
        peer.setTcpNoDelay(true);
        echo = new Thread(() -> answer(peer), "capsim-echo");
        echo.setDaemon(true);
        echo.start();
        out = client.getOutputStream();
        in = client.getInputStream();
        ByteBuffer b = Codec.encode(new Message(1, 1, Transactions.CREATE | 1, false, List.of(Item.Leaf.of(1, new byte[64]))));
        request = new byte[b.remaining()];
        b.get(request);
    }

    /** The other end: every message is answered with a reply DELETE of the same transaction. */
    private static void answer(Socket peer) {
        Framer f = new Framer();
        byte[] b = new byte[4096];
        try (InputStream pin = peer.getInputStream(); OutputStream pout = peer.getOutputStream()) {
            int n;
            while ((n = pin.read(b)) > 0) {
                for (Message m : f.feed(ByteBuffer.wrap(b, 0, n))) {
                    ByteBuffer r = Codec.encode(new Message(m.linkId(), m.msgId(), Transactions.DELETE, true, List.of()));
                    pout.write(r.array(), 0, r.remaining());
                }
                pout.flush();
            }
        } catch (IOException | ProtocolException e) {
            // the benchmark closed the link
        }
    }

    @Benchmark
    public Message roundTrip() throws IOException, ProtocolException {
        out.write(request);
        out.flush();
        while (true) {
            int n = in.read(buf);
            if (n <= 0) {
                throw new IOException("the link closed");
            }
            List<Message> got = framer.feed(ByteBuffer.wrap(buf, 0, n));
            if (!got.isEmpty()) {
                return got.get(0);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        client.close();
        server.close();
    }
}
