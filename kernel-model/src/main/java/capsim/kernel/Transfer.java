package capsim.kernel;

/**
 * One message transfer from a source buffer into a target buffer: its state and its steps.
 *
 * <p>A transfer is a sequence of units of kernel work in phases: CAPS copies MIN(source cap_count, target
 * cap_count) capabilities, one a unit ({@link #copyOneCap}); REST voids the target's remaining addresses;
 * BYTES copies the data (only where the frames stay put); FINISH does the frame movement and the
 * activations as one indivisible unit. What happens to the frames is the transfer's {@link FrameMode}.
 * Where the variant is preemptible a transfer stops at a preemption point whenever the step's work bound
 * is reached, and {@link Kernel#resume()} continues it from here (seL4 likewise preempts long operations
 * and restarts them from saved progress).
 */
final class Transfer implements Work {
    enum Phase { CAPS, REST, BYTES, FINISH }

    final int msg;
    final int source;
    final int target;
    /** MIN(source cap_count, target cap_count). */
    final int caps;
    /** The transfer's frame treatment (degrades to byte copying when the source has no frame). */
    final FrameMode mode;
    /**
     * The source frame, held by the kernel once revoked from the sender, and the target frame at the start
     * (void when none). Written down only when the transfer stops at a preemption point: a transfer that
     * runs to its end in one step passes the frames along and allocates no capabilities for them.
     */
    Capability sourceFrame;
    Capability targetFrame;
    /** The target's cap_count at the start (the addresses to fill or void). */
    final int targetCapCount;
    /** The source's cap_count at the start. */
    final int sourceCapCount;
    Phase phase = Phase.CAPS;
    int index;

    Transfer(int msg, int source, int target, int caps, FrameMode mode,
             Capability sourceFrame, Capability targetFrame, int targetCapCount, int sourceCapCount) {
        this.msg = msg;
        this.source = source;
        this.target = target;
        this.caps = caps;
        this.mode = mode;
        this.sourceFrame = sourceFrame;
        this.targetFrame = targetFrame;
        this.targetCapCount = targetCapCount;
        this.sourceCapCount = sourceCapCount;
    }

    @Override
    public Transfer copy() {
        Transfer t = new Transfer(msg, source, target, caps, mode, sourceFrame, targetFrame, targetCapCount, sourceCapCount);
        t.phase = phase;
        t.index = index;
        return t;
    }

    TransferState view() {
        return new TransferState(msg, source, target, caps, phase.name().toLowerCase(java.util.Locale.ROOT), index);
    }

    // ------------------------------------------------------------------ the steps

    /** Starts message {@code msg} from {@code s} into {@code tb} and runs it to the end or a preemption point. */
    static Outcome start(Kernel k, int msg, MessageBuffer s, MessageBuffer tb) {
        if (k.waiting.blocksOnDelivery()) {
            tb.setBlocked(true);
        }
        Frame sf = Buffers.payloadFrame(k, s);
        Frame tf = Buffers.payloadFrame(k, tb);
        // With no source frame, or one frame shared by both buffers, there is nothing to move: copy instead.
        FrameMode mode = sf == null || sf == tf ? CopyBytes.INSTANCE : k.frameMode;
        int tCount = tf == null ? 0 : tf.capCount();
        int sCount = sf == null ? 0 : sf.capCount();
        // MIN(count): seed 001 and messenger.c copy as many capabilities as both pages name.
        int n = Math.min(sCount, tCount);
        Transfer x = new Transfer(msg, s.oid(), tb.oid(), n, mode, Capability.VOID, Capability.VOID, tCount, sCount);
        tb.setProtectedPayload(s.protectedPayload());
        k.trace.add(new Event.TransferStarted(msg, s.oid(), tb.oid(), n));
        k.stepWork++;
        mode.start(k, x, s, sf);
        return x.run(k, s, tb, sf, tf) ? Outcome.DELIVERED : Outcome.IN_PROGRESS;
    }

    /** Continues a preempted transfer until it finishes (true) or reaches a preemption point (false). */
    boolean run(Kernel k) {
        MessageBuffer s = (MessageBuffer) k.heap.get(source);
        MessageBuffer tb = (MessageBuffer) k.heap.get(target);
        Frame sf = k.heap.lookup(sourceFrame) instanceof Frame f1 ? f1 : null;
        Frame tf = k.heap.lookup(targetFrame) instanceof Frame f2 ? f2 : null;
        return run(k, s, tb, sf, tf);
    }

    private boolean run(Kernel k, MessageBuffer s, MessageBuffer tb, Frame sf, Frame tf) {
        // The frame that collects the target's slot addresses: the one the target will hold at the end.
        Frame holder = mode.addressHolder(sf, tf);
        while (true) {
            switch (phase) {
                case CAPS -> {
                    int cost = mode.capCost();
                    while (index < caps) {
                        if (mustPreempt(k, cost)) {
                            return preempt(k, s, tb, sf, tf);
                        }
                        copyOneCap(k, s, tb, sf, tf, holder);
                        k.stepWork += cost;
                        index++;
                    }
                    phase = Phase.REST;
                    mode.capsCopied(this, sf);
                }
                case REST -> {
                    while (index < targetCapCount) {
                        if (mustPreempt(k, 1)) {
                            return preempt(k, s, tb, sf, tf);
                        }
                        if (holder != null && index < holder.capCount()) {
                            holder.setCapAddress(index, CapAddress.NONE);
                        }
                        k.stepWork++;
                        index++;
                    }
                    mode.addressesDone(k, this, sf, tf);
                    phase = mode.copiesBytes() ? Phase.BYTES : Phase.FINISH;
                    index = 0;
                }
                case BYTES -> {
                    int total = CopyBytes.bytesToCopy(sf, tf);
                    while (index * Kernel.BYTES_PER_UNIT < total) {
                        if (mustPreempt(k, 1)) {
                            return preempt(k, s, tb, sf, tf);
                        }
                        index++;
                        k.stepWork++;
                    }
                    CopyBytes.copy(k, this, sf, tf, total);
                    phase = Phase.FINISH;
                    index = 0;
                }
                case FINISH -> {
                    // Everything the last unit does: the frame movement, clearing and freeing pages, the activations.
                    int activations = (tb.activateOnReceive() ? 1 : 0) + (s.activateOnSend() ? 1 : 0);
                    int cost = 2 + activations + mode.finishCost(this, sf, tf);
                    if (mustPreempt(k, cost)) {
                        return preempt(k, s, tb, sf, tf);
                    }
                    int start = k.stepWork;
                    finish(k, s, tb, sf, tf);
                    k.stepWork = start + cost;
                    return true;
                }
            }
        }
    }

    /**
     * Copies capability {@link #index}: the source's capability at its address (void if unresolvable) goes
     * into the target's slot at its address; a target address that does not resolve to a writable slot
     * receives nothing and reads as none in the page the target gets.
     */
    private void copyOneCap(Kernel k, MessageBuffer s, MessageBuffer tb, Frame sf, Frame tf, Frame holder) {
        int i = index;
        int targetAddr = tf != null && i < tf.capCount() ? tf.capAddress(i) : CapAddress.NONE;
        long slot = CapSpace.locate(k, tb.asRoot(), targetAddr);
        if (slot >= 0 && CapSpace.isWeak(slot)) {
            slot = -1;
        }
        int sourceAddr = sf != null && i < sf.capCount() ? sf.capAddress(i) : CapAddress.NONE;
        Capability cap = CapSpace.fetchOrVoid(k, s.asRoot(), sourceAddr);
        if (slot >= 0) {
            CapSpace.storeAt(k, slot, cap);
            k.trace.add(new Event.CapTransferred(msg, i, cap, CapSpace.pageOf(slot), CapSpace.slotOf(slot)));
        } else {
            k.trace.add(new Event.CapTransferred(msg, i, cap, -1, -1));
        }
        // The target's slot address (none when nothing was stored) goes into the page the target will hold.
        // Where that page is the target's own, a stored slot's address is already there.
        if (holder != null && i < holder.capCount() && (holder != tf || slot < 0)) {
            holder.setCapAddress(i, slot >= 0 ? targetAddr : CapAddress.NONE);
        }
    }

    private void finish(Kernel k, MessageBuffer s, MessageBuffer tb, Frame sf, Frame tf) {
        mode.finish(k, this, s, tb, sf, tf);
        s.setInFlightMessage(0);
        s.setInTransfer(false);
        tb.setInTransfer(false);
        k.trace.add(new Event.Delivered(msg, s.oid(), tb.oid()));
        if (tb.activateOnReceive()) {
            Activations.activate(k, tb.thread(), tb, msg);
        }
        if (s.activateOnSend()) {
            Activations.activate(k, s.thread(), s, msg);
        }
    }

    private static boolean mustPreempt(Kernel k, int cost) {
        return k.variant.preemptible() && k.stepWork + cost > k.workBound();
    }

    private boolean preempt(Kernel k, MessageBuffer s, MessageBuffer tb, Frame sf, Frame tf) {
        // The frames' current identities: the source frame's after any re-identification at the start.
        sourceFrame = sf == null ? Capability.VOID : sf.capability();
        targetFrame = tf == null ? Capability.VOID : tf.capability();
        s.setInTransfer(true);
        tb.setInTransfer(true);
        k.inProgress.addLast(this);
        k.trace.add(new Event.Preempted(msg, k.stepWork));
        return false;
    }
}
