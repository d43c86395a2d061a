package capsim.scenario;

import capsim.kernel.Activity;
import capsim.kernel.CapPage;
import capsim.kernel.Capability;
import capsim.kernel.Event;
import capsim.kernel.Frame;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import capsim.kernel.MessageQueue;
import capsim.kernel.Rights;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An {@code expect} line. {@link #check} returns null when it holds, else what was found instead. */
public sealed interface Expectation {

    /** What an expectation can look at: the state, the names, the run so far. */
    interface View {
        Kernel kernel();

        Map<String, Integer> names();

        /** The events so far with oids replaced by names. */
        List<String> eventTexts();

        List<Event> events();

        /** The outcome word of the last step: an {@code Outcome} name, {@code ok}, or the refusal's error name. */
        String lastOutcome();

        /** Invariants broken so far (empty when the scenario does not check invariants). */
        Set<String> brokenInvariants();

        boolean checkingInvariants();

        String name(int oid);
    }

    int line();

    /** The expectation as written, for reports. */
    String text();

    String check(View v);

    private static KernelObject live(View v, String name) {
        Integer oid = v.names().get(name);
        return oid == null ? null : v.kernel().heap().get(oid);
    }

    private static String describe(View v, Capability c) {
        if (!v.kernel().designates(c)) {
            return c.isVoid() ? "void" : "void (stale " + c + ")";
        }
        return v.name(c.oid()) + " " + c.rights().word() + (c.payload() != 0 ? " pp " + c.payload() : "");
    }

    /** {@code expect slot PAGE[N] = NAME [rights R] [pp N]} or {@code = void}. */
    record Slot(int line, String text, String page, int slot, String target, Rights rights, Long payload) implements Expectation {
        public String check(View v) {
            if (!(live(v, page) instanceof CapPage p)) {
                return "'" + page + "' is not a live cappage";
            }
            Capability c = p.slot(slot);
            boolean isLive = v.kernel().designates(c);
            if (target == null) {
                return isLive ? "found " + describe(v, c) : null;
            }
            Integer want = v.names().get(target);
            if (!isLive || want == null || c.oid() != want
                    || (rights != null && !c.rights().equals(rights)) || (payload != null && c.payload() != payload)) {
                return "found " + describe(v, c);
            }
            return null;
        }
    }

    /** {@code expect buffer B blocked|unblocked|waiting|idle|in-transfer|senders N|error E|pp N}. */
    record Buffer(int line, String text, String buffer, String property, String value) implements Expectation {
        public String check(View v) {
            if (!(live(v, buffer) instanceof MessageBuffer b)) {
                return "'" + buffer + "' is not a live buffer";
            }
            String actual = switch (property) {
                case "blocked" -> b.blocked() ? null : "unblocked";
                case "unblocked" -> b.blocked() ? "blocked" : null;
                case "waiting" -> b.waitingOn() != KernelObject.NO_OID ? null : "not waiting";
                case "idle" -> b.waitingOn() == KernelObject.NO_OID && !b.inTransfer() ? null
                        : b.inTransfer() ? "in transfer" : "waiting on " + v.name(b.waitingOn());
                case "in-transfer" -> b.inTransfer() ? null : "not in transfer";
                case "senders" -> b.senders().size() == Integer.parseInt(value) ? null : b.senders().size() + " senders";
                case "error" -> String.valueOf(b.lastError()).equals(value.equals("none") ? "null" : value) ? null
                        : "error " + (b.lastError() == null ? "none" : b.lastError());
                case "pp" -> b.protectedPayload() == Long.parseLong(value) ? null : "pp " + b.protectedPayload();
                default -> "unknown property " + property;
            };
            return actual;
        }
    }

    /** {@code expect queue Q senders N | receivers N}. */
    record Queue(int line, String text, String queue, String property, int count) implements Expectation {
        public String check(View v) {
            if (!(live(v, queue) instanceof MessageQueue q)) {
                return "'" + queue + "' is not a live queue";
            }
            int n = property.equals("senders") ? q.senders().size() : q.receivers().size();
            return n == count ? null : n + " " + property;
        }
    }

    /** {@code expect thread T activated|idle|activations N|pending N|current B}. */
    record Thread(int line, String text, String thread, String property, String value) implements Expectation {
        public String check(View v) {
            if (!(live(v, thread) instanceof KernelThread t)) {
                return "'" + thread + "' is not a live thread";
            }
            return switch (property) {
                case "activated" -> t.activated() ? null : "not activated";
                case "idle" -> t.activated() ? "activated for " + v.name(t.current().buffer()) : null;
                case "activations" -> t.activationCount() == Integer.parseInt(value) ? null : t.activationCount() + " activations";
                case "pending" -> t.pending().size() == Integer.parseInt(value) ? null : t.pending().size() + " pending";
                case "current" -> t.activated() && v.names().get(value) != null && t.current().buffer() == v.names().get(value)
                        ? null : t.activated() ? "current " + v.name(t.current().buffer()) : "not activated";
                default -> "unknown property " + property;
            };
        }
    }

    /** {@code expect usage A = N} / {@code expect quota A = N}. */
    record Account(int line, String text, String activity, boolean usage, long value) implements Expectation {
        public String check(View v) {
            if (!(live(v, activity) instanceof Activity a)) {
                return "'" + activity + "' is not a live activity";
            }
            long got = usage ? a.usage() : a.quota();
            return got == value ? null : (usage ? "usage " : "quota ") + got;
        }
    }

    /**
     * {@code expect frame F [caps [..]] [bytes "..."]}, or {@code expect payload B ...} for the frame in a
     * buffer's payload slot. Addresses are compared as written ({@code none} for a voided one).
     */
    record Page(int line, String text, String object, boolean payloadOf, int[] caps, byte[] bytes) implements Expectation {
        public String check(View v) {
            KernelObject o = live(v, object);
            Frame f;
            if (payloadOf) {
                if (!(o instanceof MessageBuffer b)) {
                    return "'" + object + "' is not a live buffer";
                }
                if (!(v.kernel().heap().lookup(b.payload()) instanceof Frame pf)) {
                    return "buffer '" + object + "' has no frame";
                }
                f = pf;
            } else if (o instanceof Frame ff) {
                f = ff;
            } else {
                return "'" + object + "' is not a live frame";
            }
            if (caps != null && !Arrays.equals(caps, f.capAddresses())) {
                return "caps " + Addresses.text(f.capAddresses());
            }
            if (bytes != null && !Arrays.equals(bytes, f.data())) {
                return "bytes " + Bytes.quote(f.data());
            }
            return null;
        }
    }

    /** {@code expect live X} / {@code expect freed X}. */
    record Liveness(int line, String text, String object, boolean live) implements Expectation {
        public String check(View v) {
            Integer oid = v.names().get(object);
            boolean isLive = oid != null && liveAsNamed(v, object, oid);
            return isLive == live ? null : (isLive ? "live" : "freed");
        }

        private static boolean liveAsNamed(View v, String name, int oid) {
            // A reused oid holds a different object; a re-identified object is still the same one.
            KernelObject was = ((Runner.Context) v).boundObject(name);
            KernelObject o = v.kernel().heap().get(oid);
            return o != null && (was == null || o == was);
        }
    }

    /** {@code expect event "TEXT"} (at least once), {@code expect events "TEXT" = N}, {@code expect no event "TEXT"}. */
    record EventCount(int line, String text, String contains, int count, boolean atLeastOne) implements Expectation {
        public String check(View v) {
            long n = v.eventTexts().stream().filter(t -> t.contains(contains)).count();
            if (atLeastOne) {
                return n > 0 ? null : "no event contains \"" + contains + "\"";
            }
            return n == count ? null : n + " events contain \"" + contains + "\"";
        }
    }

    /** {@code expect outcome W} / {@code expect error E}: the last step's outcome. */
    record Outcome(int line, String text, String outcome) implements Expectation {
        public String check(View v) {
            return outcome.equals(v.lastOutcome()) ? null : "outcome " + v.lastOutcome();
        }
    }

    /** {@code expect work <= N} (the last step) / {@code expect max-work <= N} (every step so far). */
    record Work(int line, String text, boolean max, int bound) implements Expectation {
        public String check(View v) {
            int w = max ? v.kernel().maxStepWork() : v.kernel().lastStepWork();
            return w <= bound ? null : "work " + w;
        }
    }

    /** {@code expect transfers N}: unfinished (preempted) transfers. */
    record Transfers(int line, String text, int count) implements Expectation {
        public String check(View v) {
            int n = v.kernel().inProgress().size();
            return n == count ? null : n + " unfinished transfers";
        }
    }

    /** {@code expect invariant NAME holds|broken}. */
    record Invariant(int line, String text, String name, boolean holds) implements Expectation {
        public String check(View v) {
            if (!v.checkingInvariants()) {
                return "the scenario does not check invariants (add 'check invariants')";
            }
            boolean broken = v.brokenInvariants().contains(name);
            return broken != holds ? null : (broken ? "broken" : "holds");
        }
    }
}
