package capsim.personality.caps;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;

/**
 * Every message carries the credentials of the process that put it, every reply those of the service's owner,
 * and what a {@code get} reports as the sender is what the message carries: the kernel fills credentials in,
 * nobody can write them.
 */
public final class CredentialsAttached implements PersonalityInvariant<CapsWorld> {
    public String name() {
        return "caps-credentials";
    }

    public String description() {
        return "each message carries its client's credentials, each reply its server's, and get reports them as carried";
    }

    public String check(CapsWorld before, CapsWorld after, PersonalityAction<CapsWorld> action, String outcome) {
        for (CapsMessage m : after.messages().values()) {
            ClientPort p = after.ports().get(m.port());
            CapsProcess client = p == null ? null : after.processes().get(p.owner());
            if (client == null || !m.client().equals(client.credentials())) {
                return "msg" + m.id() + " carries " + m.client() + " but was put by "
                        + (client == null ? "nobody known" : client.credentials());
            }
            Service s = after.services().get(m.service());
            if (s == null || s.id() != p.service()) {
                return "msg" + m.id() + " went to a service its port is not connected to";
            }
            if (m.server() != null && !m.server().equals(after.processes().get(s.owner()).credentials())) {
                return "msg" + m.id() + "'s reply carries " + m.server() + " but service " + s.title() + " belongs to "
                        + s.owner();
            }
        }
        for (CapsProcess p : after.processes().values()) {
            LastGet g = p.lastGet();
            if (g == null) {
                continue;
            }
            CapsMessage m = after.messages().get(g.msg());
            if (m == null) {
                return p.name() + " got msg" + g.msg() + ", which was never put";
            }
            Credentials want = g.state() == MsgState.REPLY ? m.server() : m.client();
            if (!java.util.Objects.equals(g.from(), want)) {
                return p.name() + " got msg" + g.msg() + " as from " + g.from() + " but it carries " + want;
            }
        }
        return null;
    }
}
