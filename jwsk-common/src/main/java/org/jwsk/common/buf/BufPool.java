package org.jwsk.common.buf;

import java.lang.foreign.Arena;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool of off-heap packet buffers: the only source of {@link PacketBuf}s.
 *
 * <p>Memory comes from a shared {@link Arena} in slabs, carved into fixed-size buffers per size class
 * ({@link BufPoolConfig}). A buffer released by its last owner returns to its class's lock-free free list, so a
 * steady data path allocates nothing. A pool never allocates beyond its configured maximum: {@link
 * #tryAllocate(int)} then returns {@code null}, which the data path counts as a drop.
 *
 * <p><b>Threads.</b> Allocation and release are safe from any thread. {@link #close()} frees all memory at once;
 * buffers still held afterwards throw {@link IllegalStateException} on access (never a crash), and each one is a
 * leak that {@link LeakTracker} reports.
 */
public final class BufPool implements AutoCloseable {

    private final BufPoolConfig config;
    private final Arena arena = Arena.ofShared();
    private final SizeClassPool[] classes;
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicLong allocationFailures = new AtomicLong();
    private volatile boolean closed;

    private BufPool(BufPoolConfig config) {
        this.config = config;
        this.classes = config.sizeClasses().stream().map(c -> new SizeClassPool(this, c)).toArray(SizeClassPool[]::new);
    }

    /** A new pool; it reserves memory only as buffers are first needed. */
    public static BufPool create(BufPoolConfig config) {
        return new BufPool(Objects.requireNonNull(config, "config"));
    }

    /** This pool's configuration. */
    public BufPoolConfig config() {
        return config;
    }

    /**
     * A buffer with {@code length} bytes of data after the default headroom, or {@code null} when the pool
     * is exhausted or {@code length} exceeds {@link BufPoolConfig#maxLength()}. The data bytes are not cleared:
     * write every byte you mean to send. The caller owns the returned buffer and must release it.
     */
    public PacketBuf tryAllocate(int length) {
        return tryAllocate(config.headroom(), length);
    }

    /**
     * A buffer with {@code length} bytes of data after {@code headroom} bytes of headroom, or {@code null} when
     * the pool is exhausted or no size class is large enough. The caller owns the returned buffer.
     *
     * @throws IllegalArgumentException if {@code headroom} or {@code length} is negative
     * @throws IllegalStateException    if the pool is closed
     */
    public PacketBuf tryAllocate(int headroom, int length) {
        if (headroom < 0 || length < 0) {
            throw new IllegalArgumentException("negative headroom or length: " + headroom + ", " + length);
        }
        if (closed) {
            throw new IllegalStateException("pool " + config.name() + " is closed");
        }
        SizeClassPool c = classFor((long) headroom + length);
        PacketBuf buf = c == null ? null : c.pop(arena);
        if (buf == null) {
            allocationFailures.getAndIncrement();
            return null;
        }
        outstanding.getAndIncrement();
        buf.onAllocate(headroom, length);
        return buf;
    }

    /**
     * The smallest class that fits {@code needed} bytes. An exhausted class does not borrow from a larger one:
     * a flood of small packets must not starve the buffers large frames need.
     */
    private SizeClassPool classFor(long needed) {
        for (SizeClassPool c : classes) {
            if (c.bufferSize >= needed) {
                return c;
            }
        }
        return null;
    }

    /**
     * Like {@link #tryAllocate(int)} but fails loudly: for control-plane code and tests, never for the data path.
     *
     * @throws BufferExhaustedException when no buffer is available
     */
    public PacketBuf allocate(int length) {
        return allocate(config.headroom(), length);
    }

    /**
     * Like {@link #tryAllocate(int, int)} but fails loudly.
     *
     * @throws BufferExhaustedException when no buffer is available
     */
    public PacketBuf allocate(int headroom, int length) {
        PacketBuf buf = tryAllocate(headroom, length);
        if (buf == null) {
            throw new BufferExhaustedException("pool " + config.name() + " cannot supply " + length
                    + " bytes after " + headroom + " bytes of headroom (" + outstanding() + " buffers outstanding)");
        }
        return buf;
    }

    /** A new buffer holding a copy of {@code data}, with the default headroom. */
    public PacketBuf copyOf(byte[] data) {
        PacketBuf buf = allocate(data.length);
        buf.copyFrom(0, data, 0, data.length);
        return buf;
    }

    /** Buffers allocated and not yet released by their last owner. */
    public long outstanding() {
        return outstanding.get();
    }

    /** Allocations that found no buffer. */
    public long allocationFailures() {
        return allocationFailures.get();
    }

    /** Native memory reserved by slabs so far, in bytes. */
    public long reservedBytes() {
        long total = 0;
        for (SizeClassPool c : classes) {
            total += c.reservedBytes();
        }
        return total;
    }

    /** Whether {@link #close()} has run. */
    public boolean isClosed() {
        return closed;
    }

    void onRelease() {
        outstanding.getAndDecrement();
    }

    /**
     * Frees all of this pool's memory. Buffers still outstanding become inaccessible (access throws {@link
     * IllegalStateException}). Must not race with access to this pool's buffers on other threads.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "BufPool[" + config.name() + ", outstanding " + outstanding() + ", reserved " + reservedBytes() + " B]";
    }
}
