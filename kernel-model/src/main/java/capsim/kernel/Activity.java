package capsim.kernel;

import org.eclipse.collections.api.list.primitive.ImmutableIntList;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * The resource principal: a node in the activity tree with a quota and a
 * usage count. Usage counts every object charged to this activity or to any
 * descendant (the activity objects of descendants included); quota 0 means
 * no limit of its own, as in Viengoos.
 */
public final class Activity extends KernelObject {
    private final int parent;
    private final MutableIntList children;
    private long quota;
    private long usage;

    Activity(int oid, int version, int chargedTo, int parent, long quota) {
        super(CapType.ACTIVITY, oid, version, chargedTo);
        this.parent = parent;
        this.quota = quota;
        this.children = new IntArrayList();
    }

    private Activity(Activity o) {
        super(CapType.ACTIVITY, o.oid(), o.version(), o.chargedTo());
        this.parent = o.parent;
        this.children = new IntArrayList(o.children.toArray());
        this.quota = o.quota;
        this.usage = o.usage;
    }


    @Override
    Activity copy() {
        return new Activity(this);
    }

    /** The parent activity, or {@link #NO_OID} for the root. */
    public int parent() {
        return parent;
    }

    public long quota() {
        return quota;
    }

    public long usage() {
        return usage;
    }

    /** Child activities, in creation order. */
    public ImmutableIntList children() {
        return children.toImmutable();
    }

    /** True when one more object would exceed this activity's own quota. */
    boolean atQuota() {
        return quota > 0 && usage >= quota;
    }

    void setQuota(long q) {
        quota = q;
    }

    void addUsage(long delta) {
        usage += delta;
    }

    void addChild(int oid) {
        children.add(oid);
    }

    void removeChild(int oid) {
        children.remove(oid);
    }

}
