package capsim.kernel;

/**
 * Builds an initial object graph directly, as a boot loader or a scenario's
 * declarations would, without a thread invoking capabilities. Quotas still
 * apply. Events are traced like any allocation, so the initial state is part
 * of the trace hash.
 */
public final class Boot {
    private final Kernel kernel;

    Boot(Kernel kernel) {
        this.kernel = kernel;
    }

    public Kernel kernel() {
        return kernel;
    }

    /** A child activity of {@code parent} with the given quota (0: no limit of its own); returns its oid. */
    public int activity(int parent, long quota) {
        if (quota < 0) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "quota must be >= 0, not " + quota);
        }
        Activity p = activityAt(parent);
        kernel.requireQuota(p);
        return kernel.createActivityObject(p, quota).oid();
    }

    /** Allocates an object of {@code type} (not an activity) charged to {@code activity}; returns its oid. */
    public int allocate(CapType type, int activity) {
        if (type == CapType.ACTIVITY) {
            return activity(activity, 0);
        }
        // The same rule as a thread's allocation: no void objects, queues only where the variant has them.
        Lifecycle.requireAllocatable(kernel, type);
        Activity a = activityAt(activity);
        kernel.requireQuota(a);
        return kernel.create(type, a).oid();
    }

    /** A strong capability to the live object {@code oid}. */
    public Capability cap(int oid) {
        return object(oid, KernelObject.class).capability();
    }

    /** A capability to {@code oid} with the given rights and protected payload. */
    public Capability cap(int oid, Rights rights, long payload) {
        return cap(oid).narrow(rights).withPayload(payload);
    }

    /** Stores {@code cap} in slot {@code slot} of capability page {@code page}. */
    public void setSlot(int page, int slot, Capability cap) {
        CapPage p = object(page, CapPage.class);
        if (slot < 0 || slot >= CapPage.SLOTS) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "slot " + slot + " is outside 0.." + (CapPage.SLOTS - 1));
        }
        p.setSlot(slot, cap);
        kernel.trace().add(new Event.SlotWritten(KernelObject.NO_OID, page, slot, cap));
    }

    /** Sets a thread's address-space root (a cappage oid) and activity. */
    public void configureThread(int thread, int asRootPage, int activity) {
        KernelThread t = object(thread, KernelThread.class);
        Capability root = object(asRootPage, CapPage.class).capability();
        Capability act = object(activity, Activity.class).capability();
        t.setAsRoot(root);
        t.setActivity(act);
        kernel.trace().add(new Event.ThreadConfigured(thread, root, act));
    }

    /** Stores {@code cap} in a buffer slot (void, or a capability of the slot's type). */
    public void setBufferSlot(int buffer, BufferSlot slot, Capability cap) {
        MessageBuffer b = object(buffer, MessageBuffer.class);
        if (!cap.isVoid() && cap.type() != slot.holds()) {
            throw new KernelException(KernelError.WRONG_TYPE, "buffer slot " + slot.word() + " holds a "
                    + slot.holds().word() + ", not a " + cap.type().word());
        }
        b.setSlot(slot, cap);
        kernel.trace().add(new Event.BufferSlotSet(KernelObject.NO_OID, buffer, slot, cap));
    }

    /** Sets a buffer's flags and id. */
    public void configureBuffer(int buffer, int flags, long id) {
        if ((flags & ~(MessageBuffer.ACTIVATE_ON_SEND | MessageBuffer.ACTIVATE_ON_RECEIVE)) != 0) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "unknown buffer flags " + flags);
        }
        MessageBuffer b = object(buffer, MessageBuffer.class);
        b.setFlags(flags);
        b.setId(id);
        kernel.trace().add(new Event.BufferConfigured(buffer, flags, id));
    }

    /** Blocks or unblocks a buffer. */
    public void setBlocked(int buffer, boolean blocked) {
        object(buffer, MessageBuffer.class).setBlocked(blocked);
        kernel.trace().add(new Event.BlockChanged(buffer, blocked));
    }

    /** Writes a message page into a frame. */
    public void writeFrame(int frame, int[] capAddresses, byte[] bytes) {
        if (!Frame.fits(capAddresses.length, bytes.length)) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "a message of " + capAddresses.length + " caps and "
                    + bytes.length + " bytes does not fit in a page");
        }
        object(frame, Frame.class).write(capAddresses, bytes);
        kernel.trace().add(new Event.MessageWritten(KernelObject.NO_OID, frame, capAddresses.length, bytes.length));
    }

    /**
     * Frees the live object {@code oid} as {@link Kernel#free} would (version bumped, an activity with
     * everything below it, waiting senders told EFAULT), without a thread invoking a capability.
     */
    public void free(int oid) {
        KernelObject o = object(oid, KernelObject.class);
        if (oid == kernel.rootActivity()) {
            throw new KernelException(KernelError.PROTECTED, "the root activity cannot be destroyed");
        }
        kernel.requireNotInTransfer(o);
        kernel.destroy(o);
    }

    private Activity activityAt(int oid) {
        return object(oid, Activity.class);
    }

    private <T extends KernelObject> T object(int oid, Class<T> cls) {
        KernelObject o = kernel.heap().get(oid);
        if (o == null) {
            throw new KernelException(KernelError.VOID_CAPABILITY, "#" + oid + " is not a live object");
        }
        if (!cls.isInstance(o)) {
            throw new KernelException(KernelError.WRONG_TYPE, o + " is not a " + cls.getSimpleName());
        }
        return cls.cast(o);
    }
}
