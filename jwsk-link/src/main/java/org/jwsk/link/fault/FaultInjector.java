package org.jwsk.link.fault;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.link.internal.Frames;

/**
 * The impairment model of one direction of a link ({@link FaultConfig} describes it): decides for each frame
 * whether it is dropped, copied or corrupted and when it arrives. It holds no frames itself; survivors go to a
 * {@link FrameSink} with their arrival time, and the owner (a virtual wire, a decorator) keeps them until then.
 *
 * <p><b>Determinism.</b> Every random choice comes from the injected {@link RandomGenerator}, drawn in a fixed
 * order per frame and only for the impairments that are switched on, so the same seed, configuration and
 * traffic give the same outcome on every run. Tests pass a seeded generator; production code passes a secure or
 * seeded one explicitly.
 *
 * <p><b>Bottleneck.</b> Frames leave a rate-limited link one after another: a frame starts serialising when the
 * link is free and takes {@code ceil(length * 8 * 10^9 / rate)} nanoseconds. The queue holds the frames that have
 * not finished leaving at {@code now}; when it holds {@code queueLimit} of them the new frame is tail-dropped.
 * Unlike netem, which drops before queueing, a lost frame has still used the bottleneck: it is lost on the wire,
 * after serialisation.
 *
 * <p><b>Buffers.</b> Corruption never writes to a buffer someone else still holds ({@link PacketBuf#isShared()}):
 * it copies first. A duplicate is a private copy, so the two receivers may each write their own.
 *
 * <p><b>Threads.</b> {@link #apply} runs on one thread, the one that owns the link direction; {@link
 * #setConfig} may be called from any thread and takes effect from the next frame. Counters are written by the
 * applying thread and readable from any.
 */
public final class FaultInjector {

    private static final int INITIAL_QUEUE_SLOTS = 16;

    private final RandomGenerator random;
    private final CounterSet<FaultCounter> counters;
    private volatile FaultConfig config;

    /** When the bottleneck finishes the last frame queued so far. */
    private long busyUntil = Long.MIN_VALUE;
    /** Departure times of the frames in the bottleneck queue, oldest first, as a growable ring. */
    private long[] departures = new long[INITIAL_QUEUE_SLOTS];
    private int departuresHead;
    private int departuresSize;

    /**
     * An injector.
     *
     * @param config   the initial impairments
     * @param random   the source of every random choice; used only on the applying thread
     * @param counters where the injector counts what it does
     */
    public FaultInjector(FaultConfig config, RandomGenerator random, CounterSet<FaultCounter> counters) {
        this.config = Objects.requireNonNull(config, "config");
        this.random = Objects.requireNonNull(random, "random");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** The impairments now in force; any thread. */
    public FaultConfig config() {
        return config;
    }

    /** Replaces the impairments from the next frame on; any thread. Frames already decided keep their times. */
    public void setConfig(FaultConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The counters this injector writes. */
    public CounterSet<FaultCounter> counters() {
        return counters;
    }

    /**
     * Runs one frame through the model: zero, one or two frames reach {@code out}, each with its arrival time.
     *
     * @param frame the frame; the injector <b>takes ownership</b> (passing it on, or releasing and counting it)
     * @param now   the monotonic time the frame is sent
     * @param out   where surviving frames go
     * @return {@code false} if the frame was tail-dropped at a full bottleneck queue (it never left, and the
     *         caller counts it as a discard); {@code true} if it left, even if it was then lost on the wire
     */
    public boolean apply(PacketBuf frame, long now, FrameSink out) {
        FaultConfig c = config;
        counters.increment(FaultCounter.FRAMES);
        if (c.isNone() && busyUntil <= now) {
            out.accept(frame, now);
            return true;
        }
        long departure = leaveBottleneck(frame.length(), now, c);
        if (departure == Deadlines.NONE) {
            frame.release();
            return false;
        }
        if (c.lossRate() > 0 && random.nextDouble() < c.lossRate()) {
            counters.increment(FaultCounter.DROPPED);
            frame.release();
            return true;
        }
        PacketBuf duplicate = null;
        if (c.duplicateRate() > 0 && random.nextDouble() < c.duplicateRate()) {
            duplicate = Frames.copy(frame);
            counters.increment(duplicate == null ? FaultCounter.NO_BUFFERS : FaultCounter.DUPLICATED);
        }
        PacketBuf sent = frame;
        if (c.corruptRate() > 0 && random.nextDouble() < c.corruptRate()) {
            sent = corrupt(frame, c.corruptBits());
        }
        if (sent != null) {
            out.accept(sent, arrival(departure, c));
        }
        if (duplicate != null) {
            out.accept(duplicate, arrival(departure, c));
        }
        return true;
    }

    /**
     * Queues the frame at the bottleneck and returns when it has left, or {@link Deadlines#NONE} if the queue is
     * full (counted).
     */
    private long leaveBottleneck(int length, long now, FaultConfig c) {
        while (departuresSize > 0 && departures[departuresHead] <= now) {
            departuresHead = (departuresHead + 1) % departures.length;
            departuresSize--;
        }
        if (c.bitsPerSecond() > 0 && departuresSize >= c.queueLimit()) {
            counters.increment(FaultCounter.QUEUE_DROPS);
            return Deadlines.NONE;
        }
        long start = Math.max(now, busyUntil);
        if (start > now) {
            counters.increment(FaultCounter.QUEUED);
        }
        long departure = c.bitsPerSecond() == 0 ? start
                : Deadlines.after(start, Math.ceilDiv(length * 8L * 1_000_000_000L, c.bitsPerSecond()));
        busyUntil = departure;
        if (departure > now) {
            pushDeparture(departure);
        }
        return departure;
    }

    private void pushDeparture(long departure) {
        if (departuresSize == departures.length) {
            long[] grown = new long[departures.length * 2];
            for (int i = 0; i < departuresSize; i++) {
                grown[i] = departures[(departuresHead + i) % departures.length];
            }
            departures = grown;
            departuresHead = 0;
        }
        departures[(departuresHead + departuresSize) % departures.length] = departure;
        departuresSize++;
    }

    /** The arrival time of a frame that left the bottleneck at {@code departure}. */
    private long arrival(long departure, FaultConfig c) {
        if (c.delayNanos() == 0 && c.jitterNanos() == 0) {
            return departure;
        }
        if (c.reorderRate() > 0 && random.nextDouble() < c.reorderRate()) {
            counters.increment(FaultCounter.REORDERED);
            return departure;
        }
        long delay = c.delayNanos();
        if (c.jitterNanos() > 0) {
            delay += random.nextLong(-c.jitterNanos(), c.jitterNanos() + 1);
        }
        if (delay <= 0) {
            return departure;
        }
        counters.increment(FaultCounter.DELAYED);
        return Deadlines.after(departure, delay);
    }

    /**
     * Flips {@code bits} random bits of the frame's data (the same bit may be picked twice) and returns the frame
     * to send: the frame itself, or a private copy if it was shared, or {@code null} if a copy was needed and the
     * pool had none (the frame is then released and counted). Takes ownership of {@code frame}.
     */
    private PacketBuf corrupt(PacketBuf frame, int bits) {
        PacketBuf target = frame;
        if (frame.isShared()) {
            target = Frames.copy(frame);
            frame.release();
            if (target == null) {
                counters.increment(FaultCounter.NO_BUFFERS);
                return null;
            }
        }
        long totalBits = target.length() * 8L;
        if (totalBits == 0) {
            return target;
        }
        MemorySegment seg = target.segment();
        for (int i = 0; i < bits; i++) {
            long bit = random.nextLong(totalBits);
            long at = target.offset() + (bit >>> 3);
            byte b = seg.get(ValueLayout.JAVA_BYTE, at);
            seg.set(ValueLayout.JAVA_BYTE, at, (byte) (b ^ (1 << (bit & 7))));
        }
        counters.increment(FaultCounter.CORRUPTED);
        return target;
    }
}
