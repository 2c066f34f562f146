package org.jwsk.link.virt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.ManualClock;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.Medium;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.fault.FaultCounter;
import org.jwsk.link.testing.RecordingReceiver;
import org.jwsk.link.testing.TestFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtualWireTest {

    private static final long MS = 1_000_000;
    private static final long T0 = ManualClock.START_NANOS;

    private final BufPool pool = TestFrames.pool();
    private final ManualClock clock = new ManualClock();
    private final RecordingReceiver atA = new RecordingReceiver();
    private final RecordingReceiver atB = new RecordingReceiver();
    private final int[] wakeups = new int[2];
    private VirtualWire wire;

    @AfterEach
    void closeAll() {
        if (wire != null) {
            wire.close();
        }
        pool.close();
    }

    private VirtualWire wire(WireConfig config, long seed) {
        wire = VirtualWire.create(config, new SplittableRandom(seed));
        wire.endA().start(atA, () -> wakeups[0]++);
        wire.endB().start(atB, () -> wakeups[1]++);
        return wire;
    }

    private VirtualWire wire(FaultConfig aToB) {
        return wire(WireConfig.ethernet("wire0").withFaults(aToB, FaultConfig.NONE), 1);
    }

    private LinkDriver a() {
        return wire.endA();
    }

    private LinkDriver b() {
        return wire.endB();
    }

    private boolean sendA(int seq, int length) {
        return a().send(TestFrames.ethernet(pool, seq, length), clock.nanoTime());
    }

    /** Jumps the clock from deadline to deadline up to {@code until}, polling both ends at each. */
    private void runUntil(long until) {
        for (;;) {
            long next = Math.min(a().nextDeadline(), b().nextDeadline());
            if (next == Deadlines.NONE || next > until) {
                break;
            }
            clock.advanceTo(Math.max(next, clock.nanoTime()));
            a().poll(clock.nanoTime(), 64);
            b().poll(clock.nanoTime(), 64);
        }
        clock.advanceTo(Math.max(until, clock.nanoTime()));
    }

    private static long counter(LinkDriver end, String name) {
        Long v = end.counters().snapshot().get(name);
        if (v == null) {
            throw new AssertionError("no counter " + name + " in " + end.counters().snapshot().keySet());
        }
        return v;
    }

    @Test
    void perfectWire_deliversToThePeerOnItsNextPoll_andCountsBothEnds() {
        wire(FaultConfig.NONE);
        assertTrue(sendA(1, 100));
        assertEquals(1, wakeups[1], "the receiving end is woken");
        assertEquals(0, wakeups[0]);
        assertEquals(0, a().poll(T0, 64), "nothing comes back to the sender");
        assertEquals(T0, b().nextDeadline());
        assertEquals(1, b().poll(T0, 64));
        assertEquals(List.of(1), atB.seqs());
        assertEquals(Deadlines.NONE, b().nextDeadline());
        assertEquals(1, counter(a(), "ifHCOutFrames"));
        assertEquals(100, counter(a(), "ifHCOutOctets"));
        assertEquals(1, counter(b(), "ifHCInFrames"));
        assertEquals(100, counter(b(), "ifHCInOctets"));
        assertEquals("link.wire0.a", a().counters().groupName());
        assertEquals("wire0.b", b().name());
    }

    @Test
    void delay_frameArrivesExactlyAtItsTime() {
        wire(FaultConfig.NONE.withDelay(Duration.ofMillis(10)));
        sendA(1, 60);
        assertEquals(T0 + 10 * MS, b().nextDeadline());
        assertEquals(0, b().poll(T0 + 10 * MS - 1, 64));
        assertEquals(1, b().poll(T0 + 10 * MS, 64));
        assertEquals(List.of(T0 + 10 * MS), atB.times());
        assertEquals(1, counter(a(), "faultDelayed"));
    }

    @Test
    void bandwidthAndDelay_giveExactArrivalTimes() {
        // 1000-byte frames at 8 Mbit/s: 1 ms each on the wire, then 5 ms of propagation.
        wire(FaultConfig.NONE.withRate(8_000_000).withDelay(Duration.ofMillis(5)));
        for (int i = 0; i < 3; i++) {
            sendA(i, 1000);
        }
        clock.advanceNanos(2 * MS + MS / 2);
        sendA(3, 500); // waits for frame 2 to leave at 3 ms, takes 0.5 ms
        runUntil(T0 + 100 * MS);
        assertEquals(List.of(0, 1, 2, 3), atB.seqs());
        assertEquals(List.of(T0 + 6 * MS, T0 + 7 * MS, T0 + 8 * MS, T0 + 8 * MS + MS / 2), atB.times());
        assertEquals(3, counter(a(), "faultQueued"));
    }

    @Test
    void jitter_framesAreDeliveredInArrivalOrder() {
        wire(FaultConfig.NONE.withDelay(Duration.ofMillis(10), Duration.ofMillis(5)));
        for (int i = 0; i < 300; i++) {
            sendA(i, 60);
            clock.advanceNanos(10_000);
        }
        runUntil(T0 + 100 * MS);
        assertEquals(300, atB.arrivals().size());
        List<Long> times = atB.times();
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i) >= times.get(i - 1), "arrival order");
        }
        assertNotEquals(atB.seqs().stream().sorted().toList(), atB.seqs(), "jitter reordered frames");
        assertEquals(300, atB.seqs().stream().distinct().count());
    }

    @Test
    void bottleneckQueue_tailDropsAndCounts() {
        wire(FaultConfig.NONE.withRate(8_000_000).withQueueLimit(3));
        PacketBuf[] burst = new PacketBuf[5];
        for (int i = 0; i < 5; i++) {
            burst[i] = TestFrames.ethernet(pool, i, 1000);
        }
        assertEquals(3, a().send(burst, 5, clock.nanoTime()));
        runUntil(T0 + 10 * MS);
        assertEquals(List.of(0, 1, 2), atB.seqs());
        assertEquals(2, counter(a(), "faultQueueDrops"));
        assertEquals(2, counter(a(), "ifOutDiscards"));
        assertEquals(3, counter(a(), "ifHCOutFrames"));
        assertEquals(2, wire.faultCounters(WireDirection.A_TO_B).get(FaultCounter.QUEUE_DROPS));
    }

    @Test
    void fullRing_discardsAtTheSender_untilTheReceiverCatchesUp() {
        wire(WireConfig.ethernet("wire0").withRingCapacity(4), 1);
        for (int i = 0; i < 6; i++) {
            assertEquals(i < 4, sendA(i, 60));
        }
        assertEquals(2, counter(a(), "ifOutDiscards"));
        assertEquals(2, b().poll(T0, 2));
        assertTrue(sendA(6, 60), "delivered frames made room");
        b().poll(T0, 64);
        assertEquals(List.of(0, 1, 2, 3, 6), atB.seqs());
    }

    @Test
    void budget_limitsEachPoll() {
        wire(FaultConfig.NONE);
        for (int i = 0; i < 10; i++) {
            sendA(i, 60);
        }
        assertEquals(4, b().poll(T0, 4));
        assertEquals(T0, b().nextDeadline(), "frames still due");
        assertEquals(6, b().poll(T0, 64));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), atB.seqs());
    }

    @Test
    void receiverMaySendFromOnFrame_theReplyArrivesOnTheOtherEnd() {
        wire = VirtualWire.create(WireConfig.ethernet("wire0"), new SplittableRandom(1));
        wire.endA().start(atA, () -> { });
        wire.endB().start(new LinkReceiver() {
            @Override
            public void onFrame(PacketBuf frame, long now) {
                wire.endB().send(frame, now); // echo, handing ownership on
            }
        }, () -> { });
        sendA(7, 60);
        assertEquals(1, b().poll(T0, 64));
        assertEquals(1, a().poll(T0, 64));
        assertEquals(List.of(7), atA.seqs());
    }

    private static final int RATE_FRAMES = 20_000;

    /** Sends {@code RATE_FRAMES} frames from A and returns what B received. */
    private List<RecordingReceiver.Arrival> exchange(FaultConfig faults, long seed) {
        wire(WireConfig.ethernet("wire0").withRingCapacity(1 << 16).withFaults(faults, FaultConfig.NONE), seed);
        for (int i = 0; i < RATE_FRAMES; i++) {
            sendA(i, 64);
            clock.advanceNanos(1000);
            b().poll(clock.nanoTime(), 64);
        }
        runUntil(clock.nanoTime() + 1000 * MS);
        return atB.arrivals();
    }

    private static void assertRate(long count, int n, double p) {
        assertEquals(n * p, count, 5 * Math.sqrt(n * p * (1 - p)), "count " + count + " of " + n + " at " + p);
    }

    @Test
    void loss_overTheWire_rateWithinBounds() {
        List<RecordingReceiver.Arrival> got = exchange(FaultConfig.NONE.withLoss(0.1), 5);
        long dropped = counter(a(), "faultDropped");
        assertRate(dropped, RATE_FRAMES, 0.1);
        assertEquals(RATE_FRAMES - dropped, got.size());
        assertEquals(RATE_FRAMES - dropped, counter(b(), "ifHCInFrames"));
    }

    @Test
    void duplication_overTheWire_rateWithinBounds() {
        List<RecordingReceiver.Arrival> got = exchange(FaultConfig.NONE.withDuplication(0.05), 6);
        long dups = counter(a(), "faultDuplicated");
        assertRate(dups, RATE_FRAMES, 0.05);
        assertEquals(RATE_FRAMES + dups, got.size());
        assertEquals(RATE_FRAMES, counter(a(), "ifHCOutFrames"), "a duplicate is not a frame the stack sent");
    }

    @Test
    void reordering_overTheWire_rateWithinBounds() {
        List<RecordingReceiver.Arrival> got =
                exchange(FaultConfig.NONE.withDelay(Duration.ofMillis(1)).withReordering(0.2), 7);
        long reordered = counter(a(), "faultReordered");
        assertRate(reordered, RATE_FRAMES, 0.2);
        int overtakes = 0;
        for (int i = 1; i < got.size(); i++) {
            if (got.get(i).seq() < got.get(i - 1).seq()) {
                overtakes++;
            }
        }
        assertTrue(overtakes > 0 && overtakes <= reordered, "overtakes " + overtakes);
        assertEquals(RATE_FRAMES, got.size());
    }

    @Test
    void corruption_overTheWire_rateWithinBounds_oneBitPerCorruptedFrame() {
        List<RecordingReceiver.Arrival> got = exchange(FaultConfig.NONE.withCorruption(0.03), 8);
        long corrupted = counter(a(), "faultCorrupted");
        assertRate(corrupted, RATE_FRAMES, 0.03);
        long differing = 0;
        for (int seq = 0; seq < got.size(); seq++) {
            // Corruption alone neither drops nor reorders: arrival i is frame i, whatever its bytes now say.
            PacketBuf expected = TestFrames.ethernet(pool, seq, 64);
            byte[] want = expected.toByteArray();
            expected.release();
            byte[] have = got.get(seq).bytes();
            int bits = 0;
            for (int i = 0; i < want.length; i++) {
                bits += Integer.bitCount((want[i] ^ have[i]) & 0xff);
            }
            assertTrue(bits <= 1, "frame " + seq + " has " + bits + " flipped bits");
            differing += bits;
        }
        assertEquals(corrupted, differing);
        assertEquals(RATE_FRAMES, got.size());
    }

    @Test
    void sameSeed_sameOutcome_differentSeed_differentOutcome() {
        FaultConfig faults = FaultConfig.NONE.withDelay(Duration.ofMillis(2), Duration.ofMillis(1)).withLoss(0.05)
                .withDuplication(0.02).withReordering(0.05).withCorruption(0.01);
        long first = fingerprint(exchange(faults, 99));
        closeAll();
        long again = fingerprint(rerun(faults, 99));
        long other = fingerprint(rerun(faults, 100));
        assertEquals(first, again);
        assertNotEquals(first, other);
    }

    private List<RecordingReceiver.Arrival> rerun(FaultConfig faults, long seed) {
        VirtualWireTest fresh = new VirtualWireTest();
        try {
            return fresh.exchange(faults, seed);
        } finally {
            fresh.closeAll();
        }
    }

    private static long fingerprint(List<RecordingReceiver.Arrival> arrivals) {
        long h = 1;
        for (RecordingReceiver.Arrival a : arrivals) {
            h = h * 1_000_003 + a.seq();
            h = h * 1_000_003 + (a.now() - T0);
            h = h * 1_000_003 + Arrays.hashCode(a.bytes());
        }
        return h;
    }

    @Test
    void cut_discardsSendsWhileDown_losesFramesInFlight_keepsArrivedOnes_andNotifiesBothEnds() {
        wire(FaultConfig.NONE.withDelay(Duration.ofMillis(10)));
        sendA(0, 60);                         // arrives at 10 ms
        clock.advanceTo(T0 + 12 * MS);
        sendA(1, 60);                         // would arrive at 22 ms
        b().nextDeadline();                   // B has already taken frame 1 off the ring
        clock.advanceTo(T0 + 15 * MS);
        wakeups[0] = 0;
        wakeups[1] = 0;
        wire.cut(clock.nanoTime());
        assertFalse(wire.isUp());
        assertEquals(1, wakeups[0]);
        assertEquals(1, wakeups[1]);
        assertFalse(sendA(2, 60), "the wire is down");
        assertEquals(1, counter(a(), "ifOutDiscards"));

        a().poll(clock.nanoTime(), 64);
        assertEquals(1, b().poll(clock.nanoTime(), 64), "frame 0 had arrived before the cut");
        assertEquals(List.of(false), atA.linkStates());
        assertEquals(List.of(false), atB.linkStates());
        assertEquals(1, counter(b(), "ifInErrors"), "frame 1 was on the wire");

        clock.advanceTo(T0 + 20 * MS);
        wire.restore();
        assertTrue(wire.isUp());
        sendA(3, 60);
        runUntil(T0 + 100 * MS);
        assertEquals(List.of(0, 3), atB.seqs());
        assertEquals(List.of(false, true), atB.linkStates());
        assertEquals(List.of(T0 + 15 * MS, T0 + 30 * MS), atB.times());
    }

    @Test
    void cut_framesStillInTheRingAreCheckedToo_andChangesBetweenPollsCoalesce() {
        wire(FaultConfig.NONE.withDelay(Duration.ofMillis(10)));
        sendA(0, 60);                         // in the ring, on the wire from 0 to 10 ms
        clock.advanceTo(T0 + 5 * MS);
        wire.cut(clock.nanoTime());
        wire.restore();
        sendA(1, 60);                         // sent after the cut: survives
        runUntil(T0 + 100 * MS);
        assertEquals(List.of(1), atB.seqs());
        assertEquals(List.of(true), atB.linkStates(), "one notification of the current state");
        assertEquals(1, counter(b(), "ifInErrors"));
    }

    @Test
    void setFaults_changesOneDirection_fromTheNextFrame() {
        wire(FaultConfig.NONE);
        sendA(0, 60);
        wire.setFaults(WireDirection.A_TO_B, FaultConfig.NONE.withDelay(Duration.ofMillis(3)));
        assertEquals(3 * MS, wire.faults(WireDirection.A_TO_B).delayNanos());
        assertEquals(FaultConfig.NONE, wire.faults(WireDirection.B_TO_A));
        sendA(1, 60);
        b().send(TestFrames.ethernet(pool, 2, 60), clock.nanoTime());
        runUntil(T0 + 10 * MS);
        assertEquals(List.of(T0, T0 + 3 * MS), atB.times());
        assertEquals(List.of(T0), atA.times());
        wire.setFaults(FaultConfig.NONE.withLoss(1));
        sendA(3, 60);
        b().send(TestFrames.ethernet(pool, 4, 60), clock.nanoTime());
        runUntil(T0 + 20 * MS);
        assertEquals(2, atB.arrivals().size());
        assertEquals(1, atA.arrivals().size());
    }

    @Test
    void checksumOffload_isDeclaredByBothEnds_andForbidsCorruption() {
        WireConfig offload = WireConfig.ethernet("wire0").withChecksumOffload(true);
        wire(offload, 1);
        assertEquals(new LinkCaps(Medium.ETHERNET, 1500, 0, true, true), a().caps());
        assertEquals(a().caps(), b().caps());
        assertThrows(IllegalArgumentException.class,
                () -> wire.setFaults(WireDirection.B_TO_A, FaultConfig.NONE.withCorruption(0.1)));
        assertThrows(IllegalArgumentException.class, () -> offload.withFaults(FaultConfig.NONE.withCorruption(0.1)));
        assertEquals(new LinkCaps(Medium.ETHERNET, 1500, 0, false, false), WireConfig.ethernet("w").caps());
    }

    @Test
    void oversizeAndRuntFrames_areSendErrors() {
        wire(WireConfig.ethernet("wire0").withMtu(1500), 1);
        assertFalse(sendA(0, 1523));
        assertFalse(sendA(1, 13));
        assertTrue(sendA(2, 1522), "1500 bytes of payload behind two VLAN tags");
        assertEquals(2, counter(a(), "ifOutErrors"));
    }

    @Test
    void ipWire_carriesPackets() {
        wire = VirtualWire.create(WireConfig.ip("tun0").withMtu(9000), new SplittableRandom(1));
        RecordingReceiver packets = new RecordingReceiver(TestFrames::ipSeq);
        wire.endA().start(atA, () -> { });
        wire.endB().start(packets, () -> { });
        assertEquals(Medium.IP, a().caps().medium());
        assertEquals(9000, a().caps().maxFrameLength());
        assertTrue(a().send(TestFrames.ipv4(pool, 5, 9000), T0));
        assertFalse(a().send(TestFrames.ipv4(pool, 6, 9001), T0));
        b().poll(T0, 64);
        assertEquals(List.of(5), packets.seqs());
    }

    @Test
    void stop_releasesWaitingFrames_andThePeerCannotSendToIt() {
        wire(FaultConfig.NONE.withDelay(Duration.ofMillis(1)));
        sendA(0, 60);
        sendA(1, 60);
        b().stop();
        assertEquals(2, counter(b(), "ifInDiscards"));
        assertFalse(sendA(2, 60));
        assertEquals(1, counter(a(), "ifOutDiscards"));
        assertEquals(0, b().poll(T0 + 5 * MS, 64));
        assertEquals(Deadlines.NONE, b().nextDeadline());
        assertFalse(b().send(TestFrames.ethernet(pool, 3, 60), T0), "a stopped end sends nothing");
        b().stop();
    }

    @Test
    void close_releasesEveryFrameInFlight() {
        wire(FaultConfig.NONE.withDelay(Duration.ofSeconds(1)).withDuplication(0.5));
        for (int i = 0; i < 50; i++) {
            sendA(i, 60);
            b().send(TestFrames.ethernet(pool, i, 60), clock.nanoTime());
        }
        b().nextDeadline();
        wire.endA().close();
        wire.endB().close();
        assertEquals(0, pool.outstanding());
        wire.close(); // idempotent
    }

    @Test
    void frameSentBeforeThePeerStarts_waitsForIt() {
        wire = VirtualWire.create(WireConfig.ethernet("wire0"), new SplittableRandom(1));
        wire.endA().start(atA, () -> { });
        assertTrue(sendA(0, 60));
        assertThrows(IllegalStateException.class, () -> b().poll(T0, 64));
        wire.endB().start(atB, () -> wakeups[1]++);
        assertEquals(1, b().poll(T0, 64));
        assertThrows(IllegalStateException.class, () -> wire.endB().start(atB, () -> { }));
    }

    @Test
    void counters_showLinkAndFaultCountersUnderMibStyleNames() {
        wire(FaultConfig.NONE);
        Map<String, Long> names = a().counters().snapshot();
        List<String> expected = new ArrayList<>(List.of("ifHCInOctets", "ifHCInFrames", "ifInDiscards", "ifInErrors",
                "ifHCOutOctets", "ifHCOutFrames", "ifOutDiscards", "ifOutErrors"));
        for (FaultCounter c : FaultCounter.values()) {
            expected.add(c.counterName());
        }
        assertEquals(expected, List.copyOf(names.keySet()));
        assertArrayEquals(new String[] {"fault.wire0.a-b", "fault.wire0.b-a"}, new String[] {
                wire.faultCounters(WireDirection.A_TO_B).groupName(),
                wire.faultCounters(WireDirection.B_TO_A).groupName()});
    }
}
