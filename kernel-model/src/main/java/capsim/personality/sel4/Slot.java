package capsim.personality.sel4;

/**
 * A capability slot: slot {@code index} of the CNode named {@code holder}, or one of the slots of a TCB
 * ({@link Tcb#CTABLE}, {@link Tcb#VTABLE}, {@link Tcb#REPLY}, {@link Tcb#CALLER}, {@link Tcb#IPC_BUFFER}, as
 * seL4's tcbCTable ... tcbIPCBufferFrame). Ordered by holder name, then index.
 */
public record Slot(String holder, long index) implements Comparable<Slot> {
    public Slot {
        if (holder == null || index < 0) {
            throw new IllegalArgumentException("a slot is a holder and an index >= 0");
        }
    }

    @Override
    public int compareTo(Slot o) {
        int c = holder.compareTo(o.holder);
        return c != 0 ? c : Long.compare(index, o.index);
    }

    @Override
    public String toString() {
        return holder + "[" + index + "]";
    }
}
