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
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The cluster's {@code link up over tcp}: a loopback TCP connection opened once and shared by every copy of
 * the world. The sending side writes the encoded message to its socket; the receiving side reads exactly
 * that many bytes from the other socket and frames them, so each step stays synchronous and deterministic.
 */
final class TcpTransport implements Transport {
    private final Socket a;
    private final Socket b;

    TcpTransport() {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            a = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            b = server.accept();
            a.setTcpNoDelay(true);
            b.setTcpNoDelay(true);
        } catch (IOException e) {
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
