package capsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.Action;
import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapType;
import capsim.kernel.Kernel;
import capsim.kernel.MessageBuffer;
import capsim.kernel.Rights;
import capsim.kernel.Spec;
import capsim.kernel.variant.Variants;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the writer prints, the parser reads back to the same state and the same actions. */
class WriterRoundTripTest {

    static Spec spec() {
        return new Spec.Builder()
                .add(new Spec.ActivityDecl("act", null, 12))
                .add(new Spec.ActivityDecl("sub", "act", 0))
                .add(new Spec.ObjectDecl("page", CapType.CAPPAGE, "act"))
                .add(new Spec.ObjectDecl("t", CapType.THREAD, "act"))
                .add(new Spec.ObjectDecl("f", CapType.FRAME, "sub"))
                .add(new Spec.ObjectDecl("b", CapType.MESSAGE_BUFFER, "act"))
                .add(new Spec.ObjectDecl("c", CapType.MESSAGE_BUFFER, "act"))
                .add(new Spec.ThreadDecl("t", "page", "act"))
                .add(new Spec.SlotDecl("page", 1, "b", Rights.FULL, 0))
                .add(new Spec.SlotDecl("page", 2, "c", Rights.WEAK, 42))
                .add(new Spec.SlotDecl("page", 3, "act", Rights.FULL, 0))
                .add(new Spec.SlotDecl("page", 4, null, Rights.FULL, 0))
                .add(new Spec.BufferSlotDecl("b", BufferSlot.THREAD, "t", Rights.FULL))
                .add(new Spec.BufferSlotDecl("b", BufferSlot.AS_ROOT, "page", Rights.WEAK))
                .add(new Spec.BufferSlotDecl("b", BufferSlot.PAYLOAD, "f", Rights.FULL))
                .add(new Spec.BufferDecl("c", MessageBuffer.ACTIVATE_ON_RECEIVE | MessageBuffer.ACTIVATE_ON_SEND, -7, true))
                .add(new Spec.MessageDecl("f", new int[] {CapAddress.of(1), CapAddress.of(2, 3), CapAddress.NONE},
                        new byte[] {0, 1, '"', '\\', (byte) 0xff, 'a'}))
                .build();
    }

    @Test
    void stateAndActionsSurviveTheRoundTrip() throws Exception {
        Spec spec = spec();
        Kernel k = new Kernel(Variants.byName("messenger-2008").orElseThrow());
        Map<String, Integer> names = spec.build(k);
        int t = names.get("t");
        List<Action> actions = List.of(
                new Action.CopyCap(t, CapAddress.of(1), CapAddress.of(9), Rights.WEAK),
                new Action.MintCap(t, CapAddress.of(1), CapAddress.of(10), Rights.FULL, 5),
                new Action.ReadCap(t, CapAddress.of(9)),
                new Action.Allocate(t, CapAddress.of(3), CapType.FRAME, CapAddress.of(11)),
                new Action.CreateActivity(t, CapAddress.of(3), 3, CapAddress.of(12)),
                new Action.SetQuota(t, CapAddress.of(12), 4),
                new Action.ConfigureThread(t, CapAddress.of(13), CapAddress.of(14), CapAddress.NONE),
                new Action.SetBufferSlot(t, CapAddress.of(1), BufferSlot.SENDER_ACTIVITY, CapAddress.of(3)),
                new Action.GetBufferSlot(t, CapAddress.of(1), BufferSlot.PAYLOAD, CapAddress.of(15)),
                new Action.ConfigureBuffer(t, CapAddress.of(1), MessageBuffer.ACTIVATE_ON_SEND, 3),
                new Action.WriteMessage(t, CapAddress.of(1), new int[] {CapAddress.of(3), CapAddress.NONE}, new byte[] {9, 'x'}),
                new Action.WriteFrame(t, CapAddress.of(15), new int[0], new byte[0]),
                new Action.ReadFrame(t, CapAddress.of(15)),
                new Action.Send(t, CapAddress.of(1), CapAddress.of(2), false),
                new Action.Receive(t, CapAddress.of(2), CapAddress.NONE, true),
                new Action.Rpc(t, CapAddress.of(1), CapAddress.of(2), CapAddress.of(4), CapAddress.NONE),
                new Action.Collect(t),
                new Action.Resume(),
                new Action.Free(t, CapAddress.of(11)));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            outcomes.add(i % 2 == 0 ? "ok" : null);
        }
        String text = ScenarioWriter.write(new ScenarioWriter.Header("round \"trip\"", "messenger-2008", 80, 100,
                List.of(), List.of("written by a test", "two lines")), spec, names, actions, outcomes);

        Scenario s = Parser.parse("written.scn", text);
        assertThat(s.title()).isEqualTo("round \"trip\"");
        assertThat(s.workBound()).isEqualTo(80);
        assertThat(s.rootQuota()).isEqualTo(100);
        assertThat(s.spec().decls()).hasSameSizeAs(spec.decls());
        for (int i = 0; i < spec.decls().size(); i++) {
            Spec.Decl want = spec.decls().get(i);
            Spec.Decl got = s.spec().decls().get(i);
            if (want instanceof Spec.ActivityDecl a && a.parent() == null) {
                assertThat(got).isEqualTo(new Spec.ActivityDecl(a.name(), null, a.quota()));
            } else {
                assertThat(got).isEqualTo(want);
            }
        }
        Kernel k2 = new Kernel(s.variant(), s.workBound(), s.rootQuota());
        Map<String, Integer> names2 = s.spec().build(k2);
        assertThat(names2).isEqualTo(names);
        Resolver r = new Resolver(k2, new java.util.HashMap<>(names2));
        List<Scenario.StepItem> steps = s.items().stream().filter(i -> i instanceof Scenario.StepItem)
                .map(i -> (Scenario.StepItem) i).toList();
        assertThat(steps).hasSameSizeAs(actions);
        for (int i = 0; i < actions.size(); i++) {
            Scenario.StepItem st = steps.get(i);
            int thread = st.thread() == null ? -1 : names2.get(st.thread());
            assertThat(st.op().action(r, thread)).as("step " + i).isEqualTo(actions.get(i));
            assertThat(st.expected()).isEqualTo(outcomes.get(i));
        }
        assertThat(ScenarioWriter.write(new ScenarioWriter.Header("round \"trip\"", "messenger-2008", 80, 100,
                List.of(), List.of("written by a test", "two lines")), s.spec(), names2, actions, outcomes)).isEqualTo(text);
    }
}
