package capsim.kernel.check;

import capsim.kernel.Event;
import capsim.kernel.MessageBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each delivery activates exactly the threads its buffers' flags name, once each: the target's thread when
 * the target says activate-on-receive, the source's when the source says activate-on-send (an activation
 * may be pending, or dropped when the buffer names no live thread). Source: seed 001 and the 2008-12 code.
 */
public final class ActivationOnce implements Invariant {
    public String name() {
        return "activation";
    }

    public String description() {
        return "each delivery activates exactly the threads its flags name, once";
    }

    public Violation check(StepView s) {
        List<Event> events = s.after().trace().events();
        Map<Integer, Event.Delivered> delivered = new HashMap<>();
        Map<String, Integer> activations = new HashMap<>();
        for (int i = s.before().trace().size(); i < events.size(); i++) {
            switch (events.get(i)) {
                case Event.Delivered d -> delivered.put(d.msg(), d);
                case Event.Activated a when a.msg() != 0 -> activations.merge(a.msg() + "/" + a.buffer(), 1, Integer::sum);
                case Event.ActivationPending a when a.msg() != 0 -> activations.merge(a.msg() + "/" + a.buffer(), 1, Integer::sum);
                case Event.ActivationDropped a when a.msg() != 0 && a.reason() == Event.DropReason.NO_THREAD -> activations.merge(a.msg() + "/" + a.buffer(), 1, Integer::sum);
                default -> {
                }
            }
        }
        for (Event.Delivered d : delivered.values()) {
            int want = flag(s, d.target(), MessageBuffer.ACTIVATE_ON_RECEIVE);
            int wantSource = flag(s, d.source(), MessageBuffer.ACTIVATE_ON_SEND);
            if (d.source() == d.target()) {
                want += wantSource;
            } else {
                Violation v = compare(activations, d.msg(), d.source(), wantSource);
                if (v != null) {
                    return v;
                }
            }
            Violation v = compare(activations, d.msg(), d.target(), want);
            if (v != null) {
                return v;
            }
        }
        for (String key : activations.keySet()) {
            int msg = Integer.parseInt(key.substring(0, key.indexOf('/')));
            if (!delivered.containsKey(msg) && s.after().trace().events().stream()
                    .noneMatch(e -> e instanceof Event.SenderFailed f && f.msg() == msg)) {
                return new Violation(name(), "an activation for msg " + msg + " without its delivery");
            }
        }
        return null;
    }

    private Violation compare(Map<String, Integer> activations, int msg, int buffer, int want) {
        int got = activations.getOrDefault(msg + "/" + buffer, 0);
        return got == want ? null
                : new Violation(name(), "msg " + msg + ": buffer#" + buffer + " activated " + got + " times, its flags ask for " + want);
    }

    private static int flag(StepView s, int buffer, int flag) {
        // Flags as they were when the step began (a transfer does not change them).
        Object o = s.before().heap().get(buffer);
        if (!(o instanceof MessageBuffer b)) {
            o = s.after().heap().get(buffer);
        }
        return o instanceof MessageBuffer b2 && (b2.flags() & flag) != 0 ? 1 : 0;
    }
}
