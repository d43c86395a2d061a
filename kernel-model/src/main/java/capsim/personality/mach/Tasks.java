package capsim.personality.mach;

import capsim.kernel.CapType;
import capsim.kernel.Frame;
import capsim.kernel.KernelException;
import capsim.personality.PersonalityException;

/** Tasks (an activity, a thread and a name space each) and their out-of-line regions (one frame each). */
final class Tasks {
    private Tasks() {
    }

    /** A task: an activity under the root (quota 0: none of its own), a thread, and its name space. */
    static String createTask(MachWorld w, String name, long quota) throws PersonalityException {
        if (w.tasks.containsKey(name)) {
            throw new PersonalityException("KERN_NAME_EXISTS", "there is already a task " + name);
        }
        if (quota < 0) {
            throw new PersonalityException("KERN_INVALID_ARGUMENT", "a quota is at least 0, not " + quota);
        }
        try {
            int act = w.activity(w.rootActivity(), quota, name, "task");
            int thread = w.allocate(CapType.THREAD, act, name + ".thread", "thread");
            int space = w.allocate(CapType.CAPPAGE, act, name + ".space", "ipc-space");
            try {
                w.boot().configureThread(thread, space, act);
            } catch (KernelException e) {
                throw MachWorld.refusal(e);
            }
            w.tasks.put(name, new Task(name, act, thread, space));
        } catch (PersonalityException e) {
            throw Shortage.shortage(e, "KERN_RESOURCE_SHORTAGE");
        }
        w.event("task " + name + " created" + (quota > 0 ? " (quota " + quota + ")" : ""));
        return "ok";
    }

    /** An out-of-line region: one frame charged to the task, holding {@code data}. */
    static String region(MachWorld w, String task, String region, String data) throws PersonalityException {
        Task t = NameSpace.task(w, task, "KERN_INVALID_TASK");
        if (t.regions.containsKey(region)) {
            throw new PersonalityException("KERN_NAME_EXISTS", t.name + " already has a region " + region);
        }
        checkPage(data);
        int f = Shortage.alloc(w, CapType.FRAME, t.activity, region, "ool-page", "KERN_RESOURCE_SHORTAGE");
        w.writeBytes(f, MachText.bytes(data));
        t.regions.put(region, f);
        w.event(t.name + " allocates region " + region + " " + MachText.quote(data));
        return "ok";
    }

    static String write(MachWorld w, String task, String region, String data) throws PersonalityException {
        Task t = NameSpace.task(w, task, "KERN_INVALID_TASK");
        Integer f = t.regions.get(region);
        if (f == null) {
            throw new PersonalityException("KERN_INVALID_ADDRESS", t.name + " has no region " + region);
        }
        checkPage(data);
        w.writeBytes(f, MachText.bytes(data));
        w.event(t.name + " writes region " + region + " " + MachText.quote(data));
        return "ok";
    }

    static String freeRegion(MachWorld w, String task, String region) throws PersonalityException {
        Task t = NameSpace.task(w, task, "KERN_INVALID_TASK");
        Integer f = t.regions.get(region);
        if (f == null) {
            throw new PersonalityException("KERN_INVALID_ADDRESS", t.name + " has no region " + region);
        }
        t.regions.remove(region);
        w.free(f);
        w.event(t.name + " deallocates region " + region);
        return "ok";
    }

    private static void checkPage(String data) throws PersonalityException {
        if (data.length() > MachWorld.MAX_INLINE) {
            throw new PersonalityException("KERN_INVALID_ARGUMENT", data.length() + " bytes do not fit in a page");
        }
    }

    static byte[] frameBytes(MachWorld w, int frame) {
        return ((Frame) w.kernel().heap().get(frame)).data();
    }
}
