package capsim.visual;

import capsim.kernel.Boot;
import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapType;
import capsim.kernel.Kernel;
import capsim.kernel.MessageBuffer;
import capsim.kernel.Rights;
import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.Variant;
import capsim.kernel.variant.Variants;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client and a server, each with an activity, a thread, a root capability page and buffers. Root page
 * slots: 0 own activity, 1 own thread, 2 own root page, 3 request/receive buffer, 4 reply buffer, 5 the
 * server's target (weak), 6 a queue (queue designs).
 */
final class RpcWorld {
    final Kernel k;
    final int clientAct, serverAct, client, server, clientRoot, serverRoot;
    final int clientReq, clientReply, serverBuf, serverQueue, replyQueue;
    final Map<Integer, String> names = new LinkedHashMap<>();

    RpcWorld(String variant) {
        this(Variants.byName(variant).orElseThrow());
    }

    RpcWorld(Variant v) {
        k = new Kernel(v);
        Boot boot = k.boot();
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
        replyQueue = queues ? boot.allocate(CapType.MESSAGE_QUEUE, clientAct) : -1;
        side(boot, clientRoot, clientAct, client, clientReq, clientReply);
        side(boot, serverRoot, serverAct, server, serverBuf, -1);
        boot.setSlot(clientRoot, 5, boot.cap(queues ? serverQueue : serverBuf, Rights.WEAK, 0));
        if (queues) {
            boot.setSlot(clientRoot, 6, boot.cap(replyQueue));
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
            names.put(replyQueue, "reply-q");
        }
    }

    private static void side(Boot boot, int page, int act, int thread, int buf, int reply) {
        boot.setSlot(page, 0, boot.cap(act));
        boot.setSlot(page, 1, boot.cap(thread));
        boot.setSlot(page, 2, boot.cap(page));
        boot.setSlot(page, 3, boot.cap(buf));
        for (int b : new int[] {buf, reply}) {
            if (b >= 0) {
                boot.setBufferSlot(b, BufferSlot.THREAD, boot.cap(thread));
                boot.setBufferSlot(b, BufferSlot.AS_ROOT, boot.cap(page));
            }
        }
        if (reply >= 0) {
            boot.setSlot(page, 4, boot.cap(reply));
        }
    }

    boolean queues() {
        return serverQueue >= 0;
    }

    static int a(int... slots) {
        return CapAddress.of(slots);
    }

    /** The server readies its buffer to take two capabilities into its slots 20 and 21. */
    void serverReady() {
        k.writeMessage(server, a(3), new int[] {a(20), a(21)}, new byte[0]);
        k.configureBuffer(server, a(3), MessageBuffer.ACTIVATE_ON_RECEIVE, 77);
        k.receive(server, a(3), queues() ? a(6) : CapAddress.NONE, true);
    }

    /** The client writes "hello" with its reply target and its activity. */
    void clientWrites() {
        k.writeMessage(client, a(3), new int[] {queues() ? a(6) : a(4), a(0)}, "hello".getBytes());
    }

    void clientCalls() {
        k.rpc(client, a(3), a(5), a(4), queues() ? a(6) : CapAddress.NONE);
    }
}
