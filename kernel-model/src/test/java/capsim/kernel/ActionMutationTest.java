package capsim.kernel;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.variant.Revised;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Action} does what the kernel call it names does, and returns what that call returns: the
 * same steps run as actions on one world and as direct calls on an identical one leave identical states
 * (scenarios and the checker run every step through actions, so a dropped call would go unnoticed).
 */
class ActionMutationTest {

    private final ClientServerFixture viaActions = new ClientServerFixture(new Revised());
    private final ClientServerFixture direct = new ClientServerFixture(new Revised());

    private static Object run(Kernel k, Function<Kernel, Object> op) {
        try {
            return op.apply(k);
        } catch (KernelException e) {
            return e.error();
        }
    }

    private void same(Action action, Function<Kernel, Object> call) {
        int events = viaActions.k.trace().size();
        Object viaAction = run(viaActions.k, action::apply);
        Object viaCall = run(direct.k, call);
        assertThat(viaAction).as(action.toString()).isEqualTo(viaCall);
        assertThat(StateText.of(viaActions.k)).as(action.toString()).isEqualTo(StateText.of(direct.k));
        assertThat(viaActions.k.trace().size()).as(action.toString()).isEqualTo(direct.k.trace().size());
        assertThat(viaActions.k.lastStepWork()).as(action.toString()).isEqualTo(direct.k.lastStepWork());
        assertThat(viaAction instanceof KernelError || viaActions.k.trace().size() > events || viaAction != null)
                .as(action + " did something").isTrue();
    }

    @Test
    void eachActionIsTheKernelCallItNames() {
        int c = viaActions.client;
        int s = viaActions.server;
        same(new Action.CopyCap(c, a(1), a(12), Rights.FULL), k -> {
            k.copyCap(c, a(1), a(12), Rights.FULL);
            return null;
        });
        same(new Action.MintCap(c, a(1), a(13), Rights.WEAK, 5), k -> {
            k.mintCap(c, a(1), a(13), Rights.WEAK, 5L);
            return null;
        });
        same(new Action.ReadCap(c, a(13)), k -> k.readCap(c, a(13)));
        same(new Action.Allocate(c, a(0), CapType.FRAME, a(14)), k -> k.allocate(c, a(0), CapType.FRAME, a(14)));
        same(new Action.CreateActivity(c, a(0), 3, a(15)), k -> k.createActivity(c, a(0), 3, a(15)));
        same(new Action.SetQuota(c, a(15), 7), k -> {
            k.setQuota(c, a(15), 7);
            return null;
        });
        same(new Action.Free(c, a(14)), k -> {
            k.free(c, a(14));
            return null;
        });
        same(new Action.ConfigureBuffer(c, a(4), MessageBuffer.ACTIVATE_ON_RECEIVE, 9), k -> {
            k.configureBuffer(c, a(4), MessageBuffer.ACTIVATE_ON_RECEIVE, 9);
            return null;
        });
        same(new Action.GetBufferSlot(c, a(3), BufferSlot.THREAD, a(16)), k -> {
            k.getBufferSlot(c, a(3), BufferSlot.THREAD, a(16));
            return null;
        });
        same(new Action.SetBufferSlot(c, a(4), BufferSlot.SENDER_ACTIVITY, a(15)), k -> {
            k.setBufferSlot(c, a(4), BufferSlot.SENDER_ACTIVITY, a(15));
            return null;
        });
        same(new Action.ConfigureThread(c, a(1), a(2), a(0)), k -> {
            k.configureThread(c, a(1), a(2), a(0));
            return null;
        });
        same(new Action.Allocate(c, a(0), CapType.FRAME, a(17)), k -> k.allocate(c, a(0), CapType.FRAME, a(17)));
        same(new Action.WriteFrame(c, a(17), new int[] {a(0)}, new byte[] {7, 8}), k -> {
            k.writeFrame(c, a(17), new int[] {a(0)}, new byte[] {7, 8});
            return null;
        });
        same(new Action.ReadFrame(c, a(17)), k -> k.readFrame(c, a(17)));
        same(new Action.WriteMessage(s, a(3), new int[] {a(20)}, new byte[0]), k -> {
            k.writeMessage(s, a(3), new int[] {a(20)}, new byte[0]);
            return null;
        });
        same(new Action.ConfigureBuffer(s, a(3), MessageBuffer.ACTIVATE_ON_RECEIVE, 4), k -> {
            k.configureBuffer(s, a(3), MessageBuffer.ACTIVATE_ON_RECEIVE, 4);
            return null;
        });
        same(new Action.Receive(s, a(3), a(6), true), k -> k.receive(s, a(3), a(6), true));
        same(new Action.WriteMessage(c, a(3), new int[] {a(0)}, new byte[] {1, 2, 3}), k -> {
            k.writeMessage(c, a(3), new int[] {a(0)}, new byte[] {1, 2, 3});
            return null;
        });
        same(new Action.Send(c, a(3), a(5), true), k -> k.send(c, a(3), a(5), true));
        same(new Action.Collect(s), k -> {
            k.collect(s);
            return null;
        });
        same(new Action.Rpc(c, a(3), a(5), a(4), a(6)), k -> k.rpc(c, a(3), a(5), a(4), a(6)));
        same(new Action.Resume(), Kernel::resume);
    }

    @Test
    void messageActionsAreEqualByContent() {
        Action.WriteMessage m = new Action.WriteMessage(1, 2, new int[] {3}, new byte[] {4});
        assertThat(m).isEqualTo(new Action.WriteMessage(1, 2, new int[] {3}, new byte[] {4}));
        assertThat(m.hashCode()).isEqualTo(new Action.WriteMessage(1, 2, new int[] {3}, new byte[] {4}).hashCode());
        assertThat(m).isNotEqualTo(new Action.WriteMessage(9, 2, new int[] {3}, new byte[] {4}));
        assertThat(m).isNotEqualTo(new Action.WriteMessage(1, 9, new int[] {3}, new byte[] {4}));
        assertThat(m).isNotEqualTo(new Action.WriteMessage(1, 2, new int[] {9}, new byte[] {4}));
        assertThat(m).isNotEqualTo(new Action.WriteMessage(1, 2, new int[] {3}, new byte[] {9}));
        assertThat(m).isNotEqualTo(new Action.WriteFrame(1, 2, new int[] {3}, new byte[] {4}));
        assertThat(m.toString()).contains("caps=[3]").contains("bytes=1");
        Action.WriteFrame f = new Action.WriteFrame(1, 2, new int[] {3}, new byte[] {4});
        assertThat(f).isEqualTo(new Action.WriteFrame(1, 2, new int[] {3}, new byte[] {4}));
        assertThat(f.hashCode()).isEqualTo(new Action.WriteFrame(1, 2, new int[] {3}, new byte[] {4}).hashCode());
        assertThat(f).isNotEqualTo(new Action.WriteFrame(9, 2, new int[] {3}, new byte[] {4}));
        assertThat(f).isNotEqualTo(new Action.WriteFrame(1, 9, new int[] {3}, new byte[] {4}));
        assertThat(f).isNotEqualTo(new Action.WriteFrame(1, 2, new int[] {9}, new byte[] {4}));
        assertThat(f).isNotEqualTo(new Action.WriteFrame(1, 2, new int[] {3}, new byte[] {9}));
        assertThat(f.toString()).contains("caps=[3]").contains("bytes=1");
        // the arrays are copied in: changing the caller's array later changes nothing
        int[] caps = {3};
        Action.WriteMessage copied = new Action.WriteMessage(1, 2, caps, new byte[0]);
        caps[0] = 9;
        assertThat(copied.caps()).containsExactly(3);
        MessagePage p = new MessagePage(new int[] {3}, new byte[] {4});
        assertThat(p).isEqualTo(new MessagePage(new int[] {3}, new byte[] {4}));
        assertThat(p.hashCode()).isEqualTo(new MessagePage(new int[] {3}, new byte[] {4}).hashCode());
        assertThat(p).isNotEqualTo(new MessagePage(new int[] {3}, new byte[] {5}));
        assertThat(p).isNotEqualTo(new MessagePage(new int[] {2}, new byte[] {4}));
    }

    @Test
    void lookupIgnoresOidsPastTheHighWaterMark() {
        Kernel k = new Kernel(new Revised());
        int frame = k.boot().allocate(CapType.FRAME, k.rootActivity());
        Capability c = k.heap().get(frame).capability();
        Capability past = new Capability(CapType.FRAME, frame + 1, c.version(), Rights.FULL, 0);
        assertThat(k.heap().lookup(past)).isNull();
        assertThat(k.heap().lookup(new Capability(CapType.FRAME, -1, 0, Rights.FULL, 0))).isNull();
        assertThat(k.heap().lookup(c.withPayload(0))).isNotNull();
        assertThat(c.withPayload(3).payload()).isEqualTo(3);
        assertThat(c.withPayload(c.payload())).isSameAs(c);
    }
}
