package org.jwsk.wire.ipv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.testing.WireTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Ipv6ReprTest {

    static Stream<Ipv6Repr> reprs() {
        return RandomCases.of(8200, 500, r -> new Ipv6Repr(r.nextInt(256), r.nextInt(Ipv6Layout.MAX_FLOW_LABEL + 1),
                r.nextInt(0x10000), r.nextInt(256), r.nextInt(256), WireTesting.randomIpv6(r), WireTesting.randomIpv6(r)));
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void parseOfEmit_isIdentity(Ipv6Repr repr) {
        MemorySegment out = WireTesting.poisoned(repr.packetLength());
        repr.emit(out, 0);
        assertEquals(DropReason.NONE, Ipv6View.check(out, 0, repr.packetLength()));
        assertEquals(repr, Ipv6Repr.parse(new Ipv6View().wrap(out, 0, repr.packetLength())));
    }

    @Test
    void dscpAndEcn_comeFromTheTrafficClass() {
        Ipv6Repr repr = new Ipv6Repr(Ipv6Layout.trafficClass(46, Ipv6Layout.ECN_ECT0), 0, 0, 59, 1, Ipv6Address.ANY,
                Ipv6Address.ANY);
        assertEquals(46, repr.dscp());
        assertEquals(Ipv6Layout.ECN_ECT0, repr.ecn());
        assertEquals(8, repr.withPayloadLength(8).payloadLength());
    }

    @Test
    void invalidValues_areRejected() {
        Ipv6Address a = Ipv6Address.ANY;
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Repr(256, 0, 0, 6, 64, a, a));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Repr(0, 0x100000, 0, 6, 64, a, a));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Repr(0, 0, 0x10000, 6, 64, a, a));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Repr(0, 0, 0, 256, 64, a, a));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Repr(0, 0, 0, 6, -1, a, a));
        assertThrows(NullPointerException.class, () -> new Ipv6Repr(0, 6, 64, null, a));
        assertThrows(IndexOutOfBoundsException.class,
                () -> new Ipv6Repr(0, 6, 64, a, a).emit(new Ipv6View().wrap(WireTesting.poisoned(39), 0, 39)));
    }
}
