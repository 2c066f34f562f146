package org.jwsk.wire.ipv6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.testing.WireTesting.bytes;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.poisoned;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6ViewTest {

    /** Frame 21 of captures/linux-veth.pcap: ICMPv6 echo request 2001:db8::1 > 2001:db8::2, flow label 0x5388b. */
    static final byte[] ECHO_REQUEST = Captures.ipv6Packet(21);

    @Test
    void deconstruct_capturedEchoRequest() {
        MemorySegment seg = segment(ECHO_REQUEST);
        assertEquals(DropReason.NONE, Ipv6View.check(seg, 0, ECHO_REQUEST.length));
        Ipv6View v = new Ipv6View().wrap(seg, 0, ECHO_REQUEST.length);
        assertEquals(6, v.version());
        assertEquals(0, v.trafficClass());
        assertEquals(0x5388b, v.flowLabel());
        assertEquals(64, v.payloadLength());
        assertEquals(IpProtocol.ICMPV6, v.nextHeader());
        assertEquals(64, v.hopLimit());
        assertEquals(Ipv6Address.parse("2001:db8::1"), v.src());
        assertEquals(Ipv6Address.parse("2001:db8::2"), v.dst());
        assertFalse(v.isDstMulticast());
        assertEquals(104, v.packetLength());
        assertEquals(40, v.payloadOffset());
        assertEquals(0, v.paddingLength());
        assertEquals(new Ipv6Repr(0, 0x5388b, 64, IpProtocol.ICMPV6, 64, Ipv6Address.parse("2001:db8::1"),
                Ipv6Address.parse("2001:db8::2")), Ipv6Repr.parse(v));
    }

    @Test
    void pseudoHeaderSum_verifiesTheCapturedIcmpv6Checksum() {
        MemorySegment seg = segment(ECHO_REQUEST);
        Ipv6View v = new Ipv6View().wrap(seg, 0, ECHO_REQUEST.length);
        int sum = InternetChecksum.add(v.pseudoHeaderSum(IpProtocol.ICMPV6, 64), InternetChecksum.sum(seg, 40, 64));
        assertTrue(InternetChecksum.isValid(sum));
    }

    /** Every IPv6 frame of the capture passes the check and re-emits byte for byte. */
    @ParameterizedTest
    @MethodSource("org.jwsk.wire.ipv6.Captures#ipv6FrameNumbers")
    void everyCapturedPacket_checksAndReemits(int frame) {
        byte[] packet = Captures.ipv6Packet(frame);
        MemorySegment seg = segment(packet);
        assertEquals(DropReason.NONE, Ipv6View.check(seg, 0, packet.length));
        Ipv6Repr repr = Ipv6Repr.parse(new Ipv6View().wrap(seg, 0, packet.length));
        MemorySegment out = poisoned(40);
        repr.emit(out, 0);
        assertArrayEquals(bytes(seg, 0, 40), bytes(out, 0, 40));
    }

    @Test
    void construct_intoPoisonedBuffer() {
        Ipv6Repr repr = new Ipv6Repr(0, 0x5388b, 64, IpProtocol.ICMPV6, 64, Ipv6Address.parse("2001:db8::1"),
                Ipv6Address.parse("2001:db8::2"));
        MemorySegment out = poisoned(44);
        repr.emit(out, 2);
        assertArrayEquals(bytes(segment(ECHO_REQUEST), 0, 40), bytes(out, 2, 40));
        assertEquals((byte) 0xA5, out.get(ValueLayout.JAVA_BYTE, 42), "nothing written past the header");
    }

    @Test
    void trafficClass_splitsIntoDscpAndEcn() {
        byte[] h = hex("6b91 2345 0000 3b40" + "00".repeat(32));
        Ipv6View v = new Ipv6View().wrap(segment(h), 0, h.length);
        assertEquals(0xb9, v.trafficClass());
        assertEquals(0x2e, v.dscp(), "EF");
        assertEquals(Ipv6Layout.ECN_ECT1, v.ecn());
        assertEquals(0x12345, v.flowLabel());
        v.setTrafficClass(Ipv6Layout.trafficClass(0x2e, Ipv6Layout.ECN_CE));
        assertEquals(Ipv6Layout.ECN_CE, v.ecn());
        assertEquals(0x12345, v.flowLabel(), "marking CE keeps the flow label");
        assertEquals(6, v.version());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8, 39})
    void shorterThanTheHeader_isTruncated(int length) {
        assertEquals(DropReason.IPV6_TRUNCATED, Ipv6View.check(segment(ECHO_REQUEST), 0, length));
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 41, 103})
    void shorterThanThePayloadLength_isTruncated(int length) {
        assertEquals(DropReason.IPV6_TRUNCATED, Ipv6View.check(segment(ECHO_REQUEST), 0, length));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x40, 0x00, 0x70, 0xf0})
    void otherVersions_areRefused(int firstByte) {
        byte[] p = ECHO_REQUEST.clone();
        p[0] = (byte) (firstByte | (p[0] & 0x0f));
        assertEquals(DropReason.IPV6_BAD_VERSION, Ipv6View.check(segment(p), 0, p.length));
    }

    @Test
    void linkPadding_passesAndIsNotPayload() {
        byte[] padded = new byte[ECHO_REQUEST.length + 6];
        System.arraycopy(ECHO_REQUEST, 0, padded, 0, ECHO_REQUEST.length);
        assertEquals(DropReason.NONE, Ipv6View.check(segment(padded), 0, padded.length));
        Ipv6View v = new Ipv6View().wrap(segment(padded), 0, padded.length);
        assertEquals(64, v.payloadLength());
        assertEquals(6, v.paddingLength());
    }

    @Test
    void checkAtAnOffset_readsOnlyItsRange() {
        byte[] shifted = new byte[ECHO_REQUEST.length + 5];
        System.arraycopy(ECHO_REQUEST, 0, shifted, 5, ECHO_REQUEST.length);
        assertEquals(DropReason.NONE, Ipv6View.check(segment(shifted), 5, ECHO_REQUEST.length));
        assertEquals(DropReason.IPV6_TRUNCATED, Ipv6View.check(segment(shifted), 5, ECHO_REQUEST.length - 1));
    }
}
