package capsim.personality.sel4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A synchronous endpoint (seL4's Endpoint: IdleEP, SendEP queue, RecvEP queue): no message is ever stored in it,
 * only the threads waiting to send or to receive, in order.
 */
public final class Endpoint extends Sel4Object {
    /** The endpoint's state: who, if anyone, waits in its queue. */
    public enum State { IDLE, SEND, RECV }

    State state = State.IDLE;
    final List<String> queue = new ArrayList<>();

    Endpoint(String name) {
        super(name, ObjectType.ENDPOINT_BITS);
    }

    @Override
    Endpoint copy() {
        Endpoint e = new Endpoint(name()).from(this);
        e.state = state;
        e.queue.addAll(queue);
        return e;
    }

    @Override
    public ObjectType type() {
        return ObjectType.ENDPOINT;
    }

    public State state() {
        return state;
    }

    /** The threads waiting, first first. */
    public List<String> queue() {
        return Collections.unmodifiableList(queue);
    }

    /** Removes {@code t} from the queue; the endpoint goes idle when it empties. */
    void dequeue(String t) {
        queue.remove(t);
        if (queue.isEmpty()) {
            state = State.IDLE;
        }
    }

    @Override
    String stateLine() {
        return "endpoint " + name() + " " + state + " " + queue;
    }
}
