package capsim.personality.lwkt;

import capsim.kernel.Activity;
import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.Frame;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageQueue;
import capsim.kernel.ObjectHeap;
import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code lwkt-paid-for}: every LWKT object is carried by a live kernel object of the right type, named by a
 * capability that still designates it, and charged to the right activity: a thread's kernel thread to its own
 * activity, a port's queue to its owner's, a message's page (and a page the kernel took in a hand-off) to its
 * creator's. No page is left over: every live frame carries a message or a staged page.
 */
public final class PaidFor implements PersonalityInvariant<LwktWorld> {
    public String name() {
        return "lwkt-paid-for";
    }

    public String description() {
        return "each thread, port and message is a live kernel object charged to its thread's activity; no page leaks";
    }

    public String check(LwktWorld before, LwktWorld after, PersonalityAction<LwktWorld> action, String outcome) {
        ObjectHeap heap = after.kernel().heap();
        for (LwktThread t : after.threads().values()) {
            if (!(heap.get(t.activity()) instanceof Activity)) {
                return "thread " + t.name() + "'s activity #" + t.activity() + " is gone";
            }
            String v = carried(after, t.thread(), CapType.THREAD, t.activity(), "thread " + t.name());
            if (v != null) {
                return v;
            }
        }
        for (MsgPort p : after.ports().values()) {
            int payer = p.owner() == null ? after.kernel().rootActivity() : after.thread(p.owner()).activity();
            String v = carried(after, p.queueCap(), CapType.MESSAGE_QUEUE, payer, "port " + p.name());
            if (v != null) {
                return v;
            }
        }
        Set<Integer> pages = new HashSet<>();
        for (LwktMessage m : after.messages().values()) {
            String v = carried(after, m.frame(), CapType.FRAME, after.thread(m.creator()).activity(), "message " + m.name());
            if (v != null) {
                return v;
            }
            pages.add(m.frame().oid());
        }
        for (LwktWorld.Staged s : after.staged()) {
            String v = carried(after, s.page(), CapType.FRAME, after.thread(s.thread()).activity(), "staged page of " + s.message());
            if (v != null) {
                return v;
            }
            pages.add(s.page().oid());
        }
        for (int oid = 0; oid < heap.highWater(); oid++) {
            if (heap.get(oid) instanceof Frame && !pages.contains(oid)) {
                return "page #" + oid + " is live and charged but carries no message (a leak)";
            }
        }
        return null;
    }

    private static String carried(LwktWorld w, Capability cap, CapType type, int payer, String what) {
        KernelObject o = w.carrier(cap);
        if (o == null) {
            return what + " is named by " + cap + ", which designates no live object";
        }
        boolean right = switch (type) {
            case THREAD -> o instanceof KernelThread;
            case MESSAGE_QUEUE -> o instanceof MessageQueue;
            case FRAME -> o instanceof Frame;
            default -> false;
        };
        if (!right) {
            return what + " is carried by " + o + ", not a " + type.word();
        }
        if (o.chargedTo() != payer) {
            return what + " (" + o + ") is charged to activity#" + o.chargedTo() + ", not to activity#" + payer;
        }
        return null;
    }
}
