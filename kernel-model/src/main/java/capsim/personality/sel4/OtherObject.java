package capsim.personality.sel4;

/**
 * An object capsim keeps without simulating (capDL's asid_pool, irq, io_ports, io_device, sc, ...), with its
 * capDL word, so imported systems keep it and draw it.
 */
public final class OtherObject extends Sel4Object {
    private final String kind;

    OtherObject(String name, String kind, int sizeBits) {
        super(name, sizeBits);
        this.kind = kind;
    }

    @Override
    OtherObject copy() {
        return new OtherObject(name(), kind, sizeBits()).from(this);
    }

    @Override
    public ObjectType type() {
        return ObjectType.OTHER;
    }

    public String kind() {
        return kind;
    }

    @Override
    String stateLine() {
        return kind + " " + name() + " " + sizeBits() + " bits";
    }
}
