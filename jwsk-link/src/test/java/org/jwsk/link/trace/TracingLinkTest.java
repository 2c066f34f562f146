package org.jwsk.link.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.ManualClock;
import org.jwsk.link.loopback.LoopbackDriver;
import org.jwsk.link.testing.RecordingReceiver;
import org.jwsk.link.testing.TestFrames;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TracingLinkTest {

    private static final long T0 = ManualClock.START_NANOS;

    private final BufPool pool = TestFrames.pool();
    private final List<TraceRecord> records = new ArrayList<>();

    @AfterEach
    void closePool() {
        pool.close();
    }

    private List<String> lines() {
        return records.stream().map(TraceRecord::line).toList();
    }

    /** Shows only the IP version, so the test is about the tracer, not about describing packets. */
    private static final FrameFormatter VERSION = (medium, seg, off, len) ->
            "IPv" + (org.jwsk.common.buf.NetOrder.u8(seg, off) >>> 4);

    @Test
    void loopback_oneLinePerFrameInEachDirection() {
        RecordingReceiver up = new RecordingReceiver(TestFrames::ipSeq);
        try (TracingLink lo = new TracingLink(new LoopbackDriver("lo"), records::add, VERSION)) {
            lo.start(up, () -> { });
            lo.send(TestFrames.ipv4(pool, 1, 100), T0);
            lo.send(new PacketBuf[] {TestFrames.ipv4(pool, 2, 40)}, 1, T0 + 1);
            lo.poll(T0 + 1_234_567_890L, 64);
            assertEquals(List.of(
                    "1.000000000 lo tx 100 IPv4",
                    "1.000000001 lo tx 40 IPv4",
                    "2.234567890 lo rx 100 IPv4",
                    "2.234567890 lo rx 40 IPv4"), lines());
            assertEquals(new TraceRecord(T0, "lo", TraceDirection.TX, 100, "IPv4"), records.getFirst());
            assertEquals(List.of(1, 2), up.seqs());
            assertEquals(2L, lo.counters().snapshot().get("ifHCOutFrames"));
            assertEquals(140L, lo.counters().snapshot().get("ifHCInOctets"));
            assertEquals("link.lo.trace", lo.counters().groupName());
        }
    }

    @Test
    void ethernetWire_showsTheLinkHeader() {
        VirtualWire wire = VirtualWire.create(WireConfig.ethernet("wire0"), new SplittableRandom(1));
        try (TracingLink a = new TracingLink(wire.endA(), records::add);
             TracingLink b = new TracingLink(wire.endB(), records::add)) {
            a.start(new RecordingReceiver(), () -> { });
            b.start(new RecordingReceiver(), () -> { });
            a.send(TestFrames.ethernet(pool, 1, 60), T0);
            b.poll(T0, 64);
            assertEquals(List.of(
                    "1.000000000 wire0.a tx 60 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype Unknown (0x88b5), length 60",
                    "1.000000000 wire0.b rx 60 02:00:00:00:00:01 > 02:00:00:00:00:02, ethertype Unknown (0x88b5), length 60"),
                    lines());
        }
    }

    @Test
    void formatter_isPluggable() {
        FrameFormatter lengths = (medium, segment, offset, length) -> medium + " frame of " + length;
        try (TracingLink lo = new TracingLink(new LoopbackDriver("lo"), records::add, lengths)) {
            lo.start(new RecordingReceiver(TestFrames::ipSeq), () -> { });
            lo.send(TestFrames.ipv4(pool, 1, 64), T0);
            lo.poll(T0, 64);
        }
        assertEquals(List.of("1.000000000 lo tx 64 IP frame of 64", "1.000000000 lo rx 64 IP frame of 64"), lines());
    }

    @Test
    void disabled_tracesNothing_butFramesStillPass() {
        RecordingReceiver up = new RecordingReceiver(TestFrames::ipSeq);
        try (TracingLink lo = new TracingLink(new LoopbackDriver("lo"), records::add)) {
            lo.start(up, () -> { });
            lo.setEnabled(false);
            assertFalse(lo.isEnabled());
            lo.send(TestFrames.ipv4(pool, 1, 64), T0);
            lo.poll(T0, 64);
            assertEquals(List.of(), records);
            assertEquals(List.of(1), up.seqs());
            lo.setEnabled(true);
            lo.send(TestFrames.ipv4(pool, 2, 64), T0);
            assertEquals(1, records.size());
        }
    }

    @Test
    void throwingSink_stillHandsEveryFrameOn() {
        TraceSink broken = record -> {
            throw new IllegalStateException("sink failed");
        };
        RecordingReceiver up = new RecordingReceiver(TestFrames::ipSeq);
        try (TracingLink lo = new TracingLink(new LoopbackDriver("lo"), broken)) {
            lo.start(up, () -> { });
            assertThrows(IllegalStateException.class, () -> lo.send(TestFrames.ipv4(pool, 1, 64), T0));
            PacketBuf[] two = {TestFrames.ipv4(pool, 2, 64), TestFrames.ipv4(pool, 3, 64)};
            assertThrows(IllegalStateException.class, () -> lo.send(two, 2, T0));
            assertEquals(3L, lo.inner().counters().snapshot().get("ifHCOutFrames"));
            assertThrows(IllegalStateException.class, () -> lo.poll(T0, 64));
            assertEquals(List.of(1), up.seqs(), "the frame reached the receiver before the sink's exception");
        } // closing releases the two still waiting
    }
}
