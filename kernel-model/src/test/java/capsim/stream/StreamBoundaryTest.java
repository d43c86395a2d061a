package capsim.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The edges of the wire format and of reference counting: the largest message that can be sent, the offset
 * each protocol error names (docs/stream-protocol.md), item id limits, and releases of zero, all, and more
 * than all references.
 */
class StreamBoundaryTest {

    /** A message of one leaf item of {@code n} data bytes has length 16 + 8 + n and takes its alignment to 8. */
    private static Message oneLeaf(int n) {
        return new Message(1, 2, 3, false, List.of(Item.Leaf.of(4, new byte[n])));
    }

    @Test
    void theLargestMessageEncodesAndOneByteMoreDoesNot() throws ProtocolException {
        int largest = Codec.MAX_MESSAGE; // the logical length; on the wire it takes 65,536 bytes
        Message fits = oneLeaf(largest - Codec.HEADER - Codec.ITEM_HEADER);
        assertThat(Codec.length(fits)).isEqualTo(largest);
        assertThat(Codec.size(fits)).isEqualTo(largest + 1);
        ByteBuffer b = Codec.encode(fits);
        assertThat(b.remaining()).isEqualTo(largest + 1);
        assertThat(b.order(ByteOrder.LITTLE_ENDIAN).getShort(14) & 0xFFFF).isEqualTo(largest);
        assertThat(new Framer().feed(b.duplicate())).containsExactly(fits);
        assertThat(Codec.decode(b)).isEqualTo(fits);
        Message tooBig = oneLeaf(largest - Codec.HEADER - Codec.ITEM_HEADER + 1);
        assertThat(Codec.length(tooBig)).isEqualTo(largest + 1);
        assertThatThrownBy(() -> Codec.encode(tooBig, ByteBuffer.allocate(70_000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Integer.toString(largest + 1));
    }

    private static byte[] bytes(Message m) {
        ByteBuffer b = Codec.encode(m);
        byte[] raw = new byte[b.remaining()];
        b.get(raw);
        return raw;
    }

    private static ProtocolException error(byte[] raw) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(ByteBuffer.wrap(raw)));
        assertThat(e).as("a protocol error").isNotNull();
        return e;
    }

    /** Two leaves: the second item's header starts at 16 + 8 + 8 = 32. */
    private static byte[] twoLeaves() {
        return bytes(new Message(1, 2, 3, false, List.of(Item.Leaf.of(1, "abc".getBytes()), Item.Leaf.of(2, "de".getBytes()))));
    }

    @Test
    void eachItemErrorNamesTheOffsetOfTheFieldAtFault() {
        int second = 32;
        byte[] reserved = twoLeaves();
        reserved[second + 6] = 9;
        ProtocolException e = error(reserved);
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.BAD_PADDING);
        assertThat(e.offset()).isEqualTo(second + 4);

        byte[] pastEnd = twoLeaves();
        pastEnd[second + 2] = 9; // the message's length 42 leaves 2 data bytes for the second item
        e = error(pastEnd);
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.BAD_ITEM_LENGTH);
        assertThat(e.offset()).isEqualTo(second + 2);
        assertThat(e.getMessage()).contains("item length 9").contains("(2 bytes left)");

        byte[] padding = twoLeaves();
        padding[second + 8 + 3] = (byte) 0xFF;
        e = error(padding);
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.BAD_PADDING);
        assertThat(e.offset()).isEqualTo(second + 8 + 3);
        assertThat(e.getMessage()).contains("padding byte is 255");
    }

    @Test
    void nestedAndReferenceLengthErrorsNameTheLengthField() {
        // a nested item whose length covers its last item's padding (8 + 3 padded to 16), after one leaf
        byte[] nested = bytes(new Message(1, 2, 3, false, List.of(Item.Leaf.of(1, "abc".getBytes()),
                new Item.Nested(5, List.of(Item.Leaf.of(6, new byte[3]))))));
        int second = 32;
        assertThat(nested[second + 1] & 0x80).isNotZero();
        assertThat(nested[second + 2]).isEqualTo((byte) 11);
        nested[second + 2] = 16;
        nested[14] = (byte) (second + 8 + 16); // the message ends where the nested item now says it does
        ProtocolException e = error(nested);
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.BAD_ITEM_LENGTH);
        assertThat(e.offset()).isEqualTo(second + 2);
        assertThat(e.getMessage()).contains("length ends at 56").contains("data at 51");

        byte[] ref = bytes(new Message(1, 2, 3, false, List.of(Item.Leaf.of(1, "abc".getBytes()), new Item.Reference(7, 1, 2))));
        ref[second + 2] = 8; // a reference takes exactly 16
        e = error(ref);
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.BAD_ITEM_LENGTH);
        assertThat(e.offset()).isEqualTo(second + 2);
        assertThat(e.getMessage()).contains("16").contains("not 8");
    }

    @Test
    void anErrorInsideANestedItemNamesItsOffsetInTheWholeMessage() throws ProtocolException {
        Message m = new Message(1, 2, 3, false, List.of(new Item.Nested(5, List.of(Item.Leaf.of(6, new byte[3]), Item.Leaf.of(7, new byte[1])))));
        byte[] raw = bytes(m);
        assertThat(Codec.decode(ByteBuffer.wrap(raw))).isEqualTo(m);
        // outer item header at 16, inner items at 24 and 24 + 16 = 40
        raw[40 + 5] = 1;
        ProtocolException e = error(raw);
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.BAD_PADDING);
        assertThat(e.offset()).isEqualTo(40 + 4);
    }

    @Test
    void itemIdsRunFromZeroToMaxId() {
        for (int id : new int[] {0, Item.MAX_ID}) {
            assertThat(Item.Leaf.of(id, new byte[0]).id()).isEqualTo(id);
            assertThat(new Item.Nested(id, List.of()).id()).isEqualTo(id);
            assertThat(new Item.Reference(id, 1, 2).id()).isEqualTo(id);
        }
        for (int id : new int[] {-1, Item.MAX_ID + 1}) {
            assertThatThrownBy(() -> Item.Leaf.of(id, new byte[0])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Item.Nested(id, List.of())).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Item.Reference(id, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void releasesOfZeroAllAndMoreThanAllReferences() throws ProtocolException {
        References r = new References(9);
        r.export(1, 42);
        r.export(1, 42);
        r.export(1, 42);
        assertThat(r.exportedCount(42)).isEqualTo(3);
        assertThatThrownBy(() -> r.released(42, 0)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> r.released(42, 4)).isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> r.released(43, 1)).isInstanceOf(ProtocolException.class);
        assertThat(r.exportedCount(42)).as("a refused release changes nothing").isEqualTo(3);
        assertThat(r.released(42, 1)).isFalse();
        assertThat(r.exportedCount(42)).isEqualTo(2);
        assertThat(r.released(42, 2)).as("releasing exactly what is held ends the export").isTrue();
        assertThat(r.exportedCount(42)).isZero();
        assertThatThrownBy(() -> r.released(42, 1)).isInstanceOf(ProtocolException.class);
    }

    @Test
    void outstandingCountsBothDirections() throws ProtocolException {
        References r = new References(9);
        r.export(1, 1);
        r.export(1, 2);
        r.imported(new Item.Reference(1, 9, 5));
        r.imported(new Item.Reference(1, 9, 5));
        r.imported(new Item.Reference(1, 9, 6));
        assertThat(r.outstanding()).isEqualTo(2 + 3);
        assertThat(r.dropOne(5)).isEqualTo(1);
        assertThat(r.importedCount(5)).isEqualTo(1);
        assertThat(r.outstanding()).isEqualTo(4);
        assertThat(r.dropImport(6)).isEqualTo(1);
        assertThat(r.dropImport(6)).isZero();
        assertThat(r.dropOne(6)).isZero();
        assertThatThrownBy(() -> r.imported(new Item.Reference(1, 8, 5))).isInstanceOf(ProtocolException.class);
        assertThat(r.outstanding()).isEqualTo(3);
        r.linkLost();
        assertThat(r.outstanding()).isZero();
    }
}
