package capsim.personality.cluster;

/**
 * A request from a thread on one node to a thread on the other: one transaction of the link protocol, open
 * from its CREATE until both sides have sent DELETE. The requester waits until it is told how it ended.
 */
final class Request {
    /** Where a request stands, as its requester knows it. */
    enum State { WAITING, ANSWERED, ENDED, ABORTED, LOST }

    final String name;
    final String from;
    final String to;
    final String parent;
    /** The requester's node: its transaction ids are that side's. */
    final int side;
    /** The link (generation) it was made on: msgids start again on each new link. */
    int link;
    int msgId;
    State state = State.WAITING;
    /** How many times the requester was told the outcome (the invariant wants exactly one, once it is over). */
    int told;

    Request(String name, String from, String to, String parent, int side) {
        this.name = name;
        this.from = from;
        this.to = to;
        this.parent = parent;
        this.side = side;
    }

    @Override
    public String toString() {
        return name + " " + from + "->" + to + (parent != null ? " in " + parent : "") + " link " + link + " msgid " + Integer.toHexString(msgId)
                + " " + state.name().toLowerCase(java.util.Locale.ROOT) + " told " + told;
    }
}
