package org.jwsk.wire;

/**
 * IP protocol numbers (the IPv4 protocol field, the IPv6 next header field; IANA "Assigned Internet Protocol
 * Numbers").
 */
public final class IpProtocol {

    /** IPv6 Hop-by-Hop Options (RFC 8200 §4.3). */
    public static final int HOPOPT = 0;
    /** ICMP (RFC 792). */
    public static final int ICMP = 1;
    /** IGMP (RFC 3376). */
    public static final int IGMP = 2;
    /** IPv4 encapsulation (RFC 2003). */
    public static final int IPV4 = 4;
    /** TCP (RFC 9293). */
    public static final int TCP = 6;
    /** UDP (RFC 768). */
    public static final int UDP = 17;
    /** IPv6 encapsulation (RFC 2473). */
    public static final int IPV6 = 41;
    /** IPv6 Routing header (RFC 8200 §4.4). */
    public static final int IPV6_ROUTE = 43;
    /** IPv6 Fragment header (RFC 8200 §4.5). */
    public static final int IPV6_FRAG = 44;
    /** Encapsulating Security Payload (RFC 4303). */
    public static final int ESP = 50;
    /** Authentication Header (RFC 4302). */
    public static final int AH = 51;
    /** ICMPv6 (RFC 4443). */
    public static final int ICMPV6 = 58;
    /** No next header (RFC 8200 §4.7). */
    public static final int IPV6_NONXT = 59;
    /** IPv6 Destination Options (RFC 8200 §4.6). */
    public static final int IPV6_OPTS = 60;

    private IpProtocol() {
    }

    /** A short name for printing: {@code TCP}, {@code UDP}, ... or the number. */
    public static String name(int protocol) {
        return switch (protocol) {
            case HOPOPT -> "HOPOPT";
            case ICMP -> "ICMP";
            case IGMP -> "IGMP";
            case IPV4 -> "IPv4";
            case TCP -> "TCP";
            case UDP -> "UDP";
            case IPV6 -> "IPv6";
            case IPV6_ROUTE -> "IPv6-Route";
            case IPV6_FRAG -> "IPv6-Frag";
            case ESP -> "ESP";
            case AH -> "AH";
            case ICMPV6 -> "ICMPv6";
            case IPV6_NONXT -> "IPv6-NoNxt";
            case IPV6_OPTS -> "IPv6-Opts";
            default -> "proto-" + protocol;
        };
    }

    /** Whether {@code protocol} is an IPv6 extension header the header-chain walker steps over. */
    public static boolean isIpv6Extension(int protocol) {
        return protocol == HOPOPT || protocol == IPV6_ROUTE || protocol == IPV6_FRAG || protocol == IPV6_OPTS;
    }
}
