package capsim.personality.cluster;

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
 * How the bytes of the link get from one kernel to the other: every message is encoded by {@link Codec},
 * carried as bytes, cut into a stream by the receiving {@link Framer} and decoded again, so a scenario
 * exercises the real wire format. A transport holds no state between messages, so copies of a world share it.
 */
sealed interface Transport {

    /** The word a scenario uses for it ({@code pipe}, {@code tcp}). */
    String word();

    /** Carries {@code m} across (from side A when {@code fromA}); returns the messages the far end decodes. */
    List<Message> carry(Message m, boolean fromA) throws ProtocolException;

    /** An in-process pipe: the encoded bytes reach the framer in two chunks, as a stream may cut them. */
    final class Pipe implements Transport {
        /** One framer a direction; each is empty again once a message has gone through. */
        private final Framer toB = new Framer();
        private final Framer toA = new Framer();

        public String word() {
            return "pipe";
        }

        public List<Message> carry(Message m, boolean fromA) throws ProtocolException {
            ByteBuffer bytes = Codec.encode(m);
            Framer framer = fromA ? toB : toA;
            int half = bytes.remaining() / 2;
            ByteBuffer first = bytes.duplicate();
            first.limit(first.position() + half);
            ByteBuffer second = bytes.duplicate();
            second.position(second.position() + half);
            List<Message> out = new java.util.ArrayList<>(framer.feed(first));
            out.addAll(framer.feed(second));
            return out;
        }
    }

    /**
     * A loopback TCP connection opened once and shared by every copy of the world: the sender writes the
     * encoded message to its socket, the receiver reads exactly that many bytes from the other and frames them.
     */
    final class Tcp implements Transport {
        private final Socket a;
        private final Socket b;

        Tcp() {
            try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                a = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                b = server.accept();
                a.setTcpNoDelay(true);
                b.setTcpNoDelay(true);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a loopback TCP connection", e);
            }
        }

        public String word() {
            return "tcp";
        }

        public List<Message> carry(Message m, boolean fromA) throws ProtocolException {
            ByteBuffer bytes = Codec.encode(m);
            byte[] raw = new byte[bytes.remaining()];
            bytes.get(raw);
            try {
                OutputStream out = (fromA ? a : b).getOutputStream();
                InputStream in = (fromA ? b : a).getInputStream();
                out.write(raw);
                out.flush();
                byte[] got = in.readNBytes(raw.length);
                return new Framer().feed(ByteBuffer.wrap(got));
            } catch (IOException e) {
                throw new UncheckedIOException("the loopback connection failed", e);
            }
        }
    }
}
