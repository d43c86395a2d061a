package capsim.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The event trace of a kernel. Its hash is a 64-bit FNV-1a over the events'
 * record text (field names, ints, enum names: nothing identity-based), so the
 * same scenario and seed give the same hash on every JVM.
 */
public final class Trace {
    private final ArrayList<Event> events = new ArrayList<>();
    private boolean recording = true;

    void add(Event e) {
        if (recording) {
            events.add(e);
        }
    }

    /**
     * Turns recording on or off. Off, the kernel still runs every operation but keeps no events (long
     * benchmark or soak runs that only need the state); the hash then covers only what was recorded.
     */
    public void setRecording(boolean on) {
        recording = on;
    }

    public boolean recording() {
        return recording;
    }

    /** The events, oldest first (a read-only view). */
    public List<Event> events() {
        return Collections.unmodifiableList(events);
    }

    public int size() {
        return events.size();
    }

    public Event get(int i) {
        return events.get(i);
    }

    /** Drops all events (benchmarks and long runs that only need the state). */
    public void clear() {
        events.clear();
    }

    /** The deterministic hash of all events. */
    public long hash() {
        return hash(events);
    }

    /** The deterministic hash of a list of events. */
    public static long hash(List<? extends Event> list) {
        long h = 0xcbf29ce484222325L;
        for (Event e : list) {
            byte[] b = e.toString().getBytes(StandardCharsets.UTF_8);
            for (byte x : b) {
                h ^= (x & 0xff);
                h *= 0x100000001b3L;
            }
            h ^= '\n';
            h *= 0x100000001b3L;
        }
        return h;
    }

    Trace copy() {
        Trace t = new Trace();
        t.events.addAll(events);
        t.recording = recording;
        return t;
    }
}
