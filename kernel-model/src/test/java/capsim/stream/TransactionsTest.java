package capsim.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransactionsTest {

    /** Records what one side's application saw. */
    static final class Log implements Transactions.Listener {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final List<String> ended = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch lost = new CountDownLatch(1);

        public void message(Transactions.Transaction t, Message m) {
            seen.add(Integer.toUnsignedString(t.msgId()) + ":" + Integer.toHexString(m.command()) + (m.response() ? "r" : ""));
        }

        public void ended(Transactions.Transaction t, int error) {
            ended.add(Integer.toUnsignedString(t.msgId()) + (error == Transactions.LOST_LINK ? ":lost" : ""));
            if (error == Transactions.LOST_LINK) {
                lost.countDown();
            }
        }
    }

    /** Two sides joined by real bytes: encode, chunk, frame, decode. */
    static final class Pipe {
        final Log logA = new Log();
        final Log logB = new Log();
        final List<Message> wireLog = new ArrayList<>();
        Transactions a;
        Transactions b;
        final Framer toA = new Framer();
        final Framer toB = new Framer();

        Pipe() {
            a = new Transactions(Transactions.Side.A, 5, m -> deliver(m, toB, () -> b), logA);
            b = new Transactions(Transactions.Side.B, 5, m -> deliver(m, toA, () -> a), logB);
        }

        private void deliver(Message m, Framer f, java.util.function.Supplier<Transactions> to) {
            wireLog.add(m);
            ByteBuffer bytes = Codec.encode(m);
            try {
                // in two chunks, to exercise the framing
                int half = bytes.remaining() / 2;
                for (Message x : f.feed(bytes.slice(0, half))) {
                    to.get().receive(x);
                }
                for (Message x : f.feed(bytes.slice(half, bytes.remaining() - half))) {
                    to.get().receive(x);
                }
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void parallelTransactionsFromBothSidesLiveUntilDeleteHasGoneBothWays() {
        Pipe p = new Pipe();
        Transactions.Transaction a1 = p.a.start(1, List.of(), null);
        Transactions.Transaction a2 = p.a.start(2, List.of(), null);
        Transactions.Transaction b1 = p.b.start(3, List.of(Item.Leaf.of(1, "x".getBytes())), null);
        assertThat(a1.msgId()).isNotEqualTo(b1.msgId());
        assertThat(p.a.openCount()).isEqualTo(3);
        assertThat(p.b.openCount()).isEqualTo(3);
        p.b.send(b1, 3, false, List.of());
        p.a.end(a1);
        // a1 is over on both sides: B answered A's DELETE with its own
        assertThat(p.logA.ended).contains(Integer.toUnsignedString(a1.msgId()));
        assertThat(p.a.openCount()).isEqualTo(2);
        p.b.abort(b1);
        p.a.end(a2);
        assertThat(p.a.openCount()).isZero();
        assertThat(p.b.openCount()).isZero();
        assertThat(p.logA.ended).hasSize(3);
        assertThat(p.logB.ended).hasSize(3);
        assertThatThrownBy(() -> p.a.send(a1, 1, false, List.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void endingAParentEndsItsChildrenFirst() {
        Pipe p = new Pipe();
        Transactions.Transaction parent = p.a.start(1, List.of(), null);
        Transactions.Transaction child = p.a.start(2, List.of(), parent);
        Transactions.Transaction grandchild = p.a.start(3, List.of(), child);
        p.wireLog.clear();
        p.a.end(parent);
        List<Integer> deletes = p.wireLog.stream().filter(m -> (m.command() & Transactions.DELETE) != 0)
                .filter(m -> m.linkId() == 5).map(Message::msgId).toList();
        // A's DELETEs go grandchild, child, parent (each answered by B as it arrives)
        List<Integer> fromA = new ArrayList<>();
        for (Message m : p.wireLog) {
            if ((m.command() & Transactions.DELETE) != 0 && !m.response()) {
                fromA.add(m.msgId());
            }
        }
        assertThat(fromA).containsExactly(grandchild.msgId(), child.msgId(), parent.msgId());
        assertThat(deletes).hasSize(6);
        assertThat(p.a.openCount()).isZero();
        assertThat(p.b.openCount()).isZero();
    }

    @Test
    void linkLossEndsEveryOpenTransactionChildrenFirstAndLeavesNoState() {
        Pipe p = new Pipe();
        Transactions.Transaction parent = p.a.start(1, List.of(), null);
        Transactions.Transaction child = p.a.start(2, List.of(), parent);
        Transactions.Transaction theirs = p.b.start(3, List.of(), null);
        p.a.linkLost();
        p.b.linkLost();
        assertThat(p.logA.ended).containsExactly(Integer.toUnsignedString(child.msgId()) + ":lost",
                Integer.toUnsignedString(parent.msgId()) + ":lost", Integer.toUnsignedString(theirs.msgId()) + ":lost");
        assertThat(p.logB.ended).hasSize(3).allMatch(s -> s.endsWith(":lost"));
        assertThat(p.a.openCount()).isZero();
        assertThat(p.b.openCount()).isZero();
        // the waiters were told with a synthetic DELETE before the end
        assertThat(p.logA.seen).anyMatch(s -> s.startsWith(Integer.toUnsignedString(child.msgId()) + ":2000"));
        // a new link takes new work
        Pipe again = new Pipe();
        Transactions.Transaction t = again.a.start(1, List.of(), null);
        again.a.end(t);
        assertThat(again.a.openCount()).isZero();
    }

    @Test
    void badCreatesAndForeignLinksAreProtocolErrors() throws ProtocolException {
        Log log = new Log();
        Transactions a = new Transactions(Transactions.Side.A, 5, m -> { }, log);
        assertThatThrownBy(() -> a.receive(new Message(6, 0x8000_0001, Transactions.CREATE, false, List.of())))
                .isInstanceOf(ProtocolException.class).extracting(e -> ((ProtocolException) e).reason())
                .isEqualTo(ProtocolException.Reason.UNKNOWN_LINK);
        assertThatThrownBy(() -> a.receive(new Message(5, 1, Transactions.CREATE, false, List.of())))
                .extracting(e -> ((ProtocolException) e).reason()).isEqualTo(ProtocolException.Reason.BAD_TRANSACTION);
        a.receive(new Message(5, 0x8000_0001, Transactions.CREATE, false, List.of()));
        assertThatThrownBy(() -> a.receive(new Message(5, 0x8000_0001, Transactions.CREATE, false, List.of())))
                .extracting(e -> ((ProtocolException) e).reason()).isEqualTo(ProtocolException.Reason.BAD_TRANSACTION);
        assertThatThrownBy(() -> a.start(0x1000, List.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The same over a loopback TCP socket, cut in the middle of open transactions. */
    @Test
    void cuttingARealSocketEndsEverythingOnBothSides() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5000);
            Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            Socket accepted = server.accept();
            client.setSoTimeout(5000);
            accepted.setSoTimeout(5000);
            Log logA = new Log();
            Log logB = new Log();
            Transactions a = new Transactions(Transactions.Side.A, 9, m -> write(client, m), logA);
            Transactions b = new Transactions(Transactions.Side.B, 9, m -> write(accepted, m), logB);
            CountDownLatch created = new CountDownLatch(2);
            Thread readA = reader(client, a, created);
            Thread readB = reader(accepted, b, created);
            synchronized (a) {
                a.start(1, List.of(), null);
            }
            synchronized (b) {
                b.start(2, List.of(), null);
            }
            assertThat(created.await(5, TimeUnit.SECONDS)).as("both CREATEs crossed").isTrue();
            accepted.close();
            assertThat(logA.lost.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(logB.lost.await(5, TimeUnit.SECONDS)).isTrue();
            readA.join(5000);
            readB.join(5000);
            synchronized (a) {
                assertThat(a.openCount()).isZero();
            }
            synchronized (b) {
                assertThat(b.openCount()).isZero();
            }
            assertThat(logA.ended).hasSize(2).allMatch(s -> s.endsWith(":lost"));
            assertThat(logB.ended).hasSize(2).allMatch(s -> s.endsWith(":lost"));
            client.close();
        }
    }

    private static void write(Socket s, Message m) {
        SocketEnd.write(s, m);
    }

    /** Feeds {@code t} what {@code s} reads; counts down {@code created} per CREATE; link loss at the end. */
    private static Thread reader(Socket s, Transactions t, CountDownLatch created) {
        return SocketEnd.reader(s, "capsim-link-reader", m -> {
            synchronized (t) {
                t.receive(m);
            }
            if ((m.command() & Transactions.CREATE) != 0) {
                created.countDown();
            }
        }, () -> {
            synchronized (t) {
                t.linkLost();
            }
        });
    }
}
