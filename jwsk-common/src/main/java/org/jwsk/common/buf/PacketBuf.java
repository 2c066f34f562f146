package org.jwsk.common.buf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A packet buffer: a window of data inside a pooled, off-heap {@link MemorySegment}, with headroom in front
 * for headers prepended on the way down the stack and tailroom behind.
 *
 * <pre>
 *   0            offset()              offset()+length()          capacity()
 *   |-- headroom --|======== data ========|-------- tailroom --------|
 *                  ^ prepend(n) grows the data to the left; append(n) to the right
 * </pre>
 *
 * <p><b>Ownership.</b> A buffer is reference counted. {@link BufPool#tryAllocate(int)} returns it with a count
 * of one, owned by the caller. {@link #retain()} adds an owner, {@link #release()} removes one, and the last
 * release returns the memory to its pool. Every API in jwsk that takes a {@code PacketBuf} says whether it
 * <em>borrows</em> it (the caller keeps ownership and may not release it during the call) or <em>takes
 * ownership</em> (the callee releases it, on every path). Tests fail on any buffer left unreleased ({@link
 * LeakTracker}).
 *
 * <p><b>Slices.</b> {@link #retainedSlice(int, int)} shares the same memory without copying: a slice is a handle
 * of its own, owned and released separately, and keeps the whole buffer alive until it is released. A slice has
 * no headroom and no tailroom, and its {@link #segment()} covers only its own bytes.
 *
 * <p><b>Threads.</b> The reference count is atomic, so owners on different threads may retain and release
 * concurrently. The window ({@code offset}, {@code length}) and the bytes are not synchronised: one owner at a
 * time changes them, and a buffer with several owners ({@link #isShared()}) must be treated as read-only.
 *
 * <p><b>Access.</b> Wire views read and write through {@code (segment(), offset(), length())}, which allocates
 * nothing; {@link #data()} gives a bounded slice of the data for code that prefers one.
 */
public final class PacketBuf {

    private static final VarHandle REF_CNT;
    private static final byte POISON = (byte) 0xA5;

    static {
        try {
            REF_CNT = MethodHandles.lookup().findVarHandle(PacketBuf.class, "refCnt", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SizeClassPool home;
    private final int slot;
    private final MemorySegment memory;
    private final PacketBuf root;
    private int start;
    private int end;
    @SuppressWarnings("unused") // accessed through REF_CNT
    private volatile int refCnt;
    LeakTracker.Record leakRecord;

    /** A root buffer: one pooled slot, reused for the pool's lifetime. */
    PacketBuf(SizeClassPool home, int slot, MemorySegment memory) {
        this.home = home;
        this.slot = slot;
        this.memory = memory;
        this.root = this;
    }

    /** A slice over {@code [from, from + length)} of {@code root}'s memory. */
    private PacketBuf(PacketBuf root, long from, int length) {
        this.home = null;
        this.slot = -1;
        this.memory = root.memory.asSlice(from, length);
        this.root = root;
        this.start = 0;
        this.end = length;
        REF_CNT.setRelease(this, 1);
    }

    void onAllocate(int headroom, int length) {
        start = headroom;
        end = headroom + length;
        REF_CNT.setRelease(this, 1);
        if (LeakTracker.isTracking()) {
            memory.fill(POISON);
            LeakTracker.onAllocate(this);
        }
    }

    // ----------------------------------------------------------------------------------------------- window

    /**
     * The memory this handle may touch: the whole slot for a buffer from a pool, only the slice's bytes for a
     * slice. Data lies at {@code [offset(), offset() + length())}.
     *
     * @throws IllegalStateException if the buffer has been released
     */
    public MemorySegment segment() {
        ensureLive();
        return memory;
    }

    /** A slice of {@link #segment()} covering exactly the data. Allocates a small view object. */
    public MemorySegment data() {
        ensureLive();
        return memory.asSlice(start, end - start);
    }

    /** Where the data starts in {@link #segment()}; equal to the headroom. */
    public long offset() {
        return start;
    }

    /** Bytes of data. */
    public int length() {
        return end - start;
    }

    /** Bytes free in front of the data. */
    public int headroom() {
        return start;
    }

    /** Bytes free behind the data. */
    public int tailroom() {
        return (int) memory.byteSize() - end;
    }

    /** Headroom plus data plus tailroom. */
    public int capacity() {
        return (int) memory.byteSize();
    }

    /**
     * Grows the data by {@code n} bytes at the front (for a header) and returns the new {@link #offset()}. The
     * new bytes hold whatever was there before: the caller writes all of them.
     *
     * @throws IndexOutOfBoundsException if the headroom is smaller than {@code n}
     */
    public long prepend(int n) {
        if (n < 0 || n > start) {
            throw new IndexOutOfBoundsException("prepend " + n + " bytes with " + start + " bytes of headroom");
        }
        start -= n;
        return start;
    }

    /**
     * Grows the data by {@code n} bytes at the back and returns the offset of the first new byte. The new bytes
     * hold whatever was there before.
     *
     * @throws IndexOutOfBoundsException if the tailroom is smaller than {@code n}
     */
    public long append(int n) {
        if (n < 0 || n > tailroom()) {
            throw new IndexOutOfBoundsException("append " + n + " bytes with " + tailroom() + " bytes of tailroom");
        }
        int at = end;
        end += n;
        return at;
    }

    /**
     * Drops {@code n} bytes from the front of the data (a header that has been handled); they become headroom.
     *
     * @throws IndexOutOfBoundsException if {@code n} exceeds the length
     */
    public void trimFront(int n) {
        if (n < 0 || n > length()) {
            throw new IndexOutOfBoundsException("trim " + n + " bytes from " + length());
        }
        start += n;
    }

    /**
     * Drops {@code n} bytes from the back of the data (padding, a trailer); they become tailroom.
     *
     * @throws IndexOutOfBoundsException if {@code n} exceeds the length
     */
    public void trimBack(int n) {
        if (n < 0 || n > length()) {
            throw new IndexOutOfBoundsException("trim " + n + " bytes from " + length());
        }
        end -= n;
    }

    /**
     * Sets the data length, keeping the offset.
     *
     * @throws IndexOutOfBoundsException if the data would not fit
     */
    public void setLength(int length) {
        if (length < 0 || length > capacity() - start) {
            throw new IndexOutOfBoundsException("length " + length + " at offset " + start + " in " + capacity());
        }
        end = start + length;
    }

    /**
     * Resets the window to {@code length} bytes after {@code headroom} bytes, as if newly allocated (the bytes
     * are not cleared).
     *
     * @throws IndexOutOfBoundsException if the window does not fit
     */
    public void reset(int headroom, int length) {
        if (headroom < 0 || length < 0 || (long) headroom + length > capacity()) {
            throw new IndexOutOfBoundsException("window " + headroom + "+" + length + " in " + capacity());
        }
        start = headroom;
        end = headroom + length;
    }

    // ------------------------------------------------------------------------------------------------ bytes

    /** Copies {@code len} bytes of {@code src} from {@code srcOff} to the data at {@code index}. */
    public void copyFrom(int index, byte[] src, int srcOff, int len) {
        checkIndex(index, len);
        MemorySegment.copy(src, srcOff, segment(), ValueLayout.JAVA_BYTE, start + index, len);
    }

    /** Copies {@code len} bytes of {@code src} from {@code srcOff} to the data at {@code index}. */
    public void copyFrom(int index, MemorySegment src, long srcOff, int len) {
        checkIndex(index, len);
        MemorySegment.copy(src, srcOff, segment(), start + index, len);
    }

    /** A heap copy of the data. */
    public byte[] toByteArray() {
        return data().toArray(ValueLayout.JAVA_BYTE);
    }

    /** The data byte at {@code index}, unsigned. */
    public int getU8(int index) {
        checkIndex(index, 1);
        return NetOrder.u8(segment(), start + index);
    }

    private void checkIndex(int index, int len) {
        Objects.checkFromIndexSize(index, len, length());
    }

    // ------------------------------------------------------------------------------------------- ownership

    /** The current reference count; zero once released. */
    public int refCnt() {
        return (int) REF_CNT.getVolatile(this);
    }

    /** Whether more than one owner holds these bytes (a retained buffer, a slice, or a buffer with slices). */
    public boolean isShared() {
        return root != this || refCnt() > 1;
    }

    /**
     * Adds an owner.
     *
     * @return this buffer
     * @throws IllegalStateException if the buffer has already been released
     */
    public PacketBuf retain() {
        for (;;) {
            int c = (int) REF_CNT.getVolatile(this);
            if (c <= 0) {
                throw new IllegalStateException("retain of a released buffer: " + this);
            }
            if (REF_CNT.compareAndSet(this, c, c + 1)) {
                return this;
            }
        }
    }

    /**
     * Removes an owner; the last release returns the memory to the pool (or, for a slice, releases its hold on
     * the buffer it came from).
     *
     * @return whether this call freed the buffer
     * @throws IllegalStateException if the buffer was already released by all its owners
     */
    public boolean release() {
        for (;;) {
            int c = (int) REF_CNT.getVolatile(this);
            if (c <= 0) {
                throw new IllegalStateException("buffer released more often than retained: " + this);
            }
            if (REF_CNT.compareAndSet(this, c, c - 1)) {
                if (c == 1) {
                    free();
                    return true;
                }
                return false;
            }
        }
    }

    private void free() {
        LeakTracker.onRelease(this);
        if (root != this) {
            root.release();
            return;
        }
        BufPool pool = home.pool;
        pool.onRelease(); // counted even after the pool closed: another component may release late
        if (pool.isClosed()) {
            return;       // the memory is gone with the pool's arena; nothing to poison or recycle
        }
        if (LeakTracker.isTracking()) {
            memory.fill(POISON); // a reader that kept a stale reference sees garbage, not plausible data
        }
        home.push(slot);
    }

    /**
     * A new handle on {@code length} bytes of the data starting at {@code index}, sharing memory with this
     * buffer. The caller owns the slice and must release it; the slice keeps this buffer's memory alive.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the data
     */
    public PacketBuf retainedSlice(int index, int length) {
        checkIndex(index, length);
        ensureLive();
        root.retain();
        long from = memory.address() - root.memory.address() + start + index;
        PacketBuf slice = new PacketBuf(root, from, length);
        LeakTracker.onAllocate(slice);
        return slice;
    }

    /**
     * Records where this buffer has been, for leak reports; costs nothing unless leak tracking is on.
     *
     * @return this buffer
     */
    public PacketBuf touch(Object hint) {
        LeakTracker.onTouch(this, hint);
        return this;
    }

    /** The pool this buffer belongs to. */
    public BufPool pool() {
        return root.home.pool;
    }

    private void ensureLive() {
        if ((int) REF_CNT.getVolatile(this) <= 0) {
            throw new IllegalStateException("access to a released buffer");
        }
    }

    @Override
    public String toString() {
        return (root == this ? "PacketBuf[" : "PacketBuf.slice[") + root.home.pool.config().name()
                + " offset " + start + " length " + (end - start) + " capacity " + memory.byteSize()
                + " refCnt " + refCnt() + "]";
    }
}
