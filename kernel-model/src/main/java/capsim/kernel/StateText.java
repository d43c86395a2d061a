package capsim.kernel;

import java.util.Arrays;

/**
 * A canonical text of a whole kernel state: one line per live object with every field, then the
 * unfinished transfers. Two states are equal exactly when their texts are; tests use it to show that a
 * refused operation changed nothing. {@link #same} decides that equality without building the texts (the
 * determinism invariant asks it after every step).
 */
public final class StateText {
    private StateText() {
    }

    public static String of(Kernel k) {
        StringBuilder b = new StringBuilder();
        ObjectHeap h = k.heap();
        for (int oid = 0; oid < h.highWater(); oid++) {
            KernelObject o = h.get(oid);
            if (o == null) {
                b.append('#').append(oid).append(" free next-version=").append(h.currentVersion(oid)).append('\n');
                continue;
            }
            b.append(o).append(" v").append(o.version()).append(" charged=").append(o.chargedTo());
            switch (o) {
                case Activity a -> b.append(" parent=").append(a.parent()).append(" quota=").append(a.quota())
                        .append(" usage=").append(a.usage()).append(" children=").append(a.children());
                case Frame f -> b.append(" caps=").append(Arrays.toString(f.capAddresses()))
                        .append(" data=").append(Arrays.toString(f.data()));
                case CapPage p -> {
                    for (int i = 0; i < CapPage.SLOTS; i++) {
                        if (!p.slot(i).isVoid()) {
                            b.append(" [").append(i).append("]=").append(p.slot(i));
                        }
                    }
                }
                case KernelThread t -> b.append(" as_root=").append(t.asRoot()).append(" activity=").append(t.activity())
                        .append(" activated=").append(t.activated()).append(" current=").append(t.current())
                        .append(" pending=").append(t.pending()).append(" count=").append(t.activationCount());
                case MessageBuffer m -> b.append(" thread=").append(m.thread()).append(" as_root=").append(m.asRoot())
                        .append(" payload=").append(m.payload()).append(" sender_activity=").append(m.senderActivity())
                        .append(" blocked=").append(m.blocked()).append(" flags=").append(m.flags())
                        .append(" pp=").append(m.protectedPayload()).append(" id=").append(m.id())
                        .append(" senders=").append(m.senders()).append(" waiting_on=").append(m.waitingOn())
                        .append(" in_flight=").append(m.inFlightMessage()).append(" in_transfer=").append(m.inTransfer())
                        .append(" last_error=").append(m.lastError());
                case MessageQueue q -> b.append(" senders=").append(q.senders()).append(" receivers=").append(q.receivers());
            }
            b.append('\n');
        }
        for (TransferState t : k.inProgress()) {
            b.append("transfer ").append(t).append('\n');
        }
        for (int root : k.destructionsInProgress()) {
            b.append("destruction #").append(root).append('\n');
        }
        b.append("next-msg=").append(k.messagesSent() + 1).append('\n');
        return b.toString();
    }

    /**
     * True when {@code a} and {@code b} have equal {@link #of texts}, decided field by field without building
     * them. Every field the text prints is compared by value, so a difference in the texts is always a
     * difference here (equal values print equally).
     */
    public static boolean same(Kernel a, Kernel b) {
        ObjectHeap ha = a.heap();
        ObjectHeap hb = b.heap();
        if (ha.highWater() != hb.highWater() || a.messagesSent() != b.messagesSent()) {
            return false;
        }
        for (int oid = 0; oid < ha.highWater(); oid++) {
            KernelObject x = ha.get(oid);
            KernelObject y = hb.get(oid);
            if (x == null || y == null) {
                if (x != y || ha.currentVersion(oid) != hb.currentVersion(oid)) {
                    return false;
                }
            } else if (!sameObject(x, y)) {
                return false;
            }
        }
        return a.inProgress().equals(b.inProgress()) && a.destructionsInProgress().equals(b.destructionsInProgress());
    }

    private static boolean sameObject(KernelObject x, KernelObject y) {
        if (x.type() != y.type() || x.oid() != y.oid() || x.version() != y.version() || x.chargedTo() != y.chargedTo()) {
            return false;
        }
        return switch (x) {
            case Activity p -> y instanceof Activity q && p.parent() == q.parent() && p.quota() == q.quota()
                    && p.usage() == q.usage() && p.children().equals(q.children());
            case Frame f -> y instanceof Frame g && f.sameContents(g);
            case CapPage p -> y instanceof CapPage q && p.sameSlots(q);
            case KernelThread t -> y instanceof KernelThread u && t.asRoot().equals(u.asRoot())
                    && t.activity().equals(u.activity()) && t.activated() == u.activated()
                    && java.util.Objects.equals(t.current(), u.current()) && t.pending().equals(u.pending())
                    && t.activationCount() == u.activationCount();
            case MessageBuffer m -> y instanceof MessageBuffer n && m.thread().equals(n.thread())
                    && m.asRoot().equals(n.asRoot()) && m.payload().equals(n.payload())
                    && m.senderActivity().equals(n.senderActivity()) && m.blocked() == n.blocked()
                    && m.flags() == n.flags() && m.protectedPayload() == n.protectedPayload() && m.id() == n.id()
                    && m.senders().equals(n.senders()) && m.waitingOn() == n.waitingOn()
                    && m.inFlightMessage() == n.inFlightMessage() && m.inTransfer() == n.inTransfer()
                    && m.lastError() == n.lastError();
            case MessageQueue q -> y instanceof MessageQueue r && q.senders().equals(r.senders())
                    && q.receivers().equals(r.receivers());
        };
    }
}
