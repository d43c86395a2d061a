package capsim.personality.sel4;

/** A frame of 2^sizeBits bytes: passive (mapped, not simulated as memory); a thread's IPC buffer is one. */
public final class Frame extends Sel4Object {
    Frame(String name, int sizeBits) {
        super(name, sizeBits);
    }

    @Override
    Frame copy() {
        return new Frame(name(), sizeBits()).from(this);
    }

    @Override
    public ObjectType type() {
        return ObjectType.FRAME;
    }

    @Override
    String stateLine() {
        return "frame " + name() + " " + sizeBits() + " bits";
    }
}
