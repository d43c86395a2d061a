package capsim.personality.sel4;

/**
 * A thread control block: its five capability slots (seL4's tcbCTable, tcbVTable, tcbReply, tcbCaller,
 * tcbIPCBufferFrame: CSpace root, VSpace root, master reply cap, the reply cap of the call it is serving, IPC
 * buffer frame), its fault handler (a capability pointer looked up in its own CSpace when it faults, as
 * tcbFaultHandler in the non-MCS kernel), its state, bound notification, the fault it is reporting, where its IPC
 * buffer asks received capabilities to go, and what it last received.
 */
public final class Tcb extends Sel4Object {
    public static final long CTABLE = 0;
    public static final long VTABLE = 1;
    public static final long REPLY = 2;
    public static final long CALLER = 3;
    public static final long IPC_BUFFER = 4;
    /** Number of slots; indexes 0..4 above. */
    public static final int SLOTS = 5;
    /** capDL's words for the slots, by index. */
    static final String[] SLOT_WORDS = {"cspace", "vspace", "reply_slot", "caller_slot", "ipc_buffer_slot"};

    final Cap[] slots = new Cap[SLOTS];
    long faultEp;
    ThreadState state = ThreadState.INACTIVE;
    String boundNotification;
    String fault;
    /** The receive slot its IPC buffer names (a CPtr in its CSpace, looked up at transfer time), or -1: none. */
    long receiveSlot = -1;
    Received received;
    /** The message it is sending, waiting to send, or replying with. */
    Message pending;

    Tcb(String name) {
        super(name, ObjectType.TCB_BITS);
    }

    @Override
    Tcb copy() {
        Tcb t = new Tcb(name()).from(this);
        System.arraycopy(slots, 0, t.slots, 0, SLOTS);
        t.faultEp = faultEp;
        t.state = state;
        t.boundNotification = boundNotification;
        t.fault = fault;
        t.receiveSlot = receiveSlot;
        t.received = received;
        t.pending = pending;
        return t;
    }

    @Override
    public ObjectType type() {
        return ObjectType.TCB;
    }

    /** The capability in TCB slot {@code i} (0..4), or null. */
    public Cap slot(long i) {
        return slots[(int) i];
    }

    /** The fault handler's capability pointer (looked up in this thread's CSpace). */
    public long faultEp() {
        return faultEp;
    }

    public ThreadState state() {
        return state;
    }

    public String boundNotification() {
        return boundNotification;
    }

    /** The fault being reported (vm, cap, unknown-syscall, user), or null. */
    public String fault() {
        return fault;
    }

    /** The receive slot's CPtr, or -1. */
    public long receiveSlot() {
        return receiveSlot;
    }

    /** What its last receive left, or null. */
    public Received received() {
        return received;
    }

    /** The slot index of a capDL TCB slot word (cspace, vspace, reply_slot, caller_slot, ipc_buffer_slot), or -1. */
    public static long slotOf(String word) {
        for (int i = 0; i < SLOTS; i++) {
            if (SLOT_WORDS[i].equals(word)) {
                return i;
            }
        }
        return -1;
    }

    /** capDL's word for TCB slot {@code i}. */
    public static String slotWord(long i) {
        return SLOT_WORDS[(int) i];
    }

    @Override
    String stateLine() {
        StringBuilder b = new StringBuilder("tcb " + name() + " " + state + " fault-ep " + faultEp + " bound "
                + boundNotification + " fault " + fault + " recv-slot " + receiveSlot + " got " + received + " pending " + (pending == null ? "-" : pending.text()) + " slots");
        for (Cap c : slots) {
            b.append(' ').append(c);
        }
        return b.toString();
    }
}
