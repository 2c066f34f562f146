package org.jwsk.wire.icmpv6;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.ipv6.Captures;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6View;
import org.jwsk.wire.testing.WireTesting;

/**
 * ICMPv6 vectors: whole IPv6 packets built by hand with scapy (an independent encoder; each constant names the
 * scapy expression), and the way to find the ICMPv6 message and its pseudo-header sum in a packet.
 */
final class Icmpv6Vectors {

    static final String L1 = "fe80::ff:fe00:1";
    static final String L2 = "fe80::ff:fe00:2";

    /**
     * IPv6(src=L2, dst='ff02::1', hlim=255)/ICMPv6ND_RA(chlim=64, M=1, O=0, routerlifetime=1800, reachabletime=30000,
     * retranstimer=1000)/ICMPv6NDOptSrcLLAddr(lladdr='02:00:00:00:00:02')/ICMPv6NDOptMTU(mtu=1500)
     * /ICMPv6NDOptPrefixInfo(prefixlen=64, L=1, A=1, validlifetime=86400, preferredlifetime=14400, prefix='2001:db8:1::')
     * /ICMPv6NDOptRDNSS(lifetime=600, dns=['2001:db8::53', '2001:db8::54']).
     */
    static final byte[] ROUTER_ADVERTISEMENT = WireTesting.hex("6000000000683afffe80000000000000000000fffe000002"
            + "ff02000000000000000000000000000186003b974088070800007530000003e8010102000000000205010000000005dc0304"
            + "40c000015180000038400000000020010db8000100000000000000000000190500000000025820010db8000000000000000000"
            + "00005320010db8000000000000000000000054");
    /**
     * IPv6(src=L2, dst=L1, hlim=255)/ICMPv6ND_Redirect(tgt='fe80::ff:fe00:3', dst='2001:db8:2::1')
     * /ICMPv6NDOptDstLLAddr(lladdr='02:00:00:00:00:03')/ICMPv6NDOptRedirectedHdr(pkt=first 64 bytes of
     * IPv6(src='2001:db8::1', dst='2001:db8:2::1', hlim=63)/UDP(sport=1234, dport=53)/b'hello, redirected world!').
     */
    static final byte[] REDIRECT = WireTesting.hex("6000000000783afffe80000000000000000000fffe000002fe800000000000"
            + "00000000fffe000001890088ea00000000fe80000000000000000000fffe00000320010db8000200000000000000000001020102"
            + "00000000030409000000000000600000000020113f20010db800000000000000000000000120010db80002000000000000000000"
            + "0104d200350020e00368656c6c6f2c20726564697265637465");
    /** IPv6(src='2001:db8::1', dst='2001:db8:2::1', hlim=64)/UDP(sport=40000, dport=9)/(b'x' * 64): the invoking packet. */
    static final byte[] INVOKING = WireTesting.hex("600000000048114020010db800000000000000000000000120010db80002000"
            + "000000000000000019c4000090048f88f" + "78".repeat(64));
    /** IPv6(src='2001:db8::fe', dst='2001:db8::1', hlim=64)/ICMPv6PacketTooBig(mtu=1280)/INVOKING. */
    static final byte[] PACKET_TOO_BIG = packetWith("6000000000783a4020010db80000000000000000000000fe20010db8"
            + "000000000000000000000001" + "02002aad00000500");
    /** IPv6(src='2001:db8:2::1', dst='2001:db8::1', hlim=64)/ICMPv6DestUnreach(code=4)/INVOKING. */
    static final byte[] PORT_UNREACHABLE = packetWith("6000000000783a4020010db8000200000000000000000001"
            + "20010db8000000000000000000000001" + "010431a400000000");
    /** IPv6(src='2001:db8::fe', dst='2001:db8::1', hlim=64)/ICMPv6TimeExceeded(code=0)/INVOKING. */
    static final byte[] TIME_EXCEEDED = packetWith("6000000000783a4020010db80000000000000000000000fe20010db8"
            + "000000000000000000000001" + "03002ead00000000");
    /** IPv6(src='2001:db8:2::1', dst='2001:db8::1', hlim=64)/ICMPv6ParamProblem(code=1, ptr=6)/INVOKING. */
    static final byte[] PARAMETER_PROBLEM = packetWith("6000000000783a4020010db8000200000000000000000001"
            + "20010db8000000000000000000000001" + "04012ea100000006");
    /** IPv6(src=L2, dst='ff02::1', hlim=1)/IPv6ExtHdrHopByHop(options=[RouterAlert(value=0)])/ICMPv6MLQuery(mrd=10000, mladdr='::'). */
    static final byte[] MLD_V1_QUERY = WireTesting.hex("6000000000200001fe80000000000000000000fffe000002ff0200000000"
            + "000000000000000000013a0005020000010082005a162710000000000000000000000000000000000000");
    /**
     * IPv6(src=L2, dst='ff02::1:ff00:1', hlim=1)/IPv6ExtHdrHopByHop(options=[RouterAlert(value=0)])/ICMPv6MLQuery2(
     * mrd=0x8123, mladdr='ff02::1:ff00:1', S=1, QRV=2, QQIC=125, sources=['2001:db8::7', '2001:db8::8']).
     */
    static final byte[] MLD_V2_QUERY = WireTesting.hex("6000000000440001fe80000000000000000000fffe000002ff0200000000"
            + "000000000001ff0000013a0005020000010082009cd681230000ff0200000000000000000001ff0000010a7d000220010db8000"
            + "00000000000000000000720010db8000000000000000000000008");
    /** IPv6(src=L1, dst='ff02::1:3', hlim=1)/IPv6ExtHdrHopByHop(options=[RouterAlert(value=0)])/ICMPv6MLReport(mladdr='ff02::1:3'). */
    static final byte[] MLD_V1_REPORT = WireTesting.hex("6000000000200001fe80000000000000000000fffe000001ff020000000"
            + "0000000000000000100033a000502000001008300811d00000000ff020000000000000000000000010003");
    /** IPv6(src=L1, dst='ff02::2', hlim=1)/IPv6ExtHdrHopByHop(options=[RouterAlert(value=0)])/ICMPv6MLDone(mladdr='ff02::1:3'). */
    static final byte[] MLD_V1_DONE = WireTesting.hex("6000000000200001fe80000000000000000000fffe000001ff0200000000"
            + "000000000000000000023a000502000001008400801f00000000ff020000000000000000000000010003");
    /**
     * IPv6(src=L1, dst='ff02::16', hlim=1)/IPv6ExtHdrHopByHop(options=[RouterAlert(value=0)])/ICMPv6MLReport2(records=[
     * ICMPv6MLDMultAddrRec(rtype=1, dst='ff05::1:3', sources=['2001:db8::7', '2001:db8::8']),
     * ICMPv6MLDMultAddrRec(rtype=6, dst='ff0e::1234', sources=['2001:db8::9'], auxdata=b'AUXDATA!')]), with one
     * correction: scapy writes the second record's Aux Data Len as 8, a byte count, where RFC 3810 §5.2.6 counts
     * 32-bit words; here it is 2 and the checksum 0xb71b (tshark dissects this one and calls scapy's malformed).
     */
    static final byte[] MLD_V2_REPORT = WireTesting.hex("6000000000700001fe80000000000000000000fffe000001ff0200000000000000000000000000163a00050200000100"
            + "8f00b71b0000000201000002ff05000000000000000000000001000320010db800000000000000000000000720010db8"
            + "00000000000000000000000806020001ff0e000000000000000000000000123420010db8000000000000000000000009"
            + "4155584441544121");
    /** The ICMPv6 part of scapy's own bytes for {@link #MLD_V2_REPORT}, Aux Data Len 8. */
    static final byte[] SCAPY_MLD_V2_REPORT_AUX_IN_BYTES = WireTesting.hex("8f00b7150000000201000002ff050000000000000000"
            + "00000001000320010db800000000000000000000000720010db800000000000000000000000806080001ff0e000000000000000000"
            + "000000123420010db80000000000000000000000094155584441544121");

    private Icmpv6Vectors() {
    }

    private static byte[] packetWith(String headerAndIcmp) {
        byte[] head = WireTesting.hex(headerAndIcmp);
        byte[] all = new byte[head.length + INVOKING.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(INVOKING, 0, all, head.length, INVOKING.length);
        return all;
    }

    /** The ICMPv6 message inside an IPv6 packet, and the pseudo-header sum its checksum covers. */
    record Message(MemorySegment segment, int offset, int length, int pseudoHeaderSum) {

        /** A view of the message, after asserting that it passes the check. */
        Icmpv6View view() {
            assertEquals(DropReason.NONE, Icmpv6View.check(segment, offset, length));
            return new Icmpv6View().wrap(segment, offset, length);
        }

        /** The message bytes. */
        byte[] bytes() {
            return WireTesting.bytes(segment, offset, length);
        }
    }

    /** Walks {@code packet} to its ICMPv6 message, as the network layer does. */
    static Message message(byte[] packet) {
        MemorySegment seg = WireTesting.segment(packet);
        Ipv6HeaderWalker walker = new Ipv6HeaderWalker();
        assertEquals(DropReason.NONE, walker.walk(seg, 0, packet.length));
        assertEquals(IpProtocol.ICMPV6, walker.upperProtocol());
        Ipv6View ip = new Ipv6View().wrap(seg, 0, packet.length);
        return new Message(seg, walker.upperOffset(), walker.upperLength(),
                ip.pseudoHeaderSum(IpProtocol.ICMPV6, walker.upperLength()));
    }

    /** The ICMPv6 message of capture frame {@code number}. */
    static Message captured(int number) {
        return message(Captures.ipv6Packet(number));
    }
}
