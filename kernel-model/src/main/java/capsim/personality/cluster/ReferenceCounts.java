package capsim.personality.cluster;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.Map;
import java.util.TreeMap;

/**
 * While the link is up, every reference count matches the proxies: the references a side exported to an
 * object equal the proxies the other side holds for it, and equal the references that side counts as
 * imported. A leaked or lost count would keep an object pinned forever or free it under a user.
 */
final class ReferenceCounts implements PersonalityInvariant<ClusterWorld> {
    public String name() {
        return "link-reference-counts";
    }

    public String description() {
        return "exported references = the peer's proxies for the object = the peer's imported count";
    }

    public String check(ClusterWorld before, ClusterWorld after, PersonalityAction<ClusterWorld> action, String outcome) {
        if (!after.up) {
            return null;
        }
        for (int i = 0; i < 2; i++) {
            var exporter = after.end(i);
            var importer = after.end(1 - i);
            Map<Long, Integer> proxies = new TreeMap<>();
            importer.proxies().values().forEach(o -> proxies.merge(o, 1, Integer::sum));
            int proxied = 0;
            for (Map.Entry<Long, Integer> e : proxies.entrySet()) {
                long o = e.getKey();
                proxied += e.getValue();
                if (exporter.references().exportedCount(o) != e.getValue()) {
                    return after.nodes[i].name + " counts " + exporter.references().exportedCount(o) + " references to #" + o
                            + " but " + after.nodes[1 - i].name + " holds " + e.getValue() + " proxies for it";
                }
                if (importer.references().importedCount(o) != e.getValue()) {
                    return after.nodes[1 - i].name + " counts " + importer.references().importedCount(o) + " imports of #" + o
                            + " but holds " + e.getValue() + " proxies for it";
                }
            }
            int exported = 0;
            for (int oid = 0; oid < after.nodes[i].kernel.heap().highWater(); oid++) {
                exported += exporter.references().exportedCount(oid);
            }
            if (exported != proxied) {
                return after.nodes[i].name + " counts " + exported + " exported references but " + after.nodes[1 - i].name
                        + " holds " + proxied + " proxies";
            }
        }
        return null;
    }
}
