package capsim.personality.sel4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A notification (seL4's Notification: IdleNtfn, WaitingNtfn queue, ActiveNtfn word): a word of badge bits
 * OR-ed together by signals until a thread waits or polls, the threads waiting, and the TCB bound to it.
 */
public final class Notification extends Sel4Object {
    /** The notification's state. */
    public enum State { IDLE, WAITING, ACTIVE }

    State state = State.IDLE;
    long word;
    final List<String> queue = new ArrayList<>();
    String boundTcb;

    Notification(String name) {
        super(name, ObjectType.NOTIFICATION_BITS);
    }

    @Override
    Notification copy() {
        Notification n = new Notification(name()).from(this);
        n.state = state;
        n.word = word;
        n.queue.addAll(queue);
        n.boundTcb = boundTcb;
        return n;
    }

    @Override
    public ObjectType type() {
        return ObjectType.NOTIFICATION;
    }

    public State state() {
        return state;
    }

    /** The pending badge bits (meaningful when ACTIVE). */
    public long word() {
        return word;
    }

    public List<String> queue() {
        return Collections.unmodifiableList(queue);
    }

    /** The TCB bound to it, or null. */
    public String boundTcb() {
        return boundTcb;
    }

    void dequeue(String t) {
        queue.remove(t);
        if (queue.isEmpty() && state == State.WAITING) {
            state = State.IDLE;
        }
    }

    @Override
    String stateLine() {
        return "notification " + name() + " " + state + " word " + word + " " + queue + " bound " + boundTcb;
    }
}
