package org.jwsk.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.ManualClock;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.fault.FaultInjectingLink;
import org.jwsk.link.testing.RecordingReceiver;
import org.jwsk.link.testing.TestFrames;
import org.jwsk.link.trace.TraceDirection;
import org.jwsk.link.trace.TraceRecord;
import org.jwsk.link.trace.TracingLink;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Decorators stacked as a simulation would: at end A, tracing over fault injection over a virtual wire; at end B,
 * an echo. Every frame is accounted for at every layer, and nothing leaks.
 */
class LinkStackingTest {

    private static final long MS = 1_000_000;
    private static final int FRAMES = 200;

    private final BufPool pool = TestFrames.pool();

    @AfterEach
    void closePool() {
        pool.close();
    }

    private record Outcome(List<String> trace, List<Integer> echoed, long lost) {
    }

    private Outcome run(long seed) {
        ManualClock clock = new ManualClock();
        VirtualWire wire = VirtualWire.create(WireConfig.ethernet("wire0"), new SplittableRandom(seed));
        FaultInjectingLink faults = new FaultInjectingLink(wire.endA(),
                FaultConfig.NONE.withDelay(Duration.ofMillis(5)).withLoss(0.3), FaultConfig.NONE,
                new SplittableRandom(seed));
        List<TraceRecord> trace = new ArrayList<>();
        RecordingReceiver stackA = new RecordingReceiver();
        LinkDriver b = wire.endB();
        try (TracingLink a = new TracingLink(faults, trace::add)) {
            a.start(stackA, () -> { });
            b.start((frame, now) -> b.send(frame, now), () -> { }); // echo
            for (int i = 0; i < FRAMES; i++) {
                assertTrue(a.send(TestFrames.ethernet(pool, i, 64), clock.nanoTime()));
                clock.advanceNanos(100_000);
                pollBoth(a, b, clock.nanoTime());
            }
            for (long next; (next = Math.min(a.nextDeadline(), b.nextDeadline())) != Deadlines.NONE; ) {
                clock.advanceTo(Math.max(next, clock.nanoTime()));
                pollBoth(a, b, clock.nanoTime());
            }
            long lost = faults.txFaultCounters().get(org.jwsk.link.fault.FaultCounter.DROPPED);
            long echoed = stackA.arrivals().size();
            assertEquals(FRAMES - lost, echoed);
            assertEquals(FRAMES, a.counters().snapshot().get("ifHCOutFrames"), "the tracer saw every send");
            assertEquals(echoed, a.counters().snapshot().get("ifHCInFrames"));
            assertEquals(FRAMES, faults.counters().snapshot().get("txFaultFrames"));
            assertEquals(FRAMES - lost, wire.endA().counters().snapshot().get("ifHCOutFrames"));
            assertEquals(FRAMES - lost, b.counters().snapshot().get("ifHCInFrames"));
            assertEquals(FRAMES, trace.stream().filter(r -> r.direction() == TraceDirection.TX).count());
            assertEquals(echoed, trace.stream().filter(r -> r.direction() == TraceDirection.RX).count());
            for (RecordingReceiver.Arrival arrival : stackA.arrivals()) {
                // 5 ms delay, echoed at once, polled every 0.1 ms: back no later than 5.1 ms after sending.
                long sentAt = ManualClock.START_NANOS + arrival.seq() * 100_000L;
                assertTrue(arrival.now() - sentAt >= 5 * MS && arrival.now() - sentAt <= 5 * MS + 100_000);
            }
            return new Outcome(trace.stream().map(TraceRecord::line).toList(), stackA.seqs(), lost);
        } finally {
            b.close();
        }
    }

    private static void pollBoth(LinkDriver a, LinkDriver b, long now) {
        b.poll(now, 64);
        a.poll(now, 64);
    }

    @Test
    void tracingOverFaultsOverAWire_accountsForEveryFrame_andIsReproducible() {
        Outcome first = run(2024);
        assertTrue(first.lost > 30 && first.lost < 90, "30% of 200 lost: " + first.lost);
        assertEquals(first, run(2024));
        assertEquals(0, pool.outstanding());
    }
}
