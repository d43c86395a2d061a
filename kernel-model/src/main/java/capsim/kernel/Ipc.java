package capsim.kernel;

/**
 * IPC: send, receive and RPC, each split into a check ({@code prepare*}: throws and changes nothing) and a
 * commit, like seL4's decode/invoke split ({@code Endpoint.lhs} holds only the commit side). Where a
 * message waits and who takes it is the variant's {@link Waiting} model; the copy itself is a
 * {@link Transfer}. Stateless: everything lives in the {@link Kernel} passed in.
 */
final class Ipc {
    private Ipc() {
    }

    /** A checked send: what the commit needs, including the activities that pay for fresh pages (null: none). */
    record PreparedSend(MessageBuffer source, Capability targetCap, KernelObject target,
                        MessageBuffer receiver, Activity frameActivity, Activity receiverFrameActivity) {
        /** Whether the message goes to {@link #receiver} now (else the sender waits). */
        boolean deliverNow() {
            return receiver != null;
        }
    }

    /** A checked receive: the buffer, the queue it receives from (null: the buffer itself) and who pays for a fresh page. */
    record PreparedReceive(MessageBuffer buffer, MessageQueue queue, Activity frameActivity) {
    }

    static Outcome send(Kernel k, int thread, int srcAddr, int targetAddr, boolean blocking) {
        KernelThread t = CapSpace.invoker(k, thread);
        PreparedSend p = prepareSend(k, t, srcAddr, targetAddr, blocking);
        Quotas.requirePages(k, p.frameActivity, p.receiverFrameActivity, null);
        return commitSend(k, thread, p);
    }

    static Outcome receive(Kernel k, int thread, int bufAddr, int queueAddr, boolean blocking) {
        KernelThread t = CapSpace.invoker(k, thread);
        PreparedReceive r = prepareReceive(k, t, bufAddr, queueAddr, blocking);
        Quotas.requirePages(k, r.frameActivity, null, null);
        return commitReceive(k, r);
    }

    /**
     * RPC: readies the reply buffer to receive with activation and sends the request, whose capability
     * address 0 must name the reply target. Both halves are checked before either commits.
     */
    static Outcome rpc(Kernel k, int thread, int requestAddr, int targetAddr, int replyBufAddr, int replyQueueAddr) {
        KernelThread t = CapSpace.invoker(k, thread);
        PreparedReceive r = prepareReceive(k, t, replyBufAddr, replyQueueAddr, true);
        if (r.queue == null && !r.buffer.sendersMutable().isEmpty()) {
            throw new KernelException(KernelError.BUSY, "the reply buffer already has waiting senders");
        }
        if (r.queue != null && !r.queue.sendersMutable().isEmpty()) {
            throw new KernelException(KernelError.BUSY, "the reply queue already has waiting senders");
        }
        PreparedSend p = prepareSend(k, t, requestAddr, targetAddr, true);
        if (p.source == r.buffer || p.target == r.buffer) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "the reply buffer must differ from the request and the target");
        }
        // Up to three fresh pages (reply, request, the target's): all of them or none, under every ancestor.
        Quotas.requirePages(k, r.frameActivity, p.frameActivity, p.receiverFrameActivity);
        KernelObject replyTarget = r.queue != null ? r.queue : r.buffer;
        Frame req = Buffers.payloadFrame(k, p.source);
        Capability cap0 = req != null && req.capCount() > 0
                ? CapSpace.fetchOrVoid(k, p.source.asRoot(), req.capAddress(0)) : Capability.VOID;
        if (k.heap.lookup(cap0) != replyTarget) {
            throw new KernelException(KernelError.BAD_ARGUMENT,
                    "an RPC request's capability 0 must name its reply target " + replyTarget);
        }
        MessageBuffer reply = r.buffer;
        reply.setFlags(reply.flags() | MessageBuffer.ACTIVATE_ON_RECEIVE);
        k.trace.add(new Event.BufferConfigured(reply.oid(), reply.flags(), reply.id()));
        commitReceive(k, r);
        return commitSend(k, thread, p);
    }

    private static PreparedSend prepareSend(Kernel k, KernelThread t, int srcAddr, int targetAddr, boolean blocking) {
        MessageBuffer s = CapSpace.strongBuffer(k, t, srcAddr);
        Capability tc = CapSpace.fetch(k, t.asRoot(), targetAddr);
        KernelObject target = CapSpace.requireLive(k, tc, targetAddr);
        if (s.waitingOn() != KernelObject.NO_OID || s.inTransfer()) {
            throw new KernelException(KernelError.BUSY, "buffer#" + s.oid() + " is already queued or in transfer");
        }
        MessageBuffer receiver = k.waiting.receiverNow(k, s, target, targetAddr);
        if (receiver == null && !blocking) {
            // server.c: a non-blocking send that cannot deliver now answers ETIMEDOUT.
            throw new KernelException(KernelError.ETIMEDOUT, "the target cannot take a message now");
        }
        Activity frameActivity = null;
        if (Buffers.payloadFrame(k, s) == null) {
            frameActivity = Quotas.threadActivity(k, t);
        }
        // A target that never readied a page still gets the message: a fresh page, charged to the
        // activity the target buffer itself was allocated from. The caller checks the quotas of all pages at once.
        Activity receiverFrameActivity = null;
        if (receiver != null && Buffers.payloadFrame(k, receiver) == null) {
            receiverFrameActivity = (Activity) k.heap.get(receiver.chargedTo());
        }
        return new PreparedSend(s, tc, target, receiver, frameActivity, receiverFrameActivity);
    }

    private static Outcome commitSend(Kernel k, int thread, PreparedSend p) {
        MessageBuffer s = p.source;
        if (p.frameActivity != null) {
            s.setSlot(BufferSlot.PAYLOAD, Lifecycle.createFrame(k, p.frameActivity));
        }
        int msg = k.nextMessage++;
        s.setInFlightMessage(msg);
        s.setLastError(null);
        s.setProtectedPayload(p.targetCap.payload());
        k.trace.add(new Event.Sent(msg, thread, s.oid(), p.target.oid(), p.targetCap.payload()));
        k.stepWork++;
        if (!p.deliverNow()) {
            s.setWaitingOn(p.target.oid());
            k.waiting.enqueueSender(s, p.target);
            k.trace.add(new Event.Enqueued(msg, s.oid(), p.target.oid()));
            return Outcome.ENQUEUED;
        }
        k.waiting.takeReceiver(p.target, p.receiver);
        if (p.receiverFrameActivity != null) {
            p.receiver.setSlot(BufferSlot.PAYLOAD, Lifecycle.createFrame(k, p.receiverFrameActivity));
        }
        return Transfer.start(k, msg, s, p.receiver);
    }

    private static PreparedReceive prepareReceive(Kernel k, KernelThread t, int bufAddr, int queueAddr, boolean blocking) {
        MessageBuffer b = CapSpace.strongBuffer(k, t, bufAddr);
        Lifecycle.requireNotInTransfer(k, b);
        MessageQueue q = k.waiting.receiveFrom(k, t, b, queueAddr, blocking);
        // A receiving buffer with no live frame gets a fresh one, charged to the receiving thread's activity.
        Activity frameActivity = Buffers.payloadFrame(k, b) == null ? Quotas.threadActivity(k, t) : null;
        return new PreparedReceive(b, q, frameActivity);
    }

    private static Outcome commitReceive(Kernel k, PreparedReceive r) {
        MessageBuffer b = r.buffer;
        k.stepWork++;
        if (r.frameActivity != null) {
            b.setSlot(BufferSlot.PAYLOAD, Lifecycle.createFrame(k, r.frameActivity));
        }
        return k.waiting.receive(k, b, r.queue);
    }
}
