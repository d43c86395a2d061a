package capsim.explore;

import capsim.kernel.Event;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.MessageBuffer;
import capsim.kernel.TransferState;
import capsim.kernel.check.Invariant;
import capsim.kernel.check.MessageConservation;
import capsim.kernel.check.StepView;
import capsim.kernel.check.Violation;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;

/**
 * {@link MessageConservation} checked from one step's events and the states on either side, so the search
 * need not keep every state's whole trace. Exact given that the invariant held on every earlier step of
 * the path (the search stops at the first break, so it did): then the messages ended before the step are
 * exactly those sent (serials 1..messagesSent, one {@code Sent} event each) and not alive, and the full
 * check's four conditions (not ended twice, not ended unsent, not lost, not ended yet alive) only need
 * what the step did. ExplorerTest checks that both forms agree on every step of many runs.
 */
final class StepwiseConservation implements Invariant {
    private final Invariant full = new MessageConservation();

    @Override
    public String name() {
        return full.name();
    }

    @Override
    public String description() {
        return full.description();
    }

    @Override
    public Violation check(StepView s) {
        Kernel before = s.before();
        Kernel after = s.after();
        IntHashSet aliveBefore = alive(before);
        int sentBefore = before.messagesSent();
        IntHashSet sentNow = new IntHashSet();
        IntHashSet endedNow = new IntHashSet();
        var events = after.trace().events();
        for (int i = before.trace().size(); i < events.size(); i++) {
            Event e = events.get(i);
            if (e instanceof Event.Sent x) {
                sentNow.add(x.msg());
                continue;
            }
            MessageConservation.Ending end = MessageConservation.ending(e);
            if (end == null) {
                continue;
            }
            int msg = end.msg();
            String how = end.how();
            boolean wasSent = (msg >= 1 && msg <= sentBefore) || sentNow.contains(msg);
            boolean endedBefore = msg >= 1 && msg <= sentBefore && !aliveBefore.contains(msg);
            if (endedBefore || !endedNow.add(msg)) {
                return new Violation(name(), "msg " + msg + " ended twice: then " + how);
            }
            if (!wasSent) {
                return new Violation(name(), "msg " + msg + " " + how + " but was never sent");
            }
        }
        IntHashSet aliveAfter = alive(after);
        for (int msg = 1; msg <= after.messagesSent(); msg++) {
            boolean ended = endedNow.contains(msg) || (msg <= sentBefore && !aliveBefore.contains(msg));
            boolean alive = aliveAfter.contains(msg);
            if (!ended && !alive) {
                return new Violation(name(), "msg " + msg + " was sent but is neither queued, in transfer, delivered nor failed: lost");
            }
            if (ended && alive) {
                return new Violation(name(), "msg " + msg + " is ended and still queued");
            }
        }
        return null;
    }

    /** Messages queued or in transfer, as the full check reads them off the state. */
    private static IntHashSet alive(Kernel k) {
        IntHashSet alive = new IntHashSet();
        for (int oid = 0; oid < k.heap().highWater(); oid++) {
            if (k.heap().get(oid) instanceof MessageBuffer b && b.inFlightMessage() != 0
                    && (b.waitingOn() != KernelObject.NO_OID || b.inTransfer())) {
                alive.add(b.inFlightMessage());
            }
        }
        for (TransferState t : k.inProgress()) {
            alive.add(t.msg());
        }
        return alive;
    }
}
