package capsim.kernel.check;

import static capsim.kernel.Syntax.address;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.kernel.Action;
import capsim.kernel.Kernel;
import capsim.kernel.Operation;
import capsim.kernel.Operations;
import capsim.kernel.Spec;
import capsim.kernel.variant.Variant;
import capsim.kernel.variant.Variants;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The generator draws operations from their definitions: shipped weights as before, a test's own as well. */
class GeneratorOperationsTest {

    /** {@code T touch SRC}: reads a capability; drawn half the time when added. */
    public record Touch(int thread, int addr) implements Action {
        public static final Operation<Touch> OP = Operation.of(Touch.class, "touch", address("addr", "a capability"))
                .drawn(100, (r, k, t) -> new Touch(t, r.anySlot()));

        public Operation<Touch> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            return k.readCap(thread, addr);
        }
    }

    @Test
    void shippedDrawOrderKeepsTheGeneratorsThresholds() {
        // The roll thresholds the generator had before operations carried their weights (out of 100).
        int[] below = {22, 40, 56, 60, 70, 76, 80, 84, 90, 92, 94, 97, 100};
        List<Class<?>> picks = List.of(Action.WriteMessage.class, Action.Send.class, Action.Receive.class, Action.Rpc.class,
                Action.Collect.class, Action.CopyCap.class, Action.GetBufferSlot.class, Action.Allocate.class, Action.Free.class,
                Action.CreateActivity.class, Action.SetQuota.class, Action.ConfigureBuffer.class, Action.ReadFrame.class);
        assertThat(Operations.SHIPPED.totalWeight()).isEqualTo(100);
        int from = 0;
        for (int i = 0; i < below.length; i++) {
            for (int roll = from; roll < below[i]; roll++) {
                assertThat(Operations.SHIPPED.pick(roll).type()).as("roll " + roll).isEqualTo(picks.get(i));
            }
            from = below[i];
        }
    }

    @Test
    void everyDrawnActionIsRebuiltFromItsOwnArguments() {
        List<Action> drawn = draw(Operations.SHIPPED, 11, 2_000);
        for (Action a : drawn) {
            assertThat(a.withThread(a.thread())).isEqualTo(a);
            assertThat(a.operation().make(a.thread(), a.operation().values(a))).isEqualTo(a);
        }
        assertThat(drawn).noneMatch(a -> a instanceof Touch);
    }

    @Test
    void aTestOperationIsDrawnWhenAdded() {
        List<Action> drawn = draw(Operations.SHIPPED.plus(Touch.OP), 11, 400);
        long touches = drawn.stream().filter(a -> a instanceof Touch).count();
        // Weight 100 of 200: about half of the thread steps (resumes aside).
        assertThat(touches).isBetween(100L, 250L);
    }

    @Test
    void aDefinitionMustNameItsRecordsComponents() {
        assertThatThrownBy(() -> Operation.of(Touch.class, "touch", address("address", "a capability")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'address'");
        assertThatThrownBy(() -> Operation.of(Touch.class, "touch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'addr' has no syntax");
    }

    private static List<Action> draw(Operations ops, long seed, int steps) {
        Variant v = Variants.shipped().get(0);
        Generator g = new Generator(new SplittableRandom(seed), v, Kernel.DEFAULT_WORK_BOUND, ops);
        Spec spec = g.world();
        Kernel k = new Kernel(v, Kernel.DEFAULT_WORK_BOUND, 0);
        spec.build(k);
        List<Integer> threads = Generator.threads(k);
        List<Action> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            out.add(g.step(k, threads));
        }
        return out;
    }
}
