package capsim.bench;

import capsim.stream.Codec;
import capsim.stream.Item;
import capsim.stream.Message;
import capsim.stream.ProtocolException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode + decode of one stream-protocol message with a payload of {@code payload} bytes (64 B and 32 KB),
 * into and out of a reused buffer. MB/s = payload / (ns/op) * 1000; messages/s = 1e9 / (ns/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StreamCodecBenchmark {
    @Param({"64", "32768"})
    public int payload;

    Message message;
    ByteBuffer buffer;

    @Setup
    public void setUp() {
        byte[] data = new byte[payload];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        message = new Message(7, 1, 3, false, List.of(Item.Leaf.of(1, data), new Item.Reference(2, 8, 99)));
        buffer = ByteBuffer.allocate(Codec.size(message));
    }

    @Benchmark
    public Message encodeDecode() throws ProtocolException {
        buffer.clear();
        Codec.encode(message, buffer);
        buffer.flip();
        return Codec.decode(buffer);
    }
}
