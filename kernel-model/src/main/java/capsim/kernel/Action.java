package capsim.kernel;

import java.util.Arrays;

/**
 * One kernel step as data: the operation, the invoking thread and its arguments (capability addresses
 * in that thread's space). Scenarios parse into actions, the checker generates them, counterexamples
 * print them; {@link #apply} runs one on a kernel. Refusals surface as {@link KernelException}.
 */
public sealed interface Action {

    /** The invoking thread's oid ({@link KernelObject#NO_OID} for the kernel's own {@link Resume}). */
    int thread();

    /** Runs the operation; returns what it returns (an {@link Outcome}, an oid, a capability, a page) or null. */
    Object apply(Kernel k);

    record CopyCap(int thread, int src, int dst, Rights mask) implements Action {
        public Object apply(Kernel k) {
            k.copyCap(thread, src, dst, mask);
            return null;
        }
    }

    record MintCap(int thread, int src, int dst, Rights mask, long payload) implements Action {
        public Object apply(Kernel k) {
            k.mintCap(thread, src, dst, mask, payload);
            return null;
        }
    }

    record ReadCap(int thread, int addr) implements Action {
        public Object apply(Kernel k) {
            return k.readCap(thread, addr);
        }
    }

    record Allocate(int thread, int activity, CapType type, int dst) implements Action {
        public Object apply(Kernel k) {
            return k.allocate(thread, activity, type, dst);
        }
    }

    record CreateActivity(int thread, int parent, long quota, int dst) implements Action {
        public Object apply(Kernel k) {
            return k.createActivity(thread, parent, quota, dst);
        }
    }

    record SetQuota(int thread, int activity, long quota) implements Action {
        public Object apply(Kernel k) {
            k.setQuota(thread, activity, quota);
            return null;
        }
    }

    record Free(int thread, int addr) implements Action {
        public Object apply(Kernel k) {
            k.free(thread, addr);
            return null;
        }
    }

    record ConfigureThread(int thread, int target, int asRoot, int activity) implements Action {
        public Object apply(Kernel k) {
            k.configureThread(thread, target, asRoot, activity);
            return null;
        }
    }

    record SetBufferSlot(int thread, int buffer, BufferSlot slot, int src) implements Action {
        public Object apply(Kernel k) {
            k.setBufferSlot(thread, buffer, slot, src);
            return null;
        }
    }

    record GetBufferSlot(int thread, int buffer, BufferSlot slot, int dst) implements Action {
        public Object apply(Kernel k) {
            k.getBufferSlot(thread, buffer, slot, dst);
            return null;
        }
    }

    record ConfigureBuffer(int thread, int buffer, int flags, long id) implements Action {
        public Object apply(Kernel k) {
            k.configureBuffer(thread, buffer, flags, id);
            return null;
        }
    }

    record WriteMessage(int thread, int buffer, int[] caps, byte[] bytes) implements Action {
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
        public Object apply(Kernel k) {
            return k.readFrame(thread, frame);
        }
    }

    record Send(int thread, int source, int target, boolean blocking) implements Action {
        public Object apply(Kernel k) {
            return k.send(thread, source, target, blocking);
        }
    }

    record Receive(int thread, int buffer, int queue, boolean blocking) implements Action {
        public Object apply(Kernel k) {
            return k.receive(thread, buffer, queue, blocking);
        }
    }

    record Rpc(int thread, int request, int target, int reply, int replyQueue) implements Action {
        public Object apply(Kernel k) {
            return k.rpc(thread, request, target, reply, replyQueue);
        }
    }

    record Collect(int thread) implements Action {
        public Object apply(Kernel k) {
            k.collect(thread);
            return null;
        }
    }

    /** The kernel scheduler continues the oldest unfinished transfer. */
    record Resume() implements Action {
        public int thread() {
            return KernelObject.NO_OID;
        }

        public Object apply(Kernel k) {
            return k.resume();
        }
    }
}
