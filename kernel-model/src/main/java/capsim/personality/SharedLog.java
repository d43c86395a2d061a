package capsim.personality;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * An immutable list that grows only at its end and shares everything with the list it grew from: appending
 * copies the last block of at most {@value #WIDTH} elements and, once that block is full, one path of a
 * {@value #WIDTH}-way tree (a persistent vector). Copying a world is taking the reference, so a world's history
 * (its event log, a design's logs of what happened) costs a copy nothing however long the run; reading an
 * element walks at most log<sub>32</sub>(size) nodes.
 *
 * <p>Being immutable, it can be handed out as it is: a caller cannot change a world's history through it.
 *
 * @param <T> the elements (immutable ones: they are shared between every list built from this one)
 */
public final class SharedLog<T> extends AbstractList<T> implements RandomAccess {
    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;
    private static final Object[] NONE = new Object[0];
    private static final SharedLog<?> EMPTY = new SharedLog<>(0, BITS, NONE, NONE);

    private final int size;
    /** How many bits of an index the root's level takes off (BITS for a root whose children are blocks). */
    private final int shift;
    /** The tree of full blocks before the tail. */
    private final Object[] root;
    /** The last, possibly partial, block: elements tailOffset() .. size-1. */
    private final Object[] tail;

    private SharedLog(int size, int shift, Object[] root, Object[] tail) {
        this.size = size;
        this.shift = shift;
        this.root = root;
        this.tail = tail;
    }

    @SuppressWarnings("unchecked")
    public static <T> SharedLog<T> empty() {
        return (SharedLog<T>) EMPTY;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a log of " + size);
        }
        if (index >= tailOffset()) {
            return (T) tail[index & MASK];
        }
        Object[] node = root;
        for (int level = shift; level > 0; level -= BITS) {
            node = (Object[]) node[(index >>> level) & MASK];
        }
        return (T) node[index & MASK];
    }

    /** This list with {@code element} added at the end (this list is unchanged). */
    public SharedLog<T> with(T element) {
        if (size - tailOffset() < WIDTH) {
            Object[] t = Arrays.copyOf(tail, tail.length + 1);
            t[tail.length] = element;
            return new SharedLog<>(size + 1, shift, root, t);
        }
        // The tail is full: it becomes a block of the tree, and the new element starts a new tail.
        Object[] newRoot;
        int newShift = shift;
        if ((size >>> BITS) > (1 << shift)) {
            newRoot = new Object[] {root, path(shift, tail)};
            newShift += BITS;
        } else {
            newRoot = push(shift, root, tail);
        }
        return new SharedLog<>(size + 1, newShift, newRoot, new Object[] {element});
    }

    /** This list with the element at {@code index} replaced by {@code element} (this list is unchanged). */
    public SharedLog<T> with(int index, T element) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a log of " + size);
        }
        if (index >= tailOffset()) {
            Object[] t = tail.clone();
            t[index & MASK] = element;
            return new SharedLog<>(size, shift, root, t);
        }
        return new SharedLog<>(size, shift, replace(shift, root, index, element), tail);
    }

    private static Object[] replace(int level, Object[] node, int index, Object element) {
        Object[] copy = node.clone();
        if (level == 0) {
            copy[index & MASK] = element;
        } else {
            int at = (index >>> level) & MASK;
            copy[at] = replace(level - BITS, (Object[]) node[at], index, element);
        }
        return copy;
    }

    private int tailOffset() {
        return size < WIDTH ? 0 : ((size - 1) >>> BITS) << BITS;
    }

    /** A copy of {@code node} (at {@code level}) with {@code block} added as the block after its last. */
    private Object[] push(int level, Object[] node, Object[] block) {
        int at = ((size - 1) >>> level) & MASK;
        Object[] copy = Arrays.copyOf(node, Math.max(node.length, at + 1));
        if (level == BITS) {
            copy[at] = block;
        } else {
            Object[] child = at < node.length ? (Object[]) node[at] : null;
            copy[at] = child == null ? path(level - BITS, block) : push(level - BITS, child, block);
        }
        return copy;
    }

    /** A chain of single-child nodes from {@code level} down to {@code block}. */
    private static Object[] path(int level, Object[] block) {
        return level == 0 ? block : new Object[] {path(level - BITS, block)};
    }
}
