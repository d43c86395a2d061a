package capsim.kernel;

/**
 * The revised design (seed 001's objections answered): the source frame, with the target's addresses in
 * it, goes to the target, and the target's old frame, cleared and re-identified so nothing of the target
 * can be read through an old capability, goes to the source. Who pays: the two frames swap charges, so
 * each side keeps paying for exactly one frame and no activity's usage changes.
 */
final class ExchangeCleared extends HandOff {
    static final ExchangeCleared INSTANCE = new ExchangeCleared();

    private ExchangeCleared() {
    }

    @Override
    public String word() {
        return "exchange-cleared";
    }

    @Override
    void capsCopied(Transfer x, Frame sf) {
        if (sf != null) {
            sf.setCapCount(Math.max(0, x.targetCapCount));
        }
    }

    @Override
    void addressesDone(Kernel k, Transfer x, Frame sf, Frame tf) {
        if (sf != null) {
            // The page the target gets names exactly the target's addresses.
            sf.setCapCount(x.targetCapCount);
        }
        super.addressesDone(k, x, sf, tf);
    }

    /** Clearing the target's old page costs a unit plus one per 256 bytes it held. */
    @Override
    int finishCost(Transfer x, Frame sf, Frame tf) {
        return tf != null ? 1 + (tf.dataCount() + Frame.ADDRESS_SIZE * tf.capCount()) / Kernel.BYTES_PER_UNIT : 0;
    }

    @Override
    void finish(Kernel k, Transfer x, MessageBuffer s, MessageBuffer tb, Frame sf, Frame tf) {
        if (sf == null) {
            return;
        }
        if (tf != null) {
            tf.clear();
            k.trace.add(new Event.FrameCleared(tf.oid()));
            Revocation.reidentify(k, tf);
            swapCharges(sf, tf);
        }
        giveToTarget(k, x, s, tb, sf);
        if (tf != null) {
            s.setSlot(BufferSlot.PAYLOAD, tf.capability());
            k.trace.add(new Event.FrameHandedOff(x.msg, tf.oid(), tb.oid(), s.oid(), tf.chargedTo()));
        }
    }

    /** Swaps which activities two frames are charged to. Every activity's usage is unchanged. */
    private static void swapCharges(Frame a, Frame b) {
        int ca = a.chargedTo();
        a.setChargedTo(b.chargedTo());
        b.setChargedTo(ca);
    }
}
