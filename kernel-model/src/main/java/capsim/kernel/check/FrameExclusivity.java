package capsim.kernel.check;

import capsim.kernel.Capability;
import capsim.kernel.Event;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.MessageBuffer;
import java.util.List;

/**
 * After a frame hand-off, nothing the sending thread reaches designates the handed-off frame at its current
 * version, except through the buffer it was handed to: the page now belongs to the target alone. (When one
 * thread is both sender and target there is nobody to exclude.) Source: seed 001, the point of "revoking the frame from the source buffer".
 */
public final class FrameExclusivity implements Invariant {
    public String name() {
        return "frame-exclusivity";
    }

    public String description() {
        return "after a hand-off no capability in the sender's reach designates the handed-off frame";
    }

    public Violation check(StepView s) {
        Kernel k = s.after();
        List<Event> events = k.trace().events();
        for (int i = s.before().trace().size(); i < events.size(); i++) {
            if (!(events.get(i) instanceof Event.FrameHandedOff h)) {
                continue;
            }
            KernelObject frame = k.heap().get(h.frame());
            if (frame == null || !(k.heap().get(h.from()) instanceof MessageBuffer from)
                    || !(k.heap().get(h.to()) instanceof MessageBuffer to)) {
                continue;
            }
            KernelObject fromThread = k.heap().lookup(from.thread());
            KernelObject toThread = k.heap().lookup(to.thread());
            if (fromThread == null || fromThread == toThread) {
                continue;
            }
            // The buffer the frame went to holds it legitimately; any other path is a leak.
            Capability c = Reach.of(k, fromThread.oid(), to.oid()).get(frame.oid());
            if (c != null && c.version() == frame.version()) {
                return new Violation(name(), "msg " + h.msg() + ": thread#" + fromThread.oid() + " (the sender) still reaches "
                        + c + ", the frame handed to buffer#" + h.to());
            }
        }
        return null;
    }
}
