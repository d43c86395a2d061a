package capsim.kernel.check;

import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapPage;
import capsim.kernel.Capability;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a thread can reach: every live capability it can obtain through its address space (capability pages
 * with read, at most {@link CapAddress#MAX_DEPTH} levels) and through the slots of the message buffers it
 * holds strong capabilities to (get-slot reads them). Maps oid to the strongest
 * capability found. Frames hold addresses, not capabilities, so they end a path.
 */
final class Reach {
    private Reach() {
    }

    static Map<Integer, Capability> of(Kernel k, int thread) {
        return of(k, thread, KernelObject.NO_OID);
    }

    /** Like {@link #of(Kernel, int)}, without looking inside object {@code opaque}. */
    static Map<Integer, Capability> of(Kernel k, int thread, int opaque) {
        Map<Integer, Capability> out = new TreeMap<>();
        if (!(k.heap().get(thread) instanceof KernelThread t) || !k.designates(t.asRoot())) {
            return out;
        }
        record Item(Capability cap, int depth) {
        }
        ArrayDeque<Item> work = new ArrayDeque<>();
        work.add(new Item(t.asRoot(), 0));
        add(out, t.asRoot());
        while (!work.isEmpty()) {
            Item it = work.poll();
            KernelObject o = k.heap().lookup(it.cap);
            if (o != null && o.oid() == opaque) {
                continue;
            }
            if (o instanceof CapPage p && it.cap.rights().read() && it.depth < CapAddress.MAX_DEPTH) {
                for (int i = 0; i < CapPage.SLOTS; i++) {
                    Capability c = p.slot(i);
                    if (!k.designates(c)) {
                        continue;
                    }
                    Capability seen = it.cap.rights().write() ? c : c.weaken();
                    if (add(out, seen)) {
                        work.add(new Item(seen, it.depth + 1));
                    }
                }
            } else if (o instanceof MessageBuffer b && it.cap.rights().write()) {
                for (BufferSlot s : BufferSlot.values()) {
                    Capability c = b.slot(s);
                    if (!k.designates(c)) {
                        continue;
                    }
                    if (add(out, c)) {
                        work.add(new Item(c, it.depth + 1));
                    }
                }
            }
        }
        return out;
    }

    /** Records {@code c}; true when it added something new (a new object, or more rights on one). */
    private static boolean add(Map<Integer, Capability> out, Capability c) {
        Capability had = out.get(c.oid());
        if (had == null || (!had.rights().write() && c.rights().write()) || had.version() != c.version()) {
            out.put(c.oid(), c);
            return true;
        }
        return false;
    }
}
