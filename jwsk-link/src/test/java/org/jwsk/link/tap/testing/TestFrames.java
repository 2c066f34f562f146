package org.jwsk.link.tap.testing;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.ethernet.EthernetRepr;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;

/**
 * Hand-built frames for link tests, until the wire formats above Ethernet exist: IPv4 (RFC 791 §3.1), IPv6
 * (RFC 8200 §3), UDP (RFC 768) with its checksum over the pseudo-header, and ARP for IPv4 over Ethernet (RFC 826).
 * The Ethernet header comes from {@link EthernetRepr}.
 */
public final class TestFrames {

    /** EtherType of IPv4. */
    public static final int ETHERTYPE_IPV4 = 0x0800;
    /** EtherType of ARP. */
    public static final int ETHERTYPE_ARP = 0x0806;
    /** IP protocol number of UDP. */
    public static final int PROTO_UDP = 17;
    /** ARP operation: request. */
    public static final int ARP_REQUEST = 1;
    /** ARP operation: reply. */
    public static final int ARP_REPLY = 2;

    private TestFrames() {
    }

    /** An Ethernet II frame: the header written by {@link EthernetRepr#emit}, then {@code payload}. */
    public static byte[] ethernet(MacAddress dst, MacAddress src, int etherType, byte[] payload) {
        EthernetRepr repr = new EthernetRepr(dst, src, etherType);
        byte[] frame = new byte[repr.headerLength() + payload.length];
        repr.emit(MemorySegment.ofArray(frame), 0);
        System.arraycopy(payload, 0, frame, repr.headerLength(), payload.length);
        return frame;
    }

    /** An ARP packet for IPv4 over Ethernet (RFC 826): htype 1, ptype 0x0800, hlen 6, plen 4. */
    public static byte[] arp(int op, MacAddress sha, Ipv4Address spa, MacAddress tha, Ipv4Address tpa) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) ETHERTYPE_IPV4).put((byte) 6).put((byte) 4).putShort((short) op);
        putMac(b, sha);
        b.putInt(spa.value());
        putMac(b, tha);
        b.putInt(tpa.value());
        return b.array();
    }

    /** An IPv4 packet (no options, DF, TTL 64) carrying a UDP datagram, both checksums computed. */
    public static byte[] ipv4Udp(Ipv4Address src, Ipv4Address dst, int srcPort, int dstPort, byte[] payload) {
        byte[] udp = udp(srcPort, dstPort, payload,
                InternetChecksum.pseudoHeaderV4(src.value(), dst.value(), PROTO_UDP, 8 + payload.length));
        ByteBuffer b = ByteBuffer.allocate(20 + udp.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udp.length));
        b.putShort((short) 0x1234).putShort((short) 0x4000);
        b.put((byte) 64).put((byte) PROTO_UDP).putShort((short) 0);
        b.putInt(src.value()).putInt(dst.value());
        byte[] packet = b.put(udp).array();
        int checksum = InternetChecksum.compute(0, MemorySegment.ofArray(packet), 0, 20);
        packet[10] = (byte) (checksum >>> 8);
        packet[11] = (byte) checksum;
        return packet;
    }

    /** An IPv6 packet (hop limit 64, no extension headers) carrying a UDP datagram with its checksum. */
    public static byte[] ipv6Udp(Ipv6Address src, Ipv6Address dst, int srcPort, int dstPort, byte[] payload) {
        int udpLength = 8 + payload.length;
        byte[] udp = udp(srcPort, dstPort, payload,
                InternetChecksum.pseudoHeaderV6(src.hi(), src.lo(), dst.hi(), dst.lo(), PROTO_UDP, udpLength));
        ByteBuffer b = ByteBuffer.allocate(40 + udp.length);
        b.putInt(0x6000_0000).putShort((short) udpLength).put((byte) PROTO_UDP).put((byte) 64);
        b.putLong(src.hi()).putLong(src.lo()).putLong(dst.hi()).putLong(dst.lo());
        return b.put(udp).array();
    }

    private static byte[] udp(int srcPort, int dstPort, byte[] payload, int pseudoHeaderSum) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0);
        byte[] udp = b.put(payload).array();
        int checksum = InternetChecksum.compute(pseudoHeaderSum, MemorySegment.ofArray(udp), 0, udp.length);
        if (checksum == 0) {
            checksum = 0xffff; // RFC 768: a computed zero is sent as all ones
        }
        udp[6] = (byte) (checksum >>> 8);
        udp[7] = (byte) checksum;
        return udp;
    }

    /** A new pool buffer holding a copy of {@code frame}; the caller owns it. */
    public static PacketBuf toBuf(BufPool pool, byte[] frame) {
        return pool.copyOf(frame);
    }

    /** The big-endian 16-bit value at {@code off}. */
    public static int u16(byte[] b, int off) {
        return (b[off] & 0xff) << 8 | (b[off + 1] & 0xff);
    }

    /** Whether {@code frame} is an Ethernet frame of this EtherType (untagged). */
    public static boolean isEtherType(byte[] frame, int etherType) {
        return frame.length >= 14 && u16(frame, 12) == etherType;
    }

    /** Whether an IPv4 packet at {@code off} of {@code b} carries UDP to {@code dstPort}. */
    public static boolean isIpv4UdpTo(byte[] b, int off, int dstPort) {
        if (b.length < off + 28 || (b[off] & 0xff) != 0x45 || (b[off + 9] & 0xff) != PROTO_UDP) {
            return false;
        }
        return u16(b, off + 22) == dstPort;
    }

    /** Whether an IPv6 packet at {@code off} of {@code b} carries UDP (no extension headers) to {@code dstPort}. */
    public static boolean isIpv6UdpTo(byte[] b, int off, int dstPort) {
        if (b.length < off + 48 || (b[off] & 0xf0) != 0x60 || (b[off + 6] & 0xff) != PROTO_UDP) {
            return false;
        }
        return u16(b, off + 42) == dstPort;
    }

    private static void putMac(ByteBuffer b, MacAddress mac) {
        long v = mac.value();
        b.putShort((short) (v >>> 32)).putInt((int) v);
    }
}
