package org.jwsk.net.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.ManualClock;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.NetConfig;
import org.jwsk.net.NetStack;

/**
 * A simulated network in one thread: stacks joined by virtual wires, all driven on one {@link ManualClock} that jumps
 * from deadline to deadline, so minutes of protocol time pass in milliseconds and every run with the same seed is
 * the same run.
 *
 * <p>Close it at the end of a test: it closes every stack (returning their buffers) and wire.
 */
public final class SimNet implements AutoCloseable {

    private final ManualClock clock = new ManualClock();
    private final SplittableRandom random;
    private final List<NetStack> stacks = new ArrayList<>();
    private final List<VirtualWire> wires = new ArrayList<>();

    /** A network whose every random choice derives from {@code seed}. */
    public SimNet(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The shared clock. */
    public ManualClock clock() {
        return clock;
    }

    /** The current time on the shared clock. */
    public long now() {
        return clock.nanoTime();
    }

    /** A new stack with default settings and a small buffer pool. */
    public NetStack stack() {
        return stack(NetConfig.defaults().withPool(BufPoolConfig.small("sim", 8)));
    }

    /** A new stack with these settings. */
    public NetStack stack(NetConfig config) {
        NetStack s = NetStack.create(config, random.split());
        stacks.add(s);
        return s;
    }

    /** A new virtual wire. */
    public VirtualWire wire(WireConfig config) {
        VirtualWire w = VirtualWire.create(config, random.split());
        wires.add(w);
        return w;
    }

    /**
     * Runs every stack until nothing is due before {@code now + span}, jumping the clock from deadline to deadline,
     * and leaves the clock at {@code now + span}.
     */
    public void run(Duration span) {
        long end = clock.nanoTime() + span.toNanos();
        for (int rounds = 0; ; rounds++) {
            if (rounds > 10_000_000) {
                throw new IllegalStateException("the network never settles: a loop without progress?");
            }
            long now = clock.nanoTime();
            long next = Deadlines.NONE;
            for (NetStack s : stacks) {
                next = Deadlines.earliest(next, s.poll(now));
            }
            // A stack polled early in the round may have been sent frames by one polled later: ask again.
            for (NetStack s : stacks) {
                next = Deadlines.earliest(next, s.nextDeadline());
            }
            if (next - now <= 0) {
                continue; // more work at this instant
            }
            if (next == Deadlines.NONE || next - end > 0) {
                clock.advanceTo(end);
                return;
            }
            clock.advanceTo(next);
        }
    }

    /** Runs for one second of virtual time: long enough for any exchange without timeouts on an ideal wire. */
    public void settle() {
        run(Duration.ofSeconds(1));
    }

    @Override
    public void close() {
        for (NetStack s : stacks) {
            s.close();
        }
        for (VirtualWire w : wires) {
            w.close();
        }
    }
}
