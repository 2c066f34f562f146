package org.jwsk.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.transport.udp.UdpHosts.A4;
import static org.jwsk.transport.udp.UdpHosts.A6;
import static org.jwsk.transport.udp.UdpHosts.B4;
import static org.jwsk.transport.udp.UdpHosts.B6;
import static org.jwsk.transport.udp.UdpHosts.counter;
import static org.jwsk.transport.udp.UdpHosts.drain;
import static org.jwsk.transport.udp.UdpHosts.text;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.net.testing.Datagrams;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpCounter;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpEndpointInfo;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.UdpStatus;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.udp.UdpRepr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The receive rules, with datagrams crafted byte by byte and put on the wire from b's side: checksums (RFC 768,
 * RFC 8200 §8.1), lengths, the receive buffer; and what a sender puts in the checksum field.
 */
class UdpReceiveRulesTest {

    private final UdpHosts h = new UdpHosts(8200);

    @AfterEach
    void close() {
        UdpHosts.assertMibInvariant(h.ua);
        UdpHosts.assertMibInvariant(h.ub);
        h.close();
    }

    /** A UDP datagram (header and data) from B to A with the checksum computed, then {@code checksum} if >= 0. */
    private static byte[] udp(IpAddress src, IpAddress dst, int srcPort, int dstPort, String data, int checksum) {
        byte[] d = data.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        UdpRepr r = new UdpRepr(srcPort, dstPort, d.length);
        byte[] out = new byte[r.bufferLength()];
        MemorySegment seg = MemorySegment.ofArray(out);
        MemorySegment.copy(d, 0, seg, ValueLayout.JAVA_BYTE, 8, d.length);
        int pseudo = src instanceof Ipv4Address s4
                ? InternetChecksum.pseudoHeaderV4(s4.value(), ((Ipv4Address) dst).value(), IpProtocol.UDP, out.length)
                : InternetChecksum.pseudoHeaderV6(((Ipv6Address) src).hi(), ((Ipv6Address) src).lo(),
                        ((Ipv6Address) dst).hi(), ((Ipv6Address) dst).lo(), IpProtocol.UDP, out.length);
        r.emit(seg, 0, ChecksumPolicy.COMPUTE, pseudo);
        if (checksum >= 0) {
            seg.set(ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN), 6, (short) checksum);
        }
        return out;
    }

    /** Puts {@code udp} in an IP packet from b to a on the wire. */
    private void inject(IpAddress src, IpAddress dst, byte[] udp) {
        byte[] ip = src instanceof Ipv4Address s4
                ? Datagrams.ipv4(new Ipv4Repr(s4, (Ipv4Address) dst, IpProtocol.UDP, 64, udp.length), udp)
                : Datagrams.ipv6((Ipv6Address) src, (Ipv6Address) dst, 0, List.of(), IpProtocol.UDP, udp);
        h.logB.inject(h.b.pool(), Datagrams.ethernet(UdpHosts.MAC_A, UdpHosts.MAC_B,
                src.version() == 4 ? EtherType.IPV4 : EtherType.IPV6, ip), h.now());
        h.settle();
    }

    @Test
    void zeroChecksum_overIpv4_meansNone_andIsAccepted() {
        UdpEndpoint e = h.bound(h.ua, "0.0.0.0:53", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        inject(B4, A4, udp(B4, A4, 1000, 53, "no checksum", 0));
        assertEquals(List.of("no checksum"), drain(e), "RFC 768: zero means the sender computed none");
    }

    @Test
    void zeroChecksum_overIpv6_isDroppedAndCounted() {
        UdpEndpoint e = h.bound(h.ua, "[::]:53", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        inject(B6, A6, udp(B6, A6, 1000, 53, "no checksum", 0));
        assertTrue(drain(e).isEmpty(), "RFC 8200 §8.1: mandatory over IPv6 (RFC 6936 exceptions unsupported)");
        assertEquals(1, counter(h.ua, UdpCounter.IN_CSUM_ERRORS));
        assertEquals(1, counter(h.ua, UdpCounter.IN_ERRORS));
    }

    @Test
    void badChecksum_eitherFamily_isDroppedAndCounted_goodOnesPass() {
        UdpEndpoint e4 = h.bound(h.ua, "0.0.0.0:53", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpEndpoint e6 = h.bound(h.ua, "[::]:53", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        inject(B4, A4, udp(B4, A4, 1000, 53, "bad", 0x1234));
        inject(B6, A6, udp(B6, A6, 1000, 53, "bad", 0x1234));
        inject(B4, A4, udp(B4, A4, 1000, 53, "good", -1));
        inject(B6, A6, udp(B6, A6, 1000, 53, "good", -1));
        assertEquals(List.of("good"), drain(e4));
        assertEquals(List.of("good"), drain(e6));
        assertEquals(2, counter(h.ua, UdpCounter.IN_CSUM_ERRORS));
        assertEquals(2, counter(h.ua, UdpCounter.IN_ERRORS));
        assertEquals(2, counter(h.ua, UdpCounter.IN_DATAGRAMS));
    }

    @Test
    void badLengths_areHeaderErrors() {
        h.bound(h.ua, "0.0.0.0:53", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        byte[] d = udp(B4, A4, 1000, 53, "abcd", 0);
        d[5] = (byte) (d.length + 1); // the length field beyond the IP payload
        inject(B4, A4, d);
        byte[] shortLength = udp(B4, A4, 1000, 53, "abcd", 0);
        shortLength[5] = 7; // below the header
        inject(B4, A4, shortLength);
        inject(B4, A4, new byte[] {0, 1, 0, 53, 0, 8}); // shorter than a header
        assertEquals(3, counter(h.ua, UdpCounter.IN_HDR_ERRORS));
        assertEquals(3, counter(h.ua, UdpCounter.IN_ERRORS));
    }

    @Test
    void bytesAfterTheLengthField_areIgnored() {
        UdpEndpoint e = h.bound(h.ua, "0.0.0.0:53", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        byte[] d = udp(B4, A4, 1000, 53, "abcdXYZ", 0);
        d[5] = 12; // header and "abcd"; "XYZ" is padding, as Linux trims it
        inject(B4, A4, d);
        assertEquals(List.of("abcd"), drain(e));
    }

    @Test
    void computedZeroChecksum_isSentAsAllOnes() {
        UdpEndpoint rx = h.bound(h.ub, "192.0.2.2:4000", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpEndpoint tx = h.bound(h.ua, "192.0.2.1:3000", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        byte[] data = "make the sum 0xffff..".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        data = java.util.Arrays.copyOf(data, 24); // even, the last word zero for now
        byte[] header = {0x0b, (byte) 0xb8, 0x0f, (byte) 0xa0, 0, 32, 0, 0};
        int sum = InternetChecksum.add(InternetChecksum.pseudoHeaderV4(((Ipv4Address) A4).value(),
                ((Ipv4Address) B4).value(), IpProtocol.UDP, 32), InternetChecksum.add(
                InternetChecksum.sum(MemorySegment.ofArray(header), 0, 8),
                InternetChecksum.sum(MemorySegment.ofArray(data), 0, 24)));
        int fill = InternetChecksum.finish(sum);
        data[22] = (byte) (fill >>> 8);
        data[23] = (byte) fill; // now the whole sum is 0xffff: the checksum computes to 0
        tx.send(IpEndpoint.parse("192.0.2.2:4000"), MemorySegment.ofArray(data), h.now());
        h.settle();
        byte[] frame = UdpGroupSimTest.udpFramesRaw(h.logA).getFirst();
        assertEquals(0xffff, (frame[14 + 20 + 6] & 0xff) << 8 | (frame[14 + 20 + 7] & 0xff), "RFC 768: 0 as 0xffff");
        assertEquals(1, rx.pending(), "and it verifies");
    }

    @Test
    void fullReceiveBuffer_dropsAndCounts_readingMakesRoom() {
        UdpEndpoint rx = h.bound(h.ub, "192.0.2.2:4000", UdpOptions.DEFAULTS.withReceiveBuffer(8192),
                new UdpHosts.Recorder());
        UdpEndpoint tx = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        for (int i = 0; i < 10; i++) {
            assertEquals(UdpStatus.OK, tx.send(IpEndpoint.parse("192.0.2.2:4000"), text("d" + i), h.now()));
        }
        h.settle();
        long dropped = counter(h.ub, UdpCounter.RCVBUF_ERRORS);
        assertTrue(dropped >= 1 && rx.pending() >= 1, "some queued, some dropped: " + rx.pending() + "/" + dropped);
        assertEquals(10, rx.pending() + dropped);
        assertEquals(dropped, counter(h.ub, UdpCounter.IN_ERRORS), "RcvbufErrors are udpInErrors too");
        UdpEndpointInfo info = h.ub.endpoints().getFirst();
        assertEquals(dropped, info.drops());
        assertTrue(info.queuedBytes() <= 8192, "charged " + info.queuedBytes());
        assertEquals(rx.pending(), drain(rx).size());
        tx.send(IpEndpoint.parse("192.0.2.2:4000"), text("room again"), h.now());
        h.settle();
        assertEquals(List.of("room again"), drain(rx));
    }

    @Test
    void loopback_andOwnAddress_comeBackOnTheLoopbackInterface() {
        UdpEndpoint rx = h.bound(h.ua, "0.0.0.0:4000", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpEndpoint tx = h.ua.open(h.a.defaultCompartment(), 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        tx.send(IpEndpoint.parse("127.0.0.1:4000"), text("lo"), h.now());
        tx.send(IpEndpoint.parse("192.0.2.1:4000"), text("self"), h.now());
        h.settle();
        var m = rx.receive(MemorySegment.ofArray(new byte[16]), h.now());
        assertEquals(IpAddress.parse("127.0.0.1"), m.source().address());
        assertEquals(h.a.interfaceNamed("lo"), m.ingress());
        assertEquals(new IpEndpoint(A4, 4000), rx.receive(MemorySegment.ofArray(new byte[16]), h.now()).destination());
    }
}
