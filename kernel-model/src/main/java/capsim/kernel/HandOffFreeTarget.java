package capsim.kernel;

/**
 * The Aug 2008 proposal as seed 001 states it: the target's own frame is freed and the source frame is
 * given to the target. Who pays: the handed-off frame stays charged to the sender's activity (nothing
 * moves the charge), so the sender pays for a page the target now holds.
 */
final class HandOffFreeTarget extends HandOff {
    static final HandOffFreeTarget INSTANCE = new HandOffFreeTarget();

    private HandOffFreeTarget() {
    }

    @Override
    public String word() {
        return "hand-off-free-target";
    }

    @Override
    void capsCopied(Transfer x, Frame sf) {
        if (sf != null) {
            // The page keeps the larger of the two counts: source addresses past the target's stay in it.
            sf.setCapCount(Math.max(sf.capCount(), x.targetCapCount));
        }
    }

    @Override
    int finishCost(Transfer x, Frame sf, Frame tf) {
        return sf != null && tf != null ? 1 : 0;
    }

    @Override
    void finish(Kernel k, Transfer x, MessageBuffer s, MessageBuffer tb, Frame sf, Frame tf) {
        if (sf == null) {
            return;
        }
        if (tf != null) {
            Lifecycle.destroy(k, tf);
        }
        giveToTarget(k, x, s, tb, sf);
    }
}
