package capsim.kernel;

import org.eclipse.collections.api.list.primitive.ImmutableIntList;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.api.set.primitive.MutableIntSet;
import org.eclipse.collections.impl.factory.primitive.IntLists;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;

/**
 * The resource principal: a node in the activity tree with a quota and a
 * usage count. Usage counts every object charged to this activity or to any
 * descendant (the activity objects of descendants included); quota 0 means
 * no limit of its own, as in Viengoos.
 */
public final class Activity extends KernelObject {
    private final int parent;
    private final MutableIntList children;
    /** A set: frames change activity on every exchange, so removal must not scan. */
    private final MutableIntSet charged;
    private long quota;
    private long usage;

    Activity(int oid, int version, int chargedTo, int parent, long quota) {
        super(CapType.ACTIVITY, oid, version, chargedTo);
        this.parent = parent;
        this.quota = quota;
        this.children = new IntArrayList();
        this.charged = new IntHashSet();
    }

    private Activity(Activity o) {
        super(CapType.ACTIVITY, o.oid(), o.version(), o.chargedTo());
        this.parent = o.parent;
        this.children = new IntArrayList(o.children.toArray());
        this.charged = new IntHashSet(o.charged);
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

    /** Objects charged directly to this activity, in oid order. */
    public ImmutableIntList charged() {
        return IntLists.immutable.with(charged.toSortedArray());
    }

    /** True when {@code oid} is charged directly to this activity. */
    public boolean isCharged(int oid) {
        return charged.contains(oid);
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

    void addCharged(int oid) {
        charged.add(oid);
    }

    void removeCharged(int oid) {
        charged.remove(oid);
    }

    int chargedCount() {
        return charged.size();
    }
}
