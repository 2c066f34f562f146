package org.jwsk.wire.icmpv6;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.icmpv6.Icmpv6ViewTest.assertEmits;
import static org.jwsk.wire.testing.WireTesting.bytes;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.poisoned;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.icmpv6.Icmpv6Vectors.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Neighbor Discovery messages and options (RFC 4861 §4), from the Linux capture and built with scapy. */
class NdpTest {

    static final MacAddress MAC1 = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress MAC2 = MacAddress.parse("02:00:00:00:00:02");

    @Test
    void capturedRouterSolicitation() {
        Message m = Icmpv6Vectors.captured(8);
        assertTrue(m.view().verifyChecksum(m.pseudoHeaderSum()));
        NdpView v = new NdpView().wrap(m.segment(), m.offset(), m.length());
        assertEquals(Icmpv6Type.ROUTER_SOLICITATION, v.type());
        assertEquals(MAC1.value(), v.sourceLinkLayerAddress());
        assertEquals(NdpView.NO_ADDRESS, v.targetLinkLayerAddress());
        NdpRepr expected = new NdpRepr.RouterSolicitation(List.of(NdpOption.SourceLinkLayerAddress.of(MAC1)));
        assertEquals(expected, Icmpv6Repr.parse(m.view()));
        assertEquals(MAC1, expected.option(NdpOption.SourceLinkLayerAddress.class).orElseThrow().mac());
        assertEmits(expected, m);
    }

    @Test
    void capturedDuplicateAddressDetection_carriesANonceAndNoSourceAddress() {
        Message m = Icmpv6Vectors.captured(3);
        assertTrue(m.view().verifyChecksum(m.pseudoHeaderSum()), "over the pseudo-header from ::");
        NdpView v = new NdpView().wrap(m.segment(), m.offset(), m.length());
        assertEquals(Ipv6Address.parse("fe80::ff:fe00:1"), v.target());
        assertEquals(NdpView.NO_ADDRESS, v.sourceLinkLayerAddress(), "RFC 4861 §7.1.1: none from ::");
        NdpRepr expected = new NdpRepr.NeighborSolicitation(Ipv6Address.parse("fe80::ff:fe00:1"),
                List.of(new NdpOption.Nonce(Octets.ofHex("7e6f488bd7e2"))));
        assertEquals(expected, Icmpv6Repr.parse(m.view()));
        assertEmits(expected, m);
    }

    @Test
    void capturedSolicitationAndAdvertisement() {
        Message ns = Icmpv6Vectors.captured(19);
        NdpView v = new NdpView().wrap(ns.segment(), ns.offset(), ns.length());
        assertEquals(0x2001_0db8_0000_0000L, v.targetHi());
        assertEquals(2, v.targetLo());
        assertEquals(MAC1.value(), v.sourceLinkLayerAddress());
        assertEmits(new NdpRepr.NeighborSolicitation(Ipv6Address.parse("2001:db8::2"),
                List.of(NdpOption.SourceLinkLayerAddress.of(MAC1))), ns);

        Message na = Icmpv6Vectors.captured(20);
        NdpView a = new NdpView().wrap(na.segment(), na.offset(), na.length());
        assertFalse(a.router());
        assertTrue(a.solicited());
        assertTrue(a.override());
        assertEquals(MAC2.value(), a.targetLinkLayerAddress());
        NdpRepr expected = new NdpRepr.NeighborAdvertisement(false, true, true, Ipv6Address.parse("2001:db8::2"),
                List.of(NdpOption.TargetLinkLayerAddress.of(MAC2)));
        assertEquals(expected, Icmpv6Repr.parse(na.view()));
        assertEmits(expected, na);
    }

    @Test
    void routerAdvertisement_matchesScapy() {
        Message m = Icmpv6Vectors.message(Icmpv6Vectors.ROUTER_ADVERTISEMENT);
        assertTrue(m.view().verifyChecksum(m.pseudoHeaderSum()));
        NdpView v = new NdpView().wrap(m.segment(), m.offset(), m.length());
        assertEquals(64, v.curHopLimit());
        assertTrue(v.managed());
        assertFalse(v.otherConfig());
        assertEquals(1800, v.routerLifetime());
        assertEquals(30000, v.reachableTime());
        assertEquals(1000, v.retransTimer());
        // scapy sets the RFC 4191 default router preference to high (0x08); the raw flags byte keeps it.
        NdpRepr.RouterAdvertisement expected = new NdpRepr.RouterAdvertisement(64, NdpLayout.RA_FLAG_MANAGED | 0x08, 1800, 30000,
                1000, List.of(NdpOption.SourceLinkLayerAddress.of(MAC2), new NdpOption.Mtu(1500),
                        new NdpOption.PrefixInformation(64, NdpLayout.PREFIX_FLAG_ON_LINK | NdpLayout.PREFIX_FLAG_AUTONOMOUS,
                                86400, 14400, Ipv6Address.parse("2001:db8:1::")),
                        new NdpOption.RecursiveDnsServer(600, List.of(Ipv6Address.parse("2001:db8::53"),
                                Ipv6Address.parse("2001:db8::54")))));
        assertEquals(expected, Icmpv6Repr.parse(m.view()));
        assertTrue(expected.managed());
        assertTrue(expected.option(NdpOption.PrefixInformation.class).orElseThrow().autonomous());
        assertEmits(expected, m);
        List<Integer> types = new ArrayList<>();
        for (NdpOptionCursor c = new NdpOptionCursor().reset(v); c.next(); ) {
            assertTrue(c.fits());
            types.add(c.type());
            if (c.type() == NdpOptionType.MTU) {
                assertEquals(1500, c.i32At(NdpLayout.MTU_OFFSET));
            }
        }
        assertEquals(List.of(1, 5, 3, 25), types);
    }

    @Test
    void redirect_matchesScapy() {
        Message m = Icmpv6Vectors.message(Icmpv6Vectors.REDIRECT);
        NdpView v = new NdpView().wrap(m.segment(), m.offset(), m.length());
        assertEquals(Ipv6Address.parse("fe80::ff:fe00:3"), v.target());
        assertEquals(Ipv6Address.parse("2001:db8:2::1"), v.destination());
        byte[] invoking = new byte[64];
        MemorySegment.copy(m.segment(), java.lang.foreign.ValueLayout.JAVA_BYTE, m.offset() + 40 + 8 + 8, invoking, 0, 64);
        NdpRepr expected = new NdpRepr.Redirect(Ipv6Address.parse("fe80::ff:fe00:3"), Ipv6Address.parse("2001:db8:2::1"),
                List.of(NdpOption.TargetLinkLayerAddress.of(MacAddress.parse("02:00:00:00:00:03")),
                        new NdpOption.RedirectedHeader(Octets.of(invoking))));
        assertEquals(expected, Icmpv6Repr.parse(m.view()));
        assertEquals(0x60, invoking[0] & 0xf0, "the redirected packet starts with its IPv6 header");
        assertEmits(expected, m);
    }

    @ParameterizedTest
    @CsvSource({"133, 7", "134, 15", "135, 23", "136, 23", "137, 39"})
    void fixedPartCutShort_isBadLength(int type, int length) {
        byte[] m = new byte[length + 1];
        m[0] = (byte) type;
        assertEquals(DropReason.ICMPV6_BAD_LENGTH, Icmpv6View.check(segment(m), 0, length));
        assertEquals(DropReason.NONE, Icmpv6View.check(segment(m), 0, length + 1), "the fixed part alone is enough");
    }

    @Test
    void optionOfLengthZero_isABadOption() {
        byte[] m = hex("85000000 00000000 0100 000000000000");
        assertEquals(DropReason.NDP_BAD_OPTION, Icmpv6View.check(segment(m), 0, m.length), "RFC 4861 §4.6");
    }

    @Test
    void optionsThatOverrun_areBadOptions() {
        assertEquals(DropReason.NDP_BAD_OPTION, Icmpv6View.check(segment(hex("85000000 00000000 0102 000000000000")), 0, 16));
        assertEquals(DropReason.NDP_BAD_OPTION, Icmpv6View.check(segment(hex("85000000 00000000 01")), 0, 9),
                "a lone byte after the options");
        assertEquals(DropReason.NDP_BAD_OPTION,
                Icmpv6View.check(segment(hex("85000000 00000000 0101 020000000001 00")), 0, 17));
        assertEquals(DropReason.NONE, Icmpv6View.check(segment(hex("85000000 00000000")), 0, 8), "no options at all");
    }

    @Test
    void knownOptionsThatDoNotFitTheirLayout_areKeptAsUnknown() {
        byte[] m = hex("85000000 00000000 0501 000000000000 0303 " + "00".repeat(22) + " 1902 " + "00".repeat(14));
        assertEquals(DropReason.NONE, Icmpv6View.check(segment(m), 0, m.length));
        NdpRepr repr = (NdpRepr) Icmpv6Repr.parse(new Icmpv6View().wrap(segment(m), 0, m.length));
        assertEquals(List.of(new NdpOption.Mtu(0), new NdpOption.Unknown(3, Octets.of(new byte[22])),
                new NdpOption.Unknown(25, Octets.of(new byte[14]))), repr.options());
    }

    @Test
    void unknownOptions_areKept() {
        byte[] m = hex("85000000 00000000 2a01 0102030405 06");
        NdpRepr repr = (NdpRepr) Icmpv6Repr.parse(new Icmpv6View().wrap(segment(m), 0, m.length));
        assertEquals(List.of(new NdpOption.Unknown(42, Octets.ofHex("010203040506"))), repr.options());
    }

    @Test
    void neighborAdvertisementFlags_useTheHighBitsAndZeroTheRest() {
        NdpRepr na = new NdpRepr.NeighborAdvertisement(true, false, true, Ipv6Address.LOOPBACK, List.of());
        MemorySegment out = poisoned(24);
        na.writeMessage(out, 0);
        assertEquals("88000000a0000000", hex(bytes(out, 0, 8)));
    }

    @Test
    void invalidOptions_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> new NdpOption.SourceLinkLayerAddress(Octets.ofHex("0102030405")));
        assertThrows(IllegalArgumentException.class, () -> new NdpOption.Unknown(1, Octets.ofHex("010203040506")));
        assertThrows(IllegalArgumentException.class, () -> new NdpOption.Unknown(0x100, Octets.ofHex("010203040506")));
        assertThrows(IllegalArgumentException.class, () -> new NdpOption.Nonce(Octets.ofHex("01020304")));
        assertThrows(IllegalArgumentException.class, () -> new NdpOption.RecursiveDnsServer(1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new NdpOption.RedirectedHeader(Octets.ofHex("01")));
        assertThrows(IllegalArgumentException.class, () -> new NdpOption.Mtu(-1));
        assertThrows(IllegalArgumentException.class,
                () -> new NdpOption.PrefixInformation(64, 256, 0, 0, Ipv6Address.ANY));
        assertThrows(IllegalStateException.class,
                () -> new NdpOption.TargetLinkLayerAddress(Octets.of(new byte[14])).mac());
        assertThrows(IllegalArgumentException.class,
                () -> new NdpRepr.RouterAdvertisement(64, 0, 0x10000, 0, 0, List.of()));
    }
}
