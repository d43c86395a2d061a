package capsim.kernel.check;

import capsim.kernel.Event;
import capsim.kernel.Kernel;
import capsim.kernel.MessageBuffer;
import capsim.kernel.TransferState;
import capsim.kernel.Trace;
import org.eclipse.collections.api.map.primitive.MutableIntObjectMap;
import org.eclipse.collections.api.set.primitive.MutableIntSet;
import org.eclipse.collections.impl.map.mutable.primitive.IntObjectHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;

/**
 * Every sent message is queued, in transfer, delivered, or reported to its sender as failed (or withdrawn
 * by it): never lost, never ended twice. Read off the trace and checked against the state.
 * Source: the Viengoos destroy path ("wakes every waiting sender with EFAULT"), CAPS close semantics.
 */
public final class MessageConservation implements Invariant {
    public String name() {
        return "message-conservation";
    }

    public String description() {
        return "every sent message is queued, in transfer, delivered or reported failed: never lost, never duplicated";
    }

    public Violation check(StepView s) {
        Kernel k = s.after();
        MutableIntObjectMap<String> ended = new IntObjectHashMap<>();
        MutableIntSet sent = new IntHashSet();
        Trace trace = k.trace();
        for (int i = 0; i < trace.size(); i++) {
            Event e = trace.get(i);
            if (e instanceof Event.Sent x) {
                sent.add(x.msg());
                continue;
            }
            Ending end = ending(e);
            if (end == null) {
                continue;
            }
            int msg = end.msg();
            String how = end.how();
            String before = ended.put(msg, how);
            if (before != null) {
                return new Violation(name(), "msg " + msg + " ended twice: " + before + ", then " + how);
            }
            if (!sent.contains(msg)) {
                return new Violation(name(), "msg " + msg + " " + how + " but was never sent");
            }
        }
        MutableIntSet alive = new IntHashSet();
        for (int oid = 0; oid < k.heap().highWater(); oid++) {
            if (k.heap().get(oid) instanceof MessageBuffer b && b.inFlightMessage() != 0
                    && (b.waitingOn() != capsim.kernel.KernelObject.NO_OID || b.inTransfer())) {
                alive.add(b.inFlightMessage());
            }
        }
        for (TransferState t : k.inProgress()) {
            alive.add(t.msg());
        }
        for (int msg : sent.toSortedArray()) {
            boolean isEnded = ended.containsKey(msg);
            if (!isEnded && !alive.contains(msg)) {
                return new Violation(name(), "msg " + msg + " was sent but is neither queued, in transfer, delivered nor failed: lost");
            }
            if (isEnded && alive.contains(msg)) {
                return new Violation(name(), "msg " + msg + " is " + ended.get(msg) + " and still queued");
            }
        }
        return null;
    }

    /** A message's end as an event records it: which message, and how ("delivered", "failed", "withdrawn"). */
    public record Ending(int msg, String how) {
    }

    /** The message {@code e} ends, or null when it ends none (the explorer's one-step form shares this). */
    public static Ending ending(Event e) {
        return switch (e) {
            case Event.Delivered x -> new Ending(x.msg(), "delivered");
            case Event.SenderFailed x -> new Ending(x.msg(), "failed");
            case Event.MessageWithdrawn x -> new Ending(x.msg(), "withdrawn");
            default -> null;
        };
    }
}
