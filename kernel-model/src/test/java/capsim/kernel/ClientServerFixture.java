package capsim.kernel;

import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.Variant;
import capsim.kernel.variant.Variants;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two-party kernel world the tests of every module share (kernel-model's test jar): a client and a
 * server, each with its own activity, thread, root capability page, request/reply buffers. Slot layout in
 * each root page: 0 own activity, 1 own thread, 2 own root page, 3 request/receive buffer, 4 reply buffer,
 * 5 the peer's target (server buffer or queue, weak), 6 reply queue (queue designs), 7 a spare frame, 8 a sub
 * page (weak path test), 10.. free. {@link #names} gives every object a scenario-style name for diagrams.
 *
 * <p>Not to be confused with {@code capsim.personality.ClientServerFixture}, a personality's state.
 */
public final class ClientServerFixture {
    public final Kernel k;
    public final Boot boot;
    public final int clientAct, serverAct;
    public final int client, server;
    public final int clientRoot, serverRoot;
    public final int clientReq, clientReply, serverBuf;
    /** -1 in designs without first-class queues. */
    public final int serverQueue, clientReplyQueue;
    /** Scenario names of the objects (oid -> name), in allocation order; tests may add or change entries. */
    public final Map<Integer, String> names = new LinkedHashMap<>();

    /** The fixture on the variant called {@code variant} (see {@link Variants#byName}). */
    public ClientServerFixture(String variant) {
        this(Variants.byName(variant).orElseThrow());
    }

    public ClientServerFixture(Variant v) {
        this(v, Kernel.DEFAULT_WORK_BOUND);
    }

    public ClientServerFixture(Variant v, int bound) {
        k = new Kernel(v, bound, 0);
        boot = k.boot();
        int root = k.rootActivity();
        clientAct = boot.activity(root, 0);
        serverAct = boot.activity(root, 0);
        client = boot.allocate(CapType.THREAD, clientAct);
        server = boot.allocate(CapType.THREAD, serverAct);
        clientRoot = boot.allocate(CapType.CAPPAGE, clientAct);
        serverRoot = boot.allocate(CapType.CAPPAGE, serverAct);
        boot.configureThread(client, clientRoot, clientAct);
        boot.configureThread(server, serverRoot, serverAct);
        clientReq = boot.allocate(CapType.MESSAGE_BUFFER, clientAct);
        clientReply = boot.allocate(CapType.MESSAGE_BUFFER, clientAct);
        serverBuf = boot.allocate(CapType.MESSAGE_BUFFER, serverAct);
        boolean queues = v.queues() == QueueModel.FIRST_CLASS;
        serverQueue = queues ? boot.allocate(CapType.MESSAGE_QUEUE, serverAct) : -1;
        clientReplyQueue = queues ? boot.allocate(CapType.MESSAGE_QUEUE, clientAct) : -1;
        setUpSide(clientRoot, clientAct, client, clientReq, clientReply);
        setUpSide(serverRoot, serverAct, server, serverBuf, -1);
        boot.setSlot(clientRoot, 5, boot.cap(queues ? serverQueue : serverBuf, Rights.WEAK, 0));
        if (queues) {
            boot.setSlot(clientRoot, 6, boot.cap(clientReplyQueue));
            boot.setSlot(serverRoot, 6, boot.cap(serverQueue));
        }
        names.put(root, "root");
        names.put(clientAct, "client-act");
        names.put(serverAct, "server-act");
        names.put(client, "client");
        names.put(server, "server");
        names.put(clientRoot, "client-root");
        names.put(serverRoot, "server-root");
        names.put(clientReq, "request");
        names.put(clientReply, "reply");
        names.put(serverBuf, "server-buf");
        if (queues) {
            names.put(serverQueue, "server-q");
            names.put(clientReplyQueue, "reply-q");
        }
    }

    private void setUpSide(int rootPage, int act, int thread, int buf, int reply) {
        boot.setSlot(rootPage, 0, boot.cap(act));
        boot.setSlot(rootPage, 1, boot.cap(thread));
        boot.setSlot(rootPage, 2, boot.cap(rootPage));
        boot.setSlot(rootPage, 3, boot.cap(buf));
        for (int b : new int[] {buf, reply}) {
            if (b < 0) {
                continue;
            }
            boot.setBufferSlot(b, BufferSlot.THREAD, boot.cap(thread));
            boot.setBufferSlot(b, BufferSlot.AS_ROOT, boot.cap(rootPage));
        }
        if (reply >= 0) {
            boot.setSlot(rootPage, 4, boot.cap(reply));
        }
    }

    /** The capability address of a slot path from a thread's root page. */
    public static int a(int... slots) {
        return CapAddress.of(slots);
    }

    public CapPage page(int oid) {
        return (CapPage) k.heap().get(oid);
    }

    public MessageBuffer buffer(int oid) {
        return (MessageBuffer) k.heap().get(oid);
    }

    public KernelThread thread(int oid) {
        return (KernelThread) k.heap().get(oid);
    }

    public Activity activity(int oid) {
        return (Activity) k.heap().get(oid);
    }

    public Frame payloadOf(int buffer) {
        return (Frame) k.heap().lookup(buffer(buffer).payload());
    }

    public boolean queues() {
        return k.variant().queues() == QueueModel.FIRST_CLASS;
    }

    /** The server readies its buffer to receive {@code slots} capabilities into its slots 20, 21, ... */
    public void serverReady(int slots) {
        int[] addrs = new int[slots];
        for (int i = 0; i < slots; i++) {
            addrs[i] = a(20 + i);
        }
        k.writeMessage(server, a(3), addrs, new byte[0]);
        k.configureBuffer(server, a(3), MessageBuffer.ACTIVATE_ON_RECEIVE, 77);
        k.receive(server, a(3), queues() ? a(6) : CapAddress.NONE, true);
    }

    /** The server readies its buffer to take two capabilities into its slots 20 and 21. */
    public void serverReady() {
        serverReady(2);
    }

    /** The client writes "hello" with its reply target and its activity. */
    public void clientWrites() {
        k.writeMessage(client, a(3), new int[] {queues() ? a(6) : a(4), a(0)}, "hello".getBytes());
    }

    /** The client calls the server (slot 5) and waits for the reply. */
    public void clientCalls() {
        k.rpc(client, a(3), a(5), a(4), queues() ? a(6) : CapAddress.NONE);
    }
}
