package capsim.visual;

import capsim.kernel.Activation;
import capsim.kernel.Activity;
import capsim.kernel.CapAddress;
import capsim.kernel.CapPage;
import capsim.kernel.CapType;
import capsim.kernel.Frame;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import capsim.kernel.MessageQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * The default drawing: activities as folders, threads as ellipses, queues as arrow-tags, frames as
 * pages (notes), buffers and capability pages as tables. Fills stay clear of green, orange and grey,
 * which step diffs use.
 */
final class ViengoosStyle implements DrawingStyle {
    static final ViengoosStyle INSTANCE = new ViengoosStyle();
    /** Bytes of a frame shown in its node. */
    static final int SHOWN_BYTES = 8;

    private ViengoosStyle() {
    }

    @Override
    public String name() {
        return "viengoos";
    }

    @Override
    public NodeLook legend(CapType type) {
        return new NodeLook(shape(type), fill(type), type.word(), List.of());
    }

    @Override
    public NodeLook look(KernelObject o, Names names) {
        List<String> d = new ArrayList<>();
        String n = names.name(o.oid());
        String id = Names.id(o.type(), o.oid()) + (o.version() != 0 ? " v" + o.version() : "");
        if (n != null) {
            d.add(id);
        }
        switch (o) {
            case Activity a -> d.add("quota " + (a.quota() == 0 ? "none" : a.quota()) + ", usage " + a.usage());
            case KernelThread t -> thread(t, names, d);
            case MessageBuffer b -> buffer(b, names, d);
            case MessageQueue q -> d.add(q.senders().isEmpty() && q.receivers().isEmpty() ? "empty"
                    : q.senders().size() + " waiting to send, " + q.receivers().size() + " to receive");
            case Frame f -> frame(f, d);
            case CapPage p -> {
            }
        }
        return new NodeLook(shape(o.type()), fill(o.type()), n != null ? n : id, d);
    }

    private static void thread(KernelThread t, Names names, List<String> d) {
        Activation a = t.current();
        if (t.activated() && a != null) {
            d.add("ACTIVATED for " + names.shortRef(CapType.MESSAGE_BUFFER, a.buffer()));
            d.add("id " + a.id() + ", pp " + a.protectedPayload());
        } else {
            d.add("not activated");
        }
        int[] pending = t.pendingBuffers();
        if (pending.length > 0) {
            StringBuilder b = new StringBuilder("pending:");
            for (int p : pending) {
                b.append(' ').append(names.shortRef(CapType.MESSAGE_BUFFER, p));
            }
            d.add(b.toString());
        }
        if (t.activationCount() > 0) {
            d.add("activations: " + t.activationCount());
        }
    }

    private static void buffer(MessageBuffer b, Names names, List<String> d) {
        if (b.activateOnSend() || b.activateOnReceive()) {
            d.add("activate on " + (b.activateOnSend() ? "send" : "")
                    + (b.activateOnSend() && b.activateOnReceive() ? "+" : "") + (b.activateOnReceive() ? "receive" : ""));
        }
        if (b.id() != 0 || b.protectedPayload() != 0) {
            d.add("id " + b.id() + ", pp " + b.protectedPayload());
        }
        if (b.blocked()) {
            d.add("blocked");
        }
        if (b.inFlightMessage() != 0) {
            d.add("sending msg " + b.inFlightMessage());
        }
        if (b.waitingOn() != KernelObject.NO_OID) {
            String on = names.name(b.waitingOn());
            d.add("waits on " + (on != null ? on : "#" + b.waitingOn()));
        }
        if (b.inTransfer()) {
            d.add("IN TRANSFER");
        }
        if (b.lastError() != null) {
            d.add("last error " + b.lastError());
        }
    }

    private static void frame(Frame f, List<String> d) {
        d.add("cap_count " + f.capCount() + ", data_count " + f.dataCount());
        if (f.capCount() > 0) {
            StringBuilder b = new StringBuilder("addr");
            int[] addrs = f.capAddresses();
            for (int i = 0; i < Math.min(addrs.length, 6); i++) {
                b.append(' ').append(CapAddress.format(addrs[i]));
            }
            d.add(addrs.length > 6 ? b.append(" ...").toString() : b.toString());
        }
        if (f.dataCount() > 0) {
            d.add(bytes(f.data()));
        }
    }

    /** The first bytes as hex and printable text: {@code 68 65 6c 6c 6f "hello"}. */
    static String bytes(byte[] data) {
        int n = Math.min(data.length, SHOWN_BYTES);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int v = data[i] & 0xff;
            hex.append(i > 0 ? " " : "").append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
            text.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
        }
        return hex + " \"" + text + "\"" + (data.length > n ? " ..." : "");
    }

    static String shape(CapType t) {
        return switch (t) {
            case ACTIVITY -> "folder";
            case THREAD -> "ellipse";
            case MESSAGE_QUEUE -> "cds";
            case FRAME -> "note";
            case MESSAGE_BUFFER, CAPPAGE -> "box";
            case VOID -> "point";
        };
    }

    static String fill(CapType t) {
        return switch (t) {
            case ACTIVITY -> "#fff3bf";
            case THREAD -> "#d0e2ff";
            case MESSAGE_BUFFER -> "#e8dcff";
            case MESSAGE_QUEUE -> "#ffd6e7";
            case FRAME -> "#d4f1f4";
            case CAPPAGE -> "#f1e6d2";
            case VOID -> "#ffffff";
        };
    }
}
