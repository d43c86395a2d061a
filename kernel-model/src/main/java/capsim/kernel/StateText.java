package capsim.kernel;

import java.util.Arrays;

/**
 * A canonical text of a whole kernel state: one line per live object with every field, then the
 * unfinished transfers. Two states are equal exactly when their texts are; tests use it to show that a
 * refused operation changed nothing.
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
}
