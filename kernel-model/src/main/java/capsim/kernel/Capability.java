package capsim.kernel;

/**
 * An immutable capability value: (type, oid, version, rights, protected
 * payload). It designates its object only while {@code version} equals the
 * object's current version; afterwards it reads as void (see
 * {@link Kernel#designates}). Capabilities are plain values: holding one
 * in a slot is what gives authority.
 */
public record Capability(CapType type, int oid, int version, Rights rights, long payload) {

    /** The void capability: designates nothing, conveys nothing. */
    public static final Capability VOID = new Capability(CapType.VOID, -1, 0, Rights.NONE, 0);

    public Capability {
        if (type == null || rights == null) {
            throw new IllegalArgumentException("type and rights are required");
        }
    }

    public boolean isVoid() {
        return type == CapType.VOID;
    }

    /** This capability with rights intersected with {@code mask} (never widened). */
    public Capability narrow(Rights mask) {
        Rights r = rights.narrow(mask);
        return r == rights ? this : new Capability(type, oid, version, r, payload);
    }

    /** The weak facet of this capability (write removed). */
    public Capability weaken() {
        return narrow(Rights.WEAK);
    }

    public Capability withPayload(long newPayload) {
        return newPayload == payload ? this : new Capability(type, oid, version, rights, newPayload);
    }

    @Override
    public String toString() {
        if (isVoid()) {
            return "void";
        }
        return type.word() + "#" + oid + "v" + version + ":" + rights.word() + (payload != 0 ? "/pp=" + payload : "");
    }
}
