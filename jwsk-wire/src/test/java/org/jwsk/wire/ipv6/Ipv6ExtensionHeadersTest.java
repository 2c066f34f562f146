package org.jwsk.wire.ipv6;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.wire.testing.WireTesting.bytes;
import static org.jwsk.wire.testing.WireTesting.hex;
import static org.jwsk.wire.testing.WireTesting.poisoned;
import static org.jwsk.wire.testing.WireTesting.segment;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hop-by-Hop / Destination Options, Routing and Fragment headers: views and records. */
class Ipv6ExtensionHeadersTest {

    /** The Hop-by-Hop header of frame 1 (MLDv2 report): Router Alert MLD, then an empty PadN. */
    static final byte[] CAPTURED_HBH = Arrays.copyOfRange(Captures.ipv6Packet(1), 40, 48);
    /** scapy: IPv6ExtHdrDestOpt(nh=17, options=[HBHOptUnknown(otype=0x1e, optdata=b'abcd')]). */
    static final byte[] DEST_OPTS_UNKNOWN = hex("11001e0461626364");
    /** scapy: IPv6ExtHdrHopByHop(nh=6, options=[Jumbo(jumboplen=70000)]). */
    static final byte[] HBH_JUMBO = hex("0600c20400011170");
    /** scapy: IPv6ExtHdrRouting(nh=6, addresses=['2001:db8::3'], segleft=1): deprecated type 0 (RFC 5095). */
    static final byte[] ROUTING_TYPE0 = hex("060200010000000020010db8000000000000000000000003");
    /** scapy: IPv6ExtHdrSegmentRouting(nh=6, addresses=['2001:db8::3', '2001:db8::4'], segleft=1): type 4. */
    static final byte[] ROUTING_SRH = hex("060404010100000020010db8000000000000000000000003"
            + "20010db8000000000000000000000004");
    /** scapy: IPv6ExtHdrFragment(nh=58, offset=0, m=1, id=0x12345678). */
    static final byte[] FRAGMENT_FIRST = hex("3a00000112345678");
    /** scapy: IPv6ExtHdrFragment(nh=17, offset=181, m=0, id=0xcafe). */
    static final byte[] FRAGMENT_LAST = hex("110005a80000cafe");

    // ---- options headers

    @Test
    void capturedHopByHop_deconstructs() {
        MemorySegment seg = segment(CAPTURED_HBH);
        assertEquals(DropReason.NONE, Ipv6OptionsView.check(seg, 0, CAPTURED_HBH.length));
        Ipv6OptionsView v = new Ipv6OptionsView().wrap(seg, 0, CAPTURED_HBH.length);
        assertEquals(IpProtocol.ICMPV6, v.nextHeader());
        assertEquals(0, v.headerExtLength());
        assertEquals(8, v.headerLength());
        assertEquals(6, v.optionsLength());
        Ipv6OptionCursor c = new Ipv6OptionCursor().reset(v);
        assertTrue(c.next());
        assertEquals(Ipv6OptionType.ROUTER_ALERT, c.type());
        assertEquals(2, c.dataLength());
        assertEquals(Ipv6OptionType.ROUTER_ALERT_MLD, c.routerAlertValue());
        assertEquals(Ipv6OptionType.ACTION_SKIP, c.action());
        assertTrue(c.next());
        assertEquals(Ipv6OptionType.PADN, c.type());
        assertEquals(0, c.dataLength());
        assertFalse(c.next());
        Ipv6OptionsRepr repr = Ipv6OptionsRepr.parse(IpProtocol.HOPOPT, v);
        assertEquals(new Ipv6OptionsRepr(IpProtocol.HOPOPT, IpProtocol.ICMPV6,
                List.of(new Ipv6Option.RouterAlert(0), new Ipv6Option.PadN(0))), repr);
        assertEquals(0, repr.routerAlert());
    }

    @Test
    void hopByHop_constructsAsLinuxSendsIt() {
        Ipv6OptionsRepr repr = Ipv6OptionsRepr.padded(IpProtocol.HOPOPT, IpProtocol.ICMPV6,
                List.of(new Ipv6Option.RouterAlert(Ipv6OptionType.ROUTER_ALERT_MLD)));
        MemorySegment out = poisoned(8);
        repr.emit(out, 0);
        assertArrayEquals(CAPTURED_HBH, bytes(out, 0, 8));
    }

    @Test
    void unknownDestinationOption_matchesScapy() {
        Ipv6OptionsRepr repr = new Ipv6OptionsRepr(IpProtocol.IPV6_OPTS, IpProtocol.UDP,
                List.of(new Ipv6Option.Unknown(0x1e, Octets.ofHex("61626364"))));
        MemorySegment out = poisoned(8);
        repr.emit(out, 0);
        assertArrayEquals(DEST_OPTS_UNKNOWN, bytes(out, 0, 8));
        Ipv6ExtensionRepr parsed = Ipv6ExtensionRepr.parse(IpProtocol.IPV6_OPTS, segment(DEST_OPTS_UNKNOWN), 0, 8);
        assertEquals(repr, parsed);
        assertEquals(Ipv6OptionType.ACTION_SKIP, ((Ipv6Option.Unknown) repr.options().get(0)).action());
    }

    @Test
    void jumboPayload_isParsedAndEmitted() {
        Ipv6OptionsRepr repr = (Ipv6OptionsRepr) Ipv6ExtensionRepr.parse(IpProtocol.HOPOPT, segment(HBH_JUMBO), 0, 8);
        assertEquals(List.of(new Ipv6Option.JumboPayload(70000)), repr.options());
        assertEquals(Ipv6OptionType.ACTION_DISCARD_SEND_ICMP_UNICAST, repr.options().get(0).action());
        assertTrue(Ipv6OptionType.mayChange(0x3e));
        assertFalse(Ipv6OptionType.mayChange(Ipv6OptionType.JUMBO_PAYLOAD));
        MemorySegment out = poisoned(8);
        repr.emit(out, 0);
        assertArrayEquals(HBH_JUMBO, bytes(out, 0, 8));
    }

    @Test
    void padded_fillsWithPad1OrPadN() {
        var oneShort = Ipv6OptionsRepr.padded(IpProtocol.IPV6_OPTS, 6,
                List.of(new Ipv6Option.Unknown(0x1e, Octets.ofHex("616263"))));
        assertEquals(List.of(Ipv6Option.Pad1.INSTANCE), oneShort.options().subList(1, 2));
        var fourShort = Ipv6OptionsRepr.padded(IpProtocol.IPV6_OPTS, 6, List.of(new Ipv6Option.RouterAlert(1), Ipv6Option.Pad1.INSTANCE,
                Ipv6Option.Pad1.INSTANCE, Ipv6Option.Pad1.INSTANCE, Ipv6Option.Pad1.INSTANCE, Ipv6Option.Pad1.INSTANCE,
                Ipv6Option.Pad1.INSTANCE));
        assertEquals(new Ipv6Option.PadN(2), fourShort.options().getLast());
        assertEquals(16, fourShort.headerLength());
        assertEquals(8, Ipv6OptionsRepr.padded(IpProtocol.HOPOPT, 6, List.of()).headerLength());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7})
    void optionsHeaderShorterThan8_isBad(int length) {
        assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, Ipv6OptionsView.check(segment(CAPTURED_HBH), 0, length));
    }

    @Test
    void optionsHeaderLongerThanTheBytes_isBad() {
        byte[] h = CAPTURED_HBH.clone();
        h[1] = 1;
        assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, Ipv6OptionsView.check(segment(h), 0, h.length));
        assertNull(Ipv6ExtensionRepr.parse(IpProtocol.HOPOPT, segment(h), 0, h.length));
    }

    @Test
    void optionsThatOverrun_areBadOptions() {
        assertEquals(DropReason.IPV6_BAD_OPTION, Ipv6OptionsView.check(segment(hex("3a00 0105 0000 0000")), 0, 8),
                "PadN of 5 data bytes needs 7, 6 remain");
        assertEquals(DropReason.IPV6_BAD_OPTION, Ipv6OptionsView.check(segment(hex("3a00 0000 0000 0001")), 0, 8),
                "a type byte with no room for its length");
    }

    @Test
    void knownTypesWithTheWrongLength_areKeptAsUnknown() {
        byte[] h = hex("3c00 0503 000000 00");
        assertEquals(DropReason.NONE, Ipv6OptionsView.check(segment(h), 0, 8),
                "structure only: type 5 is Router Alert in Hop-by-Hop alone (RFC 2711 §2.1)");
        Ipv6OptionsRepr repr = Ipv6OptionsRepr.parse(IpProtocol.IPV6_OPTS, new Ipv6OptionsView().wrap(segment(h), 0, 8));
        assertEquals(List.of(new Ipv6Option.Unknown(Ipv6OptionType.ROUTER_ALERT, Octets.ofHex("000000")),
                Ipv6Option.Pad1.INSTANCE), repr.options());
        byte[] jumbo = hex("3a00 c202 0000 0100");
        Ipv6OptionsRepr j = Ipv6OptionsRepr.parse(IpProtocol.HOPOPT, new Ipv6OptionsView().wrap(segment(jumbo), 0, 8));
        assertEquals(new Ipv6Option.Unknown(Ipv6OptionType.JUMBO_PAYLOAD, Octets.ofHex("0000")), j.options().get(0));
    }

    @Test
    void options_invalidRecordsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Ipv6OptionsRepr(IpProtocol.HOPOPT, 6, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Ipv6OptionsRepr(IpProtocol.TCP, 6, List.of(new Ipv6Option.PadN(4))));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Option.Unknown(Ipv6OptionType.ROUTER_ALERT, Octets.ofHex("0000")));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Option.Unknown(Ipv6OptionType.PADN, Octets.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Option.PadN(256));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Option.RouterAlert(0x10000));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6Option.JumboPayload(1L << 32));
    }

    // ---- routing

    @Test
    void routingType0_deconstructsGenerically() {
        MemorySegment seg = segment(ROUTING_TYPE0);
        assertEquals(DropReason.NONE, Ipv6RoutingView.check(seg, 0, ROUTING_TYPE0.length));
        Ipv6RoutingView v = new Ipv6RoutingView().wrap(seg, 0, ROUTING_TYPE0.length);
        assertEquals(IpProtocol.TCP, v.nextHeader());
        assertEquals(24, v.headerLength());
        assertEquals(Ipv6RoutingLayout.TYPE_SOURCE_ROUTE, v.routingType());
        assertEquals(1, v.segmentsLeft());
        assertEquals(20, v.dataLength());
        Ipv6RoutingRepr repr = Ipv6RoutingRepr.parse(v);
        assertEquals(new Ipv6RoutingRepr(IpProtocol.TCP, 0, 1, Octets.ofHex("00000000 20010db8000000000000000000000003")), repr);
        MemorySegment out = poisoned(24);
        repr.emit(out, 0);
        assertArrayEquals(ROUTING_TYPE0, bytes(out, 0, 24));
    }

    @Test
    void segmentRoutingHeader_roundTripsAsBytes() {
        Ipv6RoutingRepr repr = (Ipv6RoutingRepr) Ipv6ExtensionRepr.parse(IpProtocol.IPV6_ROUTE, segment(ROUTING_SRH), 0,
                ROUTING_SRH.length);
        assertEquals(Ipv6RoutingLayout.TYPE_SEGMENT_ROUTING, repr.routingType());
        assertEquals(40, repr.headerLength());
        MemorySegment out = poisoned(40);
        repr.emit(out, 0);
        assertArrayEquals(ROUTING_SRH, bytes(out, 0, 40));
    }

    @Test
    void routing_truncatedAndImpossibleLengths() {
        for (int length = 0; length < 8; length++) {
            assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, Ipv6RoutingView.check(segment(ROUTING_TYPE0), 0, length));
        }
        assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, Ipv6RoutingView.check(segment(ROUTING_TYPE0), 0, 23));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6RoutingRepr(6, 0, 0, Octets.ofHex("00")));
    }

    // ---- fragment

    @Test
    void fragmentHeaders_matchScapy() {
        MemorySegment seg = segment(FRAGMENT_FIRST);
        assertEquals(DropReason.NONE, Ipv6FragmentView.check(seg, 0, 8));
        Ipv6FragmentView v = new Ipv6FragmentView().wrap(seg, 0, 8);
        assertEquals(IpProtocol.ICMPV6, v.nextHeader());
        assertEquals(0, v.fragmentOffset());
        assertTrue(v.moreFragments());
        assertFalse(v.isAtomic());
        assertEquals(0x12345678, v.identification());
        Ipv6FragmentRepr last = new Ipv6FragmentRepr(IpProtocol.UDP, 181, false, 0xcafe);
        assertEquals(1448, last.fragmentOffsetBytes());
        MemorySegment out = poisoned(8);
        last.emit(out, 0);
        assertArrayEquals(FRAGMENT_LAST, bytes(out, 0, 8));
        assertEquals(last, Ipv6ExtensionRepr.parse(IpProtocol.IPV6_FRAG, out, 0, 8));
        assertTrue(new Ipv6FragmentRepr(6, 0, false, 1).isAtomic());
    }

    @Test
    void fragment_reservedBitsAreIgnoredAndNotEmitted() {
        byte[] h = hex("11ff05ae0000cafe");
        Ipv6FragmentRepr repr = Ipv6FragmentRepr.parse(new Ipv6FragmentView().wrap(segment(h), 0, 8));
        assertEquals(new Ipv6FragmentRepr(IpProtocol.UDP, 181, false, 0xcafe), repr);
    }

    @Test
    void fragment_truncatedAndInvalid() {
        assertEquals(DropReason.IPV6_BAD_EXTENSION_HEADER, Ipv6FragmentView.check(segment(FRAGMENT_FIRST), 0, 7));
        assertThrows(IllegalArgumentException.class, () -> new Ipv6FragmentRepr(6, 8192, false, 0));
        assertThrows(IllegalArgumentException.class, () -> Ipv6ExtensionRepr.parse(IpProtocol.TCP, segment(FRAGMENT_FIRST), 0, 8));
    }

    // ---- round trips

    static Stream<Ipv6ExtensionRepr> extensionReprs() {
        return RandomCases.of(4200, 400, r -> switch (r.nextInt(3)) {
            case 0 -> {
                List<Ipv6Option> options = new ArrayList<>();
                int count = r.nextInt(6);
                for (int i = 0; i < count; i++) {
                    options.add(switch (r.nextInt(5)) {
                        case 0 -> Ipv6Option.Pad1.INSTANCE;
                        case 1 -> new Ipv6Option.PadN(r.nextInt(6));
                        case 2 -> new Ipv6Option.RouterAlert(r.nextInt(0x10000));
                        case 3 -> new Ipv6Option.JumboPayload(r.nextLong(1L << 32));
                        default -> new Ipv6Option.Unknown(0x06 + r.nextInt(0xbb), Octets.of(RandomCases.bytesUpTo(r, 40)));
                    });
                }
                yield Ipv6OptionsRepr.padded(r.nextBoolean() ? IpProtocol.HOPOPT : IpProtocol.IPV6_OPTS, r.nextInt(256), options);
            }
            case 1 -> new Ipv6RoutingRepr(r.nextInt(256), r.nextInt(256), r.nextInt(256),
                    Octets.of(RandomCases.bytes(r, 4 + 8 * r.nextInt(10))));
            default -> new Ipv6FragmentRepr(r.nextInt(256), r.nextInt(8192), r.nextBoolean(), r.nextInt());
        });
    }

    @ParameterizedTest
    @MethodSource("extensionReprs")
    void parseOfEmit_isIdentity(Ipv6ExtensionRepr repr) {
        MemorySegment out = poisoned(repr.headerLength());
        repr.emit(out, 0);
        assertEquals(repr, Ipv6ExtensionRepr.parse(repr.protocol(), out, 0, repr.headerLength()));
    }
}
