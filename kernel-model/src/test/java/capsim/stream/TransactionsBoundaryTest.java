package capsim.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Transactions at their edges: command codes 0 and 0xFFF, the msgid ranges of the two sides (0 is side A's,
 * 2^31 side B's), operations on transactions that are not open, nesting announced by the peer, the error a
 * DELETE carries, and link loss. The two sides are joined directly (no bytes), so each message is seen.
 */
class TransactionsBoundaryTest {

    private static final class Side implements Transactions.Listener {
        final List<String> seen = new ArrayList<>();
        final List<String> ended = new ArrayList<>();
        final List<Message> sent = new ArrayList<>();
        Transactions tx;

        public void message(Transactions.Transaction t, Message m) {
            seen.add(Integer.toUnsignedString(t.msgId()) + ":" + Integer.toHexString(m.command()) + (m.response() ? "r" : ""));
        }

        public void ended(Transactions.Transaction t, int error) {
            ended.add(Integer.toUnsignedString(t.msgId()) + "/" + error);
        }
    }

    /** Side A and side B of link 5; what one sends the other receives at once. */
    private static Side[] pair() {
        Side a = new Side();
        Side b = new Side();
        a.tx = new Transactions(Transactions.Side.A, 5, m -> deliver(m, a, b), a);
        b.tx = new Transactions(Transactions.Side.B, 5, m -> deliver(m, b, a), b);
        return new Side[] {a, b};
    }

    private static void deliver(Message m, Side from, Side to) {
        from.sent.add(m);
        try {
            to.tx.receive(m);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    /** Side {@code side} alone, its messages kept but delivered nowhere. */
    private static Side alone(Transactions.Side side) {
        Side s = new Side();
        s.tx = new Transactions(side, 5, s.sent::add, s);
        return s;
    }

    private static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, v).array();
    }

    @Test
    void commandCodesRunFromZeroTo0xFff() {
        Side[] p = pair();
        Transactions.Transaction t0 = p[0].tx.start(0, List.of(), null);
        Transactions.Transaction t1 = p[0].tx.start(Transactions.CODE_MASK, List.of(), null);
        assertThat(p[1].seen).containsExactly(Integer.toUnsignedString(t0.msgId()) + ":4000",
                Integer.toUnsignedString(t1.msgId()) + ":4fff");
        for (int bad : new int[] {-1, Transactions.CODE_MASK + 1}) {
            assertThatThrownBy(() -> p[0].tx.start(bad, List.of(), null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> p[0].tx.send(t0, bad, false, List.of())).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(p[0].tx.openCount()).isEqualTo(2);
        assertThat(p[0].sent).hasSize(2);
        p[0].tx.send(t0, 0, false, List.of());
        p[0].tx.send(t0, Transactions.CODE_MASK, true, List.of());
        assertThat(p[1].seen).endsWith(Integer.toUnsignedString(t0.msgId()) + ":0", Integer.toUnsignedString(t0.msgId()) + ":fffr");
    }

    @Test
    void eachSideAcceptsCreatesOnlyInThePeersRange() throws ProtocolException {
        Side b = alone(Transactions.Side.B);
        b.tx.receive(new Message(5, 0, Transactions.CREATE | 1, false, List.of()));
        assertThat(b.tx.openCount()).as("msgid 0 is side A's").isEqualTo(1);
        assertThatThrownBy(() -> b.tx.receive(new Message(5, Integer.MIN_VALUE, Transactions.CREATE | 1, false, List.of())))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> b.tx.receive(new Message(5, 0, Transactions.CREATE | 1, false, List.of())))
                .as("in use").isInstanceOf(ProtocolException.class);

        Side a = alone(Transactions.Side.A);
        a.tx.receive(new Message(5, Integer.MIN_VALUE, Transactions.CREATE | 1, false, List.of()));
        assertThat(a.tx.openCount()).as("msgid 2^31 is side B's").isEqualTo(1);
        assertThatThrownBy(() -> a.tx.receive(new Message(5, 0, Transactions.CREATE | 1, false, List.of())))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> a.tx.receive(new Message(5, -1 >>> 1, Transactions.CREATE | 1, false, List.of())))
                .isInstanceOf(ProtocolException.class);
        assertThatThrownBy(() -> a.tx.receive(new Message(6, Integer.MIN_VALUE + 1, Transactions.CREATE | 1, false, List.of())))
                .isInstanceOf(ProtocolException.class);
        assertThat(a.tx.openCount()).isEqualTo(1);
        assertThat(a.seen).hasSize(1);
    }

    @Test
    void nothingCanBeDoneInATransactionThatIsNotOpen() {
        Side[] p = pair();
        Transactions.Transaction t = p[0].tx.start(1, List.of(), null);
        p[0].tx.end(t);
        assertThat(p[0].tx.openCount()).as("B answered the DELETE at once").isZero();
        assertThat(p[0].ended).containsExactly(Integer.toUnsignedString(t.msgId()) + "/0");
        int sent = p[0].sent.size();
        assertThatThrownBy(() -> p[0].tx.send(t, 1, false, List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p[0].tx.end(t)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p[0].tx.abort(t)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> p[0].tx.start(1, List.of(), t)).isInstanceOf(IllegalStateException.class);
        assertThat(p[0].sent).hasSize(sent);
    }

    @Test
    void aSideThatEndedCannotSendButMayStillReceive() throws ProtocolException {
        Side a = alone(Transactions.Side.A);
        Transactions.Transaction t = a.tx.start(1, List.of(), null);
        a.tx.end(t);
        assertThat(a.tx.openCount()).as("open until the peer's DELETE").isEqualTo(1);
        assertThat(a.sent.get(1).command()).isEqualTo(Transactions.DELETE);
        assertThatThrownBy(() -> a.tx.send(t, 1, false, List.of())).isInstanceOf(IllegalStateException.class);
        a.tx.receive(new Message(5, t.msgId(), 2, true, List.of()));
        assertThat(a.seen).containsExactly(t.msgId() + ":2r");
        a.tx.receive(new Message(5, t.msgId(), Transactions.DELETE, true, List.of(Item.Leaf.of(Transactions.ERROR_ITEM, le(7)))));
        assertThat(a.ended).containsExactly(t.msgId() + "/7");
        assertThat(a.tx.openCount()).isZero();
        assertThat(a.sent).hasSize(2);
        // a late message for the finished transaction goes nowhere
        a.tx.receive(new Message(5, t.msgId(), 3, true, List.of()));
        assertThat(a.seen).hasSize(2);
    }

    @Test
    void anErrorItemOfTheWrongSizeCarriesNoError() throws ProtocolException {
        Side a = alone(Transactions.Side.A);
        Transactions.Transaction t = a.tx.start(1, List.of(), null);
        a.tx.end(t);
        a.tx.receive(new Message(5, t.msgId(), Transactions.DELETE, true,
                List.of(Item.Leaf.of(Transactions.ERROR_ITEM, new byte[8]), Item.Leaf.of(3, le(9)))));
        assertThat(a.ended).containsExactly(t.msgId() + "/0");
    }

    @Test
    void thePeersNestedTransactionsEndWithTheirParent() throws ProtocolException {
        Side b = alone(Transactions.Side.B);
        b.tx.receive(new Message(5, 1, Transactions.CREATE | 1, false, List.of()));
        b.tx.receive(new Message(5, 2, Transactions.CREATE | 1, false, List.of(Item.Leaf.of(Transactions.PARENT_ITEM, le(1)))));
        // a parent item of the wrong size names no parent
        b.tx.receive(new Message(5, 3, Transactions.CREATE | 1, false, List.of(Item.Leaf.of(Transactions.PARENT_ITEM, new byte[8]))));
        // the peer aborts the parent: this side ends the child first, then the parent; the unrelated one stays
        b.tx.receive(new Message(5, 1, Transactions.DELETE | Transactions.ABORT, false, List.of()));
        assertThat(b.sent).extracting(Message::msgId).containsExactly(2, 1);
        assertThat(b.sent).allSatisfy(m -> assertThat(m.command()).isEqualTo(Transactions.DELETE));
        assertThat(b.sent).allSatisfy(m -> assertThat(m.response()).isTrue());
        assertThat(b.ended).containsExactly("1/0");
        assertThat(b.tx.openCount()).isEqualTo(2);
        b.tx.receive(new Message(5, 2, Transactions.DELETE, false, List.of()));
        assertThat(b.ended).containsExactly("1/0", "2/0");
        assertThat(b.tx.openCount()).isEqualTo(1);
    }

    @Test
    void endingAParentEndsItsOpenChildrenFirstAndOnlyOnce() {
        Side a = alone(Transactions.Side.A);
        Transactions.Transaction parent = a.tx.start(1, List.of(), null);
        Transactions.Transaction c1 = a.tx.start(2, List.of(), parent);
        Transactions.Transaction c2 = a.tx.start(3, List.of(), parent);
        assertThat(c1.parent()).isSameAs(parent);
        a.tx.end(c1);
        a.sent.clear();
        a.tx.abort(parent);
        assertThat(a.sent).extracting(Message::msgId).containsExactly(c2.msgId(), parent.msgId());
        assertThat(a.sent).allSatisfy(m -> assertThat(m.command()).isEqualTo(Transactions.DELETE | Transactions.ABORT));
        assertThat(a.sent).allSatisfy(m -> assertThat(m.response()).isFalse());
        assertThat(a.tx.openCount()).isEqualTo(3);
    }

    @Test
    void linkLossEndsEveryOpenTransactionChildrenFirst() throws ProtocolException {
        Side a = alone(Transactions.Side.A);
        Transactions.Transaction parent = a.tx.start(1, List.of(), null);
        Transactions.Transaction child = a.tx.start(2, List.of(), parent);
        Transactions.Transaction other = a.tx.start(3, List.of(), null);
        a.tx.receive(new Message(5, Integer.MIN_VALUE | 4, Transactions.CREATE | 1, false,
                List.of(Item.Leaf.of(Transactions.PARENT_ITEM, le(other.msgId())))));
        a.seen.clear();
        a.tx.linkLost();
        int lost = Transactions.LOST_LINK;
        assertThat(a.ended).containsExactly(child.msgId() + "/" + lost, parent.msgId() + "/" + lost,
                Integer.toUnsignedString(Integer.MIN_VALUE | 4) + "/" + lost, other.msgId() + "/" + lost);
        assertThat(a.seen).extracting(s -> s.replace("r", "")).containsExactly(child.msgId() + ":2000", parent.msgId() + ":2000",
                Integer.toUnsignedString(Integer.MIN_VALUE | 4) + ":2000", other.msgId() + ":2000");
        assertThat(a.tx.openCount()).isZero();
        assertThat(a.sent).as("nothing goes on a lost link").hasSize(3);
    }

    @Test
    void aTransactionLostWithTheLinkTakesNoMoreMessages() throws ProtocolException {
        Side a = alone(Transactions.Side.A);
        Transactions.Transaction mine = a.tx.start(1, List.of(), null);
        a.tx.receive(new Message(5, Integer.MIN_VALUE | 2, Transactions.CREATE | 1, false, List.of()));
        assertThat(mine.ours()).isTrue();
        assertThat(a.seen).hasSize(1);
        a.tx.linkLost();
        int sent = a.sent.size();
        assertThatThrownBy(() -> a.tx.send(mine, 1, false, List.of())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.tx.end(mine)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> a.tx.abort(mine)).isInstanceOf(IllegalStateException.class);
        assertThat(a.sent).hasSize(sent);
    }

    @Test
    void thePeersTransactionsAreNotOurs() throws ProtocolException {
        Side b = alone(Transactions.Side.B);
        List<Transactions.Transaction> got = new ArrayList<>();
        Transactions tx = new Transactions(Transactions.Side.B, 5, m -> { }, new Transactions.Listener() {
            public void message(Transactions.Transaction t, Message m) {
                got.add(t);
            }

            public void ended(Transactions.Transaction t, int error) {
            }
        });
        tx.receive(new Message(5, 7, Transactions.CREATE | 1, false, List.of()));
        assertThat(got).singleElement().satisfies(t -> assertThat(t.ours()).isFalse());
        assertThat(b.tx.start(1, List.of(), null).ours()).isTrue();
    }
}
