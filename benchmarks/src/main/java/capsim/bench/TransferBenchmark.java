package capsim.bench;

import capsim.kernel.Boot;
import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapType;
import capsim.kernel.Kernel;
import capsim.kernel.MessageBuffer;
import capsim.kernel.Outcome;
import capsim.kernel.Rights;
import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.Variant;
import capsim.kernel.variant.Variants;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one message transfer in the model against the JVM's floor for moving a message.
 *
 * <p>{@code transfer}: the client writes a message of 4 capabilities and 64 bytes, sends it to the server
 * (frame hand-off where the variant has it, activation of the server), and both return to a ready state
 * (the server collects and waits again). {@code baselineQueueHandoff}: one object through an
 * ArrayBlockingQueue (offer + poll) plus copying 4 references. {@code transferScaling}: {@code transfer}
 * with {@code liveObjects} objects in the heap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TransferBenchmark {

    /** A client and a server on one kernel, the server waiting to receive 4 capabilities. */
    @State(Scope.Thread)
    public static class World {
        @Param({"revised"})
        public String variant;

        /** Whether the kernel records trace events ("off": the state changes only). */
        @Param({"on", "off"})
        public String trace;

        Kernel kernel;
        int client;
        int server;
        int[] requestCaps;
        byte[] bytes;
        int target;
        int queue;
        final int request = CapAddress.of(3);
        final int receive = CapAddress.of(3);

        @Setup(Level.Trial)
        public void setUp() {
            build(0);
        }

        void build(int filler) {
            Variant v = Variants.byName(variant).orElseThrow(() -> new IllegalArgumentException("no variant " + variant));
            kernel = new Kernel(v);
            Boot boot = kernel.boot();
            int root = kernel.rootActivity();
            int fillAct = boot.activity(root, 0);
            // Filler objects interleaved before the parties, so the parties' oids sit high in the heap.
            for (int i = 0; i < filler; i++) {
                boot.allocate(CapType.FRAME, fillAct);
            }
            int ca = boot.activity(root, 0);
            int sa = boot.activity(root, 0);
            client = boot.allocate(CapType.THREAD, ca);
            server = boot.allocate(CapType.THREAD, sa);
            int croot = boot.allocate(CapType.CAPPAGE, ca);
            int sroot = boot.allocate(CapType.CAPPAGE, sa);
            boot.configureThread(client, croot, ca);
            boot.configureThread(server, sroot, sa);
            int cbuf = boot.allocate(CapType.MESSAGE_BUFFER, ca);
            int sbuf = boot.allocate(CapType.MESSAGE_BUFFER, sa);
            boot.setBufferSlot(cbuf, BufferSlot.THREAD, boot.cap(client));
            boot.setBufferSlot(cbuf, BufferSlot.AS_ROOT, boot.cap(croot));
            boot.setBufferSlot(sbuf, BufferSlot.THREAD, boot.cap(server));
            boot.setBufferSlot(sbuf, BufferSlot.AS_ROOT, boot.cap(sroot));
            boot.configureBuffer(sbuf, MessageBuffer.ACTIVATE_ON_RECEIVE, 1);
            boot.setSlot(croot, 3, boot.cap(cbuf));
            boot.setSlot(sroot, 3, boot.cap(sbuf));
            boolean queues = v.queues() == QueueModel.FIRST_CLASS;
            int dest = sbuf;
            if (queues) {
                dest = boot.allocate(CapType.MESSAGE_QUEUE, sa);
                boot.setSlot(sroot, 6, boot.cap(dest));
            }
            boot.setSlot(croot, 5, boot.cap(dest, Rights.WEAK, 0));
            // Four capabilities to send, from two levels of the client's space.
            int sub = boot.allocate(CapType.CAPPAGE, ca);
            boot.setSlot(croot, 8, boot.cap(sub));
            for (int i = 0; i < 4; i++) {
                boot.setSlot(sub, i, boot.cap(boot.allocate(CapType.FRAME, ca)));
            }
            requestCaps = new int[] {CapAddress.of(8, 0), CapAddress.of(8, 1), CapAddress.of(8, 2), CapAddress.of(8, 3)};
            bytes = new byte[64];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
            target = CapAddress.of(5);
            queue = queues ? CapAddress.of(6) : CapAddress.NONE;
            kernel.writeMessage(server, receive,
                    new int[] {CapAddress.of(20), CapAddress.of(21), CapAddress.of(22), CapAddress.of(23)}, new byte[0]);
            kernel.receive(server, receive, queue, true);
            kernel.trace().clear();
            kernel.trace().setRecording(trace.equals("on"));
        }

        /** One round: write, send (deliver + activate), server collects and waits again. */
        Outcome round() {
            kernel.writeMessage(client, request, requestCaps, bytes);
            Outcome o = kernel.send(client, request, target, true);
            kernel.collect(server);
            kernel.receive(server, receive, queue, true);
            kernel.trace().clear();
            return o;
        }
    }

    /** The same world with many live objects in the heap. */
    @State(Scope.Thread)
    public static class BigWorld extends World {
        @Param({"1000", "100000", "1000000"})
        public int liveObjects;

        @Setup(Level.Trial)
        @Override
        public void setUp() {
            build(liveObjects);
        }
    }

    @State(Scope.Thread)
    public static class Baseline {
        final ArrayBlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(16);
        final Object[] message = new Object[4];
        final Object[] received = new Object[4];
        final Object[] caps = {new Object(), new Object(), new Object(), new Object()};
    }

    @Benchmark
    public Outcome transfer(World w) {
        return w.round();
    }

    @Benchmark
    public Outcome transferScaling(BigWorld w) {
        return w.round();
    }

    @Benchmark
    public Object[] baselineQueueHandoff(Baseline b) {
        System.arraycopy(b.caps, 0, b.message, 0, 4);
        b.queue.offer(b.message);
        Object[] m = b.queue.poll();
        System.arraycopy(m, 0, b.received, 0, 4);
        return b.received;
    }
}
