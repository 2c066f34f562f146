package org.jwsk.link.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import org.jwsk.common.buf.PacketBuf;

/**
 * A bounded single-producer, single-consumer ring of frames, each with a due time and a stamp: the queue between
 * two threads that drive the two ends of a virtual wire. Slots are preallocated, so passing a frame allocates
 * nothing.
 *
 * <p><b>Admission counts frames in flight, not slots.</b> The consumer may hold frames it has taken out of the
 * ring (to sort them by due time) before it delivers them; it reports each frame it is done with through {@link
 * #release(int)}. The producer admits a frame only while fewer than {@link #capacity()} frames are between {@link
 * #offer} and {@code release}, so the consumer never holds more than {@code capacity} frames either, and a
 * consumer-side buffer of that size never overflows.
 *
 * <p><b>Memory ordering.</b> The producer writes a slot with plain stores and publishes it with a release store of
 * its tail; the consumer reads the tail with an acquire load before reading the slot. The consumer clears a slot
 * before it counts the frame released (release store), and the producer reads that count (acquire load) before it
 * writes the slot again. The two published counters sit 128 bytes apart so the threads do not share a cache line.
 *
 * <p><b>Threads.</b> {@link #hasRoom} and {@link #offer} belong to one producer thread; {@link #poll} and {@link
 * #release} to one consumer thread. {@link #releaseAll} may run only when neither is active.
 *
 * <p><b>Ownership.</b> {@link #offer} takes ownership of the frame when it returns {@code true}; {@link #poll}
 * hands it to the consumer.
 */
public final class FrameRing {

    /** The consumer's view of one taken entry; reused, so reading allocates nothing. */
    public static final class Entry {
        /** The frame, now owned by the consumer. */
        public PacketBuf frame;
        /** Its due time. */
        public long due;
        /** The producer's stamp. */
        public long stamp;
    }

    private static final VarHandle INDEX = MethodHandles.arrayElementVarHandle(long[].class);
    // Producer line: the published tail and the producer's cached copy of the released count.
    private static final int TAIL = 16;
    private static final int RELEASED_CACHE = 17;
    // Consumer line, 128 bytes further: the published released count and the consumer's head.
    private static final int RELEASED = 32;
    private static final int HEAD = 33;
    private static final int INDEX_SLOTS = 48;

    private final long[] indexes = new long[INDEX_SLOTS];
    private final int capacity;
    private final int mask;
    private final PacketBuf[] frames;
    private final long[] due;
    private final long[] stamps;

    /**
     * An empty ring.
     *
     * @param capacity the most frames in flight, a power of two
     */
    public FrameRing(int capacity) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two, not " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.frames = new PacketBuf[capacity];
        this.due = new long[capacity];
        this.stamps = new long[capacity];
    }

    /** The most frames in flight between {@link #offer} and {@link #release}. */
    public int capacity() {
        return capacity;
    }

    // ------------------------------------------------------------------------------------------------ producer

    /** Whether {@link #offer} would accept a frame now; producer thread only. */
    public boolean hasRoom() {
        long tail = indexes[TAIL];
        if (tail - indexes[RELEASED_CACHE] < capacity) {
            return true;
        }
        long released = (long) INDEX.getAcquire(indexes, RELEASED);
        indexes[RELEASED_CACHE] = released;
        return tail - released < capacity;
    }

    /**
     * Publishes a frame to the consumer; producer thread only.
     *
     * @return {@code true} if the ring took ownership; {@code false} if it is full, and the caller keeps the frame
     */
    public boolean offer(PacketBuf frame, long dueAt, long stamp) {
        Objects.requireNonNull(frame, "frame");
        if (!hasRoom()) {
            return false;
        }
        long tail = indexes[TAIL];
        int i = (int) tail & mask;
        frames[i] = frame;
        due[i] = dueAt;
        stamps[i] = stamp;
        INDEX.setRelease(indexes, TAIL, tail + 1);
        return true;
    }

    // ------------------------------------------------------------------------------------------------ consumer

    /**
     * Takes the oldest published frame; consumer thread only. The consumer owns the frame and must report it
     * through {@link #release(int)} once it has delivered or dropped it.
     *
     * @return {@code false} if nothing was published
     */
    public boolean poll(Entry into) {
        long head = indexes[HEAD];
        if (head == (long) INDEX.getAcquire(indexes, TAIL)) {
            return false;
        }
        int i = (int) head & mask;
        into.frame = frames[i];
        into.due = due[i];
        into.stamp = stamps[i];
        frames[i] = null;
        indexes[HEAD] = head + 1;
        return true;
    }

    /** Reports {@code n} taken frames as gone from the consumer, making room for the producer; consumer only. */
    public void release(int n) {
        if (n > 0) {
            INDEX.setRelease(indexes, RELEASED, indexes[RELEASED] + n);
        }
    }

    /**
     * Releases every frame still in the ring. Only when no producer or consumer is active (both ends closed).
     *
     * @return how many frames were released
     */
    public int releaseAll() {
        Entry e = new Entry();
        int n = 0;
        while (poll(e)) {
            e.frame.release();
            e.frame = null;
            n++;
        }
        release(n);
        return n;
    }
}
