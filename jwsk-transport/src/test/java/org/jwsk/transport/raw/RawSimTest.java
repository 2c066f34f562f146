package org.jwsk.transport.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.transport.udp.UdpHosts.A4;
import static org.jwsk.transport.udp.UdpHosts.A6;
import static org.jwsk.transport.udp.UdpHosts.B4;
import static org.jwsk.transport.udp.UdpHosts.B6;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.net.SendStatus;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.RawCounter;
import org.jwsk.transport.RawEndpoint;
import org.jwsk.transport.RawIcmpv6Filter;
import org.jwsk.transport.RawMessage;
import org.jwsk.transport.RawOptions;
import org.jwsk.transport.RawPacket;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.internal.raw.RawProtocol;
import org.jwsk.transport.udp.UdpHosts;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Raw IP between two stacks: ping over raw sockets in both families, filters, included headers, checksums. */
class RawSimTest {

    private static final int EXPERIMENT = 253; // RFC 3692
    private final UdpHosts h = new UdpHosts(3542);
    private final RawProtocol ra = RawProtocol.install(h.a);
    private final RawProtocol rb = RawProtocol.install(h.b);

    @AfterEach
    void close() {
        ra.close(h.now());
        rb.close(h.now());
        h.close();
    }

    /** Counts readable events and keeps nothing else. */
    static final class Events implements org.jwsk.transport.RawHandler {
        int readable;

        @Override
        public void onReadable(RawEndpoint endpoint, long now) {
            readable++;
        }
    }

    /** An ICMP echo request (IPv4: checksum computed here, as a raw socket's user must; IPv6: left 0). */
    private static byte[] echoRequest(int type, int id, int seq, byte[] data, boolean checksum) {
        byte[] m = new byte[8 + data.length];
        m[0] = (byte) type;
        m[4] = (byte) (id >>> 8);
        m[5] = (byte) id;
        m[6] = (byte) (seq >>> 8);
        m[7] = (byte) seq;
        System.arraycopy(data, 0, m, 8, data.length);
        if (checksum) {
            int c = InternetChecksum.compute(0, MemorySegment.ofArray(m), 0, m.length);
            m[2] = (byte) (c >>> 8);
            m[3] = (byte) c;
        }
        return m;
    }

    private static byte[] bytes(RawEndpoint e) {
        RawPacket p = e.receiveBuf(0);
        byte[] b = p.data().toByteArray();
        p.release();
        return b;
    }

    @Test
    void ping_overRawIcmpV4_betweenTwoStacks() {
        Events ev = new Events();
        RawEndpoint ping = ra.open(h.a.defaultCompartment(), 4, IpProtocol.ICMP, RawOptions.DEFAULTS, ev);
        byte[] data = "jwsk raw ping".getBytes();
        for (int seq = 1; seq <= 3; seq++) {
            assertTrue(ping.send(B4, MemorySegment.ofArray(echoRequest(8, 0x4a57, seq, data, true)), h.now())
                    .isOk());
            h.settle();
        }
        assertEquals(3, ev.readable);
        for (int seq = 1; seq <= 3; seq++) {
            MemorySegment buf = MemorySegment.ofArray(new byte[1500]);
            RawMessage m = ping.receive(buf, h.now());
            assertEquals(B4, m.source());
            assertEquals(A4, m.destination());
            assertEquals(h.ia, m.ingress());
            byte[] got = buf.asSlice(0, m.length()).toArray(ValueLayout.JAVA_BYTE);
            assertEquals(0x45, got[0] & 0xff, "IPv4 raw sockets get the IP header (Linux)");
            assertEquals(IpProtocol.ICMP, got[9]);
            assertEquals(0, got[20], "an echo reply");
            assertEquals(0x4a57, (got[24] & 0xff) << 8 | (got[25] & 0xff));
            assertEquals(seq, (got[26] & 0xff) << 8 | (got[27] & 0xff));
            assertArrayEquals(data, Arrays.copyOfRange(got, 28, got.length));
            assertTrue(InternetChecksum.isValid(InternetChecksum.sum(MemorySegment.ofArray(got), 20, got.length - 20)));
        }
        assertEquals(3, ra.counters().get(RawCounter.IN_DELIVERS));
    }

    @Test
    void ping_overRawIcmpV6_stackComputesTheChecksum_filterPassesOnlyReplies() {
        RawEndpoint ping = ra.open(h.a.defaultCompartment(), 6, IpProtocol.ICMPV6,
                RawOptions.DEFAULTS.withIcmpv6Filter(RawIcmpv6Filter.passing(Icmpv6Type.ECHO_REPLY)), new Events());
        RawEndpoint watcher = rb.open(h.b.defaultCompartment(), 6, IpProtocol.ICMPV6,
                RawOptions.DEFAULTS.withIcmpv6Filter(RawIcmpv6Filter.passing(Icmpv6Type.ECHO_REQUEST)), new Events());
        byte[] data = "six".getBytes();
        assertTrue(ping.send(B6, MemorySegment.ofArray(echoRequest(Icmpv6Type.ECHO_REQUEST, 7, 1, data, false)),
                h.now()).isOk());
        h.settle();
        assertEquals(1, ping.pending(), "only the reply: neighbour discovery and others are filtered out");
        RawMessage m = ping.receive(MemorySegment.ofArray(new byte[100]), h.now());
        assertEquals(B6, m.source());
        assertEquals(8 + data.length, m.packetLength(), "IPv6 raw sockets get the message only (RFC 3542 §3)");
        byte[] request = bytes(watcher);
        assertEquals(Icmpv6Type.ECHO_REQUEST, request[0] & 0xff);
        assertTrue(InternetChecksum.isValid(InternetChecksum.add(InternetChecksum.pseudoHeaderV6(
                ((org.jwsk.wire.addr.Ipv6Address) A6).hi(), ((org.jwsk.wire.addr.Ipv6Address) A6).lo(),
                ((org.jwsk.wire.addr.Ipv6Address) B6).hi(), ((org.jwsk.wire.addr.Ipv6Address) B6).lo(),
                IpProtocol.ICMPV6, request.length), InternetChecksum.sum(MemorySegment.ofArray(request), 0,
                request.length))), "RFC 3542 §3.1: the kernel computes ICMPv6 checksums");
        assertNull(watcher.receiveBuf(h.now()));
    }

    @Test
    void protocolWithoutAHandler_rawEndpointTakesIt_noProtocolUnreachable() {
        RawEndpoint server = rb.open(h.b.defaultCompartment(), 4, EXPERIMENT, RawOptions.DEFAULTS, new Events());
        RawEndpoint client = ra.open(h.a.defaultCompartment(), 4, EXPERIMENT, RawOptions.DEFAULTS, new Events());
        RawEndpoint icmp = ra.open(h.a.defaultCompartment(), 4, IpProtocol.ICMP, RawOptions.DEFAULTS, new Events());
        client.send(B4, MemorySegment.ofArray("exp".getBytes()), h.now());
        h.settle();
        byte[] got = bytes(server);
        assertEquals("exp", new String(Arrays.copyOfRange(got, 20, got.length)));
        assertEquals(0, icmp.pending(), "no ICMP protocol unreachable came back");
        server.close(h.now());
        client.send(B4, MemorySegment.ofArray("exp".getBytes()), h.now());
        h.settle();
        byte[] error = bytes(icmp);
        assertEquals(3, error[20], "now destination unreachable");
        assertEquals(2, error[21], "protocol unreachable");
    }

    @Test
    void rawUdpEndpoint_seesDatagramsTheUdpEndpointGetsToo() {
        RawEndpoint sniff = rb.open(h.b.defaultCompartment(), 6, IpProtocol.UDP, RawOptions.DEFAULTS, new Events());
        var udp = h.bound(h.ub, "[2001:db8::2]:5000", UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        var sender = h.ua.open(h.a.defaultCompartment(), 6, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        sender.send(IpEndpoint.parse("[2001:db8::2]:5000"), UdpHosts.text("both"), h.now());
        h.settle();
        assertEquals(List.of("both"), UdpHosts.drain(udp));
        byte[] raw = bytes(sniff);
        assertEquals(8 + 4, raw.length, "the UDP header and data");
        assertEquals(5000, (raw[2] & 0xff) << 8 | (raw[3] & 0xff));
    }

    @Test
    void includedHeader_isCheckedAndSentWithItsTtlAndTos() {
        RawEndpoint rx = rb.open(h.b.defaultCompartment(), 4, EXPERIMENT, RawOptions.DEFAULTS, new Events());
        RawEndpoint tx = ra.open(h.a.defaultCompartment(), 4, EXPERIMENT,
                RawOptions.DEFAULTS.withHeaderIncluded(true), new Events());
        byte[] packet = new byte[24];
        packet[0] = 0x45;
        packet[1] = (byte) 0xb8;
        packet[6] = 0x40; // DF
        packet[8] = 33;
        packet[9] = (byte) EXPERIMENT;
        System.arraycopy(((org.jwsk.wire.addr.Ipv4Address) B4).toBytes(), 0, packet, 16, 4);
        System.arraycopy("hdr!".getBytes(), 0, packet, 20, 4);
        assertTrue(tx.send(B4, MemorySegment.ofArray(packet), h.now()).isOk());
        h.settle();
        RawMessage m = rx.receive(MemorySegment.ofArray(new byte[64]), h.now());
        assertEquals(33, m.hopLimit());
        assertEquals(0xb8, m.trafficClass());
        assertEquals(A4, m.source(), "source 0: the stack's choice");
        byte[] options = packet.clone();
        options[0] = 0x46;
        assertThrows(IllegalArgumentException.class, () -> tx.send(B4, MemorySegment.ofArray(options), h.now()));
        byte[] fragment = packet.clone();
        fragment[6] = 0x20;
        assertThrows(IllegalArgumentException.class, () -> tx.send(B4, MemorySegment.ofArray(fragment), h.now()));
        assertThrows(IllegalArgumentException.class, () -> tx.send(IpAddress.parse("192.0.2.3"),
                MemorySegment.ofArray(packet), h.now()), "the header says another destination");
        assertThrows(IllegalArgumentException.class, () -> rb.open(h.b.defaultCompartment(), 6, EXPERIMENT,
                RawOptions.DEFAULTS.withHeaderIncluded(true), new Events()));
    }

    @Test
    void bindAndConnect_filterWhatIsReceived() {
        RawEndpoint only = rb.open(h.b.defaultCompartment(), 4, EXPERIMENT, RawOptions.DEFAULTS, new Events());
        RawEndpoint all = rb.open(h.b.defaultCompartment(), 4, EXPERIMENT, RawOptions.DEFAULTS, new Events());
        assertFalse(only.bind(A4, h.now()), "not b's address");
        assertTrue(only.bind(IpAddress.parse("239.1.2.3"), h.now()), "a group may be bound (Linux raw_bind)");
        assertTrue(only.bind(IpAddress.parse("127.0.0.1"), h.now()));
        only.connect(IpAddress.parse("127.0.0.1"), h.now());
        RawEndpoint client = ra.open(h.a.defaultCompartment(), 4, EXPERIMENT, RawOptions.DEFAULTS, new Events());
        client.send(B4, MemorySegment.ofArray("x".getBytes()), h.now());
        RawEndpoint self = rb.open(h.b.defaultCompartment(), 4, EXPERIMENT, RawOptions.DEFAULTS, new Events());
        self.send(IpAddress.parse("127.0.0.1"), MemorySegment.ofArray("lo".getBytes()), h.now());
        h.settle();
        assertEquals(1, only.pending(), "only the loopback one");
        assertEquals(2, all.pending());
        assertEquals(IpAddress.parse("127.0.0.1"), only.remoteAddress());
        only.disconnect(h.now());
        assertNull(only.remoteAddress());
    }

    @Test
    void checksummingIpv6Endpoint_dropsBadChecksums_andFillsItsOwn() {
        RawOptions withChecksum = RawOptions.DEFAULTS.withChecksumOffset(2);
        RawEndpoint rx = rb.open(h.b.defaultCompartment(), 6, EXPERIMENT, withChecksum, new Events());
        RawEndpoint plain = rb.open(h.b.defaultCompartment(), 6, EXPERIMENT, RawOptions.DEFAULTS, new Events());
        RawEndpoint good = ra.open(h.a.defaultCompartment(), 6, EXPERIMENT, withChecksum, new Events());
        RawEndpoint bad = ra.open(h.a.defaultCompartment(), 6, EXPERIMENT, RawOptions.DEFAULTS, new Events());
        good.send(B6, MemorySegment.ofArray(new byte[] {1, 2, 0, 0, 5, 6}), h.now());
        bad.send(B6, MemorySegment.ofArray(new byte[] {1, 2, 0x12, 0x34, 5, 6}), h.now());
        h.settle();
        assertEquals(1, rx.pending());
        assertEquals(2, plain.pending(), "an endpoint without a checksum offset takes both");
        assertEquals(1, rb.counters().get(RawCounter.IN_CSUM_ERRORS));
        assertThrows(IllegalArgumentException.class, () -> good.send(B6, MemorySegment.ofArray(new byte[3]),
                h.now()), "the data ends before the checksum");
        assertThrows(IllegalArgumentException.class, () -> ra.open(h.a.defaultCompartment(), 4, EXPERIMENT,
                withChecksum, new Events()));
    }

    @Test
    void fullReceiveBuffer_dropsAndCounts_closeReleasesEverything() {
        RawEndpoint rx = rb.open(h.b.defaultCompartment(), 4, EXPERIMENT,
                RawOptions.DEFAULTS.withReceiveBuffer(4096), new Events());
        RawEndpoint tx = ra.open(h.a.defaultCompartment(), 4, EXPERIMENT, RawOptions.DEFAULTS, new Events());
        List<SendStatus> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sent.add(tx.send(B4, MemorySegment.ofArray(new byte[100]), h.now()));
        }
        h.settle();
        assertTrue(sent.stream().allMatch(SendStatus::isOk));
        long dropped = rb.counters().get(RawCounter.RCVBUF_ERRORS);
        assertTrue(dropped > 0);
        assertEquals(6, rx.pending() + dropped);
        rx.close(h.now());
        h.net.assertAllBuffersReturned();
    }
}
