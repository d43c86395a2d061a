package capsim.personality;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A world's log of what happened (send-right transitions, notifications fired, freed messages): a list that only
 * grows at its end, whose copy costs nothing however long it is, because the copy and the original share every
 * element logged before the copy ({@link SharedLog}). A world keeps one per log and copies it with
 * {@link #History(History)}, so a long run's copies stay as cheap as a short one's.
 *
 * @param <T> the entries (immutable: they are shared between copies)
 */
public final class History<T> extends AbstractList<T> implements RandomAccess {
    private SharedLog<T> log;

    public History() {
        log = SharedLog.empty();
    }

    /** A copy of {@code other}: logging to either afterwards does not change the other. */
    public History(History<T> other) {
        log = other.log;
    }

    @Override
    public T get(int index) {
        return log.get(index);
    }

    @Override
    public int size() {
        return log.size();
    }

    /** Logs {@code entry} at the end. */
    @Override
    public boolean add(T entry) {
        log = log.with(entry);
        modCount++;
        return true;
    }

    /** The log as it is now, immutable (entries logged later do not show in it). */
    public List<T> now() {
        return log;
    }
}
