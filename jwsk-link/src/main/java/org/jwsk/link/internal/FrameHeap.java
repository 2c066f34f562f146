package org.jwsk.link.internal;

import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.Deadlines;

/**
 * Frames waiting for their due time: a binary min-heap ordered by due time, and among equal due times by
 * insertion order, so frames due together leave in the order they came. Each entry also carries a {@code stamp},
 * a number the owner attaches (a virtual wire stores the send time there).
 *
 * <p>The arrays are allocated up front and grow by doubling up to a fixed maximum, so a steady flow of frames
 * allocates nothing. {@link #add} refuses a frame when the heap is at its maximum; the caller drops and counts it.
 *
 * <p><b>Ownership.</b> The heap owns the frames it holds: {@link #add} takes ownership when it returns {@code
 * true}, {@link #poll} hands ownership back, {@link #discardIf} and {@link #releaseAll} release.
 *
 * <p><b>Threads.</b> Not thread-safe: one owner thread.
 */
public final class FrameHeap {

    /** Decides, for {@link #discardIf}, whether a held frame is to be dropped. */
    @FunctionalInterface
    public interface EntryFilter {

        /**
         * Whether to discard the entry.
         *
         * @param frame the held frame, borrowed
         * @param due   its due time
         * @param stamp the number the owner attached
         */
        boolean discard(PacketBuf frame, long due, long stamp);
    }

    private final int maxCapacity;
    private PacketBuf[] frames;
    private long[] due;
    private long[] order;
    private long[] stamps;
    private int size;
    private long nextOrder;

    /**
     * An empty heap.
     *
     * @param initialCapacity entries allocated now, at least 1
     * @param maxCapacity     the most entries it will ever hold, at least {@code initialCapacity}
     */
    public FrameHeap(int initialCapacity, int maxCapacity) {
        if (initialCapacity < 1 || maxCapacity < initialCapacity) {
            throw new IllegalArgumentException("capacity " + initialCapacity + " up to " + maxCapacity);
        }
        this.maxCapacity = maxCapacity;
        allocate(initialCapacity);
    }

    private void allocate(int capacity) {
        PacketBuf[] f = new PacketBuf[capacity];
        long[] d = new long[capacity];
        long[] o = new long[capacity];
        long[] s = new long[capacity];
        if (frames != null) {
            System.arraycopy(frames, 0, f, 0, size);
            System.arraycopy(due, 0, d, 0, size);
            System.arraycopy(order, 0, o, 0, size);
            System.arraycopy(stamps, 0, s, 0, size);
        }
        frames = f;
        due = d;
        order = o;
        stamps = s;
    }

    /** Frames held. */
    public int size() {
        return size;
    }

    /** Whether no frame is held. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Whether the heap holds {@link #maxCapacity()} frames and would refuse another. */
    public boolean isFull() {
        return size == maxCapacity;
    }

    /** The most frames the heap will hold. */
    public int maxCapacity() {
        return maxCapacity;
    }

    /**
     * Adds a frame due at {@code dueAt}.
     *
     * @return {@code true} if the heap took ownership; {@code false} if it is full, and the caller keeps the frame
     */
    public boolean add(PacketBuf frame, long dueAt, long stamp) {
        if (size == frames.length) {
            if (size == maxCapacity) {
                return false;
            }
            allocate((int) Math.min(maxCapacity, 2L * size));
        }
        int i = size++;
        long o = nextOrder++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(dueAt, o, due[parent], order[parent])) {
                break;
            }
            set(i, frames[parent], due[parent], order[parent], stamps[parent]);
            i = parent;
        }
        set(i, frame, dueAt, o, stamp);
        return true;
    }

    /** The earliest due time held, or {@link Deadlines#NONE} if the heap is empty. */
    public long peekDue() {
        return size == 0 ? Deadlines.NONE : due[0];
    }

    /** The stamp of the earliest entry; the heap must not be empty. */
    public long peekStamp() {
        return stamps[0];
    }

    /** Whether the earliest frame is due at {@code now}. */
    public boolean hasDue(long now) {
        return size > 0 && Deadlines.isDue(due[0], now);
    }

    /**
     * Removes the earliest frame and hands it to the caller, who owns it.
     *
     * @throws java.util.NoSuchElementException if the heap is empty
     */
    public PacketBuf poll() {
        if (size == 0) {
            throw new java.util.NoSuchElementException("empty frame heap");
        }
        PacketBuf top = frames[0];
        int last = --size;
        PacketBuf f = frames[last];
        long d = due[last];
        long o = order[last];
        long s = stamps[last];
        frames[last] = null;
        if (last > 0) {
            siftDown(0, f, d, o, s);
        }
        return top;
    }

    private void siftDown(int at, PacketBuf f, long d, long o, long s) {
        int i = at;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(due[right], order[right], due[child], order[child])) {
                child = right;
            }
            if (!before(due[child], order[child], d, o)) {
                break;
            }
            set(i, frames[child], due[child], order[child], stamps[child]);
            i = child;
        }
        set(i, f, d, o, s);
    }

    /**
     * Releases every held frame the filter selects and keeps the others in order. Runs in time linear in the
     * size; meant for rare events (a cut wire), not the per-frame path.
     *
     * @return how many frames were released
     */
    public int discardIf(EntryFilter filter) {
        int kept = 0;
        int dropped = 0;
        for (int i = 0; i < size; i++) {
            if (filter.discard(frames[i], due[i], stamps[i])) {
                frames[i].release();
                dropped++;
            } else {
                set(kept++, frames[i], due[i], order[i], stamps[i]);
            }
        }
        for (int i = kept; i < size; i++) {
            frames[i] = null;
        }
        size = kept;
        for (int i = (size >>> 1) - 1; i >= 0; i--) {
            siftDown(i, frames[i], due[i], order[i], stamps[i]);
        }
        return dropped;
    }

    /**
     * Releases every held frame.
     *
     * @return how many frames were released
     */
    public int releaseAll() {
        int n = size;
        for (int i = 0; i < n; i++) {
            frames[i].release();
            frames[i] = null;
        }
        size = 0;
        return n;
    }

    private void set(int i, PacketBuf f, long d, long o, long s) {
        frames[i] = f;
        due[i] = d;
        order[i] = o;
        stamps[i] = s;
    }

    /** Due-time order, ties broken by insertion order. */
    private static boolean before(long d1, long o1, long d2, long o2) {
        return d1 < d2 || (d1 == d2 && o1 < o2);
    }
}
