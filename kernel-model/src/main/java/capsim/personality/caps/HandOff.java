package capsim.personality.caps;

import capsim.kernel.Capability;
import capsim.kernel.Frame;
import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.HashMap;
import java.util.Map;

/**
 * Data is handed off, not copied: every live message's request frame (and reply frame, once replied) is the live
 * kernel object the sender filled, at the same version, holding exactly the message's length, shared with no other
 * message; and a get that read bytes read them from that very frame.
 */
public final class HandOff implements PersonalityInvariant<CapsWorld> {
    public String name() {
        return "caps-hand-off";
    }

    public String description() {
        return "a message's bytes stay in the frame the sender filled until the receiver reads that same frame";
    }

    public String check(CapsWorld before, CapsWorld after, PersonalityAction<CapsWorld> action, String outcome) {
        Map<Integer, Integer> owner = new HashMap<>();
        for (CapsMessage m : after.liveMessages().values()) {
            if (m.state() == MsgState.FREED) {
                continue;
            }
            String bad = frame(after, m, m.request(), m.requestLength(), owner);
            if (bad == null && m.reply() != null) {
                bad = frame(after, m, m.reply(), m.replyLength(), owner);
            }
            if (bad != null) {
                return bad;
            }
            CapsMessage was = before.messages().get(m.id());
            if (was != null && !was.request().equals(m.request())) {
                return m.name() + "'s request moved from " + was.request() + " to " + m.request() + ": a copy";
            }
        }
        for (CapsProcess p : after.processes().values()) {
            LastGet g = p.lastGet();
            CapsProcess q = before.processes().get(p.name());
            if (g == null || !g.read() || (q != null && g.equals(q.lastGet())) || g.frame() == null) {
                continue;
            }
            CapsMessage m = after.messages().get(g.msg());
            Capability want = g.state() == MsgState.REPLY ? m.reply() : m.request();
            if (!g.frame().equals(want)) {
                return p.name() + " read " + m.name() + " from " + g.frame() + ", not from " + want + " the sender filled";
            }
        }
        return null;
    }

    private static String frame(CapsWorld w, CapsMessage m, Capability c, int length, Map<Integer, Integer> owner) {
        if (!(w.kernel().heap().lookup(c) instanceof Frame f)) {
            return m.name() + " is " + m.state() + " but its frame " + c + " is gone";
        }
        if (f.dataCount() != length) {
            return m.name() + "'s frame " + c + " holds " + f.dataCount() + " bytes, not " + length;
        }
        Integer other = owner.put(c.oid(), m.id());
        if (other != null) {
            return "msg" + other + " and " + m.name() + " share the frame " + c;
        }
        return null;
    }
}
