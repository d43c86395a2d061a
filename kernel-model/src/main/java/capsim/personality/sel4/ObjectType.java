package capsim.personality.sel4;

/**
 * The kinds of seL4 object capsim knows, with capDL's word for each. Sizes are those of a 64-bit seL4
 * (x86_64 / AArch64 configurations): a TCB is 2^11 bytes, an endpoint 2^4, a notification 2^5, a CNode slot
 * 2^5 (seL4_SlotBits), a small frame and a page table 2^12. Untyped, CNode and frame sizes are chosen at
 * creation; {@link #PAGING} and {@link #OTHER} objects are kept and drawn but not simulated (their capDL word
 * is kept with them).
 */
public enum ObjectType {
    UNTYPED("ut"),
    CNODE("cnode"),
    TCB("tcb"),
    ENDPOINT("ep"),
    NOTIFICATION("notification"),
    FRAME("frame"),
    /** Page tables, page directories and the other architecture paging structures: passive. */
    PAGING("pt"),
    /** ASID pools, IRQ handlers, I/O ports, scheduling contexts...: passive, kept for capDL. */
    OTHER("other");

    /** log2 of a CNode slot's size in bytes (seL4_SlotBits on 64-bit). */
    public static final int SLOT_BITS = 5;
    /** log2 of a TCB's size (seL4_TCBBits on x86_64 and AArch64). */
    public static final int TCB_BITS = 11;
    public static final int ENDPOINT_BITS = 4;
    public static final int NOTIFICATION_BITS = 5;
    public static final int PAGE_BITS = 12;
    /** Smallest and largest untyped (seL4_MinUntypedBits, seL4_MaxUntypedBits on 64-bit). */
    public static final int MIN_UNTYPED_BITS = 4;
    public static final int MAX_UNTYPED_BITS = 47;
    /** Largest CNode radix capsim accepts (a 2^20-slot CNode is already 32 MiB). */
    public static final int MAX_RADIX = 20;

    private final String word;

    ObjectType(String word) {
        this.word = word;
    }

    /** capDL's word (ut, cnode, tcb, ep, notification, frame; pt for paging structures). */
    public String word() {
        return word;
    }

    /** The type whose word is {@code w} ("endpoint" and "untyped" accepted too), or null. */
    public static ObjectType fromWord(String w) {
        for (ObjectType t : values()) {
            if (t.word.equals(w) && t != OTHER && t != PAGING) {
                return t;
            }
        }
        return switch (w) {
            case "endpoint" -> ENDPOINT;
            case "untyped" -> UNTYPED;
            default -> null;
        };
    }

    /** Whether {@code sizeBits} is chosen by whoever creates the object (untyped, CNode radix, frame). */
    public boolean sized() {
        return this == UNTYPED || this == CNODE || this == FRAME;
    }

    /**
     * log2 of the bytes an object of this type takes, given the size parameter ({@code sizeBits}: untyped and
     * frame size, CNode radix; ignored for fixed-size types); as seL4's getObjectSize.
     */
    public int objectBits(int sizeBits) {
        return switch (this) {
            case UNTYPED, FRAME, PAGING, OTHER -> sizeBits;
            case CNODE -> sizeBits + SLOT_BITS;
            case TCB -> TCB_BITS;
            case ENDPOINT -> ENDPOINT_BITS;
            case NOTIFICATION -> NOTIFICATION_BITS;
        };
    }
}
