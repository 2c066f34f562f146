package org.jwsk.link.tap;

import org.jwsk.link.internal.Syscalls;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterGroup;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.LinkCounter;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.Medium;
import org.jwsk.wire.addr.MacAddress;

/**
 * A link driver over a Linux TAP device (Ethernet frames) or TUN device (IP packets), through {@code
 * java.lang.foreign} only: {@code /dev/net/tun} opened non-blocking, one {@code read(2)} per received frame
 * straight into a pooled {@link PacketBuf}, one {@code write(2)} per sent frame straight from one. No heap copy,
 * no protocol logic.
 *
 * <p><b>Opening.</b> {@link #open(TapConfig, BufPool)} creates the device in the calling thread's network
 * namespace; to create it directly inside another namespace, open it through {@link NetNs#call(String,
 * NetNs.Task)}. The descriptor works from any thread afterwards. A new device is not persistent: it disappears
 * when the driver closes.
 *
 * <p><b>Driving.</b> As the {@link LinkDriver} contract says: the owner calls {@link #start}, then {@link #poll}
 * whenever {@link #readableFd()} is readable (or {@link #awaitReadable(Duration)} returns true), and {@link
 * #send} at will. Reads return {@code EAGAIN} when the device's queue is empty; that simply ends a poll. When the
 * pool has no buffer, a frame is read into a scratch area and counted as {@link LinkCounter#IN_DISCARDS}, so the
 * device never stays readable forever. A frame longer than {@link LinkCaps#maxFrameLength()} (possible only if
 * someone raised the interface MTU behind the driver's back) counts as {@link LinkCounter#IN_ERRORS}: each read
 * offers one byte more than the largest legal frame, since the kernel silently truncates a frame to the space
 * offered and returns only what it copied.
 *
 * <p><b>Threads.</b> {@link #open} may run on any thread (the namespace is that thread's). Everything else
 * follows {@link LinkDriver}: the owner thread polls, sends, stops and closes; {@link #caps()}, {@link
 * #name()}, {@link #deviceMac()} and {@link #counters()} may be read from any thread.
 */
public final class TapDriver implements LinkDriver {

    /** struct pollfd: int fd, short events, short revents. */
    private static final long POLLFD_EVENTS = 4;
    private static final long POLLFD_REVENTS = 6;

    private enum State { NEW, STARTED, STOPPED, CLOSED }

    private final String name;
    private final LinkCaps caps;
    private final MacAddress deviceMac;
    private final BufPool pool;
    private final Syscalls sys;
    private final int fd;
    private final int maxFrame;
    /**
     * Bytes offered to each read: one more than the largest legal frame, because a TAP read returns at most what
     * it was offered (the kernel truncates silently), so only a read that fills the extra byte reveals an
     * oversize frame.
     */
    private final int readLength;
    private final CounterSet<LinkCounter> counters;
    private final MemorySegment pollFd;
    private final Arena arena;
    private MemorySegment scratch;
    private LinkReceiver receiver;
    private PacketBuf spare;
    private State state = State.NEW;

    private TapDriver(TapSetup.Device device, LinkCaps caps, BufPool pool, Syscalls sys, Arena arena) {
        this.name = device.name();
        this.caps = caps;
        this.deviceMac = device.mac();
        this.pool = pool;
        this.sys = sys;
        this.fd = device.fd();
        this.maxFrame = caps.maxFrameLength();
        this.readLength = maxFrame + 1;
        this.counters = CounterSet.of("link." + name, LinkCounter.class);
        this.arena = arena;
        this.pollFd = arena.allocate(8, 4);
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(JAVA_SHORT, POLLFD_EVENTS, Syscalls.POLLIN);
    }

    /**
     * Creates (or, with {@link TapConfig#exclusive()} false, attaches to) a TAP or TUN device in the calling
     * thread's network namespace, configures it and returns a driver over it, not yet started.
     *
     * @param config what to open
     * @param pool   where received frames' buffers come from; its buffers must hold {@link
     *               LinkCaps#maxFrameLength()} + 1 bytes after the pool's headroom
     * @throws TapException             if the kernel refuses (not root, no {@code /dev/net/tun}, name taken, ...),
     *                                  with a message that says what to do
     * @throws IllegalArgumentException if the pool's buffers are too small for the device's MTU
     */
    public static TapDriver open(TapConfig config, BufPool pool) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(pool, "pool");
        Arena arena = Arena.ofAuto();
        Syscalls sys = new Syscalls(arena);
        TapSetup.Device device = TapSetup.open(config, sys);
        // No offloads (no IFF_VNET_HDR): the kernel checksums what it sends and verifies what it receives.
        LinkCaps caps = new LinkCaps(config.medium(), device.mtu(), 0, false, false);
        if (pool.config().maxLength() <= caps.maxFrameLength()) {
            sys.close(device.fd());
            throw new IllegalArgumentException("pool " + pool.config().name() + " holds frames of at most "
                    + pool.config().maxLength() + " bytes, but '" + device.name() + "' (MTU " + device.mtu()
                    + ") needs " + (caps.maxFrameLength() + 1));
        }
        return new TapDriver(device, caps, pool, sys, arena);
    }

    /** The interface name as the kernel has it (the one it chose, if the configuration left it empty). */
    @Override
    public String name() {
        return name;
    }

    @Override
    public LinkCaps caps() {
        return caps;
    }

    /**
     * The MAC address of the kernel's side of a TAP interface (the source of frames the kernel sends into the
     * device), or empty for TUN.
     */
    public Optional<MacAddress> deviceMac() {
        return Optional.ofNullable(deviceMac);
    }

    /**
     * Starts delivering to {@code receiver}. {@code wakeup} is never run: arrivals are announced by {@link
     * #readableFd()}, which a waiting owner watches.
     *
     * @throws IllegalStateException if already started, stopped or closed
     */
    @Override
    public void start(LinkReceiver receiver, Runnable wakeup) {
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(wakeup, "wakeup");
        if (state != State.NEW) {
            throw new IllegalStateException("TAP driver " + name + " cannot start: it is " + state);
        }
        this.receiver = receiver;
        state = State.STARTED;
    }

    /**
     * Reads up to {@code budget} frames from the device, each into a new pooled buffer, and hands each to the
     * receiver, which takes ownership. Stops early when the device's queue is empty ({@code EAGAIN}). Reads into a
     * scratch area (counted as discards) when the pool is exhausted; these count against the budget.
     *
     * @return frames delivered
     * @throws IllegalStateException if the driver was never started or is closed
     */
    @Override
    public int poll(long now, int budget) {
        if (state != State.STARTED) {
            if (state == State.STOPPED) {
                return 0;
            }
            throw new IllegalStateException("TAP driver " + name + " polled while " + state);
        }
        int delivered = 0;
        for (int attempts = 0; attempts < budget; attempts++) {
            PacketBuf buf = spare != null ? spare : pool.tryAllocate(readLength);
            spare = null;
            if (buf == null) {
                if (!discardOne()) {
                    break;
                }
                continue;
            }
            long n = sys.read(fd, buf.segment(), buf.offset(), readLength);
            if (n < 0) {
                spare = buf; // kept for the next read: the common EAGAIN ends a poll without touching the pool
                countReadFailure(sys.errno());
                break;
            }
            if (n == 0 || n > maxFrame) {
                spare = buf;
                counters.increment(LinkCounter.IN_ERRORS); // empty, or oversize (truncated to what was offered)
                continue;
            }
            buf.setLength((int) n);
            counters.increment(LinkCounter.IN_FRAMES);
            counters.add(LinkCounter.IN_OCTETS, n);
            delivered++;
            receiver.onFrame(buf, now);
        }
        return delivered;
    }

    /** Counts a failed read; EAGAIN (queue empty) and EINTR are not failures. */
    private void countReadFailure(int errno) {
        if (errno != Syscalls.EAGAIN && errno != Syscalls.EINTR) {
            counters.increment(LinkCounter.IN_ERRORS);
        }
    }

    /** Reads one frame into scratch memory and drops it; returns whether there was one. */
    private boolean discardOne() {
        if (scratch == null) {
            scratch = arena.allocate(readLength, 64);
        }
        long n = sys.read(fd, scratch, 0, readLength);
        if (n < 0) {
            countReadFailure(sys.errno());
            return false;
        }
        counters.increment(LinkCounter.IN_DISCARDS);
        return true;
    }

    @Override
    public long nextDeadline() {
        return Deadlines.NONE;
    }

    /** The device's descriptor, readable when a frame is queued; empty once closed. */
    @Override
    public OptionalInt readableFd() {
        return state == State.CLOSED ? OptionalInt.empty() : OptionalInt.of(fd);
    }

    /**
     * Waits on the owner thread, through {@code poll(2)}, until the device has a frame to read or {@code timeout}
     * passes. For simple runners, benchmarks and tests; an event loop watching several sources polls {@link
     * #readableFd()} itself.
     *
     * @return whether the device is readable (or reports an error that the next {@link #poll} will count); false
     *         on time-out or if a signal interrupted the wait
     */
    public boolean awaitReadable(Duration timeout) {
        if (state == State.CLOSED) {
            throw new IllegalStateException("TAP driver " + name + " is closed");
        }
        long millis = Math.max(0, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        pollFd.set(JAVA_SHORT, POLLFD_REVENTS, (short) 0);
        return sys.poll(pollFd, 1, (int) millis) > 0;
    }

    /**
     * Writes each frame to the device with one {@code write(2)}, which either takes the whole frame or fails.
     * <b>Takes ownership</b> of every frame and releases each one before returning. A frame the device refuses
     * for want of queue space or because the interface is down ({@code EAGAIN}, {@code ENOBUFS}, {@code EIO})
     * counts as {@link LinkCounter#OUT_DISCARDS}; a frame that is empty or longer than {@link
     * LinkCaps#maxFrameLength()}, or that the kernel rejects otherwise, as {@link LinkCounter#OUT_ERRORS}. After
     * {@link #stop()} every frame is discarded.
     *
     * @return frames the kernel accepted
     */
    @Override
    public int send(PacketBuf[] frames, int count, long now) {
        Objects.checkFromIndexSize(0, count, frames.length);
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            PacketBuf frame = frames[i];
            try {
                if (writeOne(frame)) {
                    accepted++;
                }
            } finally {
                frame.release();
            }
        }
        return accepted;
    }

    /** Writes one frame, then releases it: see {@link #send(PacketBuf[], int, long)}. Takes ownership. */
    @Override
    public boolean send(PacketBuf frame, long now) {
        try {
            return writeOne(frame);
        } finally {
            frame.release();
        }
    }

    private boolean writeOne(PacketBuf frame) {
        if (state == State.STOPPED || state == State.CLOSED) {
            counters.increment(LinkCounter.OUT_DISCARDS);
            return false;
        }
        int len = frame.length();
        if (len == 0 || len > maxFrame) {
            counters.increment(LinkCounter.OUT_ERRORS);
            return false;
        }
        long n = sys.write(fd, frame.segment(), frame.offset(), len);
        if (n == len) {
            counters.increment(LinkCounter.OUT_FRAMES);
            counters.add(LinkCounter.OUT_OCTETS, len);
            return true;
        }
        int errno = n < 0 ? sys.errno() : 0;
        boolean congested = errno == Syscalls.EAGAIN || errno == Syscalls.ENOBUFS || errno == Syscalls.EIO;
        counters.increment(congested ? LinkCounter.OUT_DISCARDS : LinkCounter.OUT_ERRORS);
        return false;
    }

    @Override
    public CounterGroup counters() {
        return counters;
    }

    /** Stops reading and sending; the buffer kept for the next read goes back to the pool. Idempotent. */
    @Override
    public void stop() {
        if (state == State.NEW || state == State.STARTED) {
            state = State.STOPPED;
        }
        if (spare != null) {
            PacketBuf b = spare;
            spare = null;
            b.release();
        }
    }

    /**
     * Stops, then closes the descriptor: a non-persistent device disappears from its namespace before this
     * returns. Idempotent.
     */
    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        stop();
        state = State.CLOSED;
        sys.close(fd); // close(2) releases the descriptor even when it reports EINTR or EIO
    }

    @Override
    public String toString() {
        return "TapDriver[" + name + ", " + (caps.medium() == Medium.ETHERNET ? "tap" : "tun") + ", mtu "
                + caps.mtu() + ", " + state + "]";
    }
}
