package capsim.personality.sel4;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.Map;

/**
 * No capability, CDT entry or thread state names what is gone: every capability names a live object of its kind,
 * every CDT link joins two filled slots, every blocked thread waits on a live endpoint or notification, bindings
 * are mutual, and every object has its live carrier in the kernel (and gone objects none).
 */
public final class NoDanglingCap implements PersonalityInvariant<Sel4World> {
    public String name() {
        return "sel4-no-dangling";
    }

    public String description() {
        return "after any step (a delete or revoke included) no capability, CDT link or thread state names a destroyed object";
    }

    public String check(Sel4World before, Sel4World after, PersonalityAction<Sel4World> action, String outcome) {
        for (Map.Entry<Slot, Cap> e : after.caps().entrySet()) {
            Cap c = e.getValue();
            if (!c.kind().designatesObject()) {
                continue;
            }
            Sel4Object o = after.object(c.object());
            if (o == null) {
                return e.getKey() + " holds " + c.text() + ", whose object is gone";
            }
            boolean ok = switch (c.kind()) {
                case REPLY, MASTER_REPLY, TCB -> o instanceof Tcb;
                case CNODE -> o instanceof CNode;
                case ENDPOINT -> o instanceof Endpoint;
                case NOTIFICATION -> o instanceof Notification;
                case UNTYPED -> o instanceof Untyped;
                case FRAME -> o instanceof Frame;
                case PAGING -> o instanceof PagingStructure;
                default -> true;
            };
            if (!ok) {
                return e.getKey() + " holds " + c.text() + " but " + o.name() + " is a " + o.type().word();
            }
        }
        for (Map.Entry<Slot, Slot> e : after.cdt().entrySet()) {
            if (after.cap(e.getKey()) == null || after.cap(e.getValue()) == null) {
                return "the CDT links " + e.getKey() + " to " + e.getValue() + " but one of them is empty";
            }
        }
        for (Sel4Object o : after.objects().values()) {
            Integer k = after.carrier(o.name());
            if (k == null || after.kernel().heap().get(k) == null) {
                return o.name() + " has no live carrier object in the kernel";
            }
            if (o instanceof Tcb t) {
                String on = switch (t.state()) {
                    case ThreadState.BlockedOnSend s -> s.endpoint();
                    case ThreadState.BlockedOnReceive r -> r.endpoint();
                    case ThreadState.BlockedOnNotification n -> n.notification();
                    default -> null;
                };
                if (on != null && after.object(on) == null) {
                    return t.name() + " is " + t.state().word() + " on " + on + ", which is gone";
                }
                if (t.boundNotification() != null && !(after.object(t.boundNotification()) instanceof Notification n
                        && t.name().equals(n.boundTcb()))) {
                    return t.name() + " is bound to " + t.boundNotification() + ", which is gone or not bound back";
                }
            }
            if (o instanceof Notification n && n.boundTcb() != null
                    && !(after.object(n.boundTcb()) instanceof Tcb t && n.name().equals(t.boundNotification()))) {
                return n.name() + " is bound to " + n.boundTcb() + ", which is gone or not bound back";
            }
        }
        for (String gone : before.objects().keySet()) {
            Integer k = before.carrier(gone);
            if (after.object(gone) == null && k != null && after.kernel().heap().get(k) != null
                    && after.objects().keySet().stream().noneMatch(n -> k.equals(after.carrier(n)))) {
                return gone + " is destroyed but its carrier #" + k + " is still live";
            }
        }
        return null;
    }
}
