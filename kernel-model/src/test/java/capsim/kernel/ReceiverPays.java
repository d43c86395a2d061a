package capsim.kernel;

/**
 * A test-only way to move frames, to show a new frame mode is one class: the source frame is handed to
 * the target, the target's old frame is freed, and the handed-off frame's charge moves to whoever paid
 * for the target's old frame, so the receiver pays for the page it now holds and the sender pays for none.
 * Nothing in the transfer engine knows this class; {@link ReceiverPaysTest.Variant} returns it.
 */
final class ReceiverPays extends HandOff {
    @Override
    public String word() {
        return "receiver-pays";
    }

    @Override
    void capsCopied(Transfer x, Frame sf) {
        if (sf != null) {
            sf.setCapCount(Math.max(0, x.targetCapCount));
        }
    }

    @Override
    int finishCost(Transfer x, Frame sf, Frame tf) {
        // Freeing the old page and moving one charge.
        return sf != null && tf != null ? 2 : 0;
    }

    @Override
    void finish(Kernel k, Transfer x, MessageBuffer s, MessageBuffer tb, Frame sf, Frame tf) {
        if (sf == null) {
            return;
        }
        if (tf != null) {
            Activity payer = (Activity) k.heap.get(tf.chargedTo());
            Lifecycle.destroy(k, tf);
            Quotas.uncharge(k, sf);
            sf.setChargedTo(payer.oid());
            Quotas.charge(k, payer);
        }
        giveToTarget(k, x, s, tb, sf);
    }
}
