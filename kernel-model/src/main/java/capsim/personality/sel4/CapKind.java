package capsim.personality.sel4;

/**
 * What a capability is: a capability to an object of one of the {@link ObjectType}s, a reply capability (to a
 * thread waiting for a reply; the master one sits in the thread's own reply slot), or one of the control
 * capabilities capsim keeps for capDL without simulating (IRQ control, ASID control, domain).
 */
public enum CapKind {
    UNTYPED, CNODE, TCB, ENDPOINT, NOTIFICATION, FRAME, PAGING, OTHER,
    /** A reply capability made by a Call (or a fault) in the receiver's caller slot: used once by Reply. */
    REPLY,
    /** The master reply capability in a TCB's own reply slot: the CDT parent of the reply caps to it. */
    MASTER_REPLY,
    IRQ_CONTROL, ASID_CONTROL, DOMAIN;

    /** The capability kind that designates objects of {@code t}. */
    public static CapKind of(ObjectType t) {
        return switch (t) {
            case UNTYPED -> UNTYPED;
            case CNODE -> CNODE;
            case TCB -> TCB;
            case ENDPOINT -> ENDPOINT;
            case NOTIFICATION -> NOTIFICATION;
            case FRAME -> FRAME;
            case PAGING -> PAGING;
            case OTHER -> OTHER;
        };
    }

    /** Whether a capability of this kind designates an object (reply capabilities designate their thread). */
    public boolean designatesObject() {
        return this != IRQ_CONTROL && this != ASID_CONTROL && this != DOMAIN;
    }

    /** Whether capabilities of this kind keep their object alive (reply capabilities do not: seL4's finaliseCap of a ReplyCap does nothing). */
    public boolean counts() {
        return designatesObject() && this != REPLY && this != MASTER_REPLY;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
