package capsim.personality.sel4;

/**
 * A paging structure (capDL's pt, pd, pdpt, pml4, pud, pgd, ...): passive, kept with its capDL word so it can be
 * drawn and written back.
 */
public final class PagingStructure extends Sel4Object {
    private final String kind;

    PagingStructure(String name, String kind, int sizeBits) {
        super(name, sizeBits);
        this.kind = kind;
    }

    @Override
    PagingStructure copy() {
        return new PagingStructure(name(), kind, sizeBits()).from(this);
    }

    @Override
    public ObjectType type() {
        return ObjectType.PAGING;
    }

    /** capDL's word for it. */
    public String kind() {
        return kind;
    }

    @Override
    String stateLine() {
        return kind + " " + name() + " " + sizeBits() + " bits";
    }
}
