package capsim.personality.caps;

import capsim.kernel.Capability;
import capsim.kernel.KernelObject;
import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;

/**
 * Whoever causes storage pays for it: a live message's request frame is charged to the client that put it, its
 * reply frame to the server that replied, an open service's queue to the process that registered it, an open
 * port's queue to its client.
 */
public final class SenderPays implements PersonalityInvariant<CapsWorld> {
    public String name() {
        return "caps-sender-pays";
    }

    public String description() {
        return "request frames are charged to the client, reply frames to the server, queues to whoever opened them";
    }

    public String check(CapsWorld before, CapsWorld after, PersonalityAction<CapsWorld> action, String outcome) {
        for (CapsMessage m : after.liveMessages().values()) {
            if (m.state() == MsgState.FREED) {
                continue;
            }
            String bad = charged(after, m.request(), m.client().process(), m.name() + "'s request frame");
            if (bad == null && m.reply() != null) {
                bad = charged(after, m.reply(), m.server().process(), m.name() + "'s reply frame");
            }
            if (bad != null) {
                return bad;
            }
        }
        for (Service s : after.services().values()) {
            if (s.open()) {
                String bad = charged(after, after.kernel().heap().get(s.queue()), s.owner(), "service " + s.title());
                if (bad != null) {
                    return bad;
                }
            }
        }
        for (ClientPort p : after.ports().values()) {
            if (p.open()) {
                String bad = charged(after, after.kernel().heap().get(p.queue()), p.owner(), "port " + p.name());
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    private static String charged(CapsWorld w, Capability c, String process, String what) {
        return charged(w, w.kernel().heap().lookup(c), process, what);
    }

    private static String charged(CapsWorld w, KernelObject o, String process, String what) {
        CapsProcess p = w.processes().get(process);
        if (o == null) {
            return what + " is gone";
        }
        if (p == null || o.chargedTo() != p.activity()) {
            return what + " is charged to activity#" + o.chargedTo() + ", not to " + process + "'s";
        }
        return null;
    }
}
