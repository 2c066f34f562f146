package org.jwsk.wire.icmpv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.testing.WireTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Icmpv4ReprTest {

    static Stream<Icmpv4Repr> reprs() {
        return RandomCases.of(792, 700, Icmpv4ReprTest::anyRepr);
    }

    static Icmpv4Repr anyRepr(RandomGenerator r) {
        Octets quoted = Octets.of(RandomCases.bytes(r, 20 + r.nextInt(r.nextInt(10) == 0 ? 600 : 20)));
        return switch (r.nextInt(8)) {
            case 0 -> new Icmpv4Repr.EchoRequest(r.nextInt(0x10000), r.nextInt(0x10000), Octets.of(RandomCases.bytesUpTo(r, 1500)));
            case 1 -> new Icmpv4Repr.EchoReply(r.nextInt(0x10000), r.nextInt(0x10000), Octets.of(RandomCases.bytesUpTo(r, 100)));
            case 2 -> {
                int code = r.nextInt(4) == 0 ? Icmpv4Layout.UNREACH_FRAG_NEEDED : r.nextInt(256);
                yield new Icmpv4Repr.DestinationUnreachable(code,
                        code == Icmpv4Layout.UNREACH_FRAG_NEEDED ? r.nextInt(0x10000) : 0, quoted);
            }
            case 3 -> new Icmpv4Repr.Redirect(r.nextInt(4), WireTesting.randomIpv4(r), quoted);
            case 4 -> new Icmpv4Repr.TimeExceeded(r.nextInt(2), quoted);
            case 5 -> new Icmpv4Repr.ParameterProblem(r.nextInt(3), r.nextInt(256), quoted);
            default -> {
                int type;
                int code;
                do {
                    type = r.nextInt(256);
                    code = r.nextBoolean() ? 0 : r.nextInt(256);
                } while (Icmpv4Layout.isError(type) || (code == 0 && (type == 0 || type == 8)));
                yield new Icmpv4Repr.Unknown(type, code, r.nextInt(), Octets.of(RandomCases.bytesUpTo(r, 64)));
            }
        };
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void parseOfEmit_isIdentity(Icmpv4Repr repr) {
        MemorySegment out = WireTesting.poisoned(repr.bufferLength());
        repr.emit(out, 0, ChecksumPolicy.COMPUTE);
        assertEquals(DropReason.NONE, Icmpv4View.check(out, 0, repr.bufferLength()));
        Icmpv4View view = new Icmpv4View().wrap(out, 0, repr.bufferLength());
        assertTrue(view.checksumValid());
        assertEquals(repr.type(), view.type());
        assertEquals(repr.code(), view.code());
        assertEquals(repr.restOfHeader(), view.restOfHeader());
        assertEquals(repr, Icmpv4Repr.parse(view));
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void echoRequestToReply_equalsEmittingTheReply(Icmpv4Repr repr) {
        if (!(repr instanceof Icmpv4Repr.EchoRequest request)) {
            return;
        }
        MemorySegment inPlace = WireTesting.poisoned(repr.bufferLength());
        request.emit(inPlace, 0, ChecksumPolicy.COMPUTE);
        new Icmpv4View().wrap(inPlace, 0, repr.bufferLength()).echoRequestToReply();
        MemorySegment emitted = WireTesting.poisoned(repr.bufferLength());
        request.reply().emit(emitted, 0, ChecksumPolicy.COMPUTE);
        assertEquals(WireTesting.hex(WireTesting.bytes(emitted, 0, repr.bufferLength())),
                WireTesting.hex(WireTesting.bytes(inPlace, 0, repr.bufferLength())));
    }

    @Test
    void invalidValues_areRejected() {
        Octets q = Octets.of(new byte[20]);
        Octets shortQuote = Octets.of(new byte[19]);
        Ipv4Address gw = Ipv4Address.ANY;
        assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.EchoRequest(0x10000, 0, Octets.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.EchoReply(0, -1, Octets.EMPTY));
        assertThrows(NullPointerException.class, () -> new Icmpv4Repr.EchoReply(0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.DestinationUnreachable(3, 1500, q),
                "only code 4 carries an MTU");
        assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.DestinationUnreachable(4, 0x10000, q));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.DestinationUnreachable(256, 0, q));
        assertThrows(IllegalArgumentException.class, () -> Icmpv4Repr.DestinationUnreachable.portUnreachable(shortQuote));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.Redirect(1, gw, shortQuote));
        assertThrows(NullPointerException.class, () -> new Icmpv4Repr.Redirect(1, null, q));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.TimeExceeded(0, shortQuote));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.ParameterProblem(0, 256, q));
        assertThrows(IllegalArgumentException.class,
                () -> new Icmpv4Repr.EchoRequest(0, 0, Octets.of(new byte[Icmpv4Layout.MAX_MESSAGE_LENGTH - 7])));
        for (int type : new int[] {3, 5, 11, 12}) {
            assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.Unknown(type, 0, 0, q));
        }
        assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.Unknown(8, 0, 0, q), "an echo request");
        assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.Unknown(0, 0, 0, q), "an echo reply");
        assertThrows(IllegalArgumentException.class, () -> new Icmpv4Repr.Unknown(256, 0, 0, q));
        assertEquals(8, new Icmpv4Repr.Unknown(8, 1, 0, Octets.EMPTY).type());
        assertThrows(IndexOutOfBoundsException.class, () -> new Icmpv4Repr.TimeExceeded(0, q)
                .emit(new Icmpv4View().wrap(WireTesting.poisoned(27), 0, 27), ChecksumPolicy.COMPUTE));
    }

    @Test
    void echoReply_keepsIdentifierSequenceAndData() {
        Icmpv4Repr.EchoRequest request = new Icmpv4Repr.EchoRequest(7, 9, Octets.ofHex("cafe"));
        assertEquals(new Icmpv4Repr.EchoReply(7, 9, Octets.ofHex("cafe")), request.reply());
    }

    @Test
    void errorKinds_areTheFourQuotingTypes() {
        for (int type = 0; type < 256; type++) {
            boolean expected = type == 3 || type == 5 || type == 11 || type == 12;
            assertEquals(expected, Icmpv4Layout.isError(type), "type " + type);
        }
    }
}
