package capsim.scenario;

import capsim.kernel.Action;
import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapType;
import capsim.kernel.Rights;
import java.util.List;

/** The operation of a step, with its arguments as written; {@link #action} forms the kernel action when it runs. */
public sealed interface Op {

    Action action(Resolver r, int thread) throws StepFailure;

    /** The step as the writer prints it (after the thread name). */
    String text();

    record Copy(Ref src, Ref dst, Rights rights) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.CopyCap(t, r.address(t, src), r.address(t, dst), rights);
        }

        public String text() {
            return "copy " + src.text() + " to " + dst.text() + (rights == Rights.FULL ? "" : " rights " + rights.word());
        }
    }

    record Mint(Ref src, Ref dst, Rights rights, long payload) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.MintCap(t, r.address(t, src), r.address(t, dst), rights, payload);
        }

        public String text() {
            return "mint " + src.text() + " to " + dst.text() + " payload " + payload
                    + (rights == Rights.FULL ? "" : " rights " + rights.word());
        }
    }

    record Read(Ref src) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.ReadCap(t, r.address(t, src));
        }

        public String text() {
            return "read " + src.text();
        }
    }

    record Allocate(CapType type, Ref activity, Ref dst) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.Allocate(t, r.address(t, activity), type, r.address(t, dst));
        }

        public String text() {
            return "allocate " + type.word() + " from " + activity.text() + " to " + dst.text();
        }
    }

    record CreateActivity(Ref parent, long quota, Ref dst) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.CreateActivity(t, r.address(t, parent), quota, r.address(t, dst));
        }

        public String text() {
            return "create-activity from " + parent.text() + " quota " + quota + " to " + dst.text();
        }
    }

    record SetQuota(Ref activity, long quota) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.SetQuota(t, r.address(t, activity), quota);
        }

        public String text() {
            return "set-quota " + activity.text() + " " + quota;
        }
    }

    record Free(Ref target) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.Free(t, r.address(t, target));
        }

        public String text() {
            return "free " + target.text();
        }
    }

    record ConfigureThread(Ref target, Ref root, Ref activity) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.ConfigureThread(t, r.address(t, target), r.address(t, root), r.address(t, activity));
        }

        public String text() {
            return "configure-thread " + target.text() + " root " + root.text() + " activity " + activity.text();
        }
    }

    record SetBufferSlot(Ref buffer, BufferSlot slot, Ref src) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.SetBufferSlot(t, r.address(t, buffer), slot, r.address(t, src));
        }

        public String text() {
            return "set-slot " + buffer.text() + " " + slot.word() + " from " + src.text();
        }
    }

    record GetBufferSlot(Ref buffer, BufferSlot slot, Ref dst) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.GetBufferSlot(t, r.address(t, buffer), slot, r.address(t, dst));
        }

        public String text() {
            return "get-slot " + buffer.text() + " " + slot.word() + " to " + dst.text();
        }
    }

    record ConfigureBuffer(Ref buffer, int flags, long id) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.ConfigureBuffer(t, r.address(t, buffer), flags, id);
        }

        public String text() {
            return "configure " + buffer.text() + " flags " + Flags.text(flags) + " id " + id;
        }
    }

    record Write(Ref buffer, List<Ref> caps, byte[] bytes, boolean frame) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            int[] addrs = r.addresses(t, caps);
            int at = r.address(t, buffer);
            return frame ? new Action.WriteFrame(t, at, addrs, bytes) : new Action.WriteMessage(t, at, addrs, bytes);
        }

        public String text() {
            StringBuilder b = new StringBuilder(frame ? "write-frame " : "write ").append(buffer.text()).append(" [");
            for (int i = 0; i < caps.size(); i++) {
                b.append(i > 0 ? " " : "").append(caps.get(i).text());
            }
            return b.append("] ").append(Bytes.quote(bytes)).toString();
        }
    }

    record ReadFrame(Ref frame) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.ReadFrame(t, r.address(t, frame));
        }

        public String text() {
            return "read-frame " + frame.text();
        }
    }

    record Send(Ref source, Ref target, boolean blocking) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.Send(t, r.address(t, source), r.address(t, target), blocking);
        }

        public String text() {
            return "send " + source.text() + " to " + target.text() + (blocking ? "" : " nonblocking");
        }
    }

    record Receive(Ref buffer, Ref queue, boolean blocking) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.Receive(t, r.address(t, buffer), queue == null ? CapAddress.NONE : r.address(t, queue), blocking);
        }

        public String text() {
            return "receive " + buffer.text() + (queue == null ? "" : " from " + queue.text()) + (blocking ? "" : " nonblocking");
        }
    }

    record Rpc(Ref request, Ref target, Ref reply, Ref replyQueue) implements Op {
        public Action action(Resolver r, int t) throws StepFailure {
            return new Action.Rpc(t, r.address(t, request), r.address(t, target), r.address(t, reply),
                    replyQueue == null ? CapAddress.NONE : r.address(t, replyQueue));
        }

        public String text() {
            return "rpc " + request.text() + " to " + target.text() + " reply " + reply.text()
                    + (replyQueue == null ? "" : " via " + replyQueue.text());
        }
    }

    record Collect() implements Op {
        public Action action(Resolver r, int t) {
            return new Action.Collect(t);
        }

        public String text() {
            return "collect";
        }
    }

    /** The kernel continues the oldest preempted transfer ({@code all}: until none is left). */
    record Resume(boolean all) implements Op {
        public Action action(Resolver r, int t) {
            return new Action.Resume();
        }

        public String text() {
            return all ? "resume-all" : "resume";
        }
    }
}
