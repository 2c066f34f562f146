package org.jwsk.wire.crosscheck;

import static org.jwsk.wire.crosscheck.Headers.counting;
import static org.jwsk.wire.crosscheck.Headers.destinationOptions;
import static org.jwsk.wire.crosscheck.Headers.fragment;
import static org.jwsk.wire.crosscheck.Headers.text;
import static org.jwsk.wire.crosscheck.Headers.v6;
import static org.jwsk.wire.crosscheck.Headers.v6Carrying;
import static org.jwsk.wire.crosscheck.Hosts.A6;
import static org.jwsk.wire.crosscheck.Hosts.A_MAC;
import static org.jwsk.wire.crosscheck.Hosts.B6;
import static org.jwsk.wire.crosscheck.Hosts.HOP6;
import static org.jwsk.wire.crosscheck.Hosts.R6;
import static org.jwsk.wire.crosscheck.Hosts.R_MAC;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv6.Icmpv6Code;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.ipv6.Ipv6Option;
import org.jwsk.wire.ipv6.Ipv6RoutingLayout;
import org.jwsk.wire.ipv6.Ipv6RoutingRepr;

/**
 * IPv6 extension headers (RFC 8200 §4: Destination Options, a Segment Routing header, Fragment) and ICMPv6
 * (RFC 4443): echo, every Destination Unreachable code, Packet Too Big, both Time Exceeded codes, three
 * Parameter Problem codes and a private-experimentation type, which jwsk keeps uninterpreted. Hop-by-Hop
 * Options travel with MLD ({@link NeighborFrames}). Errors quote packets jwsk built, as they arrive at host A.
 */
final class Ipv6Frames {

    private static final String[] UNREACHABLE = {"no-route", "admin-prohibited", "beyond-scope",
        "address-unreachable", "port-unreachable", "source-policy-failed", "reject-route",
        "source-routing-header-error"};

    /** An RFC 4727 experimental option type whose high bits say "skip if unrecognised" (RFC 8200 §4.2). */
    private static final int OPTION_EXPERIMENT_SKIP = 0x1e;
    /** An RFC 4727 experimental option type whose high bits say "discard and send Parameter Problem". */
    private static final int OPTION_EXPERIMENT_DISCARD_ICMP = 0x9e;

    private Ipv6Frames() {
    }

    static List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        frames.add(destinationOptionsAndRouting());
        frames.addAll(fragments());
        Icmpv6Repr.EchoRequest ping = new Icmpv6Repr.EchoRequest(0x2b2b, 1, counting(0x10, 56));
        frames.add(message("icmpv6-echo-request", A6, B6, ping, null));
        frames.add(message("icmpv6-echo-reply", B6, A6, ping.reply(), null));
        for (int code = 0; code < UNREACHABLE.length; code++) {
            Built quoted = udpPacket(A6, B6, 49400 + code, counting(0x30, 16));
            Ipv6Address from = code == Icmpv6Code.PORT_UNREACHABLE ? B6 : R6;
            frames.add(message("icmpv6-unreachable-" + code + "-" + UNREACHABLE[code], from, A6,
                    new Icmpv6Repr.DestinationUnreachable(code, quoted.octets()), quoted));
        }
        // A full 1500-byte packet, quoted as far as the IPv6 minimum MTU allows (RFC 4443 §3.2).
        Built big = udpPacket(A6, B6, 49410, counting(0, 1500 - 40 - 8)).truncated(1280 - 40 - 8);
        frames.add(message("icmpv6-packet-too-big", R6, A6, new Icmpv6Repr.PacketTooBig(1280, big.octets()), big));
        Built hopLimitOne = new FrameBuilder().ipv6(v6(A6, B6, 1)).udp(49411, 4041, counting(0x40, 32)).build();
        frames.add(message("icmpv6-time-exceeded-hop-limit", HOP6, A6, new Icmpv6Repr.TimeExceeded(
                Icmpv6Code.HOP_LIMIT_EXCEEDED, hopLimitOne.octets()), hopLimitOne));
        Built firstFragment = new FrameBuilder().ipv6(v6(A6, B6, Headers.TTL))
                .ext(fragment(IpProtocol.UDP, 0, true, 0x0dec0ded)).data(counting(0x50, 24), List.of()).build();
        frames.add(message("icmpv6-time-exceeded-reassembly", B6, A6, new Icmpv6Repr.TimeExceeded(
                Icmpv6Code.REASSEMBLY_TIME_EXCEEDED, firstFragment.octets()), firstFragment));
        frames.addAll(parameterProblems());
        frames.add(message("icmpv6-private-experimentation", A6, B6,
                new Icmpv6Repr.Unknown(200, 0, text("jwsk-exp")), null));
        return frames;
    }

    /**
     * Destination Options with an experimental option and PadN, then a Segment Routing header (RFC 8754 §2):
     * B sent the packet to A by way of HOP6, and it reaches A, its last segment, with Segments Left 0, so the
     * destination is Segment List[0].
     */
    private static Frame destinationOptionsAndRouting() {
        Octets srh = Octets.of(concat(new byte[] {1, 0, 0, 0}, A6.toBytes(), HOP6.toBytes()));
        Built packet = new FrameBuilder().eth(A_MAC, R_MAC).ipv6(v6(B6, A6, 60))
                .ext(destinationOptions(new Ipv6Option.Unknown(OPTION_EXPERIMENT_SKIP, text("jw"))))
                .ext(new Ipv6RoutingRepr(0, Ipv6RoutingLayout.TYPE_SEGMENT_ROUTING, 0, srh))
                .udp(49420, 4041, text("segment routed")).build();
        return new Frame("ipv6-destination-options-routing-udp", packet,
                "eth:ethertype:ipv6:ipv6.dstopts:ipv6.routing:udp:data");
    }

    /** A 108-byte echo request in fragments of 56 and 52 bytes; tshark reassembles it in the second frame. */
    private static List<Frame> fragments() {
        int id = 0x0badcafe;
        Built whole = new FrameBuilder().ipv6(v6(A6, B6, Headers.TTL))
                .icmpv6(new Icmpv6Repr.EchoRequest(0x2b2c, 2, counting(0, 100))).build();
        Octets first = whole.slice(40, 56);
        Octets last = whole.slice(40 + 56, 52);
        List<Layer> icmp = whole.layers().subList(1, whole.layers().size());
        return List.of(
                new Frame("ipv6-fragment-first", new FrameBuilder().eth(R_MAC, A_MAC).ipv6(v6(A6, B6, Headers.TTL))
                        .ext(fragment(IpProtocol.ICMPV6, 0, true, id)).data(first, List.of()).build(),
                        "eth:ethertype:ipv6:ipv6.fraghdr:data"),
                new Frame("ipv6-fragment-last", new FrameBuilder().eth(R_MAC, A_MAC).ipv6(v6(A6, B6, Headers.TTL))
                        .ext(fragment(IpProtocol.ICMPV6, 7, false, id)).data(last, icmp).build(),
                        "eth:ethertype:ipv6:ipv6.fraghdr:icmpv6:data"));
    }

    /**
     * Erroneous header field, unrecognised next header (pointing at the Next Header field) and unrecognised
     * option (pointing at its type octet), RFC 4443 §3.4.
     */
    private static List<Frame> parameterProblems() {
        Built plain = udpPacket(A6, B6, 49430, counting(0, 8));
        Built unknownNext = new FrameBuilder().ipv6(v6Carrying(A6, B6, 253)).data(counting(0x60, 16), List.of())
                .build();
        Built unknownOption = new FrameBuilder().ipv6(v6(A6, B6, Headers.TTL))
                .ext(destinationOptions(new Ipv6Option.Unknown(OPTION_EXPERIMENT_DISCARD_ICMP, text("jw"))))
                .udp(49431, 4041, counting(0, 8)).build();
        return List.of(
                message("icmpv6-parameter-problem-header-field", B6, A6, new Icmpv6Repr.ParameterProblem(
                        Icmpv6Code.ERRONEOUS_HEADER_FIELD, 4, plain.octets()), plain),
                message("icmpv6-parameter-problem-next-header", B6, A6, new Icmpv6Repr.ParameterProblem(
                        Icmpv6Code.UNRECOGNIZED_NEXT_HEADER, 6, unknownNext.octets()), unknownNext),
                message("icmpv6-parameter-problem-option", B6, A6, new Icmpv6Repr.ParameterProblem(
                        Icmpv6Code.UNRECOGNIZED_OPTION, 40 + 2, unknownOption.octets()), unknownOption));
    }

    /** An IPv6 packet with a UDP datagram, without Ethernet: what an ICMPv6 error quotes. */
    static Built udpPacket(Ipv6Address src, Ipv6Address dst, int srcPort, Octets payload) {
        return new FrameBuilder().ipv6(v6(src, dst, Headers.TTL)).udp(srcPort, 4041, payload).build();
    }

    /** An ICMPv6 message between A and the router's LAN side; {@code quoted} is what an error's body holds. */
    private static Frame message(String name, Ipv6Address src, Ipv6Address dst, Icmpv6Repr message, Built quoted) {
        boolean toA = dst.equals(A6);
        Built packet = new FrameBuilder().eth(toA ? A_MAC : R_MAC, toA ? R_MAC : A_MAC)
                .ipv6(v6(src, dst, Headers.TTL)).icmpv6(message, quoted).build();
        return new Frame(name, packet, protocols(message, quoted));
    }

    private static String protocols(Icmpv6Repr message, Built quoted) {
        if (quoted == null) {
            return message instanceof Icmpv6Repr.Unknown ? "eth:ethertype:ipv6:icmpv6"
                    : "eth:ethertype:ipv6:icmpv6:data";
        }
        StringBuilder p = new StringBuilder("eth:ethertype:ipv6:icmpv6:ipv6");
        for (Layer layer : quoted.layers().subList(1, quoted.layers().size())) {
            p.append(switch (layer) {
                case Layer.V6Ext x when x.repr().protocol() == IpProtocol.IPV6_FRAG -> ":ipv6.fraghdr";
                case Layer.V6Ext x -> ":ipv6.dstopts";
                case Layer.Udp u -> u.payload().isEmpty() ? ":udp" : ":udp:data";
                default -> ":data";
            });
        }
        return p.toString();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
