package capsim.personality.sel4;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.HashMap;
import java.util.Map;

/**
 * Endpoint and notification queues agree with thread states: an idle endpoint has an empty queue, a sending one
 * only threads blocked on send to it, a receiving one only threads blocked on receive on it; a waiting
 * notification only threads blocked on it, an active or idle one none; every blocked thread is in the queue of
 * what it waits on, exactly once, and in no other queue.
 */
public final class QueuesConsistent implements PersonalityInvariant<Sel4World> {
    public String name() {
        return "sel4-queues";
    }

    public String description() {
        return "endpoint and notification queues hold exactly the threads blocked on them, in a state that matches";
    }

    public String check(Sel4World before, Sel4World after, PersonalityAction<Sel4World> action, String outcome) {
        Map<String, String> queuedIn = new HashMap<>();
        for (Sel4Object o : after.objects().values()) {
            if (o instanceof Endpoint ep) {
                if ((ep.state() == Endpoint.State.IDLE) != ep.queue().isEmpty()) {
                    return "endpoint " + ep.name() + " is " + ep.state() + " with queue " + ep.queue();
                }
                for (String t : ep.queue()) {
                    if (queuedIn.put(t, ep.name()) != null) {
                        return t + " is queued twice";
                    }
                    Tcb x = after.tcb(t);
                    boolean ok = x != null && (ep.state() == Endpoint.State.SEND
                            ? x.state() instanceof ThreadState.BlockedOnSend s && s.endpoint().equals(ep.name())
                            : x.state() instanceof ThreadState.BlockedOnReceive r && r.endpoint().equals(ep.name()));
                    if (!ok) {
                        return t + " is in " + ep.name() + "'s " + ep.state() + " queue but is "
                                + (x == null ? "gone" : x.state().word());
                    }
                }
            } else if (o instanceof Notification n) {
                if ((n.state() == Notification.State.WAITING) == n.queue().isEmpty()) {
                    return "notification " + n.name() + " is " + n.state() + " with queue " + n.queue();
                }
                for (String t : n.queue()) {
                    if (queuedIn.put(t, n.name()) != null) {
                        return t + " is queued twice";
                    }
                    Tcb x = after.tcb(t);
                    if (x == null || !(x.state() instanceof ThreadState.BlockedOnNotification b && b.notification().equals(n.name()))) {
                        return t + " waits in " + n.name() + " but is " + (x == null ? "gone" : x.state().word());
                    }
                }
            }
        }
        for (Sel4Object o : after.objects().values()) {
            if (o instanceof Tcb t) {
                String on = switch (t.state()) {
                    case ThreadState.BlockedOnSend s -> s.endpoint();
                    case ThreadState.BlockedOnReceive r -> r.endpoint();
                    case ThreadState.BlockedOnNotification b -> b.notification();
                    default -> null;
                };
                if (on != null && !on.equals(queuedIn.get(t.name()))) {
                    return t.name() + " is " + t.state().word() + " on " + on + " but not in its queue";
                }
            }
        }
        return null;
    }
}
