package org.jwsk.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.transport.udp.UdpHosts.A4;
import static org.jwsk.transport.udp.UdpHosts.A6;
import static org.jwsk.transport.udp.UdpHosts.B4;
import static org.jwsk.transport.udp.UdpHosts.B6;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.List;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.net.IcmpErrorReport;
import org.jwsk.net.testing.Datagrams;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpError;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.UdpStatus;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Path MTU errors on a connected endpoint (RFC 1191, RFC 8201): a router's fragmentation-needed or packet-too-big,
 * crafted here, reaches the endpoint; with don't-fragment it becomes a pending error and larger datagrams are
 * refused; without, the stack fragments them.
 */
class UdpPathMtuTest {

    private final UdpHosts h = new UdpHosts(1191);

    @AfterEach
    void close() {
        UdpHosts.assertMibInvariant(h.ua);
        UdpHosts.assertMibInvariant(h.ub);
        h.close();
    }

    /** An ICMP(v6) packet-too-big from b about {@code quoted} (the start of a packet a sent), on the wire to a. */
    private void tooBig(int family, byte[] quoted, int mtu) {
        byte[] m = new byte[8 + quoted.length];
        m[0] = (byte) (family == 4 ? 3 : 2);
        m[1] = (byte) (family == 4 ? 4 : 0); // fragmentation needed and DF set (RFC 1191 §4); code 0 (RFC 4443 §3.2)
        m[6] = (byte) (mtu >>> 8);
        m[7] = (byte) mtu;
        System.arraycopy(quoted, 0, m, 8, quoted.length);
        int pseudo = family == 4 ? 0 : InternetChecksum.pseudoHeaderV6(((Ipv6Address) B6).hi(),
                ((Ipv6Address) B6).lo(), ((Ipv6Address) A6).hi(), ((Ipv6Address) A6).lo(), IpProtocol.ICMPV6,
                m.length);
        int c = InternetChecksum.compute(pseudo, MemorySegment.ofArray(m), 0, m.length);
        m[2] = (byte) (c >>> 8);
        m[3] = (byte) c;
        byte[] ip = family == 4
                ? Datagrams.ipv4(new Ipv4Repr((Ipv4Address) B4, (Ipv4Address) A4, IpProtocol.ICMP, 64, m.length), m)
                : Datagrams.ipv6((Ipv6Address) B6, (Ipv6Address) A6, 0, List.of(), IpProtocol.ICMPV6, m);
        h.logB.inject(h.b.pool(), Datagrams.ethernet(UdpHosts.MAC_A, UdpHosts.MAC_B,
                family == 4 ? EtherType.IPV4 : EtherType.IPV6, ip), h.now());
        h.settle();
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 6})
    void packetTooBig_reachesTheConnectedEndpoint_dontFragmentMakesItPending(int family) {
        String server = family == 4 ? "192.0.2.2:9" : "[2001:db8::2]:9";
        int mtu = family == 4 ? 1000 : 1300;
        int big = family == 4 ? 1200 : 1400;
        UdpEndpoint b = h.bound(h.ub, server, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        UdpHosts.Recorder r = new UdpHosts.Recorder();
        UdpEndpoint a = h.ua.open(h.a.defaultCompartment(), family, UdpOptions.DEFAULTS, r);
        a.connect(IpEndpoint.parse(server), h.now());
        a.send(MemorySegment.ofArray(new byte[100]), h.now());
        h.settle();
        byte[] frame = UdpGroupSimTest.udpFramesRaw(h.logA).getFirst();
        tooBig(family, Arrays.copyOfRange(frame, 14, 14 + (family == 4 ? 20 : 40) + 8 + 20), mtu);
        assertEquals(1, r.errors.size());
        UdpError e = r.errors.getFirst();
        assertEquals(IcmpErrorReport.Kind.PACKET_TOO_BIG, e.kind());
        assertEquals(mtu, e.info());
        assertFalse(e.pending(), "the stack fragments: nothing for the endpoint to fail");
        assertEquals(UdpStatus.OK, a.send(MemorySegment.ofArray(new byte[big]), h.now()), "fragmented");
        h.settle();
        assertEquals(big, drainLengths(b).getLast());

        a.setOptions(a.options().withDontFragment(true), h.now());
        assertEquals(UdpStatus.MESSAGE_TOO_BIG, a.send(MemorySegment.ofArray(new byte[big]), h.now()),
                "IP_PMTUDISC_DO / IPV6_DONTFRAG: larger than the path MTU");
        assertEquals(UdpStatus.OK, a.send(MemorySegment.ofArray(new byte[100]), h.now()));
        h.settle();
        tooBig(family, Arrays.copyOfRange(frame, 14, 14 + (family == 4 ? 20 : 40) + 8), mtu);
        assertTrue(r.errors.getLast().pending(), "with don't-fragment a packet-too-big is a hard error (Linux)");
        assertEquals(UdpStatus.MESSAGE_TOO_BIG, a.send(MemorySegment.ofArray(new byte[10]), h.now()), "EMSGSIZE");
        assertEquals(UdpStatus.OK, a.takeError());
    }

    private static List<Integer> drainLengths(UdpEndpoint e) {
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        for (int n = e.nextLength(); n >= 0; n = e.nextLength()) {
            out.add(n);
            e.receiveBuf(0).release();
        }
        return out;
    }
}
