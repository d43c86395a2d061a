package capsim.personality.caps;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.Map;
import java.util.TreeMap;

/**
 * No client port ever has more than {@link CapsWorld#MAX_IN_FLIGHT} + 1 messages in flight (lwkt_caps.c caps_sys_put
 * refuses only when the count is already past CAPS_MAXINPROG), and an open port's count is exactly the number of its
 * messages whose reply the client has not read: requests queued or being served, and replies waiting on the port.
 */
public final class InFlightLimit implements PersonalityInvariant<CapsWorld> {
    public String name() {
        return "caps-in-flight-limit";
    }

    public String description() {
        return "an open port's in-flight count equals its messages whose reply it has not read, and never exceeds "
                + (CapsWorld.MAX_IN_FLIGHT + 1);
    }

    public String check(CapsWorld before, CapsWorld after, PersonalityAction<CapsWorld> action, String outcome) {
        Map<String, Integer> live = new TreeMap<>();
        for (CapsMessage m : after.liveMessages().values()) {
            if (m.state() == MsgState.REQUEST || m.state() == MsgState.SERVING || m.state() == MsgState.REPLY) {
                live.merge(m.port(), 1, Integer::sum);
            }
        }
        for (ClientPort p : after.ports().values()) {
            if (p.inFlight() > CapsWorld.MAX_IN_FLIGHT + 1) {
                return "port " + p.name() + " has " + p.inFlight() + " messages in flight, over the limit "
                        + (CapsWorld.MAX_IN_FLIGHT + 1);
            }
            if (!p.open()) {
                continue;
            }
            int n = live.getOrDefault(p.name(), 0);
            if (p.inFlight() != n) {
                return "port " + p.name() + " counts " + p.inFlight() + " in flight but " + n + " of its messages await a reply or the reading of one";
            }
        }
        return null;
    }
}
