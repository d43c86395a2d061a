package capsim.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class CodecTest {
    static final long SEED = Long.getLong("capsim.fuzz.seed", 4004L);
    /** Inputs for the robustness property; the -Pfuzz profile raises it to ten million and more. */
    static final long INPUTS = Long.getLong("capsim.fuzz.inputs", 200_000L);

    static Message sample() {
        return new Message(0x1122334455667788L, 42, 7, false, List.of(
                Item.Leaf.of(1, "hello".getBytes()),
                new Item.Nested(2, List.of(Item.Leaf.of(3, new byte[0]), new Item.Reference(4, 9, 77))),
                Item.Leaf.of(5, new byte[8])));
    }

    @Test
    void wireLayoutIsAsDocumented() {
        ByteBuffer b = Codec.encode(new Message(1, 2, 3, true, List.of(Item.Leaf.of(5, new byte[] {9, 8, 7}))));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(
                "0100000000000000" + "02000000" + "0380" + "1b00"       // linkid, msgid, command|response, length 27
                        + "0500" + "0300" + "00000000" + "0908070000000000"); // itemid 5, itemlen 3, reserved, data + padding
        assertThat(bytes.length).isEqualTo(32);
    }

    /**
     * Seed 004: "The 'length' field simply represents the logical length of the message (e.g. like 27
     * bytes), but ... nextoffset = currentoffset + (msg->length + 7) & ~7". The length used to be the padded 32.
     */
    @Test
    void aMessageEndingAtByte27HasLength27AndTheNextStartsAt32() throws ProtocolException {
        Message first = new Message(1, 2, 3, false, List.of(Item.Leaf.of(5, new byte[] {9, 8, 7})));
        Message second = new Message(4, 5, 6, true, List.of(Item.Leaf.of(6, "next".getBytes())));
        assertThat(Codec.length(first)).isEqualTo(27);
        assertThat(Codec.size(first)).isEqualTo(32);
        ByteBuffer b = ByteBuffer.allocate(Codec.size(first) + Codec.size(second)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        Codec.encode(first, b);
        assertThat(b.position()).isEqualTo(32);
        Codec.encode(second, b);
        b.flip();
        assertThat(b.getShort(14)).isEqualTo((short) 27);
        assertThat(b.getLong(32)).as("the next message's linkid, at offset 32").isEqualTo(4);
        assertThat(b.getShort(32 + 14)).isEqualTo((short) (16 + 8 + 4));
        assertThat(Codec.decode(b)).isEqualTo(first);
        assertThat(b.position()).isEqualTo(32);
        assertThat(Codec.decode(b)).isEqualTo(second);
        assertThat(new Framer().feed(b.rewind())).containsExactly(first, second);
    }

    /** A nested item's itemlen is likewise the logical length of its content, to the end of its last item's data. */
    @Test
    void aNestedItemsLengthEndsAtItsLastItemsData() throws ProtocolException {
        Message m = new Message(1, 2, 3, false, List.of(new Item.Nested(5, List.of(Item.Leaf.of(6, new byte[] {1, 2, 3}))),
                Item.Leaf.of(7, new byte[0])));
        ByteBuffer b = Codec.encode(m).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getShort(16 + 2)).as("nested itemlen: 8 + 3").isEqualTo((short) 11);
        assertThat(b.getShort(40)).as("the next item starts at 16 + align(8 + 11)").isEqualTo((short) 7);
        assertThat(b.getShort(14)).as("message length: 16 + 24 + 8").isEqualTo((short) 48);
        assertThat(Codec.decode(b)).isEqualTo(m);
    }

    /** Padded (old-style) lengths, lengths inside the padding and non-zero trailing padding are refused. */
    @Test
    void theLengthMustEndAtTheLastItemsDataAndThePaddingBeZero() {
        ByteBuffer good = Codec.encode(new Message(1, 2, 3, true, List.of(Item.Leaf.of(5, new byte[] {9, 8, 7}))));
        byte[] raw = new byte[good.remaining()];
        good.get(raw);
        for (int length : new int[] {28, 31, 32}) {
            byte[] padded = raw.clone();
            padded[14] = (byte) length;
            ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(ByteBuffer.wrap(padded)));
            assertThat(e.reason()).as("length " + length).isEqualTo(ProtocolException.Reason.BAD_LENGTH);
            assertThat(e.offset()).isEqualTo(14);
            assertThat(e.getMessage()).contains("length ends at " + length).contains("data at 27");
        }
        byte[] short26 = raw.clone();
        short26[14] = 26;
        assertThat(reason(short26)).isEqualTo(ProtocolException.Reason.BAD_ITEM_LENGTH);
        byte[] pad = raw.clone();
        pad[30] = 1;
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(ByteBuffer.wrap(pad)));
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.BAD_PADDING);
        assertThat(e.offset()).isEqualTo(30);
        assertThat(reason(java.util.Arrays.copyOf(raw, 27))).as("27 bytes: the padding is missing")
                .isEqualTo(ProtocolException.Reason.TRUNCATED);
    }

    @Test
    void roundTripKeepsEverything() throws ProtocolException {
        Message m = sample();
        ByteBuffer b = Codec.encode(m);
        assertThat(b.remaining()).isEqualTo(Codec.size(m)).isEqualTo(16 + 16 + (8 + 8 + 24) + 16);
        Message back = Codec.decode(b);
        assertThat(back).isEqualTo(m);
        assertThat(b.remaining()).isZero();
        assertThat(((Item.Leaf) back.items().get(0)).data().isReadOnly()).isTrue();
    }

    @Test
    void decodesBackToBackMessages() throws ProtocolException {
        ByteBuffer b = ByteBuffer.allocate(2 * Codec.size(sample()));
        Codec.encode(sample(), b);
        Codec.encode(sample(), b);
        b.flip();
        assertThat(Codec.decode(b)).isEqualTo(sample());
        assertThat(Codec.decode(b)).isEqualTo(sample());
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void typedErrorsNameOffsetAndReason() {
        ByteBuffer good = Codec.encode(sample());
        byte[] raw = new byte[good.remaining()];
        good.get(raw);
        assertThat(reason(new byte[10])).isEqualTo(ProtocolException.Reason.TRUNCATED);
        byte[] shortLen = raw.clone();
        shortLen[14] = 8;
        shortLen[15] = 0;
        assertThat(reason(shortLen)).isEqualTo(ProtocolException.Reason.BAD_LENGTH);
        byte[] past = raw.clone();
        past[14] = (byte) (raw[14] + 1); // covers a padding byte that is not there
        assertThat(reason(past)).isEqualTo(ProtocolException.Reason.TRUNCATED);
        byte[] under = raw.clone();
        under[14] = (byte) (raw[14] - 1); // the last item runs past the message
        assertThat(reason(under)).isEqualTo(ProtocolException.Reason.BAD_ITEM_LENGTH);
        assertThat(reason(java.util.Arrays.copyOf(raw, raw.length - 8))).isEqualTo(ProtocolException.Reason.TRUNCATED);
        byte[] pad = raw.clone();
        pad[16 + 8 + 5] = 1; // after "hello"
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(ByteBuffer.wrap(pad)));
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.BAD_PADDING);
        assertThat(e.offset()).isEqualTo(16 + 8 + 5);
        byte[] both = raw.clone();
        both[16 + 1] = (byte) 0xC0;
        assertThat(reason(both)).isEqualTo(ProtocolException.Reason.BAD_ITEM_ID);
        byte[] longItem = raw.clone();
        longItem[16 + 2] = (byte) 0xF0;
        assertThat(reason(longItem)).isEqualTo(ProtocolException.Reason.BAD_ITEM_LENGTH);
        byte[] reserved = raw.clone();
        reserved[16 + 4] = 1;
        assertThat(reason(reserved)).isEqualTo(ProtocolException.Reason.BAD_PADDING);
    }

    @Test
    void nestingIsLimited() throws ProtocolException {
        Item deep = Item.Leaf.of(1, new byte[0]);
        for (int i = 1; i < Codec.MAX_DEPTH; i++) {
            deep = new Item.Nested(1, List.of(deep));
        }
        Message ok = new Message(0, 0, 0, false, List.of(deep));
        assertThat(Codec.decode(Codec.encode(ok))).isEqualTo(ok);
        Message tooDeep = new Message(0, 0, 0, false, List.of(new Item.Nested(1, List.of(deep))));
        assertThatThrownBy(() -> Codec.encode(tooDeep)).isInstanceOf(IllegalArgumentException.class);
        // the same nesting forged on the wire
        ByteBuffer b = ByteBuffer.allocate(16 + 8 * (Codec.MAX_DEPTH + 1)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(0).putInt(0).putShort((short) 0).putShort((short) b.capacity());
        for (int i = 0; i <= Codec.MAX_DEPTH; i++) {
            int len = 8 * (Codec.MAX_DEPTH - i);
            b.putShort((short) (0x8000 | 1)).putShort((short) len).putInt(0);
        }
        assertThat(reason(b.array())).isEqualTo(ProtocolException.Reason.NESTING_TOO_DEEP);
    }

    @Test
    void oversizedMessagesCannotBeEncoded() {
        Message big = new Message(0, 0, 0, false, List.of(Item.Leaf.of(1, new byte[65_520])));
        assertThatThrownBy(() -> Codec.encode(big)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65535");
        assertThatThrownBy(() -> Item.Leaf.of(0x4000, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Message(0, 0, 0x8000, false, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static ProtocolException.Reason reason(byte[] bytes) {
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> Codec.decode(ByteBuffer.wrap(bytes)));
        assertThat(e).as("expected a protocol error").isNotNull();
        return e.reason();
    }

    // ------------------------------------------------------------------ properties

    static Message randomMessage(SplittableRandom r) {
        return new Message(r.nextLong(), r.nextInt(), r.nextInt(Message.MAX_COMMAND + 1), r.nextBoolean(), randomItems(r, 1, 200));
    }

    static List<Item> randomItems(SplittableRandom r, int depth, int budget) {
        List<Item> items = new ArrayList<>();
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            int id = r.nextInt(Item.MAX_ID + 1);
            int kind = r.nextInt(depth < Codec.MAX_DEPTH ? 3 : 2);
            switch (kind) {
                case 0 -> {
                    byte[] d = new byte[r.nextInt(budget + 1)];
                    r.nextBytes(d);
                    items.add(Item.Leaf.of(id, d));
                }
                case 1 -> items.add(new Item.Reference(id, r.nextLong(), r.nextLong()));
                default -> items.add(new Item.Nested(id, randomItems(r, depth + 1, budget / 2)));
            }
        }
        return items;
    }

    @Test
    void encodeThenDecodeIsTheIdentity() throws ProtocolException {
        SplittableRandom r = new SplittableRandom(SEED);
        for (int i = 0; i < 20_000; i++) {
            Message m = randomMessage(r);
            ByteBuffer b = Codec.encode(m);
            assertThat(b.remaining() % 8).isZero();
            assertThat(Codec.decode(b)).as("seed " + SEED + " message " + i).isEqualTo(m);
        }
    }

    /** Random bytes and mutated encodings give a message or a protocol error, never anything else. */
    @Test
    void anyBytesGiveAMessageOrAProtocolError(TestReporter reporter) {
        SplittableRandom r = new SplittableRandom(SEED + 1);
        long messages = 0;
        long errors = 0;
        long start = System.nanoTime();
        for (long i = 0; i < INPUTS; i++) {
            byte[] input = mutated(r);
            try {
                ByteBuffer b = ByteBuffer.wrap(input);
                Message m = Codec.decode(b);
                messages++;
                // whatever decodes re-encodes to the bytes it came from
                ByteBuffer again = Codec.encode(m);
                byte[] out = new byte[again.remaining()];
                again.get(out);
                assertThat(out).isEqualTo(java.util.Arrays.copyOf(input, b.position()));
            } catch (ProtocolException e) {
                errors++;
                assertThat(e.offset()).isBetween(0, input.length);
            } catch (RuntimeException | Error e) {
                fail("seed " + SEED + " input " + i + " (" + HexFormat.of().formatHex(input) + ") threw " + e, e);
            }
        }
        reporter.publishEntry(java.util.Map.of("fuzz inputs", String.valueOf(INPUTS), "messages", String.valueOf(messages),
                "protocol errors", String.valueOf(errors),
                "seconds", String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9)));
        assertThat(messages).isPositive();
        assertThat(errors).isPositive();
    }

    private static byte[] mutated(SplittableRandom r) {
        if (r.nextInt(10) == 0) {
            byte[] junk = new byte[r.nextInt(64)];
            r.nextBytes(junk);
            return junk;
        }
        ByteBuffer b = Codec.encode(new Message(r.nextLong(), r.nextInt(), r.nextInt(0x8000), r.nextBoolean(), randomItems(r, 1, 40)));
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        int edits = r.nextInt(4);
        for (int k = 0; k < edits && bytes.length > 0; k++) {
            switch (r.nextInt(5)) {
                case 0 -> bytes[r.nextInt(bytes.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> bytes = java.util.Arrays.copyOf(bytes, r.nextInt(bytes.length + 1));
                case 2 -> {
                    int at = r.nextInt(bytes.length);
                    bytes[at] = (byte) r.nextInt(256);
                }
                case 3 -> {
                    if (bytes.length >= 16) {
                        bytes[14] = (byte) r.nextInt(256);
                        bytes[15] = (byte) r.nextInt(256);
                    }
                }
                default -> {
                    byte[] tail = new byte[r.nextInt(24)];
                    r.nextBytes(tail);
                    byte[] joined = java.util.Arrays.copyOf(bytes, bytes.length + tail.length);
                    System.arraycopy(tail, 0, joined, bytes.length, tail.length);
                    bytes = joined;
                }
            }
        }
        return bytes;
    }
}
