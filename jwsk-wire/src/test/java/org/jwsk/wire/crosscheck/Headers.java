package org.jwsk.wire.crosscheck;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ipv4.Ipv4Layout;
import org.jwsk.wire.ipv4.Ipv4Option;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv6.Ipv6ExtensionRepr;
import org.jwsk.wire.ipv6.Ipv6FragmentRepr;
import org.jwsk.wire.ipv6.Ipv6Option;
import org.jwsk.wire.ipv6.Ipv6OptionsRepr;
import org.jwsk.wire.ipv6.Ipv6Repr;
import org.jwsk.wire.ipv6.Ipv6RoutingRepr;

/**
 * Header records for the frame tables, with the fields {@link FrameBuilder} fills in (protocol, next header,
 * payload length) left at zero.
 */
final class Headers {

    /** The TTL and hop limit hosts use (Linux's default). */
    static final int TTL = 64;

    private Headers() {
    }

    /** An IPv4 header without options or fragmentation. */
    static Ipv4Repr v4(Ipv4Address src, Ipv4Address dst, int id, boolean dontFragment) {
        return v4(src, dst, id, dontFragment, TTL, List.of());
    }

    /** An IPv4 header with options. */
    static Ipv4Repr v4(Ipv4Address src, Ipv4Address dst, int id, boolean dontFragment, int ttl,
                       List<Ipv4Option> options) {
        return new Ipv4Repr(0, Ipv4Layout.ECN_NOT_ECT, id, dontFragment, false, 0, ttl, 0, src, dst, options, 0);
    }

    /** An IPv4 header with an ECN codepoint (RFC 3168 §5) and DF set, as Linux sends TCP. */
    static Ipv4Repr v4Ecn(Ipv4Address src, Ipv4Address dst, int id, int ecn) {
        return new Ipv4Repr(0, ecn, id, true, false, 0, TTL, 0, src, dst, List.of(), 0);
    }

    /** The header of one fragment of a datagram of {@code protocol}; {@code offset} in 8-byte units. */
    static Ipv4Repr v4Fragment(Ipv4Address src, Ipv4Address dst, int id, boolean moreFragments, int offset,
                               int protocol) {
        return new Ipv4Repr(0, Ipv4Layout.ECN_NOT_ECT, id, false, moreFragments, offset, TTL, protocol, src, dst,
                List.of(), 0);
    }

    /** An IPv6 header with traffic class and flow label 0. */
    static Ipv6Repr v6(Ipv6Address src, Ipv6Address dst, int hopLimit) {
        return new Ipv6Repr(0, 0, 0, 0, hopLimit, src, dst);
    }

    /** An IPv6 header with a traffic class and flow label, as Linux sends TCP (RFC 6437 flow labels). */
    static Ipv6Repr v6(Ipv6Address src, Ipv6Address dst, int trafficClass, int flowLabel) {
        return new Ipv6Repr(trafficClass, flowLabel, 0, 0, TTL, src, dst);
    }

    /** An IPv6 header whose next header is given: what follows is not a header jwsk builds. */
    static Ipv6Repr v6Carrying(Ipv6Address src, Ipv6Address dst, int nextHeader) {
        return new Ipv6Repr(0, 0, 0, nextHeader, TTL, src, dst);
    }

    /** A Hop-by-Hop Options header holding {@code options}, padded to 8 bytes (RFC 8200 §4.3). */
    static Ipv6OptionsRepr hopByHop(Ipv6Option... options) {
        return Ipv6OptionsRepr.padded(IpProtocol.HOPOPT, 0, List.of(options));
    }

    /** A Hop-by-Hop Options header of exactly these options, padding included. */
    static Ipv6OptionsRepr hopByHopExactly(Ipv6Option... options) {
        return new Ipv6OptionsRepr(IpProtocol.HOPOPT, 0, List.of(options));
    }

    /** A Destination Options header holding {@code options}, padded to 8 bytes (RFC 8200 §4.6). */
    static Ipv6OptionsRepr destinationOptions(Ipv6Option... options) {
        return Ipv6OptionsRepr.padded(IpProtocol.IPV6_OPTS, 0, List.of(options));
    }

    /** A Fragment header of a packet whose fragmentable part starts with {@code nextHeader}. */
    static Ipv6FragmentRepr fragment(int nextHeader, int offset, boolean more, int identification) {
        return new Ipv6FragmentRepr(nextHeader, offset, more, identification);
    }

    /** {@code x} with another next header value. */
    static Ipv6ExtensionRepr withNextHeader(Ipv6ExtensionRepr x, int nextHeader) {
        return switch (x) {
            case Ipv6OptionsRepr o -> new Ipv6OptionsRepr(o.protocol(), nextHeader, o.options());
            case Ipv6RoutingRepr r -> new Ipv6RoutingRepr(nextHeader, r.routingType(), r.segmentsLeft(), r.data());
            case Ipv6FragmentRepr f -> f;
        };
    }

    /** The Ethernet address an IPv6 packet to {@code dst} goes to on the LAN: multicast mapped, else {@code mac}. */
    static MacAddress ethernetFor(IpAddress dst, MacAddress mac) {
        return dst instanceof Ipv6Address v6 && v6.isMulticast() ? MacAddress.ofIpv6Multicast(v6) : mac;
    }

    /** ASCII text as bytes. */
    static Octets text(String s) {
        return Octets.of(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code length} bytes counting up from {@code first}, like ping's pattern. */
    static Octets counting(int first, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return Octets.of(b);
    }
}
