package capsim.personality.cluster;

import capsim.kernel.Activity;
import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;

/**
 * Once the link is down, neither side keeps anything of it: no open transaction, no reference count, no
 * proxy, and nothing charged to a link agent's activity. (Seed 004: link loss must leave no state.)
 */
final class NoStateAfterCut implements PersonalityInvariant<ClusterWorld> {
    /** What a link agent's activity pays for besides proxies: the agent's page and thread. */
    static final int AGENT_OWN = 2;

    public String name() {
        return "link-no-state-after-cut";
    }

    public String description() {
        return "while the link is down, no side holds an open transaction, a reference count, a proxy or proxy storage";
    }

    public String check(ClusterWorld before, ClusterWorld after, PersonalityAction<ClusterWorld> action, String outcome) {
        if (after.up || after.generation == 0) {
            return null;
        }
        for (int i = 0; i < 2; i++) {
            var end = after.end(i);
            String node = after.nodes[i].name;
            if (end.transactions().openCount() != 0) {
                return node + " keeps " + end.transactions().openCount() + " open transactions after the cut";
            }
            if (end.references().outstanding() != 0) {
                return node + " keeps " + end.references().outstanding() + " references after the cut";
            }
            if (end.proxyCount() != 0) {
                return node + " keeps " + end.proxyCount() + " proxies after the cut";
            }
            if (after.nodes[i].kernel.heap().get(after.agents[i].activity()) instanceof Activity a && a.usage() != AGENT_OWN) {
                return node + "'s link activity still pays for " + (a.usage() - AGENT_OWN) + " proxies after the cut";
            }
        }
        return null;
    }
}
