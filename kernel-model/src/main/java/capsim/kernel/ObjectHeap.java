package capsim.kernel;

import java.util.Arrays;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * The object heap: oid to object, with the per-oid version counter that makes
 * revocation O(1). A freed oid is reused (most recently freed first) with its version
 * bumped, so a stale capability to the old object can never designate the new
 * one: that is the point of versions. Lookups are array indexing, so cost
 * does not grow with the number of live objects.
 */
public final class ObjectHeap {
    private KernelObject[] objects;
    private int[] versions;
    private int highWater;
    private int live;
    /** Free oids below the high-water mark; the last one is reused first. */
    private final MutableIntList free;

    ObjectHeap(int capacity) {
        objects = new KernelObject[Math.max(16, capacity)];
        versions = new int[objects.length];
        free = new IntArrayList();
    }

    private ObjectHeap(ObjectHeap o) {
        objects = new KernelObject[o.objects.length];
        for (int i = 0; i < o.highWater; i++) {
            if (o.objects[i] != null) {
                objects[i] = o.objects[i].copy();
            }
        }
        versions = o.versions.clone();
        highWater = o.highWater;
        live = o.live;
        free = new IntArrayList(o.free.toArray());
    }

    ObjectHeap copy() {
        return new ObjectHeap(this);
    }

    /** The live object at {@code oid}, or null. */
    public KernelObject get(int oid) {
        return oid >= 0 && oid < highWater ? objects[oid] : null;
    }

    /** The object {@code cap} designates, or null when the capability is void or stale. */
    public KernelObject lookup(Capability cap) {
        int oid = cap.oid();
        if (oid < 0 || oid >= highWater) {
            return null;
        }
        KernelObject o = objects[oid];
        return o != null && o.version() == cap.version() && o.type() == cap.type() ? o : null;
    }

    /** The version the next object at {@code oid} will get, or the live object's version. */
    public int currentVersion(int oid) {
        return oid >= 0 && oid < highWater ? versions[oid] : 0;
    }

    /** Number of live objects. */
    public int liveCount() {
        return live;
    }

    /** One past the largest oid ever used; live oids are below it. */
    public int highWater() {
        return highWater;
    }

    /** The oid the next allocation will use. */
    int nextOid() {
        return free.isEmpty() ? highWater : free.getLast();
    }

    /** Places a new object at {@link #nextOid()}; the object must carry that oid and {@link #currentVersion}. */
    void put(KernelObject o) {
        int oid = o.oid();
        if (!free.isEmpty() && free.getLast() == oid) {
            free.removeAtIndex(free.size() - 1);
        } else if (oid == highWater) {
            if (oid == objects.length) {
                objects = Arrays.copyOf(objects, objects.length * 2);
                versions = Arrays.copyOf(versions, objects.length);
            }
            highWater++;
        } else {
            throw new IllegalStateException("oid " + oid + " is not the next free oid");
        }
        objects[oid] = o;
        live++;
    }

    /** Removes the object and bumps its version: every capability to it now reads as void. */
    void remove(int oid) {
        objects[oid] = null;
        versions[oid]++;
        live--;
        free.add(oid);
    }

    /** Re-identifies a live object: bumps its version in place, voiding every capability to it. */
    void bumpVersion(KernelObject o) {
        int v = ++versions[o.oid()];
        o.setVersion(v);
    }
}
