package capsim.kernel;

/**
 * The capability space: how a thread's capability address resolves to a slot of a capability page, what
 * the capability in a slot reads as, and the slot operations read, copy and mint. Like seL4's
 * {@code CSpace.lhs} (lookup) beside {@code CNode.lhs} (slot operations), lookup is kept apart from the
 * operations that use it; a located slot is packed in a long so no lookup allocates.
 *
 * <p>Also the argument checks that turn a capability into an object of the type an operation needs.
 * Stateless: everything lives in the {@link Kernel} passed in.
 */
final class CapSpace {
    /** Set in a located slot when the path to it is weak (some capability on it lacks write). */
    static final long WEAK_BIT = 1L << 8;

    private CapSpace() {
    }

    // ------------------------------------------------------------------ slot operations

    /** The capability at {@code addr} as the thread sees it: void if stale, weakened through a read-only path. */
    static Capability readCap(Kernel k, int thread, int addr) {
        KernelThread t = invoker(k, thread);
        return fetch(k, t.asRoot(), addr);
    }

    /** Copies (payload null) or mints (payload set: needs a strong source) the capability at src into dst, narrowed by mask. */
    static void mintCap(Kernel k, int thread, int src, int dst, Rights mask, Long payload) {
        KernelThread t = invoker(k, thread);
        Capability c = fetch(k, t.asRoot(), src);
        if (payload != null && !c.isVoid() && !c.rights().write()) {
            throw new KernelException(KernelError.READ_ONLY,
                    "setting a protected payload needs a strong capability; " + CapAddress.format(src) + " is weak");
        }
        long slot = writableSlot(k, t.asRoot(), dst);
        Capability out = c.narrow(mask == null ? Rights.FULL : mask);
        if (payload != null && !out.isVoid()) {
            out = out.withPayload(payload);
        }
        storeAt(k, slot, out);
        k.trace.add(new Event.SlotWritten(thread, pageOf(slot), slotOf(slot), out));
    }

    /** Stores {@code c} in the thread's writable slot {@code dst} and traces it (allocation results, buffer slot reads). */
    static void storeResult(Kernel k, int thread, long slot, Capability c) {
        storeAt(k, slot, c);
        k.trace.add(new Event.SlotWritten(thread, pageOf(slot), slotOf(slot), c));
    }

    // ------------------------------------------------------------------ address resolution

    /**
     * Locates the slot {@code addr} names under {@code root}: (page oid << 9) | weak << 8 | slot, or -1 when
     * the path does not resolve. A path is weak when any capability on it (root included) lacks write.
     */
    static long locate(Kernel k, Capability root, int addr) {
        if (addr < 0 || !root.rights().read()) {
            return -1;
        }
        if (!(k.heap.lookup(root) instanceof CapPage page)) {
            return -1;
        }
        boolean weak = !root.rights().write();
        int depth = CapAddress.depth(addr);
        for (int level = 0; level < depth - 1; level++) {
            Capability c = page.slot(CapAddress.slot(addr, level));
            if (!c.rights().read() || !(k.heap.lookup(c) instanceof CapPage next)) {
                return -1;
            }
            weak |= !c.rights().write();
            page = next;
        }
        return ((long) page.oid() << 9) | (weak ? WEAK_BIT : 0) | CapAddress.slot(addr, depth - 1);
    }

    static int pageOf(long slot) {
        return (int) (slot >>> 9);
    }

    static int slotOf(long slot) {
        return (int) (slot & 0xff);
    }

    static boolean isWeak(long slot) {
        return (slot & WEAK_BIT) != 0;
    }

    static void storeAt(Kernel k, long slot, Capability c) {
        ((CapPage) k.heap.get(pageOf(slot))).setSlot(slotOf(slot), c);
    }

    /** The capability at {@code addr}, void when stale or unresolvable, weakened through a weak path. */
    static Capability fetchOrVoid(Kernel k, Capability root, int addr) {
        long slot = locate(k, root, addr);
        return slot < 0 ? Capability.VOID : capabilityAt(k, slot);
    }

    /** Like {@link #fetchOrVoid} but an unresolvable address is an error (a stale capability still reads void). */
    static Capability fetch(Kernel k, Capability root, int addr) {
        return capabilityAt(k, resolvedSlot(k, root, addr));
    }

    /** The capability in a located slot as the path lets it be seen: void if stale, weak through a weak path. */
    private static Capability capabilityAt(Kernel k, long slot) {
        Capability c = ((CapPage) k.heap.get(pageOf(slot))).slot(slotOf(slot));
        if (k.heap.lookup(c) == null) {
            return Capability.VOID;
        }
        return isWeak(slot) ? c.weaken() : c;
    }

    private static long resolvedSlot(Kernel k, Capability root, int addr) {
        long slot = locate(k, root, addr);
        if (slot < 0) {
            throw new KernelException(KernelError.INVALID_ADDRESS,
                    "address " + CapAddress.format(addr) + " does not resolve in the thread's address space");
        }
        return slot;
    }

    /** A slot the thread may write: resolved, and not reached through a weak path. */
    static long writableSlot(Kernel k, Capability root, int addr) {
        long slot = resolvedSlot(k, root, addr);
        if (isWeak(slot)) {
            throw new KernelException(KernelError.READ_ONLY,
                    "slot " + CapAddress.format(addr) + " is reached through a read-only path");
        }
        return slot;
    }

    // ------------------------------------------------------------------ argument checks

    /** The invoking thread, which must be live. */
    static KernelThread invoker(Kernel k, int thread) {
        if (k.heap.get(thread) instanceof KernelThread t) {
            return t;
        }
        throw new KernelException(KernelError.NO_THREAD, "#" + thread + " is not a live thread");
    }

    static KernelObject requireLive(Kernel k, Capability c, int addr) {
        KernelObject o = k.heap.lookup(c);
        if (o == null) {
            throw new KernelException(KernelError.VOID_CAPABILITY, "the capability at " + CapAddress.format(addr) + " is void");
        }
        return o;
    }

    static <T extends KernelObject> T requireType(Kernel k, Capability c, int addr, Class<T> cls, CapType type) {
        KernelObject o = requireLive(k, c, addr);
        if (!cls.isInstance(o)) {
            throw new KernelException(KernelError.WRONG_TYPE,
                    CapAddress.format(addr) + " designates a " + o.type().word() + ", not a " + type.word());
        }
        return cls.cast(o);
    }

    static void requireStrong(Capability c, int addr) {
        if (!c.rights().write()) {
            throw new KernelException(KernelError.READ_ONLY, "the capability at " + CapAddress.format(addr) + " is weak");
        }
    }

    static void requireVoidOr(Capability c, CapType type, int addr) {
        if (!c.isVoid() && c.type() != type) {
            throw new KernelException(KernelError.WRONG_TYPE,
                    CapAddress.format(addr) + " holds a " + c.type().word() + ", not a " + type.word());
        }
    }

    static MessageBuffer strongBuffer(Kernel k, KernelThread t, int addr) {
        Capability c = fetch(k, t.asRoot(), addr);
        MessageBuffer b = requireType(k, c, addr, MessageBuffer.class, CapType.MESSAGE_BUFFER);
        requireStrong(c, addr);
        return b;
    }

    static Activity strongActivity(Kernel k, KernelThread t, int addr) {
        Capability c = fetch(k, t.asRoot(), addr);
        Activity a = requireType(k, c, addr, Activity.class, CapType.ACTIVITY);
        requireStrong(c, addr);
        return a;
    }
}
