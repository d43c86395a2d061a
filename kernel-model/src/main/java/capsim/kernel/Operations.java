package capsim.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A set of kernel operations: the words a scenario step may start with (in the order docs and error
 * messages list them) and the operations the property checker draws (in draw order: a roll below the first
 * weight picks the first, and so on, so this order and the weights fix what every seed generates).
 * {@link #SHIPPED} is capsim's own; {@link #plus} adds one defined elsewhere (a test's, a user's).
 */
public final class Operations {

    /** The shipped operations. The kernel's own {@code resume} is a statement of its own ({@code kernel resume}). */
    public static final Operations SHIPPED = new Operations(
            List.of(Action.CopyCap.OP, Action.MintCap.OP, Action.ReadCap.OP, Action.Allocate.OP, Action.CreateActivity.OP,
                    Action.SetQuota.OP, Action.Free.OP, Action.ConfigureThread.OP, Action.SetBufferSlot.OP,
                    Action.GetBufferSlot.OP, Action.ConfigureBuffer.OP, Action.WriteMessage.OP, Action.WriteFrame.OP,
                    Action.ReadFrame.OP, Action.Send.OP, Action.Receive.OP, Action.Rpc.OP, Action.Collect.OP),
            // Draw order (weights out of 100): messages and IPC most, then capability and object steps.
            List.of(Action.WriteMessage.OP, Action.Send.OP, Action.Receive.OP, Action.Rpc.OP, Action.Collect.OP,
                    Action.CopyCap.OP, Action.GetBufferSlot.OP, Action.Allocate.OP, Action.Free.OP,
                    Action.CreateActivity.OP, Action.SetQuota.OP, Action.ConfigureBuffer.OP, Action.ReadFrame.OP));

    private final List<Operation<?>> steps;
    private final List<Operation<?>> drawn;
    private final int totalWeight;

    private Operations(List<Operation<?>> steps, List<Operation<?>> drawn) {
        this.steps = List.copyOf(steps);
        this.drawn = List.copyOf(drawn);
        int total = 0;
        for (Operation<?> op : drawn) {
            if (op.weight() <= 0) {
                throw new IllegalArgumentException(op.word() + " is drawn but has no weight");
            }
            total += op.weight();
        }
        this.totalWeight = total;
        for (int i = 0; i < steps.size(); i++) {
            for (int j = i + 1; j < steps.size(); j++) {
                if (steps.get(i).word().equals(steps.get(j).word())) {
                    throw new IllegalArgumentException("two operations are written '" + steps.get(i).word() + "'");
                }
            }
        }
    }

    /** These operations and {@code op} (last in both orders; drawn when it has a weight). */
    public Operations plus(Operation<?> op) {
        List<Operation<?>> s = new ArrayList<>(steps);
        s.add(op);
        List<Operation<?>> d = new ArrayList<>(drawn);
        if (op.weight() > 0) {
            d.add(op);
        }
        return new Operations(s, d);
    }

    /** The operations a step may name, in the order they are listed. */
    public List<Operation<?>> steps() {
        return steps;
    }

    /** The operation written {@code word}. */
    public Optional<Operation<?>> byWord(String word) {
        for (Operation<?> op : steps) {
            if (op.word().equals(word)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** The operations the checker draws, in draw order. */
    public List<Operation<?>> drawn() {
        return drawn;
    }

    /** The sum of the drawn operations' weights (what a roll is drawn below). */
    public int totalWeight() {
        return totalWeight;
    }

    /** The drawn operation a roll in {@code [0, totalWeight)} picks. */
    public Operation<?> pick(int roll) {
        for (Operation<?> op : drawn) {
            if (roll < op.weight()) {
                return op;
            }
            roll -= op.weight();
        }
        throw new IllegalArgumentException("roll past the total weight " + totalWeight);
    }
}
