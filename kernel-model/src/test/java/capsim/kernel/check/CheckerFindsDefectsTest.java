package capsim.kernel.check;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.Action;
import capsim.kernel.CapType;
import capsim.kernel.Spec;
import capsim.kernel.variant.FrameTransfer;
import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.Revised;
import capsim.kernel.variant.SourceRevocation;
import capsim.kernel.variant.Variant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The default check ({@code ./capsim check --variant V}: {@link Checker.Options#defaults()}) must find issue 12's
 * defects 2 and 3 by itself. Each is re-introduced in a test-only variant that otherwise holds every invariant;
 * the check must break exactly that invariant and shrink the counterexample to a few steps and declarations.
 */
class CheckerFindsDefectsTest {

    /** The Dec 2008 buffer design made preemptible and loss-free: every invariant holds (the control). */
    static class PreemptibleMessenger implements Variant {
        @Override
        public String name() {
            return "test-preemptible-messenger";
        }

        @Override
        public String summary() {
            return "test only: messenger-2008 with preemptible copying and destruction, errors never dropped";
        }

        @Override
        public QueueModel queues() {
            return QueueModel.TARGET_BUFFERS;
        }

        @Override
        public FrameTransfer frameTransfer() {
            return FrameTransfer.COPY_BYTES;
        }

        @Override
        public SourceRevocation sourceRevocation() {
            return SourceRevocation.NONE;
        }

        @Override
        public boolean preemptible() {
            return true;
        }

        @Override
        public boolean dropsErrorToBlockedSender() {
            return false;
        }
    }

    /** Defect 2 re-introduced: each page of a multi-page step is checked against the quotas on its own. */
    static final class PerPageQuota extends PreemptibleMessenger {
        @Override
        public String name() {
            return "test-per-page-quota";
        }

        @Override
        public boolean chargesStepAtomically() {
            return false;
        }
    }

    /** Defect 3 re-introduced: revised, but destroying an activity is one unbounded step. */
    static final class UnboundedDestruction implements Variant {
        private final Variant revised = new Revised();

        @Override
        public String name() {
            return "test-unbounded-destruction";
        }

        @Override
        public String summary() {
            return "test only: revised with destruction in one unbounded step";
        }

        @Override
        public QueueModel queues() {
            return revised.queues();
        }

        @Override
        public FrameTransfer frameTransfer() {
            return revised.frameTransfer();
        }

        @Override
        public SourceRevocation sourceRevocation() {
            return revised.sourceRevocation();
        }

        @Override
        public boolean preemptible() {
            return true;
        }

        @Override
        public boolean dropsErrorToBlockedSender() {
            return revised.dropsErrorToBlockedSender();
        }

        @Override
        public boolean preemptibleDestruction() {
            return false;
        }
    }

    @Test
    void theControlHolds(TestReporter report) {
        Checker.Result r = Checker.run(new PreemptibleMessenger(), Checker.Options.defaults(), CheckProgress.none());
        assertThat(r.held()).as(() -> r.counterexample().invariant() + ": " + r.counterexample().message()).isTrue();
        report.publishEntry("control steps/s", String.format("%.0f", r.stepsPerSecond()));
    }

    @Test
    void theDefaultCheckFindsAndShrinksPerPageQuotaChecks(TestReporter report) {
        Checker.Result r = Checker.run(new PerPageQuota(), Checker.Options.defaults(), CheckProgress.none());
        assertThat(r.held()).isFalse();
        Checker.Counterexample c = r.counterexample();
        assertThat(c.invariant()).isEqualTo("storage-accounting");
        assertThat(c.actions()).hasSizeLessThanOrEqualTo(3);
        assertThat(c.actions()).anyMatch(a -> a instanceof Action.Send || a instanceof Action.Rpc);
        report.publishEntry("per-page quota", r.tries() + " tries; shrunk to " + c.actions().size() + " steps, "
                + c.spec().decls().size() + " declarations: " + c.message());
    }

    @Test
    void theDefaultCheckFindsAndShrinksUnboundedDestruction(TestReporter report) {
        Checker.Result r = Checker.run(new UnboundedDestruction(), Checker.Options.defaults(), CheckProgress.none());
        assertThat(r.held()).isFalse();
        Checker.Counterexample c = r.counterexample();
        assertThat(c.invariant()).isEqualTo("bounded-kernel-work");
        assertThat(c.actions()).hasSize(1).first().isInstanceOf(Action.Free.class);
        // Shrunk in its declarations too: exactly B frames (with the activity itself, B + 1 units), and only
        // the thread, its page and activity, the hoard and the slot that names it besides.
        assertThat(c.spec().decls()).filteredOn(d -> d instanceof Spec.ObjectDecl o && o.type() == CapType.FRAME)
                .hasSize(64);
        assertThat(c.spec().decls()).hasSizeLessThanOrEqualTo(64 + 6);
        report.publishEntry("unbounded destruction", r.tries() + " tries; shrunk to " + c.actions().size() + " steps, "
                + c.spec().decls().size() + " declarations: " + c.message());
    }
}
