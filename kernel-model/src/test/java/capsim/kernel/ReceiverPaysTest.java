package capsim.kernel;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.check.Invariants;
import capsim.kernel.check.Monitor;
import capsim.kernel.variant.FrameTransfer;
import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.SourceRevocation;
import org.junit.jupiter.api.Test;

/** A variant with a frame mode the engine has never seen ({@link ReceiverPays}) runs a whole transfer. */
class ReceiverPaysTest {

    /** Seed 001's queues and revocation by re-identification, with the test-only frame mode. */
    static final class Variant implements capsim.kernel.variant.Variant {
        public String name() {
            return "test-receiver-pays";
        }

        public String summary() {
            return "hand-off where the receiver pays for the page it gets (test)";
        }

        public QueueModel queues() {
            return QueueModel.TARGET_BUFFERS;
        }

        /** The setting the shipped modes are chosen by; {@link #frameMode()} overrides it. */
        public FrameTransfer frameTransfer() {
            return FrameTransfer.HANDOFF_FREE_TARGET;
        }

        @Override
        public FrameMode frameMode() {
            return new ReceiverPays();
        }

        public SourceRevocation sourceRevocation() {
            return SourceRevocation.REIDENTIFY;
        }

        public boolean preemptible() {
            return false;
        }
    }

    @Test
    void theNewModeMovesTheFrameAndItsChargeWithEveryInvariantHolding() {
        ClientServerFixture w = new ClientServerFixture(new Variant());
        w.serverReady(2);
        Frame serverOld = w.payloadOf(w.serverBuf);
        w.k.writeMessage(w.client, a(3), new int[] {a(0), a(1)}, "hello".getBytes());
        Frame sent = w.payloadOf(w.clientReq);
        long clientUsage = w.activity(w.clientAct).usage();
        long serverUsage = w.activity(w.serverAct).usage();

        Monitor m = new Monitor(w.k, Invariants.all());
        var r = m.step(new Action.Send(w.client, a(3), a(5), true));
        assertThat(r.error()).isNull();
        assertThat(r.violations()).isEmpty();
        assertThat(r.result()).isEqualTo(Outcome.DELIVERED);

        Kernel k = m.kernel();
        MessageBuffer target = (MessageBuffer) k.heap().get(w.serverBuf);
        Frame got = (Frame) k.heap().lookup(target.payload());
        // The sender's page itself went across, re-identified, with the server's slot addresses in it.
        assertThat(got.oid()).isEqualTo(sent.oid());
        assertThat(got.capAddresses()).containsExactly(a(20), a(21));
        assertThat(new String(got.data())).startsWith("hello");
        // The receiver pays for it now; the server's old page is gone and the sender pays for none.
        assertThat(got.chargedTo()).isEqualTo(w.serverAct);
        assertThat(k.heap().get(serverOld.oid())).isNull();
        assertThat(((Activity) k.heap().get(w.serverAct)).usage()).isEqualTo(serverUsage);
        assertThat(((Activity) k.heap().get(w.clientAct)).usage()).isEqualTo(clientUsage - 1);
        assertThat(k.trace().events()).filteredOn(e -> e instanceof Event.FrameHandedOff).hasSize(1);
        // The transferred capabilities landed in the server's slots.
        assertThat(((CapPage) k.heap().get(w.serverRoot)).slot(20).oid()).isEqualTo(w.clientAct);
    }
}
