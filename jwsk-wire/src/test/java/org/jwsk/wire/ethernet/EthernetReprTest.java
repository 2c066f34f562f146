package org.jwsk.wire.ethernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.testing.WireTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EthernetReprTest {

    static Stream<EthernetRepr> reprs() {
        return RandomCases.of(802, 500, r -> {
            List<VlanTag> tags = new ArrayList<>();
            int count = r.nextInt(EthernetLayout.MAX_VLAN_TAGS + 1);
            for (int i = 0; i < count; i++) {
                tags.add(new VlanTag(r.nextBoolean() ? EtherType.VLAN : EtherType.QINQ, r.nextInt(8), r.nextBoolean(),
                        r.nextInt(4096)));
            }
            int type;
            do {
                type = r.nextInt(0x10000);
            } while (EtherType.isVlanTpid(type));
            return new EthernetRepr(WireTesting.anyMac(r), WireTesting.anyMac(r), tags, type);
        });
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void parseOfEmit_isIdentity(EthernetRepr repr) {
        MemorySegment out = WireTesting.poisoned(repr.headerLength());
        repr.emit(out, 0);
        assertEquals(DropReason.NONE, EthernetView.check(out, 0, repr.headerLength()));
        assertEquals(repr, EthernetRepr.parse(new EthernetView().wrap(out, 0, repr.headerLength())));
    }

    @Test
    void invalidValues_areRejected() {
        MacAddress m = MacAddress.ZERO;
        assertThrows(IllegalArgumentException.class, () -> new EthernetRepr(m, m, 0x10000));
        assertThrows(IllegalArgumentException.class, () -> new EthernetRepr(m, m, EtherType.VLAN));
        assertThrows(IllegalArgumentException.class,
                () -> new EthernetRepr(m, m, List.of(VlanTag.of(1), VlanTag.of(2), VlanTag.of(3)), EtherType.IPV4));
        assertThrows(IllegalArgumentException.class, () -> VlanTag.of(4096));
        assertThrows(IllegalArgumentException.class, () -> new VlanTag(0x0800, 0, false, 1));
        assertThrows(IndexOutOfBoundsException.class,
                () -> new EthernetRepr(m, m, EtherType.IPV4).emit(new EthernetView().wrap(WireTesting.poisoned(13), 0, 13)));
    }
}
