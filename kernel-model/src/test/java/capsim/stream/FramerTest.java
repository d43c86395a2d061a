package capsim.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FramerTest {

    /** A stream of random messages cut into random chunks (1 byte to several messages) gives back the messages. */
    @Test
    void anyChunkingGivesBackTheMessages() throws ProtocolException {
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            List<Message> sent = new ArrayList<>();
            int total = 0;
            for (int i = 0; i < 1 + r.nextInt(8); i++) {
                Message m = CodecTest.randomMessage(r);
                sent.add(m);
                total += Codec.size(m);
            }
            ByteBuffer stream = ByteBuffer.allocate(total);
            for (Message m : sent) {
                Codec.encode(m, stream);
            }
            stream.flip();
            Framer f = new Framer();
            List<Message> got = new ArrayList<>();
            while (stream.hasRemaining()) {
                int n = Math.min(stream.remaining(), r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(300));
                got.addAll(f.feed(stream.slice(stream.position(), n)));
                stream.position(stream.position() + n);
            }
            assertThat(got).isEqualTo(sent);
            assertThat(f.buffered()).isZero();
        }
    }

    @Test
    void aPartialMessageWaitsForTheRest() throws ProtocolException {
        ByteBuffer b = Codec.encode(CodecTest.sample());
        Framer f = new Framer();
        assertThat(f.feed(b.slice(0, 10))).isEmpty();
        assertThat(f.buffered()).isEqualTo(10);
        assertThat(f.feed(b.slice(10, b.remaining() - 10))).containsExactly(CodecTest.sample());
    }

    @Test
    void aBadLengthBreaksTheStreamForGood() throws ProtocolException {
        ByteBuffer good = Codec.encode(CodecTest.sample());
        byte[] bad = new byte[16];
        bad[14] = 9;
        Framer f = new Framer();
        assertThat(f.feed(good.duplicate())).hasSize(1);
        ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> f.feed(ByteBuffer.wrap(bad)));
        assertThat(e.reason()).isEqualTo(ProtocolException.Reason.BAD_LENGTH);
        assertThat(e.offset()).isEqualTo(good.remaining() + 14);
        assertThat(catchThrowableOfType(ProtocolException.class, () -> f.feed(good.duplicate()))).isSameAs(e);
    }
}
