package capsim.kernel;

/**
 * What every hand-off mode shares (seed 001's proposal): the source frame itself goes to the target.
 * The sender first loses it ({@link Revocation#revokeFromSource}); the target's slot addresses are
 * written into it in place of the source's (two units per capability: copy it, write the address back).
 * Subclasses say what becomes of the target's old frame and who pays for which frame afterwards.
 */
abstract class HandOff extends FrameMode {
    HandOff() {
    }

    @Override
    void start(Kernel k, Transfer x, MessageBuffer s, Frame sf) {
        Revocation.revokeFromSource(k, x, s, sf);
        k.stepWork++;
    }

    @Override
    Frame addressHolder(Frame sf, Frame tf) {
        return sf;
    }

    @Override
    int capCost() {
        return 2;
    }

    @Override
    boolean copiesBytes() {
        return false;
    }

    @Override
    void addressesDone(Kernel k, Transfer x, Frame sf, Frame tf) {
        if (sf != null) {
            k.trace.add(new Event.AddressesWritten(x.msg, sf.oid(), x.caps, Math.max(0, x.targetCapCount - x.caps)));
        }
    }

    /** The source frame goes into the target buffer's payload slot. */
    static void giveToTarget(Kernel k, Transfer x, MessageBuffer s, MessageBuffer tb, Frame sf) {
        tb.setSlot(BufferSlot.PAYLOAD, sf.capability());
        k.trace.add(new Event.FrameHandedOff(x.msg, sf.oid(), s.oid(), tb.oid(), sf.chargedTo()));
    }
}
