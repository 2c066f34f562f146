package org.jwsk.wire.icmpv4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.udp.UdpView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Icmpv4ViewTest {

    /** The 48 bytes of data ping sends after its 16-byte timestamp: 0x10, 0x11, ... 0x37. */
    static final String PING_PATTERN = """
            1011 1213 1415 1617 1819 1a1b 1c1d 1e1f 2021 2223 2425 2627 2829 2a2b 2c2d 2e2f 3031 3233 3435 3637""";

    /** Frame 15 of captures/linux-veth.pcap after its IPv4 header: echo request, id 3586, seq 1. */
    static final byte[] ECHO_REQUEST = hex("0800 2759 0e02 0001 812d 016b 0000 0000 7538 0c00 0000 0000" + PING_PATTERN);
    /** Frame 16: the kernel's reply. */
    static final byte[] ECHO_REPLY = hex("0000 2f59 0e02 0001 812d 016b 0000 0000 7538 0c00 0000 0000" + PING_PATTERN);
    /** Frame 17: seq 2. */
    static final byte[] ECHO_REQUEST_2 = hex("0800 de87 0e02 0002 822d 016b 0000 0000 c908 0000 0000 0000" + PING_PATTERN);
    /** Frame 18: its reply. */
    static final byte[] ECHO_REPLY_2 = hex("0000 e687 0e02 0002 822d 016b 0000 0000 c908 0000 0000 0000" + PING_PATTERN);

    /** Frame 27 after its Ethernet header: the UDP datagram that drew the port unreachable. */
    static final byte[] UDP_DATAGRAM = hex("""
            4500 0026 06bc 4000 4011 b007 c000 0201 c000 0202 eb9d 270f 0012 8427 7564 7020 6865 6c6c 6f0a""");

    /** Frame 28 after its IPv4 header: port unreachable quoting all 38 bytes of frame 27's datagram. */
    static final byte[] PORT_UNREACHABLE = hex("0303 3cb5 0000 0000" + """
            4500 0026 06bc 4000 4011 b007 c000 0201 c000 0202 eb9d 270f 0012 8427 7564 7020 6865 6c6c 6f0a""");

    /** The first 28 bytes of frame 27: IPv4 and UDP headers, what RFC 792 asks errors to quote. */
    static final String QUOTED = "4500 0026 06bc 4000 4011 b007 c000 0201 c000 0202 eb9d 270f 0012 8427";

    // scapy vectors: ICMP(...)/Raw(quoted bytes).

    /** {@code ICMP(type=5, code=1, gw='192.0.2.254')}. */
    static final byte[] REDIRECT_HOST = hex("0501 a119 c000 02fe" + QUOTED);
    /** {@code ICMP(type=11, code=0)}. */
    static final byte[] TTL_EXCEEDED = hex("0b00 5e19 0000 0000" + QUOTED);
    /** {@code ICMP(type=11, code=1)}. */
    static final byte[] REASSEMBLY_EXCEEDED = hex("0b01 5e18 0000 0000" + QUOTED);
    /** {@code ICMP(type=3, code=4, nexthopmtu=1400)} quoting frame 25's header and first 8 bytes. */
    static final byte[] FRAG_NEEDED = hex("0304 3c6c 0000 0578 4500 0594 0000 4000 4001 b165 c000 0201 c000 0202 0800 a512 0e04 0001");
    /** {@code ICMP(type=12, code=0, ptr=21)} quoting a header whose option at octet 20 has length 1. */
    static final byte[] PARAMETER_PROBLEM = hex("0c00 5bfc 1500 0000 4600 0028 06bc 4000 4011 b007 c000 0201 c000 0202 8201 0000 0000 0000");
    /** {@code ICMP(type=3, code=10)}. */
    static final byte[] HOST_PROHIBITED = hex("030a 660f 0000 0000" + QUOTED);
    /** {@code ICMP(type=13, id=0x1234, seq=1, ts_ori=0x0336a3c1, ts_rx=0, ts_tx=0)}: a timestamp request. */
    static final byte[] TIMESTAMP_REQUEST = hex("0d00 39d3 1234 0001 0336 a3c1 0000 0000 0000 0000");
    /** {@code ICMP(type=4, code=0)}: source quench, deprecated by RFC 6633. */
    static final byte[] SOURCE_QUENCH = hex("0400 6519 0000 0000" + QUOTED);
    /** {@code ICMP(type=8, code=1, id=5, seq=6)/Raw(b'abc')}: an echo with a code RFC 792 does not define. */
    static final byte[] ECHO_CODE_1 = hex("0801 3391 0005 0006 6162 63");
    /** {@code ICMP(type=8, code=0, id=0x0e02, seq=9)/Raw(b'odd')}: an odd length for the checksum. */
    static final byte[] ECHO_ODD = hex("0800 1690 0e02 0009 6f64 64");

    @Test
    void deconstruct_capturedEchoRequest() {
        MemorySegment seg = segment(ECHO_REQUEST);
        assertEquals(DropReason.NONE, Icmpv4View.check(seg, 0, ECHO_REQUEST.length));
        Icmpv4View v = new Icmpv4View().wrap(seg, 0, ECHO_REQUEST.length);
        assertEquals(Icmpv4Layout.TYPE_ECHO_REQUEST, v.type());
        assertEquals(0, v.code());
        assertEquals(0x2759, v.checksum());
        assertTrue(v.checksumValid());
        assertEquals(3586, v.identifier());
        assertEquals(1, v.sequence());
        assertEquals(0x0e02_0001, v.restOfHeader());
        assertEquals(8, v.bodyOffset());
        assertEquals(56, v.bodyLength());
        Icmpv4Repr r = Icmpv4Repr.parse(v);
        assertEquals(new Icmpv4Repr.EchoRequest(3586, 1, Octets.copyOf(seg, 8, 56)), r);
        assertEmitsSame(ECHO_REPLY);
        assertEquals(((Icmpv4Repr.EchoRequest) r).reply(), parse(ECHO_REPLY));
    }

    @Test
    void construct_capturedEchoes() {
        assertEmitsSame(ECHO_REQUEST);
        assertEmitsSame(ECHO_REPLY);
        assertEmitsSame(ECHO_REQUEST_2);
        assertEmitsSame(ECHO_REPLY_2);
        assertEmitsSame(bigEcho(0x08, 0xa512));
        assertEmitsSame(bigEcho(0x00, 0xad12));
        assertEmitsSame(ECHO_ODD);
    }

    @Test
    void echoRequestToReply_inPlace_givesTheKernelsReply() {
        assertReplyInPlace(ECHO_REQUEST, ECHO_REPLY);
        assertReplyInPlace(ECHO_REQUEST_2, ECHO_REPLY_2);
        assertReplyInPlace(bigEcho(0x08, 0xa512), bigEcho(0x00, 0xad12));
        MemorySegment reply = segment(ECHO_REPLY);
        assertThrows(IllegalStateException.class, () -> new Icmpv4View().wrap(reply, 0, ECHO_REPLY.length).echoRequestToReply());
    }

    @Test
    void portUnreachable_deconstructAndQuotedHeaders() {
        MemorySegment seg = segment(PORT_UNREACHABLE);
        assertEquals(DropReason.NONE, Icmpv4View.check(seg, 0, PORT_UNREACHABLE.length));
        Icmpv4View v = new Icmpv4View().wrap(seg, 0, PORT_UNREACHABLE.length);
        assertTrue(v.checksumValid());
        assertEquals(Icmpv4Layout.TYPE_DEST_UNREACHABLE, v.type());
        assertEquals(Icmpv4Layout.UNREACH_PORT, v.code());
        assertEquals(38, v.bodyLength(), "Linux quoted the whole datagram: it fits in 576 bytes");
        assertEquals(Icmpv4Repr.DestinationUnreachable.portUnreachable(Octets.of(UDP_DATAGRAM)), Icmpv4Repr.parse(v));

        assertEquals(DropReason.NONE, Ipv4View.checkQuoted(seg, v.bodyOffset(), v.bodyLength()));
        Ipv4View inner = new Ipv4View().wrap(seg, v.bodyOffset(), v.bodyLength());
        assertEquals(IpProtocol.UDP, inner.protocol());
        assertEquals(Ipv4Address.parse("192.0.2.2").value(), inner.dst());
        UdpView udp = new UdpView().wrap(seg, inner.payloadOffset(), v.bodyLength() - inner.headerLength());
        assertEquals(DropReason.NONE, UdpView.check(seg, inner.payloadOffset(), v.bodyLength() - inner.headerLength()));
        assertEquals(9999, udp.dstPort(), "enough to find the socket that sent it");
    }

    @Test
    void portUnreachable_constructFromTheInvokingDatagram() {
        Octets quoted = Icmpv4Repr.quote(segment(UDP_DATAGRAM), 0, UDP_DATAGRAM.length);
        MemorySegment out = poisoned(PORT_UNREACHABLE.length + 1);
        Icmpv4Repr.DestinationUnreachable.portUnreachable(quoted).emit(out, 0, ChecksumPolicy.COMPUTE);
        assertArrayEquals(PORT_UNREACHABLE, bytes(out, 0, PORT_UNREACHABLE.length));
        assertEquals((byte) 0xA5, out.get(ValueLayout.JAVA_BYTE, PORT_UNREACHABLE.length));
    }

    @Test
    void quote_keepsTheErrorWithin576Bytes() {
        byte[] big = bigEcho(8, 0xa512);
        assertEquals(548, Icmpv4Repr.quote(segment(big), 0, big.length).length(), "576 - 20 - 8 (RFC 1812 §4.3.2.3)");
        assertEquals(28, Icmpv4Repr.quote(segment(big), 0, 28).length());
        Icmpv4Repr error = Icmpv4Repr.DestinationUnreachable.fragmentationNeeded(1400, Icmpv4Repr.quote(segment(big), 0, big.length));
        assertEquals(576, new Ipv4Repr(Ipv4Address.ANY, Ipv4Address.ANY, IpProtocol.ICMP, 64, error.bufferLength()).totalLength());
    }

    @Test
    void scapyErrors_deconstructAndConstruct() {
        Octets quoted = Octets.ofHex(QUOTED);
        assertEquals(new Icmpv4Repr.Redirect(Icmpv4Layout.REDIRECT_HOST, Ipv4Address.parse("192.0.2.254"), quoted),
                assertEmitsSame(REDIRECT_HOST));
        assertEquals(new Icmpv4Repr.TimeExceeded(Icmpv4Layout.TIME_EXCEEDED_TTL, quoted), assertEmitsSame(TTL_EXCEEDED));
        assertEquals(new Icmpv4Repr.TimeExceeded(Icmpv4Layout.TIME_EXCEEDED_REASSEMBLY, quoted),
                assertEmitsSame(REASSEMBLY_EXCEEDED));
        assertEquals(new Icmpv4Repr.DestinationUnreachable(Icmpv4Layout.UNREACH_HOST_PROHIBITED, 0, quoted),
                assertEmitsSame(HOST_PROHIBITED));
        Icmpv4Repr frag = assertEmitsSame(FRAG_NEEDED);
        assertEquals(Icmpv4Repr.DestinationUnreachable.fragmentationNeeded(1400, Octets.copyOf(segment(FRAG_NEEDED), 8, 28)), frag);
        assertEquals(1400, new Icmpv4View().wrap(segment(FRAG_NEEDED), 0, FRAG_NEEDED.length).nextHopMtu());
        Icmpv4Repr pp = assertEmitsSame(PARAMETER_PROBLEM);
        assertEquals(new Icmpv4Repr.ParameterProblem(0, 21, Octets.copyOf(segment(PARAMETER_PROBLEM), 8, 28)), pp);
        assertEquals(21, new Icmpv4View().wrap(segment(PARAMETER_PROBLEM), 0, PARAMETER_PROBLEM.length).pointer());
        assertEquals(Ipv4Address.parse("192.0.2.254").value(),
                new Icmpv4View().wrap(segment(REDIRECT_HOST), 0, REDIRECT_HOST.length).gateway());
    }

    @Test
    void parameterProblem_quotesTheBadOption_whichCheckQuotedRefuses() {
        assertEquals(DropReason.IPV4_BAD_OPTION, Ipv4View.checkQuoted(segment(PARAMETER_PROBLEM), 8, 28));
    }

    @Test
    void unreachableCodesOtherThanFragNeeded_ignoreTheMtuBits() {
        byte[] b = HOST_PROHIBITED.clone();
        b[6] = 0x05;
        b[7] = 0x78;
        Icmpv4Repr r = Icmpv4Repr.parse(new Icmpv4View().wrap(segment(b), 0, b.length));
        assertEquals(new Icmpv4Repr.DestinationUnreachable(10, 0, Octets.ofHex(QUOTED)), r, "unused bits are not kept");
    }

    @Test
    void uninterpretedMessages_areKeptWhole() {
        assertEquals(new Icmpv4Repr.Unknown(13, 0, 0x1234_0001, Octets.ofHex("0336 a3c1 0000 0000 0000 0000")),
                assertEmitsSame(TIMESTAMP_REQUEST));
        assertEquals(new Icmpv4Repr.Unknown(4, 0, 0, Octets.ofHex(QUOTED)), assertEmitsSame(SOURCE_QUENCH));
        assertEquals(new Icmpv4Repr.Unknown(8, 1, 0x0005_0006, Octets.ofHex("616263")), assertEmitsSame(ECHO_CODE_1));
    }

    @Test
    void checksum_detectsCorruption() {
        MemorySegment seg = segment(ECHO_ODD);
        Icmpv4View v = new Icmpv4View().wrap(seg, 0, ECHO_ODD.length);
        assertTrue(v.checksumValid());
        seg.set(ValueLayout.JAVA_BYTE, 10, (byte) 'e');
        assertFalse(v.checksumValid());
        assertEquals(DropReason.NONE, Icmpv4View.check(seg, 0, ECHO_ODD.length), "checksums are verified separately");
        v.fillChecksum();
        assertTrue(v.checksumValid());
    }

    @Test
    void offload_storesZero() {
        MemorySegment out = poisoned(ECHO_ODD.length);
        parse(ECHO_ODD).emit(out, 0, ChecksumPolicy.OFFLOAD);
        assertEquals(0, new Icmpv4View().wrap(out, 0, ECHO_ODD.length).checksum());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4, 7})
    void truncated(int length) {
        assertEquals(DropReason.ICMPV4_TRUNCATED, Icmpv4View.check(segment(ECHO_REQUEST), 0, length));
        assertEquals(DropReason.ICMPV4_TRUNCATED, Icmpv4View.check(segment(PORT_UNREACHABLE), 0, length));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 20, 27})
    void errorsTooShortForAnIpv4Header_areBadLength(int length) {
        for (byte[] error : new byte[][] {PORT_UNREACHABLE, REDIRECT_HOST, TTL_EXCEEDED, PARAMETER_PROBLEM}) {
            assertEquals(DropReason.ICMPV4_BAD_LENGTH, Icmpv4View.check(segment(error), 0, length));
        }
        assertEquals(DropReason.NONE, Icmpv4View.check(segment(ECHO_REQUEST), 0, length), "echo data may be empty");
        assertEquals(DropReason.NONE, Icmpv4View.check(segment(SOURCE_QUENCH), 0, length), "uninterpreted");
    }

    @Test
    void longerThanAnyIpv4Datagram_isBadLength() {
        MemorySegment huge = MemorySegment.ofArray(new byte[Icmpv4Layout.MAX_MESSAGE_LENGTH + 1]);
        huge.set(ValueLayout.JAVA_BYTE, 0, (byte) Icmpv4Layout.TYPE_ECHO_REQUEST);
        assertEquals(DropReason.ICMPV4_BAD_LENGTH, Icmpv4View.check(huge, 0, Icmpv4Layout.MAX_MESSAGE_LENGTH + 1));
        assertEquals(DropReason.NONE, Icmpv4View.check(huge, 0, Icmpv4Layout.MAX_MESSAGE_LENGTH));
        Icmpv4Repr biggest = Icmpv4Repr.parse(new Icmpv4View().wrap(huge, 0, Icmpv4Layout.MAX_MESSAGE_LENGTH));
        assertEquals(Icmpv4Layout.MAX_MESSAGE_LENGTH, biggest.bufferLength());
    }

    @Test
    void emptyEcho_isFine() {
        byte[] b = hex("0800 f7fd 0001 0001");
        assertEquals(new Icmpv4Repr.EchoRequest(1, 1, Octets.EMPTY), assertEmitsSame(b));
    }

    @Test
    void checkAtAnOffset_readsOnlyItsRange() {
        byte[] shifted = new byte[PORT_UNREACHABLE.length + 3];
        System.arraycopy(PORT_UNREACHABLE, 0, shifted, 3, PORT_UNREACHABLE.length);
        assertEquals(DropReason.NONE, Icmpv4View.check(segment(shifted), 3, PORT_UNREACHABLE.length));
        assertEquals(DropReason.ICMPV4_BAD_LENGTH, Icmpv4View.check(segment(shifted), 3, 27));
        assertTrue(new Icmpv4View().wrap(segment(shifted), 3, PORT_UNREACHABLE.length).checksumValid());
    }

    /**
     * Frame 25 (type 8) or 26 (type 0) after the IPv4 header: 1408 bytes, ping's 16-byte timestamp and then
     * the byte pattern 0x10, 0x11, ... wrapping at 0xff. The captured checksum proves the reconstruction.
     */
    static byte[] bigEcho(int type, int checksum) {
        byte[] b = new byte[1408];
        byte[] head = hex("0000 0000 0e04 0001 822d 016b 0000 0000 5333 0300 0000 0000");
        System.arraycopy(head, 0, b, 0, head.length);
        b[0] = (byte) type;
        b[2] = (byte) (checksum >>> 8);
        b[3] = (byte) checksum;
        for (int i = head.length; i < b.length; i++) {
            b[i] = (byte) (0x10 + i - head.length);
        }
        assertTrue(InternetChecksum.isValid(InternetChecksum.sum(MemorySegment.ofArray(b), 0, b.length)));
        return b;
    }

    private static Icmpv4Repr parse(byte[] message) {
        return Icmpv4Repr.parse(new Icmpv4View().wrap(segment(message), 0, message.length));
    }

    private static void assertReplyInPlace(byte[] request, byte[] expectedReply) {
        MemorySegment seg = segment(request);
        Icmpv4View v = new Icmpv4View().wrap(seg, 0, request.length);
        v.echoRequestToReply();
        assertTrue(v.checksumValid());
        assertArrayEquals(expectedReply, bytes(seg, 0, request.length));
    }

    /** Asserts that {@code message} checks and verifies, and that its record re-emits as exactly its bytes. */
    private static Icmpv4Repr assertEmitsSame(byte[] message) {
        MemorySegment seg = segment(message);
        assertEquals(DropReason.NONE, Icmpv4View.check(seg, 0, message.length));
        Icmpv4View v = new Icmpv4View().wrap(seg, 0, message.length);
        assertTrue(v.checksumValid());
        Icmpv4Repr repr = Icmpv4Repr.parse(v);
        assertInstanceOf(Icmpv4Repr.class, repr);
        assertEquals(message.length, repr.bufferLength());
        MemorySegment out = poisoned(message.length);
        repr.emit(out, 0, ChecksumPolicy.COMPUTE);
        assertArrayEquals(message, bytes(out, 0, message.length));
        return repr;
    }
}
