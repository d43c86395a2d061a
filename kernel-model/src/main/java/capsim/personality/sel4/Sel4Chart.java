package capsim.personality.sel4;

import capsim.personality.SequenceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sequence chart of an seL4 run: threads (TCBs), endpoints and notifications are lifelines. A send or call
 * that finds a receiver waiting is one arrow from the sender straight to the receiver (through the endpoint, which
 * stores no message: Endpoint.lhs sendIPC); one that must wait goes to the endpoint, and the receive that later
 * takes it comes from the endpoint. Each transfer's arrow carries what arrived (words, label, badge, capabilities),
 * which {@link Sel4World} logs after the rendezvous line: the reader holds the rendezvous arrow until that line,
 * with the capability transfer's own lines as notes on the receiver after it. A reply goes from the replier to
 * its caller; a signal goes to the notification and, when it wakes a thread, on to that thread. CNode, untyped and
 * TCB invocations are notes on the invoking thread.
 */
final class Sel4Chart implements SequenceMap<Sel4World> {
    private static final String T = "(\\S+)";
    private static final Pattern SEND_MET = Pattern.compile(T + " (sends on|calls) " + T + " \\(badge (\\d+)\\): " + T + " was waiting");
    private static final Pattern SEND_WAITS = Pattern.compile(T + " (sends on|calls) " + T + " \\(badge (\\d+)\\): waits in its send queue");
    private static final Pattern NBSEND_DROPPED = Pattern.compile(T + " NBSend on " + T + ": nobody waits, the message is dropped");
    private static final Pattern NO_REPLY_CAP = Pattern.compile(T + " called without Grant or GrantReply: no reply capability, .*");
    private static final Pattern RECV_WAITS = Pattern.compile(T + " receives on " + T + ": waits in its receive queue");
    private static final Pattern NBRECV_NONE = Pattern.compile(T + " NBRecv on " + T + ": nobody sends");
    private static final Pattern RECV_TAKES = Pattern.compile(T + " receives on " + T + ": takes " + T + "'s (call|message)");
    private static final Pattern GOT_FAULT = Pattern.compile(T + " got " + T + "'s " + T + " fault \\(badge (\\d+)\\)");
    private static final Pattern GOT_WORDS = Pattern.compile(T + " got (\\d+) words label (\\d+) badge (\\d+)(?:, (\\d+) capabilities)?(?:, unwrapped badges (.*))?");
    private static final Pattern GOT_CAP = Pattern.compile(T + " got (.+) in (\\S+) \\(derived from (\\S+)\\)");
    private static final Pattern UNWRAPPED = Pattern.compile("the capability to " + T + " \\(badge (\\d+)\\) is unwrapped: " + T + " gets its badge");
    private static final Pattern REGISTERS = Pattern.compile("only (\\d+) message registers travel: " + T + " has no IPC buffer");
    private static final Pattern CAPS_STAY = Pattern.compile("no capability travels: (.*)|no receive slot left in (\\S+)'s IPC buffer: .*|(.+) cannot be derived: it stays behind");
    private static final Pattern HOLDS_REPLY = Pattern.compile(T + " holds a reply capability to " + T + "( \\(with grant\\))?");
    private static final Pattern REPLY_NONE = Pattern.compile(T + " replies, but holds no reply capability: nothing happens");
    private static final Pattern REPLIED = Pattern.compile(T + " replied to " + T + "; the reply capability is used up");
    private static final Pattern ANSWERED = Pattern.compile(T + " answered " + T + "'s " + T + " fault: \\S+ (restarts|stays inactive)");
    private static final Pattern RECV_AGAIN = Pattern.compile(T + " receives again without replying: its reply capability to " + T + " is deleted");
    private static final Pattern CAP_FAULT = Pattern.compile(T + ": cptr (\\d+) (.*): cap fault");
    private static final Pattern NO_HANDLER = Pattern.compile(T + " has no usable fault handler \\(cptr (\\d+)\\): it is left inactive");
    private static final Pattern FAULTS = Pattern.compile(T + " faults \\(" + T + "\\): the fault goes to " + T);
    private static final Pattern SIGNALS = Pattern.compile(T + " signals " + T + " \\(badge (\\d+)\\): (.*)");
    private static final Pattern WAKES = Pattern.compile("wakes (?:the bound )?" + T + "( out of its endpoint receive)?");
    private static final Pattern POLL_NONE = Pattern.compile(T + " polls " + T + ": nothing pending");
    private static final Pattern WAITS_ON = Pattern.compile(T + " waits on " + T);
    private static final Pattern TAKES_WORD = Pattern.compile(T + " takes " + T + "'s word (\\d+)");
    private static final Pattern CANCELLED = Pattern.compile(T + " cancelled the sends badged (\\d+) on " + T + ": (\\d+) senders restart");
    private static final Pattern RETYPED = Pattern.compile(T + " (retyped .*?) at offset .*");
    private static final Pattern TCB_OP = Pattern.compile(T + " (configured|suspended|resumed) ([^\\s,]+)(.*)");
    private static final Pattern BINDS = Pattern.compile(T + " (bound|unbound) " + T + " (?:to|from) " + T);
    private static final Pattern CNODE_OP = Pattern.compile(T + " ((?:copy|mint|moved|mutated|revoked|deleted) .*)");
    private static final Pattern DESTROYED = Pattern.compile(T + " " + T + " destroyed: its last capability is gone");
    /** Declarations: the lifelines' heads and the object diagram say them. */
    private static final Pattern SETUP = Pattern.compile("object \\S+: .*|cap \\S+ = .*|\\S+'s fault handler is cptr .*|\\S+ lies in \\S+"
            + "|\\S+ bound to notification \\S+");

    @Override
    public List<String> actorRoles() {
        return List.of("tcb", "ep", "notification");
    }

    @Override
    public Reader<Sel4World> reader() {
        return new Reader<>() {
            /** The rendezvous arrow waiting for its "got" line (null when none). */
            private Arrow transfer;
            /** What the reply's transfer delivered, waiting for its "replied" line. */
            private String replied;
            /** Lines of a transfer in progress (registers cut, capabilities moved or left), noted after its arrow. */
            private final List<String> details = new ArrayList<>();
            /** The thread whose fault the next call carries. */
            private String faulting;
            private String faultKind;

            @Override
            public List<Arrow> arrows(int node, String event, Sel4World after) {
                Matcher m;
                if ((m = GOT_FAULT.matcher(event)).matches()) {
                    if (transfer != null && transfer.kind() == Kind.RECEIVE) {
                        // the fault waited in the queue: the receive says whose fault it takes
                        transfer = new Arrow(transfer.from(), transfer.to(), "Recv " + m.group(2) + "'s " + m.group(3) + " fault",
                                Kind.RECEIVE);
                        return flushWith(badge(m.group(4)), tcb(m.group(1)));
                    }
                    // a fault met its handler waiting: the arrow already says the fault and the badge
                    return flushWith(transfer != null ? "" : ": " + m.group(3) + " fault" + badge(m.group(4)), tcb(m.group(1)));
                }
                if ((m = GOT_WORDS.matcher(event)).matches()) {
                    String words = m.group(2) + (m.group(2).equals("1") ? " word" : " words") + ", label " + m.group(3);
                    String caps = (m.group(5) != null ? ", " + m.group(5) + (m.group(5).equals("1") ? " cap" : " caps") : "")
                            + (m.group(6) != null ? ", unwrapped " + m.group(6) : "");
                    if (transfer == null) {
                        // a reply's transfer (it has no badge): the "replied" line that follows draws it
                        replied = ": " + words + caps;
                        return List.of();
                    }
                    // a send's arrow already says its badge; a receive's says it here
                    String badge = transfer.kind() == Kind.SEND ? "" : badge(m.group(4));
                    return flushWith(": " + words + badge + caps, tcb(m.group(1)));
                }
                if ((m = GOT_CAP.matcher(event)).matches()) {
                    details.add("cap " + m.group(2) + " in " + m.group(3));
                    return List.of();
                }
                if ((m = UNWRAPPED.matcher(event)).matches()) {
                    details.add("cap to " + m.group(1) + " unwrapped: badge " + m.group(2));
                    return List.of();
                }
                if ((m = REGISTERS.matcher(event)).matches()) {
                    details.add("only " + m.group(1) + " message registers (" + m.group(2) + " has no IPC buffer)");
                    return List.of();
                }
                if (CAPS_STAY.matcher(event).matches()) {
                    details.add(event);
                    return List.of();
                }
                if ((m = REPLIED.matcher(event)).matches()) {
                    return flush(new Arrow(tcb(m.group(1)), tcb(m.group(2)), "Reply", Kind.REPLY));
                }
                List<Arrow> out = new ArrayList<>(flush(null));
                out.addAll(read(event));
                return out;
            }

            /** The held transfer arrow, {@code what} added to its label, then the transfer's notes on {@code to}. */
            private List<Arrow> flushWith(String what, Lifeline to) {
                List<Arrow> out = new ArrayList<>();
                if (transfer != null) {
                    out.add(new Arrow(transfer.from(), transfer.to(), transfer.text() + what, transfer.kind()));
                    to = transfer.to();
                    transfer = null;
                } else {
                    out.add(Arrow.note(to, "got" + what));
                }
                for (String d : details) {
                    out.add(Arrow.note(to, d));
                }
                details.clear();
                return out;
            }

            /** Whatever is held, drawn as it stands before a line of another kind ({@code reply}: its arrow). */
            private List<Arrow> flush(Arrow reply) {
                List<Arrow> out = new ArrayList<>();
                if (transfer != null) {
                    out.add(transfer);
                    transfer = null;
                }
                if (reply != null) {
                    out.add(new Arrow(reply.from(), reply.to(), reply.text() + (replied == null ? "" : replied), reply.kind()));
                    replied = null;
                } else if (replied != null) {
                    out.add(Arrow.note(Lifeline.kernel(0), "got" + replied));
                    replied = null;
                }
                Lifeline on = reply != null ? reply.to() : Lifeline.kernel(0);
                for (String d : details) {
                    out.add(Arrow.note(on, d));
                }
                details.clear();
                return out;
            }

            private List<Arrow> read(String event) {
                Matcher m;
                if ((m = SEND_MET.matcher(event)).matches()) {
                    transfer = new Arrow(tcb(m.group(1)), tcb(m.group(5)), verb(m.group(1), m.group(2)) + " via " + m.group(3)
                            + badge(m.group(4)), Kind.SEND);
                    return List.of();
                }
                if ((m = SEND_WAITS.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), ep(m.group(3)), verb(m.group(1), m.group(2)) + badge(m.group(4))
                            + ": waits", Kind.SEND));
                }
                if ((m = NBSEND_DROPPED.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), ep(m.group(2)), "NBSend: nobody waits, dropped", Kind.FAIL));
                }
                if ((m = RECV_TAKES.matcher(event)).matches()) {
                    transfer = new Arrow(ep(m.group(2)), tcb(m.group(1)), "Recv " + m.group(3) + "'s " + m.group(4), Kind.RECEIVE);
                    return List.of();
                }
                if ((m = RECV_WAITS.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), ep(m.group(2)), "Recv: waits", Kind.NOTE));
                }
                if ((m = NBRECV_NONE.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), ep(m.group(2)), "NBRecv: nobody sends", Kind.NOTE));
                }
                if ((m = NO_REPLY_CAP.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), tcb(m.group(1)), "no Grant/GrantReply: no reply cap, inactive", Kind.FAIL));
                }
                if ((m = HOLDS_REPLY.matcher(event)).matches()) {
                    return List.of(Arrow.note(tcb(m.group(1)), "reply cap to " + m.group(2) + (m.group(3) != null ? " (grant)" : "")));
                }
                if ((m = ANSWERED.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), tcb(m.group(2)), "Reply to " + m.group(3) + " fault: " + m.group(4),
                            Kind.REPLY));
                }
                if ((m = REPLY_NONE.matcher(event)).matches()) {
                    return List.of(Arrow.note(tcb(m.group(1)), "Reply: no reply cap, nothing happens"));
                }
                if ((m = RECV_AGAIN.matcher(event)).matches()) {
                    return List.of(Arrow.note(tcb(m.group(1)), "reply cap to " + m.group(2) + " deleted (Recv without Reply)"));
                }
                if ((m = CAP_FAULT.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), tcb(m.group(1)), "cptr " + m.group(2) + " " + m.group(3) + ": cap fault",
                            Kind.FAIL));
                }
                if ((m = NO_HANDLER.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), tcb(m.group(1)), "no usable fault handler: inactive", Kind.FAIL));
                }
                if ((m = FAULTS.matcher(event)).matches()) {
                    // handleFault: the fault goes as a Call through the fault endpoint; the next line is that call
                    faulting = m.group(1);
                    faultKind = m.group(2);
                    return List.of(new Arrow(tcb(m.group(1)), tcb(m.group(1)), m.group(2) + " fault", Kind.FAIL));
                }
                if ((m = SIGNALS.matcher(event)).matches()) {
                    return signal(m.group(1), m.group(2), m.group(3), m.group(4));
                }
                if ((m = TAKES_WORD.matcher(event)).matches()) {
                    return List.of(new Arrow(ntfn(m.group(2)), tcb(m.group(1)), "takes word " + m.group(3), Kind.RECEIVE));
                }
                if ((m = WAITS_ON.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), ntfn(m.group(2)), "Wait", Kind.NOTE));
                }
                if ((m = POLL_NONE.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), ntfn(m.group(2)), "Poll: nothing pending", Kind.NOTE));
                }
                if ((m = CANCELLED.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), ep(m.group(3)), "cancel sends badged " + m.group(2) + ": "
                            + m.group(4) + " restart", Kind.NOTE));
                }
                if ((m = BINDS.matcher(event)).matches()) {
                    return List.of(new Arrow(tcb(m.group(1)), ntfn(m.group(4)), m.group(2).equals("bound") ? "bind " + m.group(3)
                            : "unbind " + m.group(3), Kind.NOTE));
                }
                if ((m = TCB_OP.matcher(event)).matches()) {
                    String text = m.group(2) + m.group(4);
                    return List.of(m.group(1).equals(m.group(3)) ? Arrow.note(tcb(m.group(1)), text)
                            : new Arrow(tcb(m.group(1)), tcb(m.group(3)), text, Kind.NOTE));
                }
                if ((m = RETYPED.matcher(event)).matches()) {
                    return List.of(Arrow.note(tcb(m.group(1)), m.group(2)));
                }
                if ((m = CNODE_OP.matcher(event)).matches()) {
                    return List.of(Arrow.note(tcb(m.group(1)), m.group(2)));
                }
                if ((m = DESTROYED.matcher(event)).matches()) {
                    Lifeline on = switch (m.group(1)) {
                        case "endpoint" -> ep(m.group(2));
                        case "notification" -> ntfn(m.group(2));
                        case "tcb" -> tcb(m.group(2));
                        default -> Lifeline.kernel(0);
                    };
                    return List.of(new Arrow(on, on, m.group(1) + " " + m.group(2) + " destroyed", Kind.FAIL));
                }
                // set-up lines are the lifelines' heads; any other line is kept as a note rather than lost
                return SETUP.matcher(event).matches() ? List.of() : List.of(Arrow.unread(Lifeline.kernel(0), event));
            }

            /** "Call" or "Send", or the fault message a faulting thread's call carries. */
            private String verb(String thread, String said) {
                if (thread.equals(faulting)) {
                    faulting = null;
                    return faultKind + " fault";
                }
                return said.equals("calls") ? "Call" : "Send";
            }

            private List<Arrow> signal(String by, String n, String badge, String result) {
                Arrow sent = new Arrow(tcb(by), ntfn(n), "Signal, badge " + badge, Kind.SEND);
                Matcher w = WAKES.matcher(result);
                if (w.matches()) {
                    return List.of(sent, new Arrow(ntfn(n), tcb(w.group(1)), "badge " + badge
                            + (w.group(2) != null ? " (bound: out of its Recv)" : ""), Kind.NOTIFY));
                }
                return List.of(sent, Arrow.note(ntfn(n), result));
            }
        };
    }

    /** ", badge B", or nothing for badge 0 (an unbadged capability). */
    private static String badge(String b) {
        return b.equals("0") ? "" : ", badge " + b;
    }

    private static Lifeline tcb(String name) {
        return new Lifeline(0, "tcb", name);
    }

    private static Lifeline ep(String name) {
        return new Lifeline(0, "ep", name);
    }

    private static Lifeline ntfn(String name) {
        return new Lifeline(0, "notification", name);
    }
}
