package capsim.dialect.cluster;

import capsim.personality.cluster.Transport;
import capsim.stream.Codec;
import capsim.stream.Framer;
import capsim.stream.Message;
import capsim.stream.ProtocolException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The cluster's {@code link up over tcp}: a loopback TCP connection opened once and shared by every copy of
 * the world. The sending side writes the encoded message to its socket; the receiving side reads exactly
 * that many bytes from the other socket and frames them, so each step stays synchronous and deterministic.
 *
 * <p>The listening port is reachable by every process on the machine for a moment, so the accepting side
 * takes only the connection whose far end is the link's own socket (same loopback address and port): any
 * other process that connects first is closed and never carries a message.
 */
final class TcpTransport implements Transport {
    /** How long the link waits for its own connection to arrive. */
    private static final int ACCEPT_TIMEOUT_MS = 10_000;

    private final Socket a;
    private final Socket b;

    TcpTransport() {
        this(port -> { });
    }

    /** {@code listening} is told the port once it listens and before the link connects (tests stage intruders). */
    TcpTransport(IntConsumer listening) {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Socket mine = null;
        try (ServerSocket server = new ServerSocket(0, 50, loopback)) {
            server.setSoTimeout(ACCEPT_TIMEOUT_MS);
            listening.accept(server.getLocalPort());
            mine = new Socket(loopback, server.getLocalPort());
            SocketAddress own = mine.getLocalSocketAddress();
            Socket accepted;
            while (true) {
                Socket s = server.accept();
                if (s.getRemoteSocketAddress().equals(own)) {
                    accepted = s;
                    break;
                }
                s.close();
            }
            a = mine;
            b = accepted;
            a.setTcpNoDelay(true);
            b.setTcpNoDelay(true);
        } catch (IOException e) {
            if (mine != null) {
                try {
                    mine.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw new UncheckedIOException("cannot open a loopback TCP connection", e);
        }
    }

    @Override
    public String word() {
        return "tcp";
    }

    @Override
    public List<Message> carry(Message m, boolean fromA) throws ProtocolException {
        ByteBuffer bytes = Codec.encode(m);
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            OutputStream out = (fromA ? a : b).getOutputStream();
            InputStream in = (fromA ? b : a).getInputStream();
            out.write(raw);
            out.flush();
            return new Framer().feed(ByteBuffer.wrap(in.readNBytes(raw.length)));
        } catch (IOException e) {
            throw new UncheckedIOException("the loopback connection failed", e);
        }
    }
}
