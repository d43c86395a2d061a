package capsim.explore;

import capsim.kernel.Activation;
import capsim.kernel.Activity;
import capsim.kernel.CapPage;
import capsim.kernel.Capability;
import capsim.kernel.Frame;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import capsim.kernel.MessageQueue;
import capsim.kernel.ObjectHeap;
import capsim.kernel.TransferState;
import java.util.Arrays;
import org.eclipse.collections.api.list.primitive.ImmutableIntList;

/**
 * The canonical encoding of an explored state: every live object with every field (read through the
 * kernel's public API), the unfinished transfers, the number of messages sent, and each program's counter,
 * as a sequence of ints. What is left out: the trace (history, not state) and the work counters.
 *
 * <p>Two renamings make it canonical where the model allows: message serials are renumbered in order of
 * first appearance (which message got which serial is history), and oids may be permuted by a
 * {@code map} (symmetry: interchangeable threads' objects). A codec is not thread-safe; use one per worker.
 */
final class StateCodec {
    private static final byte[] NO_BYTES = new byte[0];
    private int[] buf = new int[1024];
    private int len;
    /** Message serial to canonical number (0: not seen yet in this encoding). */
    private int[] msgs = new int[64];
    private int nextMsg;

    /** Encodes {@code k} and {@code pcs}; oids go through {@code map} (old to new; null: identity). */
    int[] encode(Kernel k, int[] pcs, int[] map) {
        encodeInto(k, pcs, map);
        return Arrays.copyOf(buf, len);
    }

    /** The 64-bit fingerprint of the encoding (never 0: 0 marks an empty slot of the visited set). */
    long fingerprint(Kernel k, int[] pcs, int[] map) {
        encodeInto(k, pcs, map);
        return finish(h, len);
    }

    /**
     * The encoding made last, packed as bytes: each int as a zig-zag varint (1 byte for -64..63, which is
     * most fields: types, small oids, versions, flags). Equal encodings give equal bytes and unequal ones
     * unequal bytes, so the packed form is as canonical as the ints; {@code --exact} stores it.
     */
    byte[] packLast() {
        int n = 0;
        for (int i = 0; i < len; i++) {
            n += varintSize(zigzag(buf[i]));
        }
        byte[] out = new byte[n];
        int o = 0;
        for (int i = 0; i < len; i++) {
            int v = zigzag(buf[i]);
            while ((v & ~0x7f) != 0) {
                out[o++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            out[o++] = (byte) v;
        }
        return out;
    }

    private static int zigzag(int v) {
        return (v << 1) ^ (v >> 31);
    }

    private static int varintSize(int v) {
        return v >>> 7 == 0 ? 1 : v >>> 14 == 0 ? 2 : v >>> 21 == 0 ? 3 : v >>> 28 == 0 ? 4 : 5;
    }

    /** The encoding {@link #fingerprint} or {@link #encode} made last (valid until the next call). */
    int[] last() {
        return buf;
    }

    int lastLength() {
        return len;
    }

    static long hash(int[] a, int n) {
        long h = SEED;
        for (int i = 0; i < n; i++) {
            h = mix(h, a[i]);
        }
        return finish(h, n);
    }

    private static final long SEED = 0x9E3779B97F4A7C15L;
    /** The running hash of the ints put since the encoding began (so that fingerprinting needs no second pass). */
    private long h;

    private static long mix(long h, int v) {
        h = (h ^ (v & 0xffffffffL)) * 0xff51afd7ed558ccdL;
        return h ^ (h >>> 29);
    }

    private static long finish(long h, int n) {
        h ^= n;
        h *= 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private void encodeInto(Kernel k, int[] pcs, int[] map) {
        len = 0;
        h = SEED;
        int sent = k.messagesSent();
        if (msgs.length <= sent) {
            msgs = new int[Math.max(sent + 1, msgs.length * 2)];
        } else {
            Arrays.fill(msgs, 0, sent + 1, 0);
        }
        nextMsg = 1;
        ObjectHeap h = k.heap();
        int n = h.highWater();
        int[] inverse = inverse(map, n);
        put(n);
        for (int canon = 0; canon < n; canon++) {
            object(h, inverse == null ? canon : inverse[canon], map);
        }
        for (TransferState t : k.inProgress()) {
            put(msg(t.msg()));
            put(oid(map, t.source()));
            put(oid(map, t.target()));
            put(t.caps());
            put(t.phase().hashCode());
            put(t.index());
        }
        put(-2);
        put(sent);
        for (int pc : pcs) {
            put(pc);
        }
    }

    /** One object (or a free oid) with every field. */
    private void object(ObjectHeap h, int oid, int[] map) {
            KernelObject o = h.get(oid);
        if (o == null) {
            put(-1);
            put(h.currentVersion(oid));
            return;
        }
        put(o.type().ordinal());
        put(o.version());
        put(oid(map, o.chargedTo()));
        switch (o) {
            case Activity a -> {
                put(oid(map, a.parent()));
                putLong(a.quota());
                putLong(a.usage());
                putOids(a.children(), map, true);
            }
            case Frame f -> {
                int caps = f.capCount();
                put(caps);
                for (int i = 0; i < caps; i++) {
                    put(f.capAddress(i));
                }
                byte[] data = f.dataCount() == 0 ? NO_BYTES : f.data();
                put(data.length);
                for (int i = 0; i < data.length; i += 4) {
                    int w = 0;
                    for (int j = i; j < Math.min(data.length, i + 4); j++) {
                        w = (w << 8) | (data[j] & 0xff);
                    }
                    put(w);
                }
            }
            case CapPage p -> {
                for (int i = 0; i < CapPage.SLOTS; i++) {
                    Capability c = p.slot(i);
                    // Most slots hold the shared VOID: compare the reference before reading the record.
                    if (c != Capability.VOID && !c.isVoid()) {
                        put(i);
                        cap(c, map);
                    }
                }
                put(-1);
            }
            case KernelThread t -> {
                cap(t.asRoot(), map);
                cap(t.activity(), map);
                Activation cur = t.current();
                if (cur == null) {
                    put(0);
                } else {
                    put(1);
                    put(oid(map, cur.buffer()));
                    putLong(cur.id());
                    putLong(cur.protectedPayload());
                }
                var pending = t.pending();
                put(pending.size());
                for (int i = 0; i < pending.size(); i++) {
                    long e = pending.get(i);
                    put(oid(map, (int) (e >>> 32)));
                    put((int) e);
                }
                put(t.activationCount());
            }
            case MessageBuffer b -> {
                cap(b.thread(), map);
                cap(b.asRoot(), map);
                cap(b.payload(), map);
                cap(b.senderActivity(), map);
                put((b.blocked() ? 1 : 0) | (b.inTransfer() ? 2 : 0));
                put(b.flags());
                putLong(b.protectedPayload());
                putLong(b.id());
                putOids(b.senders(), map, false);
                put(oid(map, b.waitingOn()));
                put(msg(b.inFlightMessage()));
                put(b.lastError() == null ? -1 : b.lastError().ordinal());
            }
            case MessageQueue q -> {
                putOids(q.senders(), map, false);
                putOids(q.receivers(), map, false);
            }
        }
            }

    /**
     * The hash of some objects only, with message serials numbered from 1 among them: the record by which
     * {@link Symmetry} sorts interchangeable threads.
     */
    long objectsHash(Kernel k, int[] oids, int[] map, int extra) {
        len = 0;
        h = SEED;
        int sent = k.messagesSent();
        if (msgs.length <= sent) {
            msgs = new int[Math.max(sent + 1, msgs.length * 2)];
        } else {
            Arrays.fill(msgs, 0, sent + 1, 0);
        }
        nextMsg = 1;
        for (int oid : oids) {
            object(k.heap(), oid, map);
        }
        put(extra);
        return finish(h, len);
    }

    private static int[] inverse(int[] map, int n) {
        if (map == null) {
            return null;
        }
        int[] inv = new int[n];
        for (int i = 0; i < n; i++) {
            inv[map[i]] = i;
        }
        return inv;
    }

    private static int oid(int[] map, int oid) {
        return map == null || oid < 0 || oid >= map.length ? oid : map[oid];
    }

    private int msg(int serial) {
        if (serial <= 0 || serial >= msgs.length) {
            return serial;
        }
        if (msgs[serial] == 0) {
            msgs[serial] = nextMsg++;
        }
        return msgs[serial];
    }

    private void cap(Capability c, int[] map) {
        if (c.isVoid()) {
            put(0);
            return;
        }
        // Type, rights and whether a payload follows in one int (payloads are mostly 0): 3 ints for most caps.
        long payload = c.payload();
        put(1 + c.type().ordinal() | (c.rights().read() ? 1 << 8 : 0) | (c.rights().write() ? 1 << 9 : 0)
                | (payload != 0 ? 1 << 10 : 0));
        put(oid(map, c.oid()));
        put(c.version());
        if (payload != 0) {
            putLong(payload);
        }
    }

    /** A list of oids; {@code set}: order is not meaningful, so it is sorted after renaming. */
    private void putOids(ImmutableIntList oids, int[] map, boolean set) {
        put(oids.size());
        if (!set || map == null) {
            for (int i = 0; i < oids.size(); i++) {
                put(oid(map, oids.get(i)));
            }
            return;
        }
        int[] a = new int[oids.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = oid(map, oids.get(i));
        }
        Arrays.sort(a);
        for (int x : a) {
            put(x);
        }
    }

    private void putLong(long v) {
        put((int) (v >>> 32));
        put((int) v);
    }

    private void put(int v) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, len * 2);
        }
        buf[len++] = v;
        h = mix(h, v);
    }
}
