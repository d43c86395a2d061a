package capsim.kernel.check;

import capsim.kernel.CapAddress;
import capsim.kernel.CapPage;
import capsim.kernel.Capability;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a thread can reach: every live capability it can obtain through its address space (capability pages
 * with read, at most {@link CapAddress#MAX_DEPTH} levels) and through the slots of the message buffers it
 * holds strong capabilities to (get-slot reads them). Maps oid to the strongest
 * capability found. Frames hold addresses, not capabilities, so they end a path.
 */
final class Reach {
    private Reach() {
    }

    static Reached of(Kernel k, int thread) {
        return of(k, thread, KernelObject.NO_OID);
    }

    /** Like {@link #of(Kernel, int)}, without looking inside object {@code opaque}. */
    static Reached of(Kernel k, int thread, int opaque) {
        Reached out = new Reached(k.heap().highWater());
        if (!(k.heap().get(thread) instanceof KernelThread t) || !k.designates(t.asRoot())) {
            return out;
        }
        record Item(Capability cap, int depth) {
        }
        ArrayDeque<Item> work = new ArrayDeque<>();
        work.add(new Item(t.asRoot(), 0));
        out.add(t.asRoot());
        while (!work.isEmpty()) {
            Item it = work.poll();
            KernelObject o = k.heap().lookup(it.cap);
            if (o != null && o.oid() == opaque) {
                continue;
            }
            if (o instanceof CapPage p && it.cap.rights().read() && it.depth < CapAddress.MAX_DEPTH) {
                boolean strong = it.cap.rights().write();
                for (int i = p.nextUsed(0); i >= 0; i = p.nextUsed(i + 1)) {
                    Capability c = p.slot(i);
                    if (!k.designates(c)) {
                        continue;
                    }
                    Capability seen = strong ? c : c.weaken();
                    if (out.add(seen)) {
                        work.add(new Item(seen, it.depth + 1));
                    }
                }
            } else if (o instanceof MessageBuffer b && it.cap.rights().write()) {
                // The slots in BufferSlot order (thread, as_root, payload, sender_activity), read directly:
                // this loop is the checker's hottest, and the enum switch in MessageBuffer.slot showed in profiles.
                for (int s = 0; s < 4; s++) {
                    Capability c = switch (s) {
                        case 0 -> b.thread();
                        case 1 -> b.asRoot();
                        case 2 -> b.payload();
                        default -> b.senderActivity();
                    };
                    if (!k.designates(c)) {
                        continue;
                    }
                    if (out.add(c)) {
                        work.add(new Item(c, it.depth + 1));
                    }
                }
            }
        }
        return out;
    }

    /**
     * What one thread reaches: oid to the strongest capability found, kept in an array indexed by oid
     * (oids are dense and below the heap's high-water mark) and read in oid order.
     */
    static final class Reached {
        private Capability[] byOid;
        private int count;

        Reached(int highWater) {
            byOid = new Capability[Math.max(1, highWater)];
        }

        /** The capability reached for {@code oid}, or null. */
        Capability get(int oid) {
            return oid >= 0 && oid < byOid.length ? byOid[oid] : null;
        }

        int size() {
            return count;
        }

        /** The capabilities reached, by increasing oid. */
        List<Capability> values() {
            List<Capability> out = new ArrayList<>(count);
            for (Capability c : byOid) {
                if (c != null) {
                    out.add(c);
                }
            }
            return out;
        }

        /** Records {@code c}; true when it added something new (a new object, or more rights on one). */
        private boolean add(Capability c) {
            int oid = c.oid();
            if (oid >= byOid.length) {
                byOid = Arrays.copyOf(byOid, Math.max(oid + 1, byOid.length * 2));
            }
            Capability had = byOid[oid];
            if (had == null || (!had.rights().write() && c.rights().write()) || had.version() != c.version()) {
                if (had == null) {
                    count++;
                }
                byOid[oid] = c;
                return true;
            }
            return false;
        }
    }
}
