package org.jwsk.link.virt;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.fault.FaultCounter;

/**
 * An in-memory cable between two link drivers, end A and end B: what one end sends, the other receives, through
 * a per-direction impairment model ({@link org.jwsk.link.fault.FaultInjector}) driven by the senders' {@code now}.
 * The default driver of jwsk's simulations, like gVisor's channel endpoint pair or a veth pair.
 *
 * <h2>Time</h2>
 * A frame sent at {@code now} gets an arrival time from the fault model (at once on a perfect wire). It becomes
 * deliverable then: the receiving end's {@link LinkDriver#poll} delivers the frames that have arrived, in arrival
 * order (send order among equal times), and {@link LinkDriver#nextDeadline} reports the next arrival. Nothing
 * happens between polls: a wire starts no thread and reads no clock.
 *
 * <h2>Threads</h2>
 * The two ends may be driven by two threads (two stacks on two event loops). Each direction passes frames through
 * a preallocated single-producer single-consumer ring, so a steady flow allocates nothing, and the sending side
 * runs the receiving end's {@code wakeup} after frames went into the ring. {@link #cut}, {@link #restore}, {@link
 * #setFaults} and the counters may be used from any thread.
 *
 * <h2>Link state</h2>
 * {@link #cut} takes the wire down: frames sent while it is down are discarded ({@code ifOutDiscards}), and frames
 * on the wire at the cut (sent before it, due after it) are lost and counted as receive errors at the receiving
 * end ({@code ifInErrors}); frames that arrived by the cut's time are still delivered. Each end is told
 * through {@link org.jwsk.link.LinkReceiver#onLinkState} on its next poll; like Linux's link watch, changes that
 * happen between two polls are coalesced into one notification of the current state.
 *
 * <h2>Buffers</h2>
 * Frames pass from sender to receiver without copying (the fault model copies only to duplicate, or to corrupt a
 * frame that is shared). {@link #close()} (or closing both ends) releases every frame still in flight.
 */
public final class VirtualWire implements AutoCloseable {

    /** How many past cuts the receiving sides remember to decide which frames were on the wire. */
    static final int CUT_HISTORY = 16;

    private final WireConfig config;
    private final WireChannel aToB;
    private final WireChannel bToA;
    private final CounterSet<FaultCounter> aToBFaults;
    private final CounterSet<FaultCounter> bToAFaults;
    private final WireEnd a;
    private final WireEnd b;
    private final AtomicInteger openEnds = new AtomicInteger(2);
    private final Object cutLock = new Object();
    private final long[] cutTimes = new long[CUT_HISTORY];
    private volatile long cutCount;
    private volatile boolean up = true;

    private VirtualWire(WireConfig config, RandomGenerator random) {
        this.config = config;
        String n = config.name();
        this.aToBFaults = CounterSet.of("fault." + n + "." + WireDirection.A_TO_B.label(), FaultCounter.class);
        this.bToAFaults = CounterSet.of("fault." + n + "." + WireDirection.B_TO_A.label(), FaultCounter.class);
        // Each direction runs on its sender's thread, so each gets a generator of its own, seeded from the given one.
        this.aToB = new WireChannel(this, config.aToB(), new SplittableRandom(random.nextLong()), aToBFaults,
                config.ringCapacity());
        this.bToA = new WireChannel(this, config.bToA(), new SplittableRandom(random.nextLong()), bToAFaults,
                config.ringCapacity());
        this.a = new WireEnd(this, n + ".a", config.caps(), aToB, bToA, aToBFaults);
        this.b = new WireEnd(this, n + ".b", config.caps(), bToA, aToB, bToAFaults);
        a.connect(b);
        b.connect(a);
    }

    /**
     * A new wire, up, with the impairments of {@code config}.
     *
     * @param random seeds the fault model of each direction (two values are drawn, A to B first); tests pass a
     *               seeded generator, production code a secure or seeded one
     */
    public static VirtualWire create(WireConfig config, RandomGenerator random) {
        return new VirtualWire(Objects.requireNonNull(config, "config"), Objects.requireNonNull(random, "random"));
    }

    /** The configuration the wire was created with (impairments may have changed since: see {@link #faults}). */
    public WireConfig config() {
        return config;
    }

    /** End A, the sender of {@link WireDirection#A_TO_B}. */
    public LinkDriver endA() {
        return a;
    }

    /** End B, the sender of {@link WireDirection#B_TO_A}. */
    public LinkDriver endB() {
        return b;
    }

    /** The impairments now in force in one direction; any thread. */
    public FaultConfig faults(WireDirection direction) {
        return channel(direction).injector().config();
    }

    /**
     * Changes the impairments of one direction from the next frame sent; frames in flight keep their arrival
     * times. Any thread.
     *
     * @throws IllegalArgumentException if they corrupt frames on a wire that declares checksum offload
     */
    public void setFaults(WireDirection direction, FaultConfig faults) {
        WireConfig.checkFaults(config.checksumOffload(), Objects.requireNonNull(faults, "faults"));
        channel(direction).injector().setConfig(faults);
    }

    /** Changes the impairments of both directions; see {@link #setFaults(WireDirection, FaultConfig)}. */
    public void setFaults(FaultConfig both) {
        setFaults(WireDirection.A_TO_B, both);
        setFaults(WireDirection.B_TO_A, both);
    }

    /** What the fault model of one direction has done; readable from any thread. */
    public CounterSet<FaultCounter> faultCounters(WireDirection direction) {
        return direction == WireDirection.A_TO_B ? aToBFaults : bToAFaults;
    }

    private WireChannel channel(WireDirection direction) {
        return direction == WireDirection.A_TO_B ? aToB : bToA;
    }

    /** Whether the wire is up; any thread. */
    public boolean isUp() {
        return up;
    }

    /**
     * Cuts the wire at {@code now}: see the class description. Both ends are notified on their next poll and
     * woken. Cutting a wire that is down does nothing. Any thread; successive cuts must not go back in time.
     */
    public void cut(long now) {
        synchronized (cutLock) {
            if (!up) {
                return;
            }
            up = false; // before the count: see WireEnd's send
            cutTimes[(int) (cutCount % CUT_HISTORY)] = now;
            cutCount = cutCount + 1;
        }
        a.onLinkStateChange();
        b.onLinkStateChange();
    }

    /** Brings a cut wire back up; both ends are notified on their next poll and woken. Any thread. */
    public void restore() {
        synchronized (cutLock) {
            if (up) {
                return;
            }
            up = true;
        }
        a.onLinkStateChange();
        b.onLinkStateChange();
    }

    /** How many cuts there have been; any thread. */
    long cutCount() {
        return cutCount;
    }

    /**
     * Copies the remembered cut times, oldest first, into {@code into} (of {@link #CUT_HISTORY} slots).
     *
     * @return the cut count the copy reflects
     */
    long copyCuts(long[] into) {
        synchronized (cutLock) {
            long count = cutCount;
            int known = (int) Math.min(count, CUT_HISTORY);
            for (int i = 0; i < known; i++) {
                into[i] = cutTimes[(int) ((count - known + i) % CUT_HISTORY)];
            }
            return count;
        }
    }

    /** Called once by each end as it closes; the last one releases whatever is still in flight. */
    void onEndClosed() {
        if (openEnds.decrementAndGet() == 0) {
            aToB.releaseAll();
            bToA.releaseAll();
        }
    }

    /**
     * Closes both ends and releases every frame in flight. Call it from the thread that owns both ends, or after
     * the owners of the ends have stopped using them; owners on two threads may instead each close their own end.
     */
    @Override
    public void close() {
        a.close();
        b.close();
    }

    @Override
    public String toString() {
        return "VirtualWire[" + config.name() + (up ? ", up" : ", down") + "]";
    }
}
