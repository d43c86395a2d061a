package capsim.personality.sel4;

import capsim.personality.PersonalityException;
import java.util.List;

/** Notifications (Notification.lhs): signal (badges OR-ed, a waiter woken, a bound TCB told) and wait/poll. */
final class Signals {
    private Signals() {
    }

    /** Signal with {@code badge} (sendSignal). */
    static void signal(Sel4World w, Notification n, long badge, String by) throws PersonalityException {
        switch (n.state) {
            case IDLE -> {
                Tcb b = n.boundTcb == null ? null : w.tcb(n.boundTcb);
                if (b != null && b.state instanceof ThreadState.BlockedOnReceive) {
                    Deletion.cancelIPC(w, b);
                    b.state = ThreadState.RUNNING;
                    b.received = new Received(n.name(), badge, 0, List.of(), 0, List.of(), null);
                    w.event(by + " signals " + n.name() + " (badge " + badge + "): wakes the bound " + b.name()
                            + " out of its endpoint receive");
                } else {
                    n.state = Notification.State.ACTIVE;
                    n.word = badge;
                    w.event(by + " signals " + n.name() + " (badge " + badge + "): now active, word " + n.word);
                }
            }
            case WAITING -> {
                Tcb woken = w.tcb(n.queue.get(0));
                n.dequeue(woken.name());
                woken.state = ThreadState.RUNNING;
                woken.received = new Received(n.name(), badge, 0, List.of(), 0, List.of(), null);
                w.event(by + " signals " + n.name() + " (badge " + badge + "): wakes " + woken.name());
            }
            case ACTIVE -> {
                n.word |= badge;
                w.event(by + " signals " + n.name() + " (badge " + badge + "): word OR-ed to " + n.word);
            }
        }
        w.done();
    }

    /** receiveSignal: take an active word, or wait (Wait) or get badge 0 (Poll). */
    static void receiveSignal(Sel4World w, Tcb t, Notification n, boolean blocking) {
        if (n.state == Notification.State.ACTIVE) {
            completeSignal(w, n, t);
            return;
        }
        if (!blocking) {
            t.received = Received.nothing(n.name());
            w.event(t.name() + " polls " + n.name() + ": nothing pending");
            return;
        }
        t.state = new ThreadState.BlockedOnNotification(n.name());
        n.state = Notification.State.WAITING;
        n.queue.add(t.name());
        w.event(t.name() + " waits on " + n.name());
    }

    static void completeSignal(Sel4World w, Notification n, Tcb t) {
        t.received = new Received(n.name(), n.word, 0, List.of(), 0, List.of(), null);
        w.event(t.name() + " takes " + n.name() + "'s word " + n.word);
        n.word = 0;
        n.state = Notification.State.IDLE;
    }
}
