package org.jwsk.wire.icmpv6;

/** Codes of the ICMPv6 error messages (RFC 4443 §3; IANA "ICMPv6 Parameters"). */
public final class Icmpv6Code {

    /** Destination Unreachable: no route to destination. */
    public static final int NO_ROUTE = 0;
    /** Destination Unreachable: communication with destination administratively prohibited. */
    public static final int ADMIN_PROHIBITED = 1;
    /** Destination Unreachable: beyond scope of source address. */
    public static final int BEYOND_SCOPE = 2;
    /** Destination Unreachable: address unreachable. */
    public static final int ADDRESS_UNREACHABLE = 3;
    /** Destination Unreachable: port unreachable. */
    public static final int PORT_UNREACHABLE = 4;
    /** Destination Unreachable: source address failed ingress/egress policy. */
    public static final int SOURCE_POLICY_FAILED = 5;
    /** Destination Unreachable: reject route to destination. */
    public static final int REJECT_ROUTE = 6;
    /** Destination Unreachable: error in source routing header (RFC 6550 §20.18). */
    public static final int SOURCE_ROUTING_HEADER_ERROR = 7;

    /** Time Exceeded: hop limit exceeded in transit. */
    public static final int HOP_LIMIT_EXCEEDED = 0;
    /** Time Exceeded: fragment reassembly time exceeded. */
    public static final int REASSEMBLY_TIME_EXCEEDED = 1;

    /** Parameter Problem: erroneous header field encountered. */
    public static final int ERRONEOUS_HEADER_FIELD = 0;
    /** Parameter Problem: unrecognized Next Header type encountered. */
    public static final int UNRECOGNIZED_NEXT_HEADER = 1;
    /** Parameter Problem: unrecognized IPv6 option encountered. */
    public static final int UNRECOGNIZED_OPTION = 2;
    /** Parameter Problem: IPv6 first fragment has incomplete IPv6 header chain (RFC 7112 §5). */
    public static final int INCOMPLETE_HEADER_CHAIN = 3;
    /** Parameter Problem: too many extension headers (RFC 8883 §4.2). */
    public static final int TOO_MANY_EXTENSION_HEADERS = 8;
    /** Parameter Problem: too many options in extension header (RFC 8883 §4.2). */
    public static final int TOO_MANY_OPTIONS = 9;

    private Icmpv6Code() {
    }
}
