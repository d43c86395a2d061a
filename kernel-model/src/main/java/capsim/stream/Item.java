package capsim.stream;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One item of a message: an id (14 bits) and either bytes, nested items, or a reference to a cache object
 * carried over a separate link (the seed's "referenced data").
 */
public sealed interface Item {
    /** Ids are 14 bits: bit 15 marks nested items and bit 14 referenced data on the wire. */
    int MAX_ID = 0x3FFF;

    int id();

    /** Plain bytes. Decoded leaves are read-only views of the input buffer (no copy). */
    record Leaf(int id, ByteBuffer data) implements Item {
        public Leaf {
            checkId(id);
            data = data.asReadOnlyBuffer();
        }

        public static Leaf of(int id, byte[] bytes) {
            return new Leaf(id, ByteBuffer.wrap(bytes));
        }
    }

    /** Items within an item. */
    record Nested(int id, List<Item> items) implements Item {
        public Nested {
            checkId(id);
            items = List.copyOf(items);
        }
    }

    /** Data kept elsewhere: object {@code objectId} on link {@code linkId}. */
    record Reference(int id, long linkId, long objectId) implements Item {
        public Reference {
            checkId(id);
        }
    }

    private static void checkId(int id) {
        if (id < 0 || id > MAX_ID) {
            throw new IllegalArgumentException("an item id is 0.." + MAX_ID + ", not " + id);
        }
    }
}
