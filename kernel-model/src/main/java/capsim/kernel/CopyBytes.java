package capsim.kernel;

/**
 * Frames stay put and bytes are copied (the Dec 2008 messenger code, {@code messenger.c}): the target
 * keeps its own page, whose unresolved addresses are voided, and each side keeps paying for its own frame.
 * Also the fallback of every mode when the source has no frame or both buffers share one.
 */
class CopyBytes extends FrameMode {
    static final CopyBytes INSTANCE = new CopyBytes();

    CopyBytes() {
    }

    @Override
    public String word() {
        return "copy-bytes";
    }

    @Override
    Frame addressHolder(Frame sf, Frame tf) {
        return tf;
    }

    @Override
    int capCost() {
        return 1;
    }

    @Override
    void addressesDone(Kernel k, Transfer x, Frame sf, Frame tf) {
        if (tf != null && k.variant.deliversSourceCapCount()) {
            // messenger.c: the delivered cap_count becomes the source's; positions past the
            // target's own addresses read void.
            k.stepWork += Math.max(0, x.sourceCapCount - tf.capCount());
            tf.setCapCount(x.sourceCapCount);
        }
    }

    @Override
    boolean copiesBytes() {
        return true;
    }

    /** Bytes that go across: the source's data, as much as fits after the target's addresses. */
    static int bytesToCopy(Frame sf, Frame tf) {
        if (sf == null || tf == null) {
            return 0;
        }
        int room = Frame.PAGE_SIZE - Frame.HEADER_SIZE - Frame.ADDRESS_SIZE * tf.capCount();
        return Math.max(0, Math.min(sf.dataCount(), room));
    }

    /** The byte copy itself, done once the units for it are counted. */
    static void copy(Kernel k, Transfer x, Frame sf, Frame tf, int total) {
        if (tf != null) {
            if (sf != null) {
                tf.copyDataFrom(sf, total);
            } else {
                tf.copyDataFrom(tf, 0);
            }
        }
        k.trace.add(new Event.BytesCopied(x.msg, sf == null ? KernelObject.NO_OID : sf.oid(),
                tf == null ? KernelObject.NO_OID : tf.oid(), total));
    }

    @Override
    int finishCost(Transfer x, Frame sf, Frame tf) {
        return 0;
    }

    @Override
    void finish(Kernel k, Transfer x, MessageBuffer s, MessageBuffer tb, Frame sf, Frame tf) {
        // Nothing moves: each buffer keeps its frame and its charge.
    }
}
