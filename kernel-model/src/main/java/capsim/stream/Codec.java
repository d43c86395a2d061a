package capsim.stream;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of docs/stream-protocol.md. Little-endian; a 16-byte header (linkid u64, msgid u32,
 * command u16 with bit 15 = response, length u16); then items, each an 8-byte header (itemid u16 with
 * bit 15 = nested, bit 14 = referenced; itemlen u16; 4 reserved zero bytes), the data, and zero padding
 * to the next multiple of 8, so every item starts 8-byte aligned.
 *
 * <p>Lengths are logical, as seed 004 defines them: "The 'length' field simply represents the logical
 * length of the message (e.g. like 27 bytes), but ... nextoffset = currentoffset + (msg->length + 7) &amp; ~7.
 * Same with the recursive items." So {@code length} runs from the message start to the end of the last
 * item's data, excluding its final padding, and the message takes {@code align(length)} bytes on the
 * wire; a leaf's itemlen is its data bytes; a nested item's itemlen is, the same way, the logical length
 * of its content (to the end of its last item's data). Padding is zero and a length never covers trailing
 * padding, so each message has exactly one encoding.
 *
 * <p>The decoder checks every length against the bytes actually present before using it and never sizes
 * an allocation by a length field: any input yields a {@link Message} or a {@link ProtocolException}.
 */
public final class Codec {
    public static final int HEADER = 16;
    /** itemid u16, itemlen u16, 4 reserved zero bytes: keeps every item's data 8-byte aligned. */
    public static final int ITEM_HEADER = 8;
    public static final int MAX_MESSAGE = 65_535;
    /** Items nest at most this deep (the message's own items are depth 1). */
    public static final int MAX_DEPTH = 8;
    static final int NESTED = 0x8000;
    static final int REFERENCED = 0x4000;
    static final int RESPONSE = 0x8000;
    static final int REFERENCE_SIZE = 16;
    /** Offset of the message header's length field. */
    private static final int LENGTH_FIELD = 14;

    private Codec() {
    }

    static int align(int n) {
        return (n + 7) & ~7;
    }

    /** Bytes the message takes on the wire: its length rounded up to a multiple of 8. */
    public static int size(Message m) {
        return align(length(m));
    }

    /** The message's logical length, its header's {@code length} field: up to the end of the last item's data. */
    public static int length(Message m) {
        return HEADER + contentLength(m.items());
    }

    /** Every item but the last takes its padded size; the last one ends where its data ends. */
    private static int contentLength(List<Item> items) {
        int n = 0;
        for (int i = 0; i < items.size(); i++) {
            int one = ITEM_HEADER + dataLength(items.get(i));
            n += i == items.size() - 1 ? one : align(one);
        }
        return n;
    }

    private static int dataLength(Item it) {
        return switch (it) {
            case Item.Leaf l -> l.data().remaining();
            case Item.Nested n -> contentLength(n.items());
            case Item.Reference r -> REFERENCE_SIZE;
        };
    }

    /** Encodes {@code m} at {@code out}'s position; throws IllegalArgumentException when it cannot be sent. */
    public static void encode(Message m, ByteBuffer out) {
        int length = length(m);
        if (length > MAX_MESSAGE) {
            throw new IllegalArgumentException("a message of " + length + " bytes exceeds " + MAX_MESSAGE);
        }
        checkDepth(m.items(), 1);
        ByteBuffer b = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int start = b.position();
        b.putLong(m.linkId()).putInt(m.msgId()).putShort((short) (m.command() | (m.response() ? RESPONSE : 0)))
                .putShort((short) length);
        putItems(b, m.items());
        out.position(start + align(length));
    }

    /** Encodes into a new buffer. */
    public static ByteBuffer encode(Message m) {
        ByteBuffer b = ByteBuffer.allocate(size(m));
        encode(m, b);
        return b.flip();
    }

    private static void checkDepth(List<Item> items, int depth) {
        for (Item it : items) {
            if (it instanceof Item.Nested n) {
                if (depth + 1 > MAX_DEPTH) {
                    throw new IllegalArgumentException("items nest deeper than " + MAX_DEPTH);
                }
                checkDepth(n.items(), depth + 1);
            }
        }
    }

    private static void putItems(ByteBuffer b, List<Item> items) {
        for (Item it : items) {
            int start = b.position();
            int len = dataLength(it);
            int flags = it instanceof Item.Nested ? NESTED : it instanceof Item.Reference ? REFERENCED : 0;
            b.putShort((short) (it.id() | flags)).putShort((short) len).putInt(0);
            switch (it) {
                case Item.Leaf l -> b.put(l.data().duplicate());
                case Item.Nested n -> putItems(b, n.items());
                case Item.Reference r -> b.putLong(r.linkId()).putLong(r.objectId());
            }
            int end = start + align(ITEM_HEADER + len);
            while (b.position() < end) {
                b.put((byte) 0);
            }
        }
    }

    /**
     * Decodes one message at {@code in}'s position and advances past it. Leaf data are read-only views of
     * {@code in}.
     */
    public static Message decode(ByteBuffer in) throws ProtocolException {
        ByteBuffer b = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < HEADER) {
            throw new ProtocolException(0, ProtocolException.Reason.TRUNCATED,
                    "a header needs " + HEADER + " bytes, " + b.remaining() + " present");
        }
        long link = b.getLong(0);
        int msgId = b.getInt(8);
        int cmd = b.getShort(12) & 0xFFFF;
        int length = b.getShort(14) & 0xFFFF;
        if (length < HEADER) {
            throw new ProtocolException(14, ProtocolException.Reason.BAD_LENGTH,
                    "length " + length + " is below " + HEADER);
        }
        int wire = align(length);
        if (wire > b.remaining()) {
            throw new ProtocolException(14, ProtocolException.Reason.TRUNCATED,
                    "length " + length + " takes " + wire + " bytes but only " + b.remaining() + " are present");
        }
        List<Item> items = items(b, HEADER, length, LENGTH_FIELD, 1);
        checkPadding(b, length, wire);
        in.position(in.position() + wire);
        return new Message(link, msgId, cmd & ~RESPONSE, (cmd & RESPONSE) != 0, items);
    }

    private static void checkPadding(ByteBuffer b, int from, int to) throws ProtocolException {
        for (int p = from; p < to; p++) {
            if (b.get(p) != 0) {
                throw new ProtocolException(p, ProtocolException.Reason.BAD_PADDING, "padding byte is " + (b.get(p) & 0xFF));
            }
        }
    }

    /**
     * The items in {@code [from, to)}, where {@code to} is the container's logical end and
     * {@code lengthField} the offset of the container's length (the message's or a nested item's). The
     * last item's padding lies past {@code to} and is checked by the container.
     */
    private static List<Item> items(ByteBuffer b, int from, int to, int lengthField, int depth) throws ProtocolException {
        if (depth > MAX_DEPTH) {
            throw new ProtocolException(from, ProtocolException.Reason.NESTING_TOO_DEEP, "items nest deeper than " + MAX_DEPTH);
        }
        List<Item> out = new ArrayList<>();
        int at = from;
        while (at < to) {
            if (to - at < ITEM_HEADER) {
                throw new ProtocolException(at, ProtocolException.Reason.BAD_ITEM_LENGTH,
                        "an item header needs " + ITEM_HEADER + " bytes, " + (to - at) + " left");
            }
            if (b.getInt(at + 4) != 0) {
                throw new ProtocolException(at + 4, ProtocolException.Reason.BAD_PADDING, "the reserved bytes of an item header are not zero");
            }
            int rawId = b.getShort(at) & 0xFFFF;
            int len = b.getShort(at + 2) & 0xFFFF;
            int dataStart = at + ITEM_HEADER;
            int dataEnd = dataStart + len;
            int end = align(dataEnd);
            if (dataEnd > to) {
                throw new ProtocolException(at + 2, ProtocolException.Reason.BAD_ITEM_LENGTH,
                        "item length " + len + " runs past its container (" + (to - dataStart) + " bytes left)");
            }
            if (dataEnd != to && end >= to) {
                // The container's length covers this item's padding but no further item: lengths are
                // logical (seed 004), so it should have ended at dataEnd. Refused to keep one encoding.
                throw new ProtocolException(lengthField,
                        lengthField == LENGTH_FIELD ? ProtocolException.Reason.BAD_LENGTH : ProtocolException.Reason.BAD_ITEM_LENGTH,
                        "length ends at " + to + ", past the end of the last item's data at " + dataEnd
                                + " (lengths exclude the final padding)");
            }
            if (dataEnd != to) {
                checkPadding(b, dataEnd, end);
            }
            boolean nested = (rawId & NESTED) != 0;
            boolean referenced = (rawId & REFERENCED) != 0;
            int id = rawId & Item.MAX_ID;
            if (nested && referenced) {
                throw new ProtocolException(at, ProtocolException.Reason.BAD_ITEM_ID, "item id has both the nested and the referenced bit");
            }
            if (nested) {
                out.add(new Item.Nested(id, items(b, dataStart, dataEnd, at + 2, depth + 1)));
            } else if (referenced) {
                if (len != REFERENCE_SIZE) {
                    throw new ProtocolException(at + 2, ProtocolException.Reason.BAD_ITEM_LENGTH,
                            "a reference takes " + REFERENCE_SIZE + " bytes, not " + len);
                }
                out.add(new Item.Reference(id, b.getLong(dataStart), b.getLong(dataStart + 8)));
            } else {
                out.add(new Item.Leaf(id, b.slice(dataStart, len)));
            }
            at = end;
        }
        return out;
    }
}
