package capsim.kernel;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event trace of a kernel. Its hash is a 64-bit FNV-1a over the events'
 * record text (field names, ints, enum names: nothing identity-based), so the
 * same scenario and seed give the same hash on every JVM.
 *
 * <p>Copying is O(1): a trace only ever appends (or is cleared), so a copy shares its events with the
 * original through one append-only {@link Log}. Each trace owns the prefix of the log up to its own size;
 * the first of the sharers to append past the shared end extends the log in place, a later one copies its
 * prefix into a log of its own. The hash is kept incrementally: the value over the first {@code hashed}
 * events is remembered (and copied along), so {@link #hash()} renders only the events added since.
 */
public final class Trace {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /**
     * Events shared by a trace and its copies. Entries below {@code claimed} are written once and never
     * change; a sharer may write entry {@code claimed} after winning the CAS that moves it on (explorer
     * workers copy one parent kernel in several threads).
     */
    private static final class Log {
        final Event[] items;
        final AtomicInteger claimed;

        Log(Event[] items, int claimed) {
            this.items = items;
            this.claimed = new AtomicInteger(claimed);
        }
    }

    private Log log = new Log(new Event[16], 0);
    private int size;
    private boolean recording = true;
    /** {@link #hash(List)} of the first {@code hashed} events. */
    private int hashed;
    private long hashValue = FNV_OFFSET;
    private final List<Event> view = new View();

    void add(Event e) {
        if (!recording) {
            return;
        }
        Log l = log;
        if (size < l.items.length && l.claimed.get() == size && l.claimed.compareAndSet(size, size + 1)) {
            l.items[size] = e;
        } else {
            // Full, or another sharer already appended past our end: continue in a log of our own.
            Event[] own = Arrays.copyOf(l.items, Math.max(16, size * 2));
            Arrays.fill(own, size, own.length, null);
            own[size] = e;
            log = new Log(own, size + 1);
        }
        size++;
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

    /** The events, oldest first (a read-only view that follows later events). */
    public List<Event> events() {
        return view;
    }

    public int size() {
        return size;
    }

    public Event get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("event " + i + " of " + size);
        }
        return log.items[i];
    }

    /** Drops all events (benchmarks and long runs that only need the state). */
    public void clear() {
        log = new Log(new Event[16], 0);
        size = 0;
        hashed = 0;
        hashValue = FNV_OFFSET;
    }

    /** The deterministic hash of all events (only the events added since the last call are rendered). */
    public long hash() {
        long h = hashValue;
        Event[] items = log.items;
        for (int i = hashed; i < size; i++) {
            h = mix(h, items[i]);
        }
        hashed = size;
        hashValue = h;
        return h;
    }

    /** The deterministic hash of a list of events. */
    public static long hash(List<? extends Event> list) {
        long h = FNV_OFFSET;
        for (Event e : list) {
            h = mix(h, e);
        }
        return h;
    }

    /** FNV-1a over the event's record text and a newline. */
    private static long mix(long h, Event e) {
        byte[] b = e.toString().getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            h ^= (x & 0xff);
            h *= FNV_PRIME;
        }
        h ^= '\n';
        h *= FNV_PRIME;
        return h;
    }

    /** An O(1) copy: shares the events recorded so far (see the class comment). */
    Trace copy() {
        Trace t = new Trace();
        t.log = log;
        t.size = size;
        t.recording = recording;
        t.hashed = hashed;
        t.hashValue = hashValue;
        return t;
    }

    /** The live read-only list over this trace's events. */
    private final class View extends AbstractList<Event> implements RandomAccess {
        @Override
        public Event get(int index) {
            return Trace.this.get(index);
        }

        @Override
        public int size() {
            return size;
        }
    }
}
