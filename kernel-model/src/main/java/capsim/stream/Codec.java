package capsim.stream;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire format of docs/stream-protocol.md. Little-endian; a 16-byte header (linkid u64, msgid u32,
 * command u16 with bit 15 = response, length u16 = the whole message padded); then items, each an 8-byte
 * header (itemid u16 with bit 15 = nested, bit 14 = referenced; itemlen u16 = data bytes before padding;
 * 4 reserved zero bytes), the data, and zero padding to the next multiple of 8, so every item starts
 * 8-byte aligned.
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

    private Codec() {
    }

    static int align(int n) {
        return (n + 7) & ~7;
    }

    /** Bytes the message takes on the wire. */
    public static int size(Message m) {
        return HEADER + itemsSize(m.items());
    }

    private static int itemsSize(List<Item> items) {
        int n = 0;
        for (Item it : items) {
            n += align(ITEM_HEADER + dataSize(it));
        }
        return n;
    }

    private static int dataSize(Item it) {
        return switch (it) {
            case Item.Leaf l -> l.data().remaining();
            case Item.Nested n -> itemsSize(n.items());
            case Item.Reference r -> REFERENCE_SIZE;
        };
    }

    /** Encodes {@code m} at {@code out}'s position; throws IllegalArgumentException when it cannot be sent. */
    public static void encode(Message m, ByteBuffer out) {
        int size = size(m);
        if (size > MAX_MESSAGE) {
            throw new IllegalArgumentException("a message of " + size + " bytes exceeds " + MAX_MESSAGE);
        }
        checkDepth(m.items(), 1);
        ByteBuffer b = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int start = b.position();
        b.putLong(m.linkId()).putInt(m.msgId()).putShort((short) (m.command() | (m.response() ? RESPONSE : 0)))
                .putShort((short) size);
        putItems(b, m.items());
        out.position(start + size);
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
            int len = dataSize(it);
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
        if (length < HEADER || length % 8 != 0) {
            throw new ProtocolException(14, ProtocolException.Reason.BAD_LENGTH,
                    "length " + length + " is below " + HEADER + " or not a multiple of 8");
        }
        if (length > b.remaining()) {
            throw new ProtocolException(14, ProtocolException.Reason.TRUNCATED,
                    "length " + length + " but only " + b.remaining() + " bytes present");
        }
        List<Item> items = items(b, HEADER, length, 1);
        in.position(in.position() + length);
        return new Message(link, msgId, cmd & ~RESPONSE, (cmd & RESPONSE) != 0, items);
    }

    private static List<Item> items(ByteBuffer b, int from, int to, int depth) throws ProtocolException {
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
            int end = at + align(ITEM_HEADER + len);
            if (end > to) {
                throw new ProtocolException(at + 2, ProtocolException.Reason.BAD_ITEM_LENGTH,
                        "item length " + len + " runs past its container (" + (to - dataStart) + " bytes left)");
            }
            for (int p = dataStart + len; p < end; p++) {
                if (b.get(p) != 0) {
                    throw new ProtocolException(p, ProtocolException.Reason.BAD_PADDING, "padding byte is " + (b.get(p) & 0xFF));
                }
            }
            boolean nested = (rawId & NESTED) != 0;
            boolean referenced = (rawId & REFERENCED) != 0;
            int id = rawId & Item.MAX_ID;
            if (nested && referenced) {
                throw new ProtocolException(at, ProtocolException.Reason.BAD_ITEM_ID, "item id has both the nested and the referenced bit");
            }
            if (nested) {
                if (len % 8 != 0) {
                    throw new ProtocolException(at + 2, ProtocolException.Reason.BAD_ITEM_LENGTH,
                            "nested items take a multiple of 8 bytes, not " + len);
                }
                out.add(new Item.Nested(id, items(b, dataStart, dataStart + len, depth + 1)));
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
