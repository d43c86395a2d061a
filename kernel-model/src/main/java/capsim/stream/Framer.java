package capsim.stream;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Framing over a byte stream: feed it chunks as they arrive (a partial header, several messages at once,
 * one byte at a time) and it yields whole messages. It buffers at most one message (65,536 bytes: a length
 * of 65,535 padded to 8), so a
 * peer cannot make it allocate more by lying in a length field. After a protocol error the stream is
 * unusable (the framing is lost) and every later call fails with the same error.
 */
public final class Framer {
    private final ByteBuffer pending = ByteBuffer.allocate(Codec.MAX_MESSAGE + 1).order(ByteOrder.LITTLE_ENDIAN);
    private ProtocolException broken;
    private long offset;

    /** Appends {@code chunk} and returns the messages it completed, in order. */
    public List<Message> feed(ByteBuffer chunk) throws ProtocolException {
        if (broken != null) {
            throw broken;
        }
        List<Message> out = new ArrayList<>();
        while (chunk.hasRemaining()) {
            int need = needed();
            int take = Math.min(need - pending.position(), chunk.remaining());
            ByteBuffer part = chunk.slice(chunk.position(), take);
            pending.put(part);
            chunk.position(chunk.position() + take);
            if (pending.position() == need && need > Codec.HEADER - 1 && isComplete()) {
                pending.flip();
                // The message gets its own copy of its bytes (decoding itself does not copy again):
                // this buffer is reused for the next message.
                ByteBuffer own = ByteBuffer.allocate(pending.remaining());
                own.put(pending.duplicate()).flip();
                try {
                    out.add(Codec.decode(own));
                } catch (ProtocolException e) {
                    broken = new ProtocolException((int) Math.min(Integer.MAX_VALUE, offset + e.offset()), e.reason(),
                            "in the message starting at stream byte " + offset + ": " + e.getMessage());
                    throw broken;
                }
                offset += pending.limit();
                pending.clear();
            }
        }
        return out;
    }

    /** Bytes held for an unfinished message. */
    public int buffered() {
        return pending.position();
    }

    /**
     * How many bytes the message being assembled needs in all: the header first, then its length rounded
     * up to 8 (seed 004: "nextoffset = currentoffset + (msg->length + 7) &amp; ~7").
     */
    private int needed() throws ProtocolException {
        if (pending.position() < Codec.HEADER) {
            return Codec.HEADER;
        }
        int length = pending.getShort(14) & 0xFFFF;
        if (length < Codec.HEADER) {
            broken = new ProtocolException((int) Math.min(Integer.MAX_VALUE, offset + 14), ProtocolException.Reason.BAD_LENGTH,
                    "length " + length + " is below " + Codec.HEADER);
            throw broken;
        }
        return Codec.align(length);
    }

    private boolean isComplete() throws ProtocolException {
        return pending.position() >= Codec.HEADER && pending.position() == needed();
    }
}
