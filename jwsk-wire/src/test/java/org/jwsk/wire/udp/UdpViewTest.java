package org.jwsk.wire.udp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jwsk.wire.testing.WireTesting.bytes;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.poisoned;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UdpViewTest {

    static final int SRC4 = Ipv4Address.parse("192.0.2.1").value();
    static final int DST4 = Ipv4Address.parse("192.0.2.2").value();
    static final Ipv6Address SRC6 = Ipv6Address.parse("2001:db8::1");
    static final Ipv6Address DST6 = Ipv6Address.parse("2001:db8::2");

    /**
     * Frame 27 of captures/linux-veth.pcap after its IPv4 header: 60317 > 9999, "udp hello\n". The veth sender
     * used checksum offload (CHECKSUM_PARTIAL), so the field holds the pseudo-header sum 0x8427, not the checksum
     * 0x3fb8 (tcpdump -vv and scapy agree on 0x3fb8).
     */
    static final byte[] CAPTURED_V4 = hex("eb9d 270f 0012 8427 7564 7020 6865 6c6c 6f0a");

    /** Frame 29 after its IPv6 header: 43525 > 5353, "udp6 hello\n", again with the partial sum 0x5b99. */
    static final byte[] CAPTURED_V6 = hex("aa05 14e9 0013 5b99 7564 7036 2068 656c 6c6f 0a");

    /** scapy's UDP over IPv6 for the same datagram: the full checksum 0x0386. */
    static final byte[] SCAPY_V6 = hex("aa05 14e9 0013 0386 7564 7036 2068 656c 6c6f 0a");

    /**
     * scapy: {@code IP(src='192.0.2.1', dst='192.0.2.2')/UDP(sport=53, dport=5353)/Raw(b'zero\x79\xdb')}: the
     * data is chosen so that the computed checksum is zero, and scapy sends 0xffff.
     */
    static final byte[] SCAPY_ZERO_SUM = hex("0035 14e9 000e ffff 7a65 726f 79db");

    @Test
    void deconstruct_capturedDatagram() {
        MemorySegment seg = segment(CAPTURED_V4);
        assertEquals(DropReason.NONE, UdpView.check(seg, 0, CAPTURED_V4.length));
        UdpView v = new UdpView().wrap(seg, 0, CAPTURED_V4.length);
        assertEquals(60317, v.srcPort());
        assertEquals(9999, v.dstPort());
        assertEquals(18, v.udpLength());
        assertEquals(0x8427, v.checksum());
        assertEquals(8, v.payloadOffset());
        assertEquals(10, v.payloadLength());
        assertArrayEquals("udp hello\n".getBytes(), bytes(seg, v.payloadOffset(), v.payloadLength()));
        assertEquals(new UdpRepr(60317, 9999, 10), UdpRepr.parse(v));
    }

    @Test
    void capturedPartialChecksum_isThePseudoHeaderSum_andDoesNotVerify() {
        UdpView v = new UdpView().wrap(segment(CAPTURED_V4), 0, CAPTURED_V4.length);
        int pseudo = InternetChecksum.pseudoHeaderV4(SRC4, DST4, IpProtocol.UDP, v.udpLength());
        assertEquals(pseudo, v.checksum(), "Linux CHECKSUM_PARTIAL leaves the folded pseudo-header sum");
        assertEquals(DropReason.UDP_BAD_CHECKSUM, v.verifyChecksum(pseudo, false));
    }

    @Test
    void construct_fillsTheChecksumTcpdumpExpects() {
        MemorySegment out = poisoned(CAPTURED_V4.length + 2);
        MemorySegment.copy(segment(CAPTURED_V4), 8, out, 8, 10);
        int pseudo = InternetChecksum.pseudoHeaderV4(SRC4, DST4, IpProtocol.UDP, 18);
        new UdpRepr(60317, 9999, 10).emit(out, 0, ChecksumPolicy.COMPUTE, pseudo);
        assertArrayEquals(hex("eb9d 270f 0012 3fb8 7564 7020 6865 6c6c 6f0a"), bytes(out, 0, 18));
        assertEquals((byte) 0xA5, out.get(ValueLayout.JAVA_BYTE, 18), "nothing written past the datagram");
        assertEquals(DropReason.NONE, new UdpView().wrap(out, 0, 18).verifyChecksum(pseudo, false));
    }

    @Test
    void ipv6_checksumAgainstScapy() {
        int pseudo = pseudoV6(CAPTURED_V6.length);
        UdpView captured = new UdpView().wrap(segment(CAPTURED_V6), 0, CAPTURED_V6.length);
        assertEquals(pseudo, captured.checksum(), "the same offload artifact over IPv6");
        assertEquals(DropReason.UDP_BAD_CHECKSUM, captured.verifyChecksum(pseudo, true));
        assertEquals(DropReason.NONE, new UdpView().wrap(segment(SCAPY_V6), 0, SCAPY_V6.length).verifyChecksum(pseudo, true));

        MemorySegment out = poisoned(SCAPY_V6.length);
        MemorySegment.copy(segment(SCAPY_V6), 8, out, 8, SCAPY_V6.length - 8);
        new UdpRepr(43525, 5353, 11).emit(out, 0, ChecksumPolicy.COMPUTE, pseudo);
        assertArrayEquals(SCAPY_V6, bytes(out, 0, SCAPY_V6.length));
    }

    @Test
    void computedZero_isSentAsAllOnes() {
        int pseudo = InternetChecksum.pseudoHeaderV4(SRC4, DST4, IpProtocol.UDP, SCAPY_ZERO_SUM.length);
        MemorySegment out = poisoned(SCAPY_ZERO_SUM.length);
        MemorySegment.copy(segment(SCAPY_ZERO_SUM), 8, out, 8, 6);
        new UdpRepr(53, 5353, 6).emit(out, 0, ChecksumPolicy.COMPUTE, pseudo);
        assertArrayEquals(SCAPY_ZERO_SUM, bytes(out, 0, SCAPY_ZERO_SUM.length), "RFC 768: zero is transmitted as all ones");
        assertEquals(DropReason.NONE, new UdpView().wrap(out, 0, 14).verifyChecksum(pseudo, false));
        assertEquals(DropReason.NONE, new UdpView().wrap(out, 0, 14).verifyChecksum(pseudo, true));
    }

    @Test
    void zeroChecksum_meansNoneOverIpv4_butIsAnErrorOverIpv6() {
        byte[] none = hex("eb9d 270f 0012 0000 7564 7020 6865 6c6c 6f0a");
        UdpView v = new UdpView().wrap(segment(none), 0, none.length);
        assertEquals(DropReason.NONE, v.verifyChecksum(12345, false), "RFC 768: no checksum computed");
        assertEquals(DropReason.UDP_ZERO_CHECKSUM_IPV6, v.verifyChecksum(12345, true), "RFC 8200 §8.1");
    }

    @Test
    void offload_storesZero() {
        MemorySegment out = poisoned(12);
        new UdpRepr(1, 2, 4).emit(out, 0, ChecksumPolicy.OFFLOAD, 0x1234);
        assertArrayEquals(hex("0001 0002 000c 0000"), bytes(out, 0, 8));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 7})
    void truncated(int length) {
        assertEquals(DropReason.UDP_TRUNCATED, UdpView.check(segment(CAPTURED_V4), 0, length));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 19, 0xffff})
    void impossibleLengthField(int lengthField) {
        byte[] b = CAPTURED_V4.clone();
        b[4] = (byte) (lengthField >>> 8);
        b[5] = (byte) lengthField;
        assertEquals(DropReason.UDP_BAD_LENGTH, UdpView.check(segment(b), 0, b.length));
    }

    @Test
    void lengthBeyondWhatIsPresent_isBadLength() {
        assertEquals(DropReason.UDP_BAD_LENGTH, UdpView.check(segment(CAPTURED_V4), 0, 17));
    }

    @Test
    void bytesAfterTheLengthField_areNotData() {
        byte[] padded = new byte[CAPTURED_V4.length + 6];
        System.arraycopy(CAPTURED_V4, 0, padded, 0, CAPTURED_V4.length);
        padded[CAPTURED_V4.length] = 0x55;
        MemorySegment seg = segment(padded);
        assertEquals(DropReason.NONE, UdpView.check(seg, 0, padded.length));
        UdpView v = new UdpView().wrap(seg, 0, padded.length);
        assertEquals(10, v.payloadLength());
        assertEquals(24, v.length());
        int pseudo = InternetChecksum.pseudoHeaderV4(SRC4, DST4, IpProtocol.UDP, 18);
        v.fillChecksum(pseudo);
        assertEquals(0x3fb8, v.checksum(), "the checksum covers only the length field's bytes");
        assertEquals(DropReason.NONE, v.verifyChecksum(pseudo, false));
    }

    @Test
    void emptyDatagram_isValid() {
        byte[] header = hex("0007 0007 0008 0000");
        assertEquals(DropReason.NONE, UdpView.check(segment(header), 0, 8));
        assertEquals(new UdpRepr(7, 7, 0), UdpRepr.parse(new UdpView().wrap(segment(header), 0, 8)));
    }

    private static int pseudoV6(int length) {
        return InternetChecksum.pseudoHeaderV6(SRC6.hi(), SRC6.lo(), DST6.hi(), DST6.lo(), IpProtocol.UDP, length);
    }
}
