package capsim.personality.caps;

import capsim.kernel.Capability;

/**
 * A CAPS message through its life, REQUEST → SERVING → REPLY → DISPOSE → FREED. Its request bytes are in a frame
 * charged to the client (the sender pays) and written once, at put; the server reads that same frame at get, so
 * nothing is copied before the receiver reads it. The reply's bytes are in a second frame, charged to the server,
 * read by the client at its get. Both frames are freed when the message is. Carries the client's credentials from
 * put on, and the server's from the reply on.
 */
public final class CapsMessage {
    private final int id;
    private final String port;
    private final int service;
    private final Credentials client;
    private final Capability request;
    private final int requestLength;
    private MsgState state;
    private Credentials server;
    private Capability reply;
    private int replyLength;
    private String status;

    CapsMessage(int id, String port, int service, Credentials client, Capability request, int requestLength) {
        this.id = id;
        this.port = port;
        this.service = service;
        this.client = client;
        this.request = request;
        this.requestLength = requestLength;
        this.state = MsgState.REQUEST;
    }

    CapsMessage copy() {
        CapsMessage m = new CapsMessage(id, port, service, client, request, requestLength);
        m.state = state;
        m.server = server;
        m.reply = reply;
        m.replyLength = replyLength;
        m.status = status;
        return m;
    }

    public int id() {
        return id;
    }

    /** Scenario name: {@code msg3}. */
    public String name() {
        return "msg" + id;
    }

    /** The client port it was put on. */
    public String port() {
        return port;
    }

    /** The id of the service it was put to. */
    public int service() {
        return service;
    }

    /** The credentials of the client that put it. */
    public Credentials client() {
        return client;
    }

    /** The credentials the reply carries (the service owner's), or null before the reply. */
    public Credentials server() {
        return server;
    }

    public MsgState state() {
        return state;
    }

    /** The frame holding the request bytes (stale once freed). */
    public Capability request() {
        return request;
    }

    public int requestLength() {
        return requestLength;
    }

    /** The frame holding the reply bytes, or null (no reply yet, or one the kernel made on close). */
    public Capability reply() {
        return reply;
    }

    public int replyLength() {
        return replyLength;
    }

    /** The reply's status: {@code ok} from the server, {@code ENOTCONN} when the service closed first; null before. */
    public String status() {
        return status;
    }

    /** The credentials of whoever sent it last: the client for REQUEST and DISPOSE, the server for REPLY. */
    public Credentials lastSender() {
        return state == MsgState.REPLY ? server : client;
    }

    void serve() {
        move(MsgState.REQUEST, MsgState.SERVING);
    }

    void replied(Capability frame, int length, Credentials by, String why) {
        if (state != MsgState.SERVING && state != MsgState.REQUEST) {
            throw new IllegalStateException(name() + " is " + state + ": only a request can be replied to");
        }
        state = MsgState.REPLY;
        reply = frame;
        replyLength = length;
        server = by;
        status = why;
    }

    void disposed() {
        move(MsgState.REPLY, MsgState.DISPOSE);
    }

    /** Its client port closed while the server was serving it: lwkt_caps.c caps_term makes it a DISPOSE at once. */
    void abandoned() {
        move(MsgState.SERVING, MsgState.DISPOSE);
    }

    void freed() {
        if (state == MsgState.FREED) {
            throw new IllegalStateException(name() + " is already freed");
        }
        state = MsgState.FREED;
    }

    private void move(MsgState from, MsgState to) {
        if (state != from) {
            throw new IllegalStateException(name() + " is " + state + ", not " + from);
        }
        state = to;
    }

    String stateLine() {
        return "msg " + id + " port " + port + " service " + service + " " + state + " client " + client
                + " request " + request + " " + requestLength + " server " + server + " reply " + reply + " "
                + replyLength + " status " + status;
    }
}
