package capsim.personality.cluster;

import capsim.stream.Codec;
import capsim.stream.Framer;
import capsim.stream.Message;
import capsim.stream.ProtocolException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * How the bytes of the link get from one kernel to the other: every message is encoded by {@link Codec},
 * carried as bytes, cut into a stream by the receiving {@link Framer} and decoded again, so a scenario
 * exercises the real wire format. A transport holds no state between messages, so copies of a world share it.
 * The kernel model does no I/O: the in-process {@link Pipe} is here, a socket transport comes from outside
 * (the scenario runner gives the cluster a loopback TCP one).
 */
public interface Transport {

    /** The word a scenario uses for it ({@code pipe}, {@code tcp}). */
    String word();

    /** Carries {@code m} across (from side A when {@code fromA}); returns the messages the far end decodes. */
    List<Message> carry(Message m, boolean fromA) throws ProtocolException;

    /** An in-process pipe: the encoded bytes reach the framer in two chunks, as a stream may cut them. */
    final class Pipe implements Transport {
        /** One framer a direction; each is empty again once a message has gone through. */
        private final Framer toB = new Framer();
        private final Framer toA = new Framer();

        @Override
        public String word() {
            return "pipe";
        }

        @Override
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
}
