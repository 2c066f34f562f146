package org.jwsk.wire.igmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
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

/** The IGMP records: {@code parse(emit(r)) == r} for every message kind, and values no message can carry. */
class IgmpReprTest {

    static Stream<IgmpRepr> reprs() {
        return RandomCases.of(3376, 600, IgmpReprTest::any);
    }

    private static IgmpRepr any(RandomGenerator r) {
        Ipv4Address group = WireTesting.randomIpv4(r);
        return switch (r.nextInt(7)) {
            case 0 -> new IgmpRepr.V2Query(r.nextInt(256), group);
            case 1 -> new IgmpRepr.V3Query(r.nextInt(256), group, r.nextBoolean(), r.nextInt(8), r.nextInt(256),
                    addresses(r, r.nextInt(6)));
            case 2 -> new IgmpRepr.V1Report(group);
            case 3 -> new IgmpRepr.V2Report(group);
            case 4 -> new IgmpRepr.V2Leave(group);
            case 5 -> {
                List<IgmpRecord> records = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    records.add(new IgmpRecord(r.nextInt(256), WireTesting.randomIpv4(r), addresses(r, r.nextInt(4)),
                            Octets.of(RandomCases.bytes(r, 4 * r.nextInt(3)))));
                }
                yield new IgmpRepr.V3Report(records);
            }
            default -> new IgmpRepr.Unknown(0x13 + r.nextInt(3), r.nextInt(256), Octets.of(RandomCases.bytes(r,
                    4 + r.nextInt(12))));
        };
    }

    private static List<Ipv4Address> addresses(RandomGenerator r, int n) {
        List<Ipv4Address> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(WireTesting.randomIpv4(r));
        }
        return list;
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void parseOfEmit_isIdentity(IgmpRepr repr) {
        int length = repr.bufferLength();
        MemorySegment out = WireTesting.poisoned(length);
        repr.emit(out, 0, ChecksumPolicy.COMPUTE);
        assertEquals(DropReason.NONE, IgmpView.check(out, 0, length));
        IgmpView view = new IgmpView().wrap(out, 0, length);
        assertTrue(view.verifyChecksum());
        assertEquals(repr.type(), view.type());
        assertEquals(repr, IgmpRepr.parse(view));
    }

    @Test
    void invalidValues_areRejected() {
        Ipv4Address g = Ipv4Address.parse("239.1.2.3");
        assertThrows(IllegalArgumentException.class, () -> new IgmpRepr.V2Query(256, g));
        assertThrows(IllegalArgumentException.class, () -> new IgmpRepr.V3Query(0, g, false, 8, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new IgmpRepr.V3Query(0, g, false, 0, 256, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new IgmpRecord(1, g, List.of(), Octets.ofHex("01")));
        assertThrows(IllegalArgumentException.class, () -> new IgmpRecord(256, g, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new IgmpRepr.Unknown(IgmpType.V2_LEAVE_GROUP, 0,
                Octets.ofHex("00000000")), "a known type has its own record");
        assertThrows(IllegalArgumentException.class, () -> new IgmpRepr.Unknown(0x13, 0, Octets.ofHex("00")),
                "shorter than 8 bytes");
        assertThrows(IllegalArgumentException.class, () -> IgmpLayout.encodeCode(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> new IgmpRepr.V2Report(g)
                .emit(new IgmpView().wrap(WireTesting.poisoned(7), 0, 7), ChecksumPolicy.COMPUTE));
    }
}
