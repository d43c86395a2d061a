package capsim.stream;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.Activity;
import capsim.kernel.CapAddress;
import capsim.kernel.CapPage;
import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.Kernel;
import capsim.kernel.Spec;
import capsim.kernel.variant.Variants;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two simulated kernels joined by a link: a capability crosses as a proxy and goes away with the link. */
class KernelLinkTest {

    /** One machine: a user thread with a frame to share, and a link agent paying for proxies from its own activity. */
    static final class Machine {
        final Kernel kernel = new Kernel(Variants.byName("revised").orElseThrow());
        final Map<String, Integer> names;

        Machine() {
            names = new Spec.Builder()
                    .add(new Spec.ActivityDecl("user", null, 0))
                    .add(new Spec.ObjectDecl("user_root", CapType.CAPPAGE, "user"))
                    .add(new Spec.ObjectDecl("t", CapType.THREAD, "user"))
                    .add(new Spec.ThreadDecl("t", "user_root", "user"))
                    .add(new Spec.ObjectDecl("shared", CapType.FRAME, "user"))
                    .add(new Spec.SlotDecl("user_root", 1, "shared", capsim.kernel.Rights.FULL, 0))
                    .add(new Spec.ActivityDecl("link", null, 4))
                    .add(new Spec.ObjectDecl("agent_root", CapType.CAPPAGE, "link"))
                    .add(new Spec.ObjectDecl("agent", CapType.THREAD, "link"))
                    .add(new Spec.ThreadDecl("agent", "agent_root", "link"))
                    .add(new Spec.SlotDecl("agent_root", 0, "link", capsim.kernel.Rights.FULL, 0))
                    .build().build(kernel);
        }

        int oid(String n) {
            return names.get(n);
        }

        Capability slot(int page, int i) {
            return ((CapPage) kernel.heap().get(page)).slot(i);
        }

        long linkUsage() {
            return ((Activity) kernel.heap().get(oid("link"))).usage();
        }
    }

    /** Two machines over a framed in-memory pipe. */
    static KernelLink[] pipe(Machine a, Machine b) {
        KernelLink[] ends = new KernelLink[2];
        Framer toA = new Framer();
        Framer toB = new Framer();
        ends[0] = new KernelLink(a.kernel, a.oid("agent"), Transactions.Side.A, 3, m -> carry(m, toB, ends, 1));
        ends[1] = new KernelLink(b.kernel, b.oid("agent"), Transactions.Side.B, 3, m -> carry(m, toA, ends, 0));
        return ends;
    }

    private static void carry(Message m, Framer f, KernelLink[] ends, int to) {
        try {
            for (Message x : f.feed(Codec.encode(m))) {
                ends[to].receive(x);
            }
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCapabilityCrossesAsAProxyAndIsReleasedWithItsLastReference() {
        Machine a = new Machine();
        Machine b = new Machine();
        KernelLink[] ends = pipe(a, b);
        long usage = b.linkUsage();
        ends[0].sendCapability(a.oid("t"), CapAddress.of(1), b.oid("user_root"), 20);
        Capability got = b.slot(b.oid("user_root"), 20);
        assertThat(b.kernel.designates(got)).as("the thread on B holds a live capability").isTrue();
        assertThat(got.type()).isEqualTo(CapType.FRAME);
        assertThat(ends[1].proxyCount()).isEqualTo(1);
        assertThat(b.linkUsage()).as("B's link activity pays for the proxy").isEqualTo(usage + 1);
        assertThat(ends[0].references().exportedCount(a.oid("shared"))).isEqualTo(1);
        assertThat(ends[1].references().importedCount(a.oid("shared"))).isEqualTo(1);
        // a second reference to the same object
        ends[0].sendCapability(a.oid("t"), CapAddress.of(1), b.oid("user_root"), 21);
        assertThat(ends[0].references().exportedCount(a.oid("shared"))).isEqualTo(2);
        // B lets go of the proxy: the references go back, A may unpin
        int proxy = got.oid();
        ends[1].releaseProxy(proxy);
        assertThat(b.kernel.designates(got)).as("the released proxy is revoked").isFalse();
        assertThat(ends[0].unpinned()).isEmpty();
        ends[1].releaseProxy(b.slot(b.oid("user_root"), 21).oid());
        assertThat(ends[0].references().outstanding() + ends[1].references().outstanding()).isZero();
        assertThat(ends[0].unpinned()).containsExactly((long) a.oid("shared"));
        assertThat(b.linkUsage()).isEqualTo(usage);
        assertThat(ends[0].transactions().openCount() + ends[1].transactions().openCount()).isZero();
    }

    @Test
    void aProxyThatCannotBePaidForIsHandedBack() {
        Machine a = new Machine();
        Machine b = new Machine();
        KernelLink[] ends = pipe(a, b);
        for (int i = 0; i < 5; i++) {
            ends[0].sendCapability(a.oid("t"), CapAddress.of(1), b.oid("user_root"), 20 + i);
        }
        // the link activity's quota (4) holds its page, its agent and two proxies
        assertThat(ends[1].proxyCount()).isEqualTo(2);
        assertThat(ends[0].references().exportedCount(a.oid("shared"))).isEqualTo(2);
        assertThat(b.kernel.designates(b.slot(b.oid("user_root"), 24))).isFalse();
    }

    /** Over a loopback TCP socket: cut the link and every proxy, count and transaction is gone on both sides. */
    @Test
    void cuttingTheSocketRevokesEveryProxyAndLeaksNothing() throws Exception {
        Machine a = new Machine();
        Machine b = new Machine();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5000);
            Socket sa = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            Socket sb = server.accept();
            KernelLink la = new KernelLink(a.kernel, a.oid("agent"), Transactions.Side.A, 8, m -> write(sa, m));
            KernelLink lb = new KernelLink(b.kernel, b.oid("agent"), Transactions.Side.B, 8, m -> write(sb, m));
            CountDownLatch arrived = new CountDownLatch(2);
            CountDownLatch goneA = new CountDownLatch(1);
            CountDownLatch goneB = new CountDownLatch(1);
            Thread ra = reader(sa, la, arrived, goneA);
            Thread rb = reader(sb, lb, arrived, goneB);
            synchronized (la) {
                la.sendCapability(a.oid("t"), CapAddress.of(1), b.oid("user_root"), 20);
                la.sendCapability(a.oid("t"), CapAddress.of(1), b.oid("user_root"), 21);
            }
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
            Capability proxy;
            synchronized (lb) {
                proxy = b.slot(b.oid("user_root"), 20);
                assertThat(b.kernel.designates(proxy)).isTrue();
                assertThat(lb.proxyCount()).isEqualTo(2);
            }
            sb.close();
            assertThat(goneA.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(goneB.await(5, TimeUnit.SECONDS)).isTrue();
            ra.join(5000);
            rb.join(5000);
            synchronized (lb) {
                assertThat(b.kernel.designates(proxy)).as("the proxy died with the link").isFalse();
                assertThat(lb.proxyCount()).isZero();
                assertThat(lb.references().outstanding()).isZero();
                assertThat(lb.transactions().openCount()).isZero();
            }
            synchronized (la) {
                assertThat(la.references().outstanding()).isZero();
                assertThat(la.transactions().openCount()).isZero();
            }
            sa.close();
        }
    }

    private static void write(Socket s, Message m) {
        SocketEnd.write(s, m);
    }

    /** Feeds {@code link} what {@code s} reads; counts down {@code arrived} per capability sent, {@code gone} at loss. */
    private static Thread reader(Socket s, KernelLink link, CountDownLatch arrived, CountDownLatch gone) {
        return SocketEnd.reader(s, "capsim-kernel-link", m -> {
            synchronized (link) {
                link.receive(m);
            }
            if ((m.command() & Transactions.CREATE) != 0
                    && (m.command() & Transactions.CODE_MASK) == KernelLink.SEND_CAPABILITY) {
                arrived.countDown();
            }
        }, () -> {
            synchronized (link) {
                link.linkLost();
            }
            gone.countDown();
        });
    }

}
