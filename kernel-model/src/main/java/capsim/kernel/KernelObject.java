package capsim.kernel;

/**
 * A kernel object: one page-sized unit of storage, allocated from an
 * activity. One subclass per object type; the fields are mutated only by
 * {@link Kernel} (package-private setters), so the public surface is read-only.
 */
public sealed abstract class KernelObject
        permits Activity, Frame, CapPage, KernelThread, MessageBuffer, MessageQueue {

    /** The oid of nothing: the root activity's charge, an empty link. */
    public static final int NO_OID = -1;

    private final CapType type;
    private final int oid;
    private int version;
    private int chargedTo;
    /** The strong capability at the current version, made once per version (transfers hand these out often). */
    private Capability strong;

    KernelObject(CapType type, int oid, int version, int chargedTo) {
        this.type = type;
        this.oid = oid;
        this.version = version;
        this.chargedTo = chargedTo;
    }

    /** The object's type (a field, not a virtual call: heap lookups check it on every capability use). */
    public final CapType type() {
        return type;
    }

    /** A deep copy, for snapshots (the copy shares no mutable state). */
    abstract KernelObject copy();

    public final int oid() {
        return oid;
    }

    /** Capabilities designate this object only while their version equals this. */
    public final int version() {
        return version;
    }

    /** The activity this object's storage is charged to ({@link #NO_OID} for the root activity). */
    public final int chargedTo() {
        return chargedTo;
    }

    final void setVersion(int v) {
        version = v;
    }

    final void setChargedTo(int activity) {
        chargedTo = activity;
    }

    /** A strong capability designating this object at its current version. */
    public final Capability capability() {
        Capability c = strong;
        if (c == null || c.version() != version) {
            c = new Capability(type, oid, version, Rights.FULL, 0);
            strong = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return type().word() + "#" + oid;
    }
}
