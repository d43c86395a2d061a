package capsim.kernel;

import capsim.kernel.variant.SourceRevocation;

/**
 * Revocation. An object is revoked by re-identifying it: its version is bumped, so every capability
 * naming the old version reads void from then on (Viengoos and the seed's design revoke this way, without
 * finding the capabilities). A sender handing off its frame loses it as the variant's
 * {@link SourceRevocation} says, before anything of the target is written into it.
 */
final class Revocation {
    private Revocation() {
    }

    /** Bumps {@code o}'s version: every existing capability to it is void from now on. */
    static void reidentify(Kernel k, KernelObject o) {
        k.heap.bumpVersion(o);
        k.trace.add(new Event.Reidentified(o.oid(), o.type(), o.version()));
    }

    /**
     * The sender loses the frame it hands off. REIDENTIFY (revised design, seed 001's disclosure objection):
     * bumped before the target's addresses go in, so no other capability can read them; only the transfer
     * holds the frame from then on. DETACH_FROM_BUFFER (Aug 2008 proposal): only the buffer's payload slot is cleared.
     */
    static void revokeFromSource(Kernel k, Transfer x, MessageBuffer s, Frame sf) {
        SourceRevocation rev = k.variant.sourceRevocation();
        if (rev == SourceRevocation.REIDENTIFY) {
            reidentify(k, sf);
        }
        if (rev != SourceRevocation.NONE) {
            s.setSlot(BufferSlot.PAYLOAD, Capability.VOID);
            k.trace.add(new Event.FrameDetached(x.msg, s.oid(), sf.oid()));
        }
    }
}
