package capsim.bench;

import capsim.kernel.Boot;
import capsim.kernel.BufferSlot;
import capsim.kernel.CapType;
import capsim.kernel.Kernel;
import capsim.kernel.Rights;
import capsim.kernel.variant.Variants;
import capsim.visual.DiagramEngine;
import capsim.visual.StateDiagram;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering a large state (2,000 objects by default) to SVG, per engine. The requirement: under 10 s with
 * the native dot. Two ways to run it:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar capsim.bench.RenderBenchmark [objects] [native|j2v8|both]
 * java -jar benchmarks/target/benchmarks.jar RenderBenchmark -f 1 -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class RenderBenchmark {

    @Param({"2000"})
    public int objects;

    @Param({"native", "j2v8"})
    public String engine;

    private String dot;

    @Setup(Level.Trial)
    public void setUp() {
        DiagramEngine.use(DiagramEngine.Kind.parse(engine));
        dot = StateDiagram.of(bigState(objects)).dot();
        DiagramEngine.svg("digraph { a -> b }"); // start the engine outside the measurement
    }

    /** DOT to SVG only. */
    @Benchmark
    public int render() {
        return DiagramEngine.svg(dot).length();
    }

    /**
     * A state of {@code objects} + 1 live objects (rounded to hundreds): activities of 100 objects under the
     * root, each with a thread, a root capability page holding capabilities to most of what is charged to
     * it, a spare frame, and 32 each of buffers (with thread, address space and payload frame), frames and
     * queues.
     */
    public static Kernel bigState(int objects) {
        Kernel k = new Kernel(Variants.byName("revised").orElseThrow());
        Boot b = k.boot();
        int perActivity = 100;
        int activities = Math.max(1, objects / perActivity);
        for (int a = 0; a < activities; a++) {
            int act = b.activity(k.rootActivity(), 0);
            int thread = b.allocate(CapType.THREAD, act);
            int page = b.allocate(CapType.CAPPAGE, act);
            b.configureThread(thread, page, act);
            b.setSlot(page, 0, b.cap(act));
            b.setSlot(page, 1, b.cap(thread));
            int spare = b.allocate(CapType.FRAME, act);
            b.setSlot(page, 2, b.cap(spare));
            int slot = 3;
            int rest = perActivity - 4;
            for (int i = 0; i < rest / 3; i++) {
                int buf = b.allocate(CapType.MESSAGE_BUFFER, act);
                int frame = b.allocate(CapType.FRAME, act);
                int queue = b.allocate(CapType.MESSAGE_QUEUE, act);
                b.setBufferSlot(buf, BufferSlot.THREAD, b.cap(thread));
                b.setBufferSlot(buf, BufferSlot.AS_ROOT, b.cap(page));
                b.setBufferSlot(buf, BufferSlot.PAYLOAD, b.cap(frame));
                b.writeFrame(frame, new int[0], ("m" + i).getBytes());
                b.setSlot(page, slot++, b.cap(buf));
                b.setSlot(page, slot++, b.cap(queue, i % 2 == 0 ? Rights.FULL : Rights.WEAK, i));
            }
        }
        return k;
    }

    /** A single-shot measurement without JMH: builds, renders once to warm up, then times one render per engine. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String which = args.length > 1 ? args[1] : "both";
        Kernel k = bigState(n);
        long t0 = System.nanoTime();
        String dot = StateDiagram.of(k).dot();
        long t1 = System.nanoTime();
        System.out.printf(Locale.ROOT, "state: %d live objects; DOT: %d KB built in %.2f s%n",
                k.heap().liveCount(), dot.length() / 1024, (t1 - t0) / 1e9);
        for (String e : which.equals("both") ? new String[] {"native", "j2v8"} : new String[] {which}) {
            DiagramEngine.Kind kind = DiagramEngine.Kind.parse(e);
            if (kind == DiagramEngine.Kind.NATIVE && !DiagramEngine.nativeAvailable()) {
                System.out.println(e + ": not installed");
                continue;
            }
            DiagramEngine.use(kind);
            DiagramEngine.svg("digraph { a -> b }");
            long s = System.nanoTime();
            int len = DiagramEngine.svg(dot).length();
            double secs = (System.nanoTime() - s) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %.2f s to SVG (%d KB) -- %s%n", e, secs, len / 1024, DiagramEngine.describe());
        }
    }
}
