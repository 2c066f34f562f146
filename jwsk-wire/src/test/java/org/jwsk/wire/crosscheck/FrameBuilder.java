package org.jwsk.wire.crosscheck;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.arp.ArpRepr;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.EthernetRepr;
import org.jwsk.wire.ethernet.VlanTag;
import org.jwsk.wire.icmpv4.Icmpv4Repr;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.ipv4.Ipv4Option;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv6.Ipv6ExtensionRepr;
import org.jwsk.wire.ipv6.Ipv6Repr;
import org.jwsk.wire.ipv6.Ipv6RoutingRepr;
import org.jwsk.wire.tcp.TcpRepr;
import org.jwsk.wire.testing.WireTesting;
import org.jwsk.wire.udp.UdpRepr;

/**
 * Stacks jwsk records into a frame and emits it with jwsk's own emitters into a poisoned buffer, checksums
 * computed ({@link ChecksumPolicy#COMPUTE}) over the right pseudo-headers.
 *
 * <p>What follows from the stack is filled in at {@link #build()}, so the frame table cannot get it wrong: the
 * Ethernet EtherType (from the next layer), the IPv4 protocol, IPv6 next header and extension next header
 * fields (from the next layer, unless that is {@link Layer.Data}, a fragment's bytes), and the IPv4 and IPv6
 * payload lengths (everything after the header). The layers {@link Built} returns carry the filled-in values.
 */
final class FrameBuilder {

    private final List<Layer> layers = new ArrayList<>();

    /** An untagged or tagged Ethernet header; its EtherType comes from the next layer. */
    FrameBuilder eth(MacAddress dst, MacAddress src, VlanTag... tags) {
        return add(new Layer.Eth(new EthernetRepr(dst, src, List.of(tags), 0)));
    }

    FrameBuilder arp(ArpRepr repr) {
        return add(new Layer.Arp(repr));
    }

    FrameBuilder ipv4(Ipv4Repr repr) {
        return add(new Layer.V4(repr));
    }

    FrameBuilder ipv6(Ipv6Repr repr) {
        return add(new Layer.V6(repr));
    }

    FrameBuilder ext(Ipv6ExtensionRepr repr) {
        return add(new Layer.V6Ext(repr));
    }

    FrameBuilder udp(int srcPort, int dstPort, Octets payload) {
        return add(new Layer.Udp(new UdpRepr(srcPort, dstPort, payload.length()), payload));
    }

    FrameBuilder tcp(TcpRepr repr) {
        return add(new Layer.Tcp(repr));
    }

    FrameBuilder icmpv4(Icmpv4Repr repr) {
        return add(new Layer.Icmp4(repr, null));
    }

    /** An ICMPv4 error whose body is {@code quoted}'s bytes. */
    FrameBuilder icmpv4(Icmpv4Repr repr, Built quoted) {
        return add(new Layer.Icmp4(repr, quoted));
    }

    FrameBuilder icmpv6(Icmpv6Repr repr) {
        return add(new Layer.Icmp6(repr, null));
    }

    /** An ICMPv6 error, or a Redirect, that carries {@code quoted}'s bytes. */
    FrameBuilder icmpv6(Icmpv6Repr repr, Built quoted) {
        return add(new Layer.Icmp6(repr, quoted));
    }

    /** A fragment's bytes; {@code reassembled}, the whole datagram's layers when this fragment completes it. */
    FrameBuilder data(Octets bytes, List<Layer> reassembled) {
        return add(new Layer.Data(bytes, reassembled));
    }

    private FrameBuilder add(Layer layer) {
        layers.add(layer);
        return this;
    }

    /** Fills in the derived fields and emits every layer, innermost first so checksums cover finished bytes. */
    Built build() {
        List<Layer> fixed = derive(layers);
        int total = 0;
        int[] offsets = new int[fixed.size()];
        for (int i = 0; i < fixed.size(); i++) {
            offsets[i] = total;
            total += fixed.get(i).length();
        }
        MemorySegment seg = WireTesting.poisoned(total);
        for (int i = fixed.size() - 1; i >= 0; i--) {
            emit(fixed, i, seg, offsets[i]);
        }
        return new Built(seg.toArray(ValueLayout.JAVA_BYTE), fixed, true);
    }

    private static void emit(List<Layer> layers, int index, MemorySegment seg, long off) {
        switch (layers.get(index)) {
            case Layer.Eth e -> e.repr().emit(seg, off);
            case Layer.Arp a -> a.repr().emit(seg, off);
            case Layer.V4 v -> v.repr().emit(seg, off, ChecksumPolicy.COMPUTE);
            case Layer.V6 v -> v.repr().emit(seg, off);
            case Layer.V6Ext x -> x.repr().emit(seg, off);
            case Layer.Udp u -> {
                u.payload().copyTo(seg, off + u.repr().headerLength());
                int sum = pseudoHeaderSum(layers, index, IpProtocol.UDP, u.length());
                u.repr().emit(seg, off, ChecksumPolicy.COMPUTE, sum);
            }
            case Layer.Tcp t ->
                    t.repr().emit(seg, off, pseudoHeaderSum(layers, index, IpProtocol.TCP, t.length()),
                            ChecksumPolicy.COMPUTE);
            case Layer.Icmp4 i -> i.repr().emit(seg, off, ChecksumPolicy.COMPUTE);
            case Layer.Icmp6 i ->
                    i.repr().emit(seg, off, pseudoHeaderSum(layers, index, IpProtocol.ICMPV6, i.length()),
                            ChecksumPolicy.COMPUTE);
            case Layer.Data d -> d.bytes().copyTo(seg, off);
        }
    }

    /**
     * The pseudo-header sum for the transport at {@code index}, from the nearest IP header before it. IPv4 with
     * a source route not yet complete: the final destination, the route's last slot (the sender's transport
     * addresses the final host; Linux checksums over {@code inet_daddr}). IPv6: RFC 8200 §8.1 asks for the final
     * destination when there is a Routing header; the frames only use Segments Left 0, where that is the
     * Destination Address.
     */
    static int pseudoHeaderSum(List<Layer> layers, int index, int protocol, int length) {
        for (int i = index - 1; i >= 0; i--) {
            switch (layers.get(i)) {
                case Layer.V4 v -> {
                    Ipv4Repr ip = v.repr();
                    return InternetChecksum.pseudoHeaderV4(ip.src().value(), finalDestination(ip).value(), protocol,
                            length);
                }
                case Layer.V6 v -> {
                    Ipv6Address src = v.repr().src();
                    Ipv6Address dst = v.repr().dst();
                    return InternetChecksum.pseudoHeaderV6(src.hi(), src.lo(), dst.hi(), dst.lo(), protocol, length);
                }
                case Layer.V6Ext x when x.repr() instanceof Ipv6RoutingRepr r && r.segmentsLeft() != 0 ->
                        throw new IllegalArgumentException("the builder only knows the final destination with "
                                + "Segments Left 0, not " + r);
                default -> { }
            }
        }
        throw new IllegalArgumentException("no IP header before layer " + index + " of " + layers);
    }

    /** The last slot of an unfinished loose or strict source route, else the destination. */
    static Ipv4Address finalDestination(Ipv4Repr ip) {
        for (Ipv4Option option : ip.options()) {
            if ((option instanceof Ipv4Option.LooseSourceRoute || option instanceof Ipv4Option.StrictSourceRoute)
                    && option instanceof Ipv4Option.Route route && !route.isFull()) {
                return route.route().getLast();
            }
        }
        return ip.dst();
    }

    /** The layers with every derived field filled in; see the class comment. */
    private static List<Layer> derive(List<Layer> layers) {
        List<Layer> out = new ArrayList<>(layers);
        int after = 0;
        for (int i = out.size() - 1; i >= 0; i--) {
            Layer next = i + 1 < out.size() ? out.get(i + 1) : null;
            Layer fixed = switch (out.get(i)) {
                case Layer.Eth e -> new Layer.Eth(new EthernetRepr(e.repr().dst(), e.repr().src(),
                        e.repr().vlanTags(), etherTypeOf(next)));
                case Layer.V4 v -> new Layer.V4(withPayload(v.repr(), protocolOf(next, v.repr().protocol()), after));
                case Layer.V6 v -> new Layer.V6(withPayload(v.repr(), protocolOf(next, v.repr().nextHeader()), after));
                case Layer.V6Ext x -> new Layer.V6Ext(Headers.withNextHeader(x.repr(),
                        protocolOf(next, x.repr().nextHeader())));
                case Layer other -> other;
            };
            out.set(i, fixed);
            after += fixed.length();
        }
        return out;
    }

    private static int etherTypeOf(Layer next) {
        return switch (next) {
            case Layer.Arp a -> EtherType.ARP;
            case Layer.V4 v -> EtherType.IPV4;
            case Layer.V6 v -> EtherType.IPV6;
            case null, default -> throw new IllegalArgumentException("Ethernet must carry ARP, IPv4 or IPv6: " + next);
        };
    }

    /** The protocol number of {@code next}, or {@code given} when it is a fragment's bytes (or nothing). */
    private static int protocolOf(Layer next, int given) {
        return switch (next) {
            case Layer.V6Ext x -> x.repr().protocol();
            case Layer.Udp u -> IpProtocol.UDP;
            case Layer.Tcp t -> IpProtocol.TCP;
            case Layer.Icmp4 i -> IpProtocol.ICMP;
            case Layer.Icmp6 i -> IpProtocol.ICMPV6;
            case null, default -> given;
        };
    }

    private static Ipv4Repr withPayload(Ipv4Repr r, int protocol, int payloadLength) {
        return new Ipv4Repr(r.dscp(), r.ecn(), r.identification(), r.dontFragment(), r.moreFragments(),
                r.fragmentOffset(), r.ttl(), protocol, r.src(), r.dst(), r.options(), payloadLength);
    }

    private static Ipv6Repr withPayload(Ipv6Repr r, int nextHeader, int payloadLength) {
        return new Ipv6Repr(r.trafficClass(), r.flowLabel(), payloadLength, nextHeader, r.hopLimit(), r.src(),
                r.dst());
    }
}
