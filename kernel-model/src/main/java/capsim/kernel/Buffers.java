package capsim.kernel;

/**
 * Message buffers and message pages: a buffer's slots, flags and id, and writing and reading the message
 * page (capability addresses and bytes) in its payload frame. A buffer with no live frame gets a fresh one
 * when a message is written ("the next access of the source buffer will allocate a fresh frame", seed 001).
 * Stateless: everything lives in the {@link Kernel} passed in.
 */
final class Buffers {
    private Buffers() {
    }

    /** Stores the capability at {@code src} in slot {@code slot} of the buffer at {@code bufAddr}. */
    static void setBufferSlot(Kernel k, int thread, int bufAddr, BufferSlot slot, int src) {
        KernelThread t = CapSpace.invoker(k, thread);
        MessageBuffer b = CapSpace.strongBuffer(k, t, bufAddr);
        Lifecycle.requireNotInTransfer(k, b);
        Capability c = CapSpace.fetch(k, t.asRoot(), src);
        CapSpace.requireVoidOr(c, slot.holds(), src);
        b.setSlot(slot, c);
        k.trace.add(new Event.BufferSlotSet(thread, b.oid(), slot, c));
    }

    /** Copies slot {@code slot} of the buffer at {@code bufAddr} into the thread's slot at {@code dst}. */
    static void getBufferSlot(Kernel k, int thread, int bufAddr, BufferSlot slot, int dst) {
        KernelThread t = CapSpace.invoker(k, thread);
        // A weak buffer capability is the right to send to the buffer, not to inspect it.
        MessageBuffer b = CapSpace.strongBuffer(k, t, bufAddr);
        long s = CapSpace.writableSlot(k, t.asRoot(), dst);
        Capability c = b.slot(slot);
        c = k.heap.lookup(c) == null ? Capability.VOID : c;
        CapSpace.storeResult(k, thread, s, c);
    }

    static void requireFlags(int flags) {
        if ((flags & ~(MessageBuffer.ACTIVATE_ON_SEND | MessageBuffer.ACTIVATE_ON_RECEIVE)) != 0) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "unknown buffer flags " + flags);
        }
    }

    static void configureBuffer(Kernel k, int thread, int bufAddr, int flags, long id) {
        KernelThread t = CapSpace.invoker(k, thread);
        MessageBuffer b = CapSpace.strongBuffer(k, t, bufAddr);
        b.setFlags(flags);
        b.setId(id);
        k.trace.add(new Event.BufferConfigured(b.oid(), flags, id));
    }

    /** Writes a message into the buffer's payload frame, first giving the buffer a fresh frame if it has none. */
    static void writeMessage(Kernel k, int thread, int bufAddr, int[] capAddresses, byte[] bytes) {
        KernelThread t = CapSpace.invoker(k, thread);
        MessageBuffer b = CapSpace.strongBuffer(k, t, bufAddr);
        Lifecycle.requireNotInTransfer(k, b);
        Frame f = payloadFrame(k, b);
        if (f == null) {
            Activity a = Quotas.threadActivity(k, t);
            Quotas.requireQuota(k, a);
            f = (Frame) Lifecycle.create(k, CapType.FRAME, a);
            b.setSlot(BufferSlot.PAYLOAD, f.capability());
        }
        f.write(capAddresses, bytes);
        k.trace.add(new Event.MessageWritten(b.oid(), f.oid(), capAddresses.length, bytes.length));
    }

    /** Writes a message page directly through a strong frame capability. */
    static void writeFrame(Kernel k, int thread, int frameAddr, int[] capAddresses, byte[] bytes) {
        KernelThread t = CapSpace.invoker(k, thread);
        Capability c = CapSpace.fetch(k, t.asRoot(), frameAddr);
        Frame f = CapSpace.requireType(k, c, frameAddr, Frame.class, CapType.FRAME);
        CapSpace.requireStrong(c, frameAddr);
        f.write(capAddresses, bytes);
        k.trace.add(new Event.MessageWritten(KernelObject.NO_OID, f.oid(), capAddresses.length, bytes.length));
    }

    static MessagePage readFrame(Kernel k, int thread, int frameAddr) {
        KernelThread t = CapSpace.invoker(k, thread);
        Capability c = CapSpace.fetch(k, t.asRoot(), frameAddr);
        Frame f = CapSpace.requireType(k, c, frameAddr, Frame.class, CapType.FRAME);
        return new MessagePage(f.capAddresses(), f.data());
    }

    /** The buffer's live payload frame, or null (none, or a stale capability). */
    static Frame payloadFrame(Kernel k, MessageBuffer b) {
        return k.heap.lookup(b.payload()) instanceof Frame f ? f : null;
    }

    /** Units of work for writing a message of {@code bytes}. */
    static int writeWork(byte[] bytes) {
        return 1 + bytes.length / Kernel.BYTES_PER_UNIT;
    }

    static void requireFits(int[] capAddresses, byte[] bytes) {
        if (capAddresses == null || bytes == null) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "a message needs an address array and a byte array");
        }
        if (!Frame.fits(capAddresses.length, bytes.length)) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "a message of " + capAddresses.length + " caps and "
                    + bytes.length + " bytes does not fit in a " + Frame.PAGE_SIZE + "-byte page");
        }
    }
}
