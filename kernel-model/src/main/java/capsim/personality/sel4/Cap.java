package capsim.personality.sel4;

/**
 * An seL4 capability, as a value. {@code object} names the object it designates (for reply capabilities the
 * thread waiting for the reply; null for control capabilities). Rights matter for endpoints, notifications,
 * frames and reply capabilities (a reply capability's grant right is seL4's capReplyCanGrant); the badge for
 * endpoints and notifications; guard and guard size for CNodes (capCNodeGuard, capCNodeGuardSize).
 * {@code extra} keeps capDL attributes capsim does not simulate (a frame cap's asid and mapping, ...), or null.
 */
public record Cap(CapKind kind, String object, CapRights rights, long badge, long guard, int guardSize, String extra) {
    public Cap {
        if (kind == null || rights == null) {
            throw new IllegalArgumentException("a capability has a kind and rights");
        }
        if (kind.designatesObject() && object == null) {
            throw new IllegalArgumentException("a " + kind.word() + " capability names an object");
        }
        if (guardSize < 0 || guardSize > 64) {
            throw new IllegalArgumentException("a guard size is 0..64, not " + guardSize);
        }
    }

    /** A capability to {@code object} with every right, no badge, no guard. */
    public static Cap to(CapKind kind, String object) {
        return new Cap(kind, object, CapRights.ALL, 0, 0, 0, null);
    }

    public Cap withRights(CapRights r) {
        return new Cap(kind, object, r, badge, guard, guardSize, extra);
    }

    public Cap withBadge(long b) {
        return new Cap(kind, object, rights, b, guard, guardSize, extra);
    }

    public Cap withGuard(long g, int size) {
        return new Cap(kind, object, rights, badge, g, size, extra);
    }

    /** Whether the rights of this kind of capability mean anything (seL4 ignores them on the others). */
    public boolean hasRights() {
        return kind == CapKind.ENDPOINT || kind == CapKind.NOTIFICATION || kind == CapKind.FRAME || kind == CapKind.REPLY;
    }

    /** One line: kind, object, rights, badge, guard. */
    public String text() {
        StringBuilder b = new StringBuilder(kind.word());
        if (object != null) {
            b.append(' ').append(object);
        }
        if (hasRights()) {
            b.append(' ').append(rights.word());
        }
        if (badge != 0) {
            b.append(" badge ").append(badge);
        }
        if (kind == CapKind.CNODE && (guard != 0 || guardSize != 0)) {
            b.append(" guard ").append(guard).append(" bits ").append(guardSize);
        }
        if (extra != null) {
            b.append(" (").append(extra).append(')');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
