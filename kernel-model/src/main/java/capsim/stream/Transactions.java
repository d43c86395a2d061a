package capsim.stream;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One side of a link's transactions (the DMSG life cycle that grew out of seed 004). A transaction starts
 * with a CREATE from either side and lives until a DELETE has gone each way; both sides may send
 * replies and commands in it meanwhile. Transactions run in parallel by msgid; the side that starts one
 * chooses its msgid, side A below 2^31 and side B above, so the two never collide. A transaction may be
 * nested in another (the child's CREATE names the parent); ending a parent ends its children first.
 * When the link is lost every open transaction, children first, gets a synthetic DELETE carrying
 * {@link #LOST_LINK}, and no state remains.
 */
public final class Transactions {
    /** Command bits (the low 12 bits are the command code; bit 15 of the wire field is the reply flag). */
    public static final int CREATE = 0x4000;
    public static final int DELETE = 0x2000;
    public static final int ABORT = 0x1000;
    public static final int CODE_MASK = 0x0FFF;
    /** Item id carrying the parent's msgid in a nested CREATE. */
    public static final int PARENT_ITEM = Item.MAX_ID;
    /** Item id carrying an error code (in a DELETE). */
    public static final int ERROR_ITEM = Item.MAX_ID - 1;
    /** The error a synthetic DELETE carries when the link is lost. */
    public static final int LOST_LINK = 1;

    /** Which end of the link this is: it decides the msgids this side hands out. */
    public enum Side { A, B }

    /** What the application sees: every message of a transaction, and its end. */
    public interface Listener {
        void message(Transaction t, Message m);

        /** The transaction is over (DELETE both ways, or link loss: {@code error} = {@link #LOST_LINK}). */
        void ended(Transaction t, int error);
    }

    /** An open transaction, as this side sees it. */
    public static final class Transaction {
        private final int msgId;
        private final Transaction parent;
        private final List<Transaction> children = new ArrayList<>();
        private final boolean ours;
        private boolean sentDelete;
        private boolean receivedDelete;

        private Transaction(int msgId, Transaction parent, boolean ours) {
            this.msgId = msgId;
            this.parent = parent;
            this.ours = ours;
        }

        public int msgId() {
            return msgId;
        }

        public Transaction parent() {
            return parent;
        }

        /** True when this side started it. */
        public boolean ours() {
            return ours;
        }
    }

    private final Side side;
    private final long linkId;
    private final Consumer<Message> wire;
    private final Listener listener;
    private final Map<Integer, Transaction> open = new LinkedHashMap<>();
    private int next = 1;

    public Transactions(Side side, long linkId, Consumer<Message> wire, Listener listener) {
        this.side = side;
        this.linkId = linkId;
        this.wire = wire;
        this.listener = listener;
    }

    /** Open transactions (0 once everything has ended or the link was lost). */
    public int openCount() {
        return open.size();
    }

    /** Starts a transaction with command {@code code} (nested in {@code parent} when not null). */
    public Transaction start(int code, List<Item> items, Transaction parent) {
        checkCode(code);
        if (parent != null && open.get(parent.msgId) != parent) {
            throw new IllegalStateException("the parent transaction " + parent.msgId + " is not open");
        }
        int id = (side == Side.A ? 0 : 0x8000_0000) | next++;
        Transaction t = new Transaction(id, parent, true);
        open.put(id, t);
        if (parent != null) {
            parent.children.add(t);
        }
        List<Item> all = new ArrayList<>(items);
        if (parent != null) {
            all.add(new Item.Leaf(PARENT_ITEM, intBytes(parent.msgId)));
        }
        wire.accept(new Message(linkId, id, CREATE | code, false, all));
        return t;
    }

    /** Sends a message in an open transaction ({@code reply}: as a response). */
    public void send(Transaction t, int code, boolean reply, List<Item> items) {
        checkCode(code);
        requireOpen(t);
        if (t.sentDelete) {
            throw new IllegalStateException("transaction " + t.msgId + " was already ended by this side");
        }
        wire.accept(new Message(linkId, t.msgId, code, reply, items));
    }

    /** This side ends the transaction (children first); it is over once the peer's DELETE arrives too. */
    public void end(Transaction t) {
        requireOpen(t);
        endWith(t, DELETE);
    }

    /** Asks the peer to abandon the transaction (advisory) and ends it from this side. */
    public void abort(Transaction t) {
        requireOpen(t);
        endWith(t, DELETE | ABORT);
    }

    private void endWith(Transaction t, int flags) {
        for (Transaction c : new ArrayList<>(t.children)) {
            if (open.get(c.msgId) == c && !c.sentDelete) {
                endWith(c, flags);
            }
        }
        if (!t.sentDelete) {
            t.sentDelete = true;
            wire.accept(new Message(linkId, t.msgId, flags, !t.ours, List.of()));
        }
        finishIfDone(t, 0);
    }

    /** A message arrived from the peer. */
    public void receive(Message m) throws ProtocolException {
        if (m.linkId() != linkId) {
            throw new ProtocolException(0, ProtocolException.Reason.UNKNOWN_LINK, "message for link " + m.linkId() + " on link " + linkId);
        }
        int cmd = m.command();
        Transaction t = open.get(m.msgId());
        if ((cmd & CREATE) != 0) {
            boolean peerRange = side == Side.A ? m.msgId() < 0 : m.msgId() >= 0;
            if (t != null || !peerRange) {
                throw new ProtocolException(8, ProtocolException.Reason.BAD_TRANSACTION,
                        "CREATE for msgid " + Integer.toUnsignedString(m.msgId()) + ", which is in use or not the peer's to start");
            }
            Transaction parent = null;
            for (Item it : m.items()) {
                if (it instanceof Item.Leaf l && l.id() == PARENT_ITEM && l.data().remaining() == 4) {
                    parent = open.get(l.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt());
                }
            }
            t = new Transaction(m.msgId(), parent, false);
            open.put(m.msgId(), t);
            if (parent != null) {
                parent.children.add(t);
            }
        } else if (t == null) {
            // A late message for a transaction this side already finished: nothing to deliver it to.
            return;
        }
        listener.message(t, m);
        if ((cmd & DELETE) != 0) {
            t.receivedDelete = true;
            if ((cmd & ABORT) != 0 || !t.sentDelete) {
                endWith(t, DELETE);
            }
            finishIfDone(t, errorOf(m));
        }
    }

    /** The link is gone: every open transaction ends (children first) with {@link #LOST_LINK}. */
    public void linkLost() {
        List<Transaction> roots = new ArrayList<>();
        for (Transaction t : open.values()) {
            if (t.parent == null || open.get(t.parent.msgId) != t.parent) {
                roots.add(t);
            }
        }
        for (Transaction t : roots) {
            lose(t);
        }
        open.clear();
    }

    private void lose(Transaction t) {
        for (Transaction c : new ArrayList<>(t.children)) {
            if (open.get(c.msgId) == c) {
                lose(c);
            }
        }
        if (open.remove(t.msgId) != null) {
            listener.message(t, new Message(linkId, t.msgId, DELETE, !t.ours,
                    List.of(new Item.Leaf(ERROR_ITEM, intBytes(LOST_LINK)))));
            listener.ended(t, LOST_LINK);
        }
    }

    private void finishIfDone(Transaction t, int error) {
        if (t.sentDelete && t.receivedDelete && open.remove(t.msgId) != null) {
            if (t.parent != null) {
                t.parent.children.remove(t);
            }
            listener.ended(t, error);
        }
    }

    private void requireOpen(Transaction t) {
        if (open.get(t.msgId) != t) {
            throw new IllegalStateException("transaction " + Integer.toUnsignedString(t.msgId) + " is not open");
        }
    }

    private static int errorOf(Message m) {
        for (Item it : m.items()) {
            if (it instanceof Item.Leaf l && l.id() == ERROR_ITEM && l.data().remaining() == 4) {
                return l.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt();
            }
        }
        return 0;
    }

    private static void checkCode(int code) {
        if (code < 0 || code > CODE_MASK) {
            throw new IllegalArgumentException("a command code is 0.." + CODE_MASK + ", not " + code);
        }
    }

    private static ByteBuffer intBytes(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, v);
    }
}
