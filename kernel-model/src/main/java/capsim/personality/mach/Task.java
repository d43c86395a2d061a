package capsim.personality.mach;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Mach task: an activity that pays for everything it allocates, a kernel thread, and a capability page
 * that is its IPC name space (one slot per name). The names, their rights and user references are kept
 * here; the slots mirror them. Regions are the out-of-line pages it holds (one frame each).
 */
public final class Task {
    final String name;
    final int activity;
    final int thread;
    final int space;
    final TreeMap<String, RightEntry> names;
    /** Region name → frame oid. */
    final TreeMap<String, Integer> regions;
    /** What it received, oldest first. */
    final List<Received> received;

    Task(String name, int activity, int thread, int space) {
        this.name = name;
        this.activity = activity;
        this.thread = thread;
        this.space = space;
        this.names = new TreeMap<>();
        this.regions = new TreeMap<>();
        this.received = new ArrayList<>();
    }

    Task copy() {
        Task t = new Task(name, activity, thread, space);
        names.forEach((k, v) -> t.names.put(k, v.copy()));
        t.regions.putAll(regions);
        t.received.addAll(received);
        return t;
    }

    public String name() {
        return name;
    }

    public int activity() {
        return activity;
    }

    public int thread() {
        return thread;
    }

    public int space() {
        return space;
    }

    public Map<String, RightEntry> names() {
        return java.util.Collections.unmodifiableMap(names);
    }

    public Map<String, Integer> regions() {
        return java.util.Collections.unmodifiableMap(regions);
    }

    public List<Received> received() {
        return java.util.Collections.unmodifiableList(received);
    }

    /** The lowest capability page slot no name uses, or -1. */
    int freeSlot() {
        boolean[] used = new boolean[capsim.kernel.CapPage.SLOTS];
        for (RightEntry e : names.values()) {
            used[e.slot] = true;
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                return i;
            }
        }
        return -1;
    }

    /** The name under which this space holds a receive or send right for {@code port} (they coalesce), or null. */
    RightEntry coalescing(String port) {
        for (RightEntry e : names.values()) {
            if (e.target.equals(port) && (e.receive || e.sendUrefs > 0)) {
                return e;
            }
        }
        return null;
    }

    /** A fresh name for a right to {@code label}: the label itself, else label.2, label.3, ... */
    String freshName(String label) {
        if (!names.containsKey(label)) {
            return label;
        }
        for (int i = 2; ; i++) {
            String n = label + "." + i;
            if (!names.containsKey(n)) {
                return n;
            }
        }
    }

    /** A fresh region name: the name itself, else name.2, ... */
    String freshRegion(String region) {
        if (!regions.containsKey(region)) {
            return region;
        }
        for (int i = 2; ; i++) {
            String n = region + "." + i;
            if (!regions.containsKey(n)) {
                return n;
            }
        }
    }
}
