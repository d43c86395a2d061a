package capsim.stream;

import capsim.kernel.CapAddress;
import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.Kernel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One end of a link between two simulated kernels. A thread on this kernel sends a capability across with
 * {@link #sendCapability}: the object is exported (reference-counted) and named in a referenced-data item
 * of a transaction. The other end makes a proxy for it — a frame allocated from its link activity, held by
 * its link agent thread — and stores a capability to the proxy in the receiving thread's slot. When the
 * receiving side lets the proxy go ({@link #releaseProxy}) the agent frees it and the references are
 * released back; when the link is lost every proxy is freed (so every capability to one reads as void),
 * every count is dropped and every open transaction ends with {@link Transactions#LOST_LINK}.
 *
 * <p>Activities pay for proxies; capabilities name them: nothing crosses the link but object ids.
 */
public final class KernelLink {
    /** Command code: a capability crosses (CREATE ... with one reference item). */
    public static final int SEND_CAPABILITY = 1;
    /** Command code: references released (a leaf with object id and count). */
    public static final int RELEASE = 2;
    static final int REF_ITEM = 1;
    static final int TARGET_ITEM = 2;
    static final int RELEASE_ITEM = 3;

    private final Kernel kernel;
    private final int agent;
    private final int agentPage;
    private final Transactions transactions;
    private final References references;
    /** proxy oid → the remote object it stands for. */
    private final Map<Integer, Long> proxies = new LinkedHashMap<>();
    /** proxy oid → the slot of the agent's page holding it. */
    private final Map<Integer, Integer> agentSlots = new LinkedHashMap<>();
    /** Exported objects whose last remote reference went (the exporter may now let them go). */
    private final List<Long> unpinned = new ArrayList<>();
    private final Transactions.Listener app;

    /**
     * @param agent     a thread of {@code kernel} acting for the link: its root page holds, in slot 0, a strong
     *                  capability to the activity that pays for proxies, and free slots 1.. for the proxies
     * @param side      which end this is (decides transaction ids)
     * @param wire      sends a message to the other end
     */
    public KernelLink(Kernel kernel, int agent, Transactions.Side side, long linkId, Consumer<Message> wire) {
        this(kernel, agent, side, linkId, wire, null);
    }

    /**
     * A link end that also carries the application's own transactions: messages with other command codes
     * than {@link #SEND_CAPABILITY} and {@link #RELEASE}, and the end of every transaction (a lost link
     * included), go to {@code app}.
     */
    public KernelLink(Kernel kernel, int agent, Transactions.Side side, long linkId, Consumer<Message> wire,
                      Transactions.Listener app) {
        this.kernel = kernel;
        this.agent = agent;
        this.agentPage = ((capsim.kernel.KernelThread) kernel.heap().get(agent)).asRoot().oid();
        this.app = app;
        this.references = new References(linkId);
        this.transactions = new Transactions(side, linkId, wire, new Transactions.Listener() {
            @Override
            public void message(Transactions.Transaction t, Message m) {
                onMessage(t, m);
            }

            @Override
            public void ended(Transactions.Transaction t, int error) {
                // Nothing is held per transaction here: proxies live until released or until the link goes.
                if (app != null) {
                    app.ended(t, error);
                }
            }
        });
    }

    public References references() {
        return references;
    }

    public Transactions transactions() {
        return transactions;
    }

    /** Proxies this end holds for remote objects. */
    public int proxyCount() {
        return proxies.size();
    }

    /** proxy oid → the remote object it stands for, in the order they were made. */
    public Map<Integer, Long> proxies() {
        return java.util.Collections.unmodifiableMap(proxies);
    }

    /** Exported objects that no longer have any reference across the link. */
    public List<Long> unpinned() {
        return List.copyOf(unpinned);
    }

    /**
     * Sends the capability at {@code address} in {@code thread}'s space to the other kernel, to be stored in
     * {@code remotePage}[{@code remoteSlot}] there (oids of the other kernel). One transaction, ended at once.
     */
    public void sendCapability(int thread, int address, int remotePage, int remoteSlot) {
        Capability c = kernel.readCap(thread, address);
        if (!kernel.designates(c)) {
            throw new IllegalArgumentException("address " + CapAddress.format(address) + " holds no live capability");
        }
        ByteBuffer target = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0, remotePage).putInt(4, remoteSlot);
        Transactions.Transaction t = transactions.start(SEND_CAPABILITY,
                List.of(references.export(REF_ITEM, c.oid()), new Item.Leaf(TARGET_ITEM, target)), null);
        transactions.end(t);
    }

    /** The receiving side is done with a proxy: the agent frees it and the references go back. */
    public void releaseProxy(int proxy) {
        Long remote = proxies.remove(proxy);
        if (remote == null) {
            throw new IllegalArgumentException("#" + proxy + " is not a proxy of this link");
        }
        freeProxy(proxy);
        sendRelease(remote, references.dropOne(remote));
    }

    private void sendRelease(long remote, int count) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(0, remote).putInt(8, count);
        Transactions.Transaction t = transactions.start(RELEASE, List.of(new Item.Leaf(RELEASE_ITEM, b)), null);
        transactions.end(t);
    }

    /** A message from the other end (decoded and framed by the caller). */
    public void receive(Message m) throws ProtocolException {
        transactions.receive(m);
    }

    /** The link is gone: proxies freed (capabilities to them read void), counts dropped, transactions ended. */
    public void linkLost() {
        transactions.linkLost();
        for (int proxy : new ArrayList<>(proxies.keySet())) {
            freeProxy(proxy);
        }
        proxies.clear();
        references.linkLost();
    }

    private void onMessage(Transactions.Transaction t, Message m) {
        int code = m.command() & Transactions.CODE_MASK;
        if (code != SEND_CAPABILITY && code != RELEASE) {
            if (app != null) {
                app.message(t, m);
            }
            return;
        }
        if ((m.command() & Transactions.CREATE) == 0) {
            return;
        }
        try {
            if (code == SEND_CAPABILITY) {
                Item.Reference ref = null;
                int page = -1;
                int slot = -1;
                for (Item it : m.items()) {
                    if (it instanceof Item.Reference r && r.id() == REF_ITEM) {
                        ref = r;
                    } else if (it instanceof Item.Leaf l && l.id() == TARGET_ITEM && l.data().remaining() == 8) {
                        ByteBuffer d = l.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
                        page = d.getInt(0);
                        slot = d.getInt(4);
                    }
                }
                if (ref != null) {
                    references.imported(ref);
                    try {
                        int proxy = makeProxy(ref.objectId());
                        if (page >= 0) {
                            kernel.boot().setSlot(page, slot, kernel.heap().get(proxy).capability());
                        }
                    } catch (capsim.kernel.KernelException | IllegalArgumentException e) {
                        // No room for a proxy (quota, or the agent's page is full): hand the reference back.
                        sendRelease(ref.objectId(), references.dropOne(ref.objectId()));
                    }
                }
            } else if (code == RELEASE) {
                for (Item it : m.items()) {
                    if (it instanceof Item.Leaf l && l.id() == RELEASE_ITEM && l.data().remaining() == 12) {
                        ByteBuffer d = l.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
                        long object = d.getLong(0);
                        if (references.released(object, d.getInt(8))) {
                            unpinned.add(object);
                        }
                    }
                }
            }
        } catch (ProtocolException e) {
            throw new IllegalStateException("the peer broke the link protocol: " + e.getMessage(), e);
        }
    }

    /** A frame charged to the link activity (agent slot 0), held by the agent in a free slot of its page. */
    private int makeProxy(long remote) {
        int slot = 1;
        capsim.kernel.CapPage page = (capsim.kernel.CapPage) kernel.heap().get(agentPage);
        while (slot < capsim.kernel.CapPage.SLOTS && kernel.designates(page.slot(slot))) {
            slot++;
        }
        if (slot == capsim.kernel.CapPage.SLOTS) {
            throw new IllegalArgumentException("the link agent's page is full");
        }
        int proxy = kernel.allocate(agent, CapAddress.of(0), CapType.FRAME, CapAddress.of(slot));
        proxies.put(proxy, remote);
        agentSlots.put(proxy, slot);
        return proxy;
    }

    private void freeProxy(int proxy) {
        Integer slot = agentSlots.remove(proxy);
        if (slot != null && kernel.heap().get(proxy) != null) {
            kernel.free(agent, CapAddress.of(slot));
        }
    }
}
