package capsim.personality.caps;

import capsim.personality.PAction;
import capsim.personality.PersonalityInvariant;
import java.util.Map;
import java.util.TreeMap;

/**
 * No client port ever has more than {@link CapsWorld#MAX_IN_FLIGHT} messages in flight, and its count is exactly the
 * number of its messages not yet freed (so the bound is a bound on what the kernel holds for it).
 */
public final class InFlightLimit implements PersonalityInvariant<CapsWorld> {
    public String name() {
        return "caps-in-flight-limit";
    }

    public String description() {
        return "a port's in-flight count equals its unfreed messages and never exceeds " + CapsWorld.MAX_IN_FLIGHT;
    }

    public String check(CapsWorld before, CapsWorld after, PAction<CapsWorld> action, String outcome) {
        Map<String, Integer> live = new TreeMap<>();
        for (CapsMessage m : after.messages().values()) {
            if (m.state() != MsgState.FREED) {
                live.merge(m.port(), 1, Integer::sum);
            }
        }
        for (ClientPort p : after.ports().values()) {
            if (p.inFlight() > CapsWorld.MAX_IN_FLIGHT) {
                return "port " + p.name() + " has " + p.inFlight() + " messages in flight, over the limit "
                        + CapsWorld.MAX_IN_FLIGHT;
            }
            int n = live.getOrDefault(p.name(), 0);
            if (p.inFlight() != n) {
                return "port " + p.name() + " counts " + p.inFlight() + " in flight but " + n + " of its messages are unfreed";
            }
        }
        return null;
    }
}
