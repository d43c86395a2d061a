package capsim.kernel;

/**
 * Activation: how a delivery (or an error) wakes the thread a buffer names. A thread not in activated mode
 * is activated now; one already activated gets the activation queued, and {@link #collect} (leaving
 * activated mode) takes the oldest still-live one. Viengoos' activations work this way: a thread handles
 * one activation at a time and further ones wait. Stateless: pending activations live on the thread.
 */
final class Activations {
    private Activations() {
    }

    /** Activates the thread {@code threadCap} names for buffer {@code b} and message {@code msg}, or queues it. */
    static void activate(Kernel k, Capability threadCap, MessageBuffer b, int msg) {
        k.stepWork++;
        KernelThread th = k.heap.lookup(threadCap) instanceof KernelThread t ? t : null;
        if (th == null) {
            k.trace.add(new Event.ActivationDropped(msg, b.oid(), KernelObject.NO_OID, Event.DropReason.NO_THREAD));
        } else if (!th.activated()) {
            th.activate(b.oid(), b.id(), b.protectedPayload());
            k.trace.add(new Event.Activated(msg, th.oid(), b.oid(), b.id(), b.protectedPayload()));
        } else {
            th.addPending(b.oid(), b.version(), msg);
            k.trace.add(new Event.ActivationPending(msg, th.oid(), b.oid()));
        }
    }

    /** The thread leaves activated mode; the oldest pending buffer still live, if any, activates it again. */
    static void collect(Kernel k, int thread) {
        KernelThread t = CapSpace.invoker(k, thread);
        if (!t.activated()) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "thread#" + thread + " is not in activated mode");
        }
        t.deactivate();
        k.trace.add(new Event.Collected(thread));
        while (t.hasPending()) {
            long e = t.nextPending();
            int msg = t.nextPendingMessage();
            t.dropNextPending();
            int oid = (int) (e >>> 32);
            KernelObject o = k.heap.get(oid);
            if (o instanceof MessageBuffer b && b.version() == (int) e) {
                t.activate(b.oid(), b.id(), b.protectedPayload());
                k.trace.add(new Event.Activated(0, thread, b.oid(), b.id(), b.protectedPayload()));
                break;
            }
            // The buffer that waited was freed (its oid may name a new object now): say which, and for what.
            k.stepWork++;
            k.trace.add(new Event.ActivationDropped(msg, oid, thread, Event.DropReason.BUFFER_FREED));
        }
    }
}
