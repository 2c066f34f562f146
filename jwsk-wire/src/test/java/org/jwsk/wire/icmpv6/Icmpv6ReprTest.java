package org.jwsk.wire.icmpv6;

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
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv6.Icmpv6Vectors.Message;
import org.jwsk.wire.ipv6.Captures;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.testing.WireTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Icmpv6ReprTest {

    static Stream<Icmpv6Repr> reprs() {
        return RandomCases.of(4443, 1000, Icmpv6ReprTest::anyRepr);
    }

    @ParameterizedTest
    @MethodSource("reprs")
    void parseOfEmit_isIdentity(Icmpv6Repr repr) {
        int pseudo = pseudoHeaderSum(repr);
        MemorySegment out = WireTesting.poisoned(repr.bufferLength());
        repr.emit(out, 0, pseudo, ChecksumPolicy.COMPUTE);
        assertEquals(DropReason.NONE, Icmpv6View.check(out, 0, repr.bufferLength()));
        Icmpv6View view = new Icmpv6View().wrap(out, 0, repr.bufferLength());
        assertTrue(view.verifyChecksum(pseudo));
        assertEquals(repr.type(), view.type());
        assertEquals(repr.code(), view.code());
        assertEquals(repr, Icmpv6Repr.parse(view));
    }

    static Stream<Integer> icmpv6Frames() {
        Ipv6HeaderWalker walker = new Ipv6HeaderWalker();
        return Captures.ipv6FrameNumbers().stream().filter(n -> {
            byte[] p = Captures.ipv6Packet(n);
            return walker.walk(MemorySegment.ofArray(p), 0, p.length) == DropReason.NONE
                    && walker.upperProtocol() == IpProtocol.ICMPV6;
        });
    }

    /** Every ICMPv6 message Linux sent in the capture verifies, parses, and re-emits byte for byte. */
    @ParameterizedTest
    @MethodSource("icmpv6Frames")
    void everyCapturedMessage_reemitsByteForByte(int frame) {
        Message m = Icmpv6Vectors.captured(frame);
        Icmpv6View view = m.view();
        assertTrue(view.verifyChecksum(m.pseudoHeaderSum()));
        Icmpv6ViewTest.assertEmits(Icmpv6Repr.parse(view), m);
    }

    @Test
    void capture_hasEveryKindTheBriefNames() {
        List<Integer> types = icmpv6Frames().map(n -> Icmpv6Vectors.captured(n).view().type()).distinct().sorted().toList();
        assertEquals(List.of(128, 129, 133, 135, 136, 143), types);
    }

    @Test
    void unknown_cannotStandForAKnownType() {
        for (int type : new int[] {1, 2, 3, 4, 128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 143}) {
            assertThrows(IllegalArgumentException.class, () -> new Icmpv6Repr.Unknown(type, 0, Octets.EMPTY));
        }
        new Icmpv6Repr.Unknown(139, 0, Octets.EMPTY);
        assertThrows(IllegalArgumentException.class, () -> new Icmpv6Repr.EchoRequest(0x10000, 0, Octets.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv6Repr.PacketTooBig(1L << 32, Octets.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new Icmpv6Repr.ParameterProblem(256, 0, Octets.EMPTY));
        assertThrows(NullPointerException.class, () -> new Icmpv6Repr.TimeExceeded(0, null));
    }

    /** A reproducible pseudo-header sum per record, so that the checksums vary across cases. */
    static int pseudoHeaderSum(Icmpv6Repr repr) {
        return (repr.hashCode() & 0x7fff_ffff) % 0xffff;
    }

    static Icmpv6Repr anyRepr(RandomGenerator r) {
        Octets body = Octets.of(RandomCases.bytesUpTo(r, 64));
        return switch (r.nextInt(17)) {
            case 0 -> new Icmpv6Repr.EchoRequest(r.nextInt(0x10000), r.nextInt(0x10000), body);
            case 1 -> new Icmpv6Repr.EchoReply(r.nextInt(0x10000), r.nextInt(0x10000), body);
            case 2 -> new Icmpv6Repr.DestinationUnreachable(r.nextInt(8), body);
            case 3 -> new Icmpv6Repr.PacketTooBig(r.nextLong(1L << 32), body);
            case 4 -> new Icmpv6Repr.TimeExceeded(r.nextInt(2), body);
            case 5 -> new Icmpv6Repr.ParameterProblem(r.nextInt(11), r.nextLong(1L << 32), body);
            case 6 -> new Icmpv6Repr.Unknown(r.nextBoolean() ? 5 + r.nextInt(100) : 144 + r.nextInt(112), r.nextInt(256), body);
            case 7 -> new NdpRepr.RouterSolicitation(options(r));
            case 8 -> new NdpRepr.RouterAdvertisement(r.nextInt(256), r.nextInt(256), r.nextInt(0x10000),
                    r.nextLong(1L << 32), r.nextLong(1L << 32), options(r));
            case 9 -> new NdpRepr.NeighborSolicitation(WireTesting.randomIpv6(r), options(r));
            case 10 -> new NdpRepr.NeighborAdvertisement(r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                    WireTesting.randomIpv6(r), options(r));
            case 11 -> new NdpRepr.Redirect(WireTesting.randomIpv6(r), WireTesting.randomIpv6(r), options(r));
            case 12 -> new MldRepr.V1Query(r.nextInt(0x10000), WireTesting.randomIpv6(r));
            case 13 -> new MldRepr.V2Query(r.nextInt(0x10000), WireTesting.randomIpv6(r), r.nextBoolean(), r.nextInt(8),
                    r.nextInt(256), addresses(r, 4));
            case 14 -> new MldRepr.V1Report(WireTesting.randomIpv6(r));
            case 15 -> new MldRepr.V1Done(WireTesting.randomIpv6(r));
            default -> {
                List<MldRecord> records = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    records.add(new MldRecord(1 + r.nextInt(6), WireTesting.randomIpv6(r), addresses(r, 3),
                            Octets.of(RandomCases.bytes(r, 4 * r.nextInt(3)))));
                }
                yield new MldRepr.V2Report(records);
            }
        };
    }

    static List<NdpOption> options(RandomGenerator r) {
        List<NdpOption> options = new ArrayList<>();
        for (int i = r.nextInt(5); i > 0; i--) {
            options.add(switch (r.nextInt(8)) {
                case 0 -> new NdpOption.SourceLinkLayerAddress(Octets.of(RandomCases.bytes(r, r.nextBoolean() ? 6 : 14)));
                case 1 -> NdpOption.TargetLinkLayerAddress.of(WireTesting.anyMac(r));
                case 2 -> new NdpOption.PrefixInformation(r.nextInt(129), r.nextInt(256), r.nextLong(1L << 32),
                        r.nextLong(1L << 32), WireTesting.randomIpv6(r));
                case 3 -> new NdpOption.RedirectedHeader(Octets.of(RandomCases.bytes(r, 8 * r.nextInt(6))));
                case 4 -> new NdpOption.Mtu(r.nextLong(1L << 32));
                case 5 -> new NdpOption.Nonce(Octets.of(RandomCases.bytes(r, r.nextBoolean() ? 6 : 22)));
                case 6 -> {
                    List<Ipv6Address> servers = addresses(r, 3);
                    yield new NdpOption.RecursiveDnsServer(r.nextLong(1L << 32),
                            servers.isEmpty() ? List.of(Ipv6Address.LOOPBACK) : servers);
                }
                default -> r.nextBoolean() ? new NdpOption.Unknown(30 + r.nextInt(200), Octets.of(RandomCases.bytes(r, 6)))
                        : new NdpOption.Unknown(NdpOptionType.PREFIX_INFORMATION, Octets.of(RandomCases.bytes(r, 14)));
            });
        }
        return options;
    }

    static List<Ipv6Address> addresses(RandomGenerator r, int max) {
        List<Ipv6Address> list = new ArrayList<>();
        for (int i = r.nextInt(max + 1); i > 0; i--) {
            list.add(WireTesting.randomIpv6(r));
        }
        return list;
    }
}
