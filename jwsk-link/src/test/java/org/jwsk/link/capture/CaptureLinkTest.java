package org.jwsk.link.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.testing.WireTesting.hex;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.ManualClock;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.LinkCounter;
import org.jwsk.link.LinkReceiver;
import org.jwsk.wire.Octets;
import org.jwsk.wire.pcap.CaptureRecord;
import org.jwsk.wire.pcap.Direction;
import org.jwsk.wire.pcap.LinkType;
import org.jwsk.wire.pcap.PcapngInterface;
import org.jwsk.wire.pcap.PcapngReader;
import org.jwsk.wire.pcap.PcapngWriter;
import org.jwsk.wire.pcap.PcapngWriterConfig;

class CaptureLinkTest {

    /** ARP who-has 192.0.2.2 tell 192.0.2.1, from captures/linux-veth.pcap frame 13. */
    private static final byte[] ARP = hex("""
            ffff ffff ffff 0200 0000 0001 0806 0001 0800 0604 0001 0200 0000 0001 c000 0201
            0000 0000 0000 c000 0202""");
    /** ARP reply 192.0.2.2 is-at 02:00:00:00:00:02, frame 14. */
    private static final byte[] ARP_REPLY = hex("""
            0200 0000 0001 0200 0000 0002 0806 0001 0800 0604 0002 0200 0000 0002 c000 0202
            0200 0000 0001 c000 0201""");
    /** UDP 192.0.2.1.60317 > 192.0.2.2.9999, "udp hello\n": frame 27 without its Ethernet header. */
    private static final byte[] IPV4_UDP = hex("""
            4500 0026 06bc 4000 4011 b007 c000 0201 c000 0202 eb9d 270f 0012 8427 7564 7020
            6865 6c6c 6f0a""");

    private final BufPool pool = BufPool.create(BufPoolConfig.small("capture", 1));
    private final ManualClock clock = new ManualClock();
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();
    private final PcapngWriter writer = new PcapngWriter(Channels.newChannel(file), PcapngWriterConfig.of("jwsk"));

    /** Keeps what it is given, as a network layer that holds frames for a moment. */
    private static final class Keeper implements LinkReceiver {
        final List<PacketBuf> frames = new ArrayList<>();
        final List<Boolean> states = new ArrayList<>();

        @Override
        public void onFrame(PacketBuf frame, long now) {
            frames.add(frame);
        }

        @Override
        public void onLinkState(boolean up, long now) {
            states.add(up);
        }
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    private List<CaptureRecord> records() throws IOException {
        writer.close();
        try (PcapngReader r = PcapngReader.open(Channels.newChannel(new ByteArrayInputStream(file.toByteArray())))) {
            List<CaptureRecord> records = new ArrayList<>();
            r.forEachRecord(records::add);
            return records;
        }
    }

    private static void releaseAll(List<PacketBuf> frames) {
        frames.forEach(PacketBuf::release);
        frames.clear();
    }

    @Test
    void framesPassThroughUntouched_andLandInTheCapture() throws IOException {
        StubDriver driver = new StubDriver("wire0.a", LinkCaps.ethernet(1500));
        CaptureLink link = CaptureLink.wrap(driver, writer, clock);
        Keeper up = new Keeper();
        link.start(up, () -> { });

        PacketBuf in = pool.copyOf(ARP_REPLY);
        driver.arrive(in);
        long inboundAt = clock.epochNanos();
        assertEquals(1, link.poll(clock.nanoTime(), 8));
        assertSame(in, up.frames.get(0), "the receiver gets the very buffer the driver delivered");
        assertEquals(1, in.refCnt());
        assertArrayEquals(ARP_REPLY, in.toByteArray());

        clock.advance(Duration.ofMillis(3));
        PacketBuf out = pool.copyOf(ARP);
        long outboundAt = clock.epochNanos();
        assertTrue(link.send(out, clock.nanoTime()));
        assertSame(out, driver.sent.get(0), "the driver gets the very buffer the stack sent");
        assertEquals(1, out.refCnt());
        assertArrayEquals(ARP, out.toByteArray());
        assertEquals(2, link.framesCaptured());

        releaseAll(up.frames);
        releaseAll(driver.sent);
        assertEquals(List.of(
                new CaptureRecord(0, LinkType.ETHERNET, inboundAt, ARP_REPLY.length, Direction.INBOUND,
                        Octets.of(ARP_REPLY)),
                new CaptureRecord(0, LinkType.ETHERNET, outboundAt, ARP.length, Direction.OUTBOUND, Octets.of(ARP))),
                records());
        assertEquals(ManualClock.DEFAULT_EPOCH.toEpochMilli() * 1_000_000L, inboundAt);
    }

    @Test
    void timestampsComeFromTheClock_notFromNow() throws IOException {
        StubDriver driver = new StubDriver("eth0", LinkCaps.ethernet(1500));
        CaptureLink link = CaptureLink.wrap(driver, writer, clock);
        link.start(new Keeper(), () -> { });
        clock.advanceNanos(1_234_567);
        link.send(pool.copyOf(ARP), 42);
        releaseAll(driver.sent);
        assertEquals(clock.epochNanos(), records().get(0).epochNanos());
    }

    @Test
    void batchSend_capturesEveryFrameInOrder_evenThoseTheDriverDrops() throws IOException {
        StubDriver driver = new StubDriver("eth0", LinkCaps.ethernet(1500));
        CaptureLink link = CaptureLink.wrap(driver, writer, clock);
        link.start(new Keeper(), () -> { });
        PacketBuf[] batch = {pool.copyOf(ARP), pool.copyOf(ARP_REPLY), pool.copyOf(ARP)};
        assertEquals(3, link.send(batch, 3, clock.nanoTime()));
        driver.full = true;
        assertFalse(link.send(pool.copyOf(ARP_REPLY), clock.nanoTime()), "the wrapped driver's answer");
        assertEquals(0, link.send(new PacketBuf[] {pool.copyOf(ARP)}, 1, clock.nanoTime()));
        assertEquals(2, driver.counters().snapshot().get(LinkCounter.OUT_DISCARDS.counterName()));
        releaseAll(driver.sent);
        List<CaptureRecord> r = records();
        assertEquals(5, r.size());
        assertEquals(List.of(Octets.of(ARP), Octets.of(ARP_REPLY), Octets.of(ARP), Octets.of(ARP_REPLY),
                Octets.of(ARP)), r.stream().map(CaptureRecord::data).toList());
        assertTrue(r.stream().allMatch(x -> x.direction() == Direction.OUTBOUND));
    }

    @Test
    void ipMedium_isCapturedAsRawIp() throws IOException {
        StubDriver driver = new StubDriver("tun0", LinkCaps.ip(1500));
        CaptureLink link = CaptureLink.wrap(driver, writer, clock);
        Keeper up = new Keeper();
        link.start(up, () -> { });
        driver.arrive(pool.copyOf(IPV4_UDP));
        link.poll(clock.nanoTime(), 1);
        releaseAll(up.frames);
        CaptureRecord r = records().get(0);
        assertEquals(LinkType.RAW, r.linkType());
        assertEquals(Octets.of(IPV4_UDP), r.data());
        assertEquals(LinkType.RAW, CaptureLink.linkType(org.jwsk.link.Medium.IP));
        assertEquals(LinkType.ETHERNET, CaptureLink.linkType(org.jwsk.link.Medium.ETHERNET));
    }

    @Test
    void severalLinks_shareOneWriter_oneInterfaceEach() throws IOException {
        StubDriver a = new StubDriver("wire0.a", LinkCaps.ethernet(1500));
        StubDriver b = new StubDriver("wire0.b", LinkCaps.ethernet(1500));
        StubDriver tun = new StubDriver("tun0", LinkCaps.ip(9000));
        CaptureLink la = CaptureLink.wrap(a, writer, clock);
        CaptureLink lb = CaptureLink.wrap(b, writer, clock);
        CaptureLink lt = CaptureLink.wrap(tun, writer, clock, 64);
        assertEquals(List.of(0, 1, 2), List.of(la.interfaceId(), lb.interfaceId(), lt.interfaceId()));
        Keeper upA = new Keeper();
        Keeper upB = new Keeper();
        Keeper upT = new Keeper();
        la.start(upA, () -> { });
        lb.start(upB, () -> { });
        lt.start(upT, () -> { });

        // A sends a request; the "wire" carries it to B; B answers; the reply crosses back; the tun link gets IP.
        la.send(pool.copyOf(ARP), clock.nanoTime());
        clock.advanceNanos(1_000);
        b.arrive(a.sent.removeFirst());
        lb.poll(clock.nanoTime(), 4);
        clock.advanceNanos(1_000);
        lb.send(pool.copyOf(ARP_REPLY), clock.nanoTime());
        clock.advanceNanos(1_000);
        a.arrive(b.sent.removeFirst());
        la.poll(clock.nanoTime(), 4);
        clock.advanceNanos(1_000);
        tun.arrive(pool.copyOf(IPV4_UDP));
        lt.poll(clock.nanoTime(), 4);
        releaseAll(upA.frames);
        releaseAll(upB.frames);
        releaseAll(upT.frames);

        writer.close();
        try (PcapngReader r = PcapngReader.open(Channels.newChannel(new ByteArrayInputStream(file.toByteArray())))) {
            List<CaptureRecord> records = new ArrayList<>();
            r.forEachRecord(records::add);
            assertEquals(List.of(
                    new PcapngInterface(LinkType.ETHERNET, CaptureLink.DEFAULT_SNAPLEN, "wire0.a", 9, 0),
                    new PcapngInterface(LinkType.ETHERNET, CaptureLink.DEFAULT_SNAPLEN, "wire0.b", 9, 0),
                    new PcapngInterface(LinkType.RAW, 64, "tun0", 9, 0)), r.interfaces());
            long t0 = ManualClock.DEFAULT_EPOCH.toEpochMilli() * 1_000_000L;
            assertEquals(List.of(
                    new CaptureRecord(0, 1, t0, 42, Direction.OUTBOUND, Octets.of(ARP)),
                    new CaptureRecord(1, 1, t0 + 1_000, 42, Direction.INBOUND, Octets.of(ARP)),
                    new CaptureRecord(1, 1, t0 + 2_000, 42, Direction.OUTBOUND, Octets.of(ARP_REPLY)),
                    new CaptureRecord(0, 1, t0 + 3_000, 42, Direction.INBOUND, Octets.of(ARP_REPLY)),
                    new CaptureRecord(2, 101, t0 + 4_000, 38, Direction.INBOUND,
                            Octets.of(IPV4_UDP))), records);
        }
    }

    @Test
    void delegatesEverythingElse_andLeavesTheWriterOpen() throws IOException {
        StubDriver driver = new StubDriver("eth0", LinkCaps.ethernet(1500));
        CaptureLink link = CaptureLink.wrap(driver, writer, clock);
        Keeper up = new Keeper();
        link.start(up, () -> { });
        assertEquals("eth0", link.name());
        assertSame(driver.caps(), link.caps());
        assertSame(driver, link.inner());
        assertSame(driver.counters(), link.counters());
        assertEquals(12_345L, link.nextDeadline());
        assertEquals(OptionalInt.of(7), link.readableFd());
        driver.linkState(false, 5);
        driver.linkState(true, 6);
        assertEquals(List.of(false, true), up.states);
        driver.arrive(pool.copyOf(ARP));
        link.stop();
        assertTrue(driver.stopped);
        link.close();
        assertTrue(driver.closed);
        writer.addInterface("still-open", LinkType.ETHERNET, 100);
        assertEquals(List.of(), records());
    }

    @Test
    void failedCapture_neverDisturbsTheLink() throws IOException {
        StubDriver driver = new StubDriver("eth0", LinkCaps.ethernet(1500));
        CaptureLink link = CaptureLink.wrap(driver, writer, clock);
        Keeper up = new Keeper();
        link.start(up, () -> { });
        link.send(pool.copyOf(ARP), clock.nanoTime());
        writer.close(); // someone closed the shared file early
        assertTrue(link.send(pool.copyOf(ARP_REPLY), clock.nanoTime()));
        driver.arrive(pool.copyOf(ARP));
        assertEquals(1, link.poll(clock.nanoTime(), 1));
        assertEquals(2, driver.sent.size());
        assertEquals(1, up.frames.size());
        assertEquals(1, link.framesCaptured());
        assertInstanceOf(ClosedChannelException.class, link.captureFailure().orElseThrow());
        releaseAll(up.frames);
        releaseAll(driver.sent);
        assertEquals(1, records().size());
    }

    @Test
    void wrappingNeedsAnOpenWriter() throws IOException {
        writer.close();
        StubDriver driver = new StubDriver("eth0", LinkCaps.ethernet(1500));
        org.junit.jupiter.api.Assertions.assertThrows(ClosedChannelException.class,
                () -> CaptureLink.wrap(driver, writer, clock));
    }
}
