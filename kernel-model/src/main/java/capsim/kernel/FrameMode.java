package capsim.kernel;

import capsim.kernel.variant.FrameTransfer;

/**
 * How a transfer moves the message page: one subclass per mode ({@link CopyBytes}, {@link HandOffFreeTarget},
 * {@link ExchangeCleared}), each holding its own steps, their cost and who pays afterwards. The
 * {@link Transfer} engine calls these hooks in order: {@link #start} once, {@link #capsCopied} after the
 * capability copy, {@link #addressesDone} after the target's addresses are settled, then (where
 * {@link #copiesBytes}) the byte copy, and {@link #finish} in the last, indivisible unit.
 *
 * <p>A variant supplies its mode through {@link capsim.kernel.variant.Variant#frameMode()}; a new way to
 * move frames is one new subclass (in this package: modes reach kernel objects directly) returned from
 * a variant, with no edit to the engine. Modes hold no state (a transfer's progress is in {@link Transfer}).
 */
public abstract class FrameMode {
    FrameMode() {
    }

    /** The shipped mode for a variant's {@link FrameTransfer} setting. */
    public static FrameMode of(FrameTransfer setting) {
        return switch (setting) {
            case COPY_BYTES -> CopyBytes.INSTANCE;
            case HANDOFF_FREE_TARGET -> HandOffFreeTarget.INSTANCE;
            case EXCHANGE_CLEARED -> ExchangeCleared.INSTANCE;
        };
    }

    /** A short lower-case name, for messages. */
    public abstract String word();

    /** Once, when the transfer starts (with a source frame distinct from the target's): e.g. take the frame from the sender. */
    void start(Kernel k, Transfer x, MessageBuffer s, Frame sf) {
    }

    /** The frame that collects the target's slot addresses: the one the target holds at the end (may be null). */
    abstract Frame addressHolder(Frame sf, Frame tf);

    /** Units of work per capability copied. */
    abstract int capCost();

    /** After the capability copy, before the remaining target addresses are voided. */
    void capsCopied(Transfer x, Frame sf) {
    }

    /** After the remaining target addresses are voided. */
    void addressesDone(Kernel k, Transfer x, Frame sf, Frame tf) {
    }

    /** Whether the data is copied from the source page into the target's (else the page itself moves). */
    abstract boolean copiesBytes();

    /** Units of work {@link #finish} does beyond the fixed two and the activations. */
    abstract int finishCost(Transfer x, Frame sf, Frame tf);

    /** The frame movement of the last unit, before the delivery and the activations. */
    abstract void finish(Kernel k, Transfer x, MessageBuffer s, MessageBuffer tb, Frame sf, Frame tf);

    @Override
    public String toString() {
        return word();
    }
}
