package org.jwsk.wire.icmpv6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.testing.WireTesting.bytes;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.poisoned;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.icmpv6.Icmpv6Vectors.Message;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ICMPv6 common header, echo and errors (RFC 4443), and the checksum over the pseudo-header (§2.3). */
class Icmpv6ViewTest {

    @Test
    void capturedEchoRequest_deconstructs() {
        Message m = Icmpv6Vectors.captured(21);
        Icmpv6View v = m.view();
        assertEquals(Icmpv6Type.ECHO_REQUEST, v.type());
        assertEquals(0, v.code());
        assertEquals(0x078a, v.checksum());
        assertTrue(v.verifyChecksum(m.pseudoHeaderSum()));
        assertEquals(0x0e03, v.identifier());
        assertEquals(1, v.sequenceNumber());
        assertEquals(56, v.echoDataLength());
        var repr = (Icmpv6Repr.EchoRequest) Icmpv6Repr.parse(v);
        assertEquals(3587, repr.identifier());
        assertEquals(Octets.copyOf(m.segment(), m.offset() + 8, 56), repr.data());
    }

    @Test
    void capturedEchoReply_isTheRequestsReply() {
        Message request = Icmpv6Vectors.captured(21);
        Message reply = Icmpv6Vectors.captured(22);
        var echo = (Icmpv6Repr.EchoRequest) Icmpv6Repr.parse(request.view());
        assertEquals(echo.reply(), Icmpv6Repr.parse(reply.view()));
        MemorySegment out = poisoned(64);
        echo.reply().emit(out, 0, reply.pseudoHeaderSum(), ChecksumPolicy.COMPUTE);
        assertArrayEquals(reply.bytes(), bytes(out, 0, 64), "the reply Linux sent, checksum included");
    }

    @Test
    void offload_leavesTheChecksumZero() {
        Message m = Icmpv6Vectors.captured(21);
        Icmpv6Repr repr = Icmpv6Repr.parse(m.view());
        MemorySegment out = poisoned(64);
        repr.emit(out, 0, m.pseudoHeaderSum(), ChecksumPolicy.OFFLOAD);
        Icmpv6View v = new Icmpv6View().wrap(out, 0, 64);
        assertEquals(0, v.checksum());
        v.fillChecksum(m.pseudoHeaderSum());
        assertArrayEquals(m.bytes(), bytes(out, 0, 64));
    }

    @Test
    void corruptedMessage_failsTheChecksum() {
        Message m = Icmpv6Vectors.captured(21);
        assertFalse(m.view().verifyChecksum(InternetChecksum.add(m.pseudoHeaderSum(), 1)), "wrong pseudo-header");
        byte[] data = m.bytes();
        data[20] ^= 0x10;
        assertFalse(new Icmpv6View().wrap(segment(data), 0, data.length).verifyChecksum(m.pseudoHeaderSum()));
    }

    @Test
    void packetTooBig_matchesScapy() {
        Message m = Icmpv6Vectors.message(Icmpv6Vectors.PACKET_TOO_BIG);
        Icmpv6View v = m.view();
        assertTrue(v.verifyChecksum(m.pseudoHeaderSum()));
        assertEquals(Icmpv6Type.PACKET_TOO_BIG, v.type());
        assertEquals(1280, v.mtu());
        assertEquals(Icmpv6Vectors.INVOKING.length, v.invokingPacketLength());
        Icmpv6Repr expected = new Icmpv6Repr.PacketTooBig(1280, Octets.of(Icmpv6Vectors.INVOKING));
        assertEquals(expected, Icmpv6Repr.parse(v));
        assertEmits(expected, m);
    }

    @Test
    void destinationUnreachable_matchesScapy() {
        Message m = Icmpv6Vectors.message(Icmpv6Vectors.PORT_UNREACHABLE);
        Icmpv6Repr expected = new Icmpv6Repr.DestinationUnreachable(Icmpv6Code.PORT_UNREACHABLE, Octets.of(Icmpv6Vectors.INVOKING));
        assertEquals(expected, Icmpv6Repr.parse(m.view()));
        assertEmits(expected, m);
    }

    @Test
    void timeExceeded_matchesScapy() {
        Message m = Icmpv6Vectors.message(Icmpv6Vectors.TIME_EXCEEDED);
        Icmpv6Repr expected = new Icmpv6Repr.TimeExceeded(Icmpv6Code.HOP_LIMIT_EXCEEDED, Octets.of(Icmpv6Vectors.INVOKING));
        assertEquals(expected, Icmpv6Repr.parse(m.view()));
        assertEmits(expected, m);
    }

    @Test
    void parameterProblem_matchesScapy() {
        Message m = Icmpv6Vectors.message(Icmpv6Vectors.PARAMETER_PROBLEM);
        assertEquals(6, m.view().pointer());
        Icmpv6Repr expected = new Icmpv6Repr.ParameterProblem(Icmpv6Code.UNRECOGNIZED_NEXT_HEADER, 6,
                Octets.of(Icmpv6Vectors.INVOKING));
        assertEquals(expected, Icmpv6Repr.parse(m.view()));
        assertEmits(expected, m);
    }

    @Test
    void invokingPacket_walksAsAQuote() {
        Message m = Icmpv6Vectors.message(Icmpv6Vectors.PORT_UNREACHABLE);
        Icmpv6View v = m.view();
        Ipv6HeaderWalker quote = new Ipv6HeaderWalker();
        assertEquals(DropReason.NONE, quote.walkQuoted(m.segment(), v.invokingPacketOffset(), 48));
        assertEquals(IpProtocol.UDP, quote.upperProtocol());
        assertEquals(8, quote.upperLength(), "the ports are there for the transport to find its socket");
    }

    @Test
    void walkerProblemCodes_areTheIcmpv6Codes() {
        assertEquals(Icmpv6Code.ERRONEOUS_HEADER_FIELD, Ipv6HeaderWalker.PROBLEM_ERRONEOUS_HEADER_FIELD);
        assertEquals(Icmpv6Code.UNRECOGNIZED_NEXT_HEADER, Ipv6HeaderWalker.PROBLEM_UNRECOGNIZED_NEXT_HEADER);
        assertEquals(Icmpv6Code.UNRECOGNIZED_OPTION, Ipv6HeaderWalker.PROBLEM_UNRECOGNIZED_OPTION);
        assertEquals(Icmpv6Code.INCOMPLETE_HEADER_CHAIN, Ipv6HeaderWalker.PROBLEM_INCOMPLETE_HEADER_CHAIN);
        assertEquals(Icmpv6Code.TOO_MANY_EXTENSION_HEADERS, Ipv6HeaderWalker.PROBLEM_TOO_MANY_EXTENSION_HEADERS);
        assertEquals(Icmpv6Code.TOO_MANY_OPTIONS, Ipv6HeaderWalker.PROBLEM_TOO_MANY_OPTIONS);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void shorterThanTheHeader_isTruncated(int length) {
        assertEquals(DropReason.ICMPV6_TRUNCATED, Icmpv6View.check(segment(Icmpv6Vectors.captured(21).bytes()), 0, length));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 128, 129})
    void errorsAndEchoShorterThan8_areBadLength(int type) {
        byte[] m = hex("00000000 000000");
        m[0] = (byte) type;
        assertEquals(DropReason.ICMPV6_BAD_LENGTH, Icmpv6View.check(segment(m), 0, 7));
        assertEquals(DropReason.NONE, Icmpv6View.check(segment(hex("00000000 00000000")).fill((byte) type), 0, 8));
    }

    @Test
    void unknownTypes_needOnlyTheHeader() {
        byte[] m = hex("c8070000");
        assertEquals(DropReason.NONE, Icmpv6View.check(segment(m), 0, 4));
        assertEquals(new Icmpv6Repr.Unknown(200, 7, Octets.EMPTY),
                Icmpv6Repr.parse(new Icmpv6View().wrap(segment(m), 0, 4)));
    }

    @Test
    void emitChecksPlace() {
        Icmpv6Repr echo = new Icmpv6Repr.EchoRequest(1, 2, Octets.ofHex("0102"));
        var ex = assertThrows(IndexOutOfBoundsException.class,
                () -> echo.emit(new Icmpv6View().wrap(poisoned(9), 0, 9), 0, ChecksumPolicy.COMPUTE));
        assertTrue(ex.getMessage().contains("10"));
        assertThrows(IndexOutOfBoundsException.class, () -> echo.emit(poisoned(12), 3, 0, ChecksumPolicy.COMPUTE));
    }

    /** Emitting {@code repr} with the packet's pseudo-header gives the scapy bytes, checksum included. */
    static void assertEmits(Icmpv6Repr repr, Message m) {
        MemorySegment out = poisoned(repr.bufferLength());
        repr.emit(out, 0, m.pseudoHeaderSum(), ChecksumPolicy.COMPUTE);
        assertArrayEquals(m.bytes(), bytes(out, 0, repr.bufferLength()));
    }
}
