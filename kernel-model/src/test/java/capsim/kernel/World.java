package capsim.kernel;

import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.Variant;

/**
 * A small two-party world for tests: a client and a server, each with its own activity, thread,
 * root capability page, request/reply buffers and a frame. Slot layout in each root page:
 * 0 own activity, 1 own thread, 2 own root page, 3 request/receive buffer, 4 reply buffer,
 * 5 the peer's target (server buffer or queue), 6 reply queue (queue designs), 7 a spare frame,
 * 8 a sub page (weak path test), 10.. free.
 */
final class World {
    final Kernel k;
    final Boot boot;
    final int clientAct, serverAct;
    final int client, server;
    final int clientRoot, serverRoot;
    final int clientReq, clientReply, serverBuf;
    final int serverQueue, clientReplyQueue;

    World(Variant v) {
        this(v, Kernel.DEFAULT_WORK_BOUND);
    }

    World(Variant v, int bound) {
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

    static int a(int... slots) {
        return CapAddress.of(slots);
    }

    CapPage page(int oid) {
        return (CapPage) k.heap().get(oid);
    }

    MessageBuffer buffer(int oid) {
        return (MessageBuffer) k.heap().get(oid);
    }

    KernelThread thread(int oid) {
        return (KernelThread) k.heap().get(oid);
    }

    Activity activity(int oid) {
        return (Activity) k.heap().get(oid);
    }

    Frame payloadOf(int buffer) {
        return (Frame) k.heap().lookup(buffer(buffer).payload());
    }

    boolean queues() {
        return k.variant().queues() == QueueModel.FIRST_CLASS;
    }

    /** The server readies its buffer to receive {@code slots} capabilities into its slots 20, 21, ... */
    void serverReady(int slots) {
        int[] addrs = new int[slots];
        for (int i = 0; i < slots; i++) {
            addrs[i] = a(20 + i);
        }
        k.writeMessage(server, a(3), addrs, new byte[0]);
        k.configureBuffer(server, a(3), MessageBuffer.ACTIVATE_ON_RECEIVE, 77);
        k.receive(server, a(3), queues() ? a(6) : CapAddress.NONE, true);
    }
}
