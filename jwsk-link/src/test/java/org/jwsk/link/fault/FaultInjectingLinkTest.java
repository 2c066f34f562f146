package org.jwsk.link.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.ManualClock;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.loopback.LoopbackDriver;
import org.jwsk.link.testing.RecordingReceiver;
import org.jwsk.link.testing.TestFrames;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectingLinkTest {

    private static final long T0 = ManualClock.START_NANOS;
    private static final long MS = 1_000_000;

    private final BufPool pool = TestFrames.pool();
    private final RecordingReceiver up = new RecordingReceiver(TestFrames::ipSeq);
    private LinkDriver driver;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        pool.close();
    }

    /** A started decorator over a loopback that holds {@code queue} packets. */
    private FaultInjectingLink overLoopback(FaultConfig tx, FaultConfig rx, int queue) {
        FaultInjectingLink link =
                new FaultInjectingLink(new LoopbackDriver("lo", queue), tx, rx, new SplittableRandom(3));
        link.start(up, () -> { });
        driver = link;
        return link;
    }

    private boolean send(LinkDriver link, int seq, long now) {
        return link.send(TestFrames.ipv4(pool, seq, 100), now);
    }

    private static long counter(LinkDriver link, String name) {
        return link.counters().snapshot().get(name);
    }

    @Test
    void noFaults_passesStraightThrough_andTheInnerDriverCountsWhatItRefuses() {
        FaultInjectingLink link = overLoopback(FaultConfig.NONE, FaultConfig.NONE, 2);
        PacketBuf[] frames = {
            TestFrames.ipv4(pool, 0, 100), TestFrames.ipv4(pool, 1, 100), TestFrames.ipv4(pool, 2, 100)};
        assertEquals(3, link.send(frames, 3, T0), "the model accepted all three");
        assertEquals(0, link.txFaultCounters().get(FaultCounter.DELAYED));
        assertEquals(T0, link.nextDeadline());
        assertEquals(2, link.poll(T0, 64));
        assertEquals(List.of(0, 1), up.seqs());
        assertEquals(1, counter(link.inner(), "ifOutDiscards"));
        assertEquals(2, counter(link, "ifHCInFrames"));
        assertEquals(3, counter(link, "txFaultFrames"));
        assertEquals(2, counter(link, "rxFaultFrames"));
        assertEquals("link.lo.fault", link.counters().groupName());
    }

    @Test
    void txDelay_holdsFramesUntilDue_thenPassesThemDown() {
        VirtualWire wire = VirtualWire.create(WireConfig.ip("w"), new SplittableRandom(1));
        RecordingReceiver atB = new RecordingReceiver(TestFrames::ipSeq);
        FaultInjectingLink a = new FaultInjectingLink(wire.endA(),
                FaultConfig.NONE.withDelay(Duration.ofMillis(5)), FaultConfig.NONE, new SplittableRandom(1));
        driver = a;
        a.start(up, () -> { });
        wire.endB().start(atB, () -> { });
        try {
            assertEquals(1, a.send(new PacketBuf[] {TestFrames.ipv4(pool, 1, 100)}, 1, T0));
            assertEquals(Deadlines.NONE, wire.endB().nextDeadline(), "still held by the decorator");
            assertEquals(T0 + 5 * MS, a.nextDeadline());
            a.poll(T0 + 5 * MS - 1, 64);
            assertEquals(Deadlines.NONE, wire.endB().nextDeadline());
            a.poll(T0 + 5 * MS, 64);
            assertEquals(1, wire.endB().poll(T0 + 5 * MS, 64));
            assertEquals(List.of(T0 + 5 * MS), atB.times());
            assertEquals(Deadlines.NONE, a.nextDeadline());
        } finally {
            wire.endB().close();
        }
    }

    @Test
    void laterSend_flushesHeldFramesThatAreDue_first() {
        FaultInjectingLink link = overLoopback(FaultConfig.NONE.withDelay(Duration.ofMillis(1)), FaultConfig.NONE, 16);
        send(link, 0, T0);
        link.setTxFaults(FaultConfig.NONE);
        send(link, 1, T0 + 2 * MS); // frame 0 became due first and goes down first
        link.poll(T0 + 2 * MS, 64);
        assertEquals(List.of(0, 1), up.seqs());
    }

    @Test
    void rxDelay_deliversAtTheDueTime_withinTheBudget() {
        FaultInjectingLink link = overLoopback(FaultConfig.NONE, FaultConfig.NONE.withDelay(Duration.ofMillis(2)), 16);
        for (int i = 0; i < 3; i++) {
            send(link, i, T0);
        }
        assertEquals(0, link.poll(T0, 64), "received, but held for 2 ms");
        assertEquals(T0 + 2 * MS, link.nextDeadline());
        assertEquals(2, link.poll(T0 + 2 * MS, 2));
        assertEquals(1, link.poll(T0 + 2 * MS, 2));
        assertEquals(List.of(0, 1, 2), up.seqs());
        assertEquals(List.of(T0 + 2 * MS, T0 + 2 * MS, T0 + 2 * MS), up.times());
    }

    @Test
    void rxLoss_dropsReceivedFrames_andCountsThemUnderRxNames() {
        FaultInjectingLink link = overLoopback(FaultConfig.NONE, FaultConfig.NONE.withLoss(1.0), 16);
        send(link, 0, T0);
        send(link, 1, T0);
        assertEquals(0, link.poll(T0, 64));
        assertEquals(2, counter(link, "rxFaultDropped"));
        assertEquals(2, link.rxFaultCounters().get(FaultCounter.DROPPED));
        assertEquals(0, counter(link, "txFaultDropped"));
    }

    @Test
    void lostFrames_countAsAccepted_asOnARealLink() {
        FaultInjectingLink link = overLoopback(FaultConfig.NONE.withLoss(1.0), FaultConfig.NONE, 4);
        assertEquals(true, send(link, 0, T0));
        assertEquals(1, counter(link, "txFaultDropped"));
        assertEquals(0, link.poll(T0, 64));
    }

    @Test
    void txLoss_rateWithinBounds_andReproducible() {
        int n = 10_000;
        long[] first = lossRun(n, 21);
        long[] again = lossRun(n, 21);
        assertEquals(first[0], again[0]);
        assertEquals(first[1], again[1]);
        double sigma = Math.sqrt(n * 0.2 * 0.8);
        assertEquals(n * 0.2, first[0], 5 * sigma);
        assertEquals(n - first[0], first[1]);
    }

    /** Sends {@code n} packets through 20% transmit loss; returns {losses, deliveries}. */
    private long[] lossRun(int n, long seed) {
        RecordingReceiver got = new RecordingReceiver(TestFrames::ipSeq);
        try (FaultInjectingLink link = new FaultInjectingLink(new LoopbackDriver("lo"),
                FaultConfig.NONE.withLoss(0.2), FaultConfig.NONE, new SplittableRandom(seed))) {
            link.start(got, () -> { });
            for (int i = 0; i < n; i++) {
                send(link, i, T0 + i);
                link.poll(T0 + i, 64);
            }
            return new long[] {link.txFaultCounters().get(FaultCounter.DROPPED), got.arrivals().size()};
        }
    }

    @Test
    void corruptionWhereChecksumsAreOffloaded_isRefused() {
        FaultConfig corrupt = FaultConfig.NONE.withCorruption(0.1);
        LoopbackDriver lo = new LoopbackDriver("lo");
        assertThrows(IllegalArgumentException.class,
                () -> new FaultInjectingLink(lo, corrupt, FaultConfig.NONE, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new FaultInjectingLink(lo, FaultConfig.NONE, corrupt, new SplittableRandom(1)));
        FaultInjectingLink link = overLoopback(FaultConfig.NONE, FaultConfig.NONE, 4);
        assertThrows(IllegalArgumentException.class, () -> link.setRxFaults(corrupt));
        assertEquals(FaultConfig.NONE, link.rxFaults());
        lo.close();

        VirtualWire wire = VirtualWire.create(WireConfig.ethernet("w"), new SplittableRandom(1));
        try (FaultInjectingLink ok = new FaultInjectingLink(wire.endA(), corrupt, corrupt, new SplittableRandom(1))) {
            assertEquals(corrupt, ok.txFaults());
            assertSame(wire.endA().caps(), ok.caps());
        } finally {
            wire.close();
        }
    }

    @Test
    void stop_releasesHeldFramesInBothDirections_andCountsThem() {
        FaultInjectingLink link = overLoopback(FaultConfig.NONE.withDelay(Duration.ofMillis(1)),
                FaultConfig.NONE.withDelay(Duration.ofMillis(5)), 16);
        send(link, 0, T0);
        send(link, 1, T0);
        link.poll(T0 + MS, 64);                       // both down and back up, now held on the receive side
        send(link, 2, T0 + MS);                       // held on the send side
        link.stop();
        assertEquals(1, counter(link, "ifOutDiscards"));
        assertEquals(2, counter(link, "ifInDiscards"));
        assertEquals(0, link.poll(T0 + 10 * MS, 64));
        send(link, 3, T0 + 10 * MS);
        assertEquals(2, counter(link, "ifOutDiscards"), "a stopped decorator sends nothing");
    }

    @Test
    void fullHoldingQueue_discards() {
        FaultInjectingLink link = new FaultInjectingLink(new LoopbackDriver("lo"),
                FaultConfig.NONE.withDelay(Duration.ofMillis(1)), FaultConfig.NONE, new SplittableRandom(1), 2);
        link.start(up, () -> { });
        driver = link;
        PacketBuf[] frames = {
            TestFrames.ipv4(pool, 0, 100), TestFrames.ipv4(pool, 1, 100), TestFrames.ipv4(pool, 2, 100)};
        assertEquals(2, link.send(frames, 3, T0));
        assertEquals(1, counter(link, "ifOutDiscards"));
        link.poll(T0 + MS, 64);
        link.poll(T0 + MS, 64);
        assertEquals(List.of(0, 1), up.seqs());
    }

    @Test
    void linkState_isPassedUp() {
        VirtualWire wire = VirtualWire.create(WireConfig.ethernet("w"), new SplittableRandom(1));
        RecordingReceiver states = new RecordingReceiver();
        FaultInjectingLink a = new FaultInjectingLink(wire.endA(), FaultConfig.NONE, FaultConfig.NONE,
                new SplittableRandom(1));
        driver = a;
        a.start(states, () -> { });
        wire.cut(T0);
        a.poll(T0, 64);
        assertEquals(List.of(false), states.linkStates());
        wire.endB().close();
    }
}
