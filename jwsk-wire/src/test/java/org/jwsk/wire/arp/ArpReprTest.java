package org.jwsk.wire.arp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.testing.WireTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArpReprTest {

    static Stream<ArpRepr> reprs() {
        return RandomCases.of(826, 500, r -> new ArpRepr(r.nextBoolean() ? ArpOperation.REQUEST : ArpOperation.REPLY,
                WireTesting.anyMac(r), r.nextInt(8) == 0 ? Ipv4Address.ANY : WireTesting.randomIpv4(r),
                WireTesting.anyMac(r), WireTesting.randomIpv4(r)));
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void parseOfEmit_isIdentity(ArpRepr repr) {
        MemorySegment out = WireTesting.poisoned(repr.bufferLength());
        repr.emit(out, 0);
        assertEquals(DropReason.NONE, ArpView.check(out, 0, repr.bufferLength()));
        ArpView view = new ArpView().wrap(out, 0, repr.bufferLength());
        assertEquals(repr, ArpRepr.parse(view));
        assertEquals(repr.isGratuitous(), view.isGratuitous());
        assertEquals(repr.isProbe(), view.isProbe());
    }

    @Test
    void operationCodes() {
        assertEquals(ArpOperation.REQUEST, ArpOperation.of(1));
        assertEquals(ArpOperation.REPLY, ArpOperation.of(2));
        assertThrows(IllegalArgumentException.class, () -> ArpOperation.of(3));
    }

    @Test
    void invalidValues_areRejected() {
        MacAddress m = MacAddress.ZERO;
        Ipv4Address a = Ipv4Address.ANY;
        assertThrows(NullPointerException.class, () -> new ArpRepr(null, m, a, m, a));
        assertThrows(NullPointerException.class, () -> new ArpRepr(ArpOperation.REPLY, m, null, m, a));
        assertThrows(IndexOutOfBoundsException.class,
                () -> ArpRepr.probe(m, a).emit(new ArpView().wrap(WireTesting.poisoned(27), 0, 27)));
    }
}
