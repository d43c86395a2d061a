package capsim.kernel;

import static capsim.kernel.Syntax.address;
import static capsim.kernel.Syntax.NO_ADDRESS;
import static capsim.kernel.Syntax.addresses;
import static capsim.kernel.Syntax.defaulted;
import static capsim.kernel.Syntax.flag;
import static capsim.kernel.Syntax.keyword;
import static capsim.kernel.Syntax.number;
import static capsim.kernel.Syntax.of;
import static capsim.kernel.Syntax.optional;

import capsim.kernel.Syntax.Kind;
import java.util.Arrays;

/**
 * One kernel step as data: the operation, the invoking thread and its arguments (capability addresses
 * in that thread's space). Scenarios parse into actions, the checker generates them, counterexamples
 * print them; {@link #apply} runs one on a kernel. Refusals surface as {@link KernelException}.
 *
 * <p>Each record here is the whole definition of its operation: its arguments (the components), what it
 * does ({@link #apply}), and in its constant {@code OP} its scenario text and how the checker draws one
 * ({@link Operation}). {@link Operations} lists them. An operation defined elsewhere (a test's) is a record
 * implementing this interface with its own {@code OP}.
 */
public interface Action {

    /** The invoking thread's oid ({@link KernelObject#NO_OID} for the kernel's own {@link Resume}). */
    int thread();

    /** Runs the operation; returns what it returns (an {@link Outcome}, an oid, a capability, a page) or null. */
    Object apply(Kernel k);

    /** Its definition: text form, argument order, generator. */
    Operation<?> operation();

    /** This action invoked by thread {@code t} (the kernel's own {@link Resume} stays as it is). */
    default Action withThread(int t) {
        return operation().remake(this, t, a -> a);
    }

    /** This action invoked by {@code t} with every capability address argument mapped by {@code f}. */
    default Action withAddresses(int t, java.util.function.IntUnaryOperator f) {
        return operation().remake(this, t, f);
    }

    record CopyCap(int thread, int src, int dst, Rights mask) implements Action {
        public static final Operation<CopyCap> OP = Operation.of(CopyCap.class, "copy",
                address("src", "a source capability"), keyword("to", "'to <destination slot>'"),
                address("dst", "a destination slot address"), optional("rights", of("mask", Kind.RIGHTS, ""), Rights.FULL))
                .drawn(6, (r, k, t) -> new CopyCap(t, r.anySlot(), CapAddress.of(r.free()),
                        r.rnd().nextBoolean() ? Rights.FULL : Rights.WEAK));

        public Operation<CopyCap> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            k.copyCap(thread, src, dst, mask);
            return null;
        }
    }

    record MintCap(int thread, int src, int dst, Rights mask, long payload) implements Action {
        public static final Operation<MintCap> OP = Operation.of(MintCap.class, "mint",
                address("src", "a source capability"), keyword("to", "'to <destination slot>'"),
                address("dst", "a destination slot address"), keyword("payload", "'payload <n>'"),
                number("payload", "a protected payload", Long.MIN_VALUE, Long.MAX_VALUE),
                optional("rights", of("mask", Kind.RIGHTS, ""), Rights.FULL));

        public Operation<MintCap> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            k.mintCap(thread, src, dst, mask, payload);
            return null;
        }
    }

    record ReadCap(int thread, int addr) implements Action {
        public static final Operation<ReadCap> OP = Operation.of(ReadCap.class, "read", address("addr", "a capability"));

        public Operation<ReadCap> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            return k.readCap(thread, addr);
        }
    }

    record Allocate(int thread, int activity, CapType type, int dst) implements Action {
        public static final Operation<Allocate> OP = Operation.of(Allocate.class, "allocate",
                of("type", Kind.OBJECT_TYPE, "an object type (thread, cappage, frame, buffer, queue)"),
                keyword("from", "'from <activity>'"), address("activity", "the activity to allocate from"),
                keyword("to", "'to <destination slot>'"), address("dst", "a destination slot address"))
                .makes(v -> (CapType) v.get(0))
                .drawn(4, (r, k, t) -> {
                    CapType type = switch (r.rnd().nextInt(3)) {
                        case 0 -> CapType.FRAME;
                        case 1 -> CapType.CAPPAGE;
                        default -> CapType.MESSAGE_BUFFER;
                    };
                    return new Allocate(t, CapAddress.of(0), type, CapAddress.of(r.free()));
                });

        public Operation<Allocate> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            return k.allocate(thread, activity, type, dst);
        }
    }

    record CreateActivity(int thread, int parent, long quota, int dst) implements Action {
        public static final Operation<CreateActivity> OP = Operation.of(CreateActivity.class, "create-activity",
                keyword("from", "'from <parent activity>'"), address("parent", "the parent activity"),
                defaulted("quota", number("quota", "a quota", 0, Long.MAX_VALUE), 0L),
                keyword("to", "'to <destination slot>'"), address("dst", "a destination slot address"))
                .makes(v -> CapType.ACTIVITY)
                .drawn(2, (r, k, t) -> new CreateActivity(t, CapAddress.of(0), r.rnd().nextInt(4), CapAddress.of(r.free())));

        public Operation<CreateActivity> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            return k.createActivity(thread, parent, quota, dst);
        }
    }

    record SetQuota(int thread, int activity, long quota) implements Action {
        public static final Operation<SetQuota> OP = Operation.of(SetQuota.class, "set-quota",
                address("activity", "an activity"), number("quota", "a quota", 0, Long.MAX_VALUE))
                .drawn(2, (r, k, t) -> new SetQuota(t, CapAddress.of(0), r.rnd().nextInt(3) == 0 ? 0 : 8 + r.rnd().nextInt(24)));

        public Operation<SetQuota> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            k.setQuota(thread, activity, quota);
            return null;
        }
    }

    record Free(int thread, int addr) implements Action {
        public static final Operation<Free> OP = Operation.of(Free.class, "free", address("addr", "the capability to free"))
                .drawn(6, (r, k, t) -> {
                    // Own buffers and queue (targets others wait on), the mapped page, things allocated later.
                    int[] victims = {3, 4, 5, 6, 6, 7, 13, 14, 15, 15, 96, 97};
                    return new Free(t, CapAddress.of(victims[r.rnd().nextInt(victims.length)]));
                });

        public Operation<Free> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            k.free(thread, addr);
            return null;
        }
    }

    record ConfigureThread(int thread, int target, int asRoot, int activity) implements Action {
        public static final Operation<ConfigureThread> OP = Operation.of(ConfigureThread.class, "configure-thread",
                address("target", "a thread"), keyword("root", "'root <cappage>'"), address("asRoot", "its root cappage"),
                keyword("activity", "'activity <activity>'"), address("activity", "its activity"));

        public Operation<ConfigureThread> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            k.configureThread(thread, target, asRoot, activity);
            return null;
        }
    }

    record SetBufferSlot(int thread, int buffer, BufferSlot slot, int src) implements Action {
        public static final Operation<SetBufferSlot> OP = Operation.of(SetBufferSlot.class, "set-slot",
                address("buffer", "a buffer"), of("slot", Kind.BUFFER_SLOT, ""),
                keyword("from", "'from <capability>'"), address("src", "the capability to store"));

        public Operation<SetBufferSlot> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            k.setBufferSlot(thread, buffer, slot, src);
            return null;
        }
    }

    record GetBufferSlot(int thread, int buffer, BufferSlot slot, int dst) implements Action {
        public static final Operation<GetBufferSlot> OP = Operation.of(GetBufferSlot.class, "get-slot",
                address("buffer", "a buffer"), of("slot", Kind.BUFFER_SLOT, ""),
                keyword("to", "'to <destination slot>'"), address("dst", "a destination slot address"))
                .drawn(4, (r, k, t) -> new GetBufferSlot(t, r.own(), BufferSlot.PAYLOAD,
                        CapAddress.of(r.rnd().nextBoolean() ? 7 : r.free())));

        public Operation<GetBufferSlot> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            k.getBufferSlot(thread, buffer, slot, dst);
            return null;
        }
    }

    record ConfigureBuffer(int thread, int buffer, int flags, long id) implements Action {
        public static final Operation<ConfigureBuffer> OP = Operation.of(ConfigureBuffer.class, "configure",
                address("buffer", "a buffer"), keyword("flags", "'flags <flags>'"), of("flags", Kind.FLAGS, ""),
                defaulted("id", number("id", "an id", Long.MIN_VALUE, Long.MAX_VALUE), 0L))
                .drawn(3, (r, k, t) -> new ConfigureBuffer(t, r.own(), r.rnd().nextInt(4), r.rnd().nextInt(1000)));

        public Operation<ConfigureBuffer> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            k.configureBuffer(thread, buffer, flags, id);
            return null;
        }
    }

    record WriteMessage(int thread, int buffer, int[] caps, byte[] bytes) implements Action {
        /** The most capability addresses a message page holds (no bytes). */
        public static final int FULL_PAGE = (Frame.PAGE_SIZE - Frame.HEADER_SIZE) / Frame.ADDRESS_SIZE;

        public static final Operation<WriteMessage> OP = Operation.of(WriteMessage.class, "write",
                address("buffer", "a buffer"), addresses("caps", "a capability address"), of("bytes", Kind.BYTES, "the bytes"))
                .drawn(22, (r, k, t) -> {
                    int[] caps = r.message();
                    return new WriteMessage(t, r.own(), caps, caps.length == FULL_PAGE ? new byte[0] : r.bytes());
                });

        public Operation<WriteMessage> operation() {
            return OP;
        }

        public WriteMessage {
            caps = caps.clone();
            bytes = bytes.clone();
        }

        public Object apply(Kernel k) {
            k.writeMessage(thread, buffer, caps, bytes);
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WriteMessage w && w.thread == thread && w.buffer == buffer
                    && Arrays.equals(w.caps, caps) && Arrays.equals(w.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return (thread * 31 + buffer) * 31 + Arrays.hashCode(caps) * 17 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "WriteMessage[thread=" + thread + ", buffer=" + buffer + ", caps=" + Arrays.toString(caps)
                    + ", bytes=" + bytes.length + "]";
        }
    }

    record WriteFrame(int thread, int frame, int[] caps, byte[] bytes) implements Action {
        public static final Operation<WriteFrame> OP = Operation.of(WriteFrame.class, "write-frame",
                address("frame", "a frame"), addresses("caps", "a capability address"), of("bytes", Kind.BYTES, "the bytes"));

        public Operation<WriteFrame> operation() {
            return OP;
        }

        public WriteFrame {
            caps = caps.clone();
            bytes = bytes.clone();
        }

        public Object apply(Kernel k) {
            k.writeFrame(thread, frame, caps, bytes);
            return null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WriteFrame w && w.thread == thread && w.frame == frame
                    && Arrays.equals(w.caps, caps) && Arrays.equals(w.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return (thread * 31 + frame) * 31 + Arrays.hashCode(caps) * 17 + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "WriteFrame[thread=" + thread + ", frame=" + frame + ", caps=" + Arrays.toString(caps)
                    + ", bytes=" + bytes.length + "]";
        }
    }

    record ReadFrame(int thread, int frame) implements Action {
        public static final Operation<ReadFrame> OP = Operation.of(ReadFrame.class, "read-frame", address("frame", "a frame"))
                .drawn(3, (r, k, t) -> new ReadFrame(t, CapAddress.of(7)));

        public Operation<ReadFrame> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            return k.readFrame(thread, frame);
        }
    }

    record Send(int thread, int source, int target, boolean blocking) implements Action {
        public static final Operation<Send> OP = Operation.of(Send.class, "send",
                address("source", "the source buffer"), keyword("to", "'to <target>'"),
                address("target", "the target (a buffer or a queue)"), flag("blocking", "nonblocking", "blocking"))
                .drawn(18, (r, k, t) -> new Send(t, r.own(), r.target(t, k), r.rnd().nextInt(4) > 0));

        public Operation<Send> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            return k.send(thread, source, target, blocking);
        }
    }

    record Receive(int thread, int buffer, int queue, boolean blocking) implements Action {
        public static final Operation<Receive> OP = Operation.of(Receive.class, "receive",
                address("buffer", "the receiving buffer"), optional("from", address("queue", "a queue"), NO_ADDRESS),
                flag("blocking", "nonblocking", "blocking"))
                .drawn(16, (r, k, t) -> {
                    int buf = r.own();
                    return new Receive(t, buf, r.queues() ? CapAddress.of(6) : CapAddress.NONE, r.rnd().nextInt(4) > 0);
                });

        public Operation<Receive> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            return k.receive(thread, buffer, queue, blocking);
        }
    }

    record Rpc(int thread, int request, int target, int reply, int replyQueue) implements Action {
        public static final Operation<Rpc> OP = Operation.of(Rpc.class, "rpc",
                address("request", "the request buffer"), keyword("to", "'to <target>'"), address("target", "the target"),
                keyword("reply", "'reply <buffer>'"), address("reply", "the reply buffer"),
                optional("via", address("replyQueue", "the reply queue"), NO_ADDRESS))
                .drawn(4, (r, k, t) -> new Rpc(t, CapAddress.of(3), r.target(t, k), CapAddress.of(4),
                        r.queues() ? CapAddress.of(6) : CapAddress.NONE));

        public Operation<Rpc> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            return k.rpc(thread, request, target, reply, replyQueue);
        }
    }

    record Collect(int thread) implements Action {
        public static final Operation<Collect> OP = Operation.of(Collect.class, "collect")
                .drawn(10, (r, k, t) -> new Collect(t));

        public Operation<Collect> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            k.collect(thread);
            return null;
        }
    }

    /** The kernel scheduler continues the oldest unfinished transfer. */
    record Resume() implements Action {
        public static final Operation<Resume> OP = Operation.of(Resume.class, "resume");

        public Operation<Resume> operation() {
            return OP;
        }

        public int thread() {
            return KernelObject.NO_OID;
        }

        public Object apply(Kernel k) {
            return k.resume();
        }
    }
}
