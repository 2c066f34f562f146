package org.jwsk.wire.icmpv6;

/** ICMPv6 message types jwsk knows (IANA "ICMPv6 Parameters"). Types below 128 are errors (RFC 4443 §2.1). */
public final class Icmpv6Type {

    /** Destination Unreachable (RFC 4443 §3.1). */
    public static final int DESTINATION_UNREACHABLE = 1;
    /** Packet Too Big (RFC 4443 §3.2). */
    public static final int PACKET_TOO_BIG = 2;
    /** Time Exceeded (RFC 4443 §3.3). */
    public static final int TIME_EXCEEDED = 3;
    /** Parameter Problem (RFC 4443 §3.4). */
    public static final int PARAMETER_PROBLEM = 4;
    /** Echo Request (RFC 4443 §4.1). */
    public static final int ECHO_REQUEST = 128;
    /** Echo Reply (RFC 4443 §4.2). */
    public static final int ECHO_REPLY = 129;
    /** Multicast Listener Query, MLDv1 (RFC 2710 §3) or MLDv2 (RFC 3810 §5.1). */
    public static final int MLD_QUERY = 130;
    /** Multicast Listener Report, MLDv1 (RFC 2710 §3). */
    public static final int MLD_V1_REPORT = 131;
    /** Multicast Listener Done, MLDv1 (RFC 2710 §3). */
    public static final int MLD_V1_DONE = 132;
    /** Router Solicitation (RFC 4861 §4.1). */
    public static final int ROUTER_SOLICITATION = 133;
    /** Router Advertisement (RFC 4861 §4.2). */
    public static final int ROUTER_ADVERTISEMENT = 134;
    /** Neighbor Solicitation (RFC 4861 §4.3). */
    public static final int NEIGHBOR_SOLICITATION = 135;
    /** Neighbor Advertisement (RFC 4861 §4.4). */
    public static final int NEIGHBOR_ADVERTISEMENT = 136;
    /** Redirect (RFC 4861 §4.5). */
    public static final int REDIRECT = 137;
    /** Version 2 Multicast Listener Report (RFC 3810 §5.2). */
    public static final int MLD_V2_REPORT = 143;

    private Icmpv6Type() {
    }

    /** Whether {@code type} is an error message (RFC 4443 §2.1: the high bit of the type is clear). */
    public static boolean isError(int type) {
        return type < 128;
    }

    /** Whether {@code type} is one of the five NDP messages (RFC 4861 §4). */
    public static boolean isNdp(int type) {
        return type >= ROUTER_SOLICITATION && type <= REDIRECT;
    }

    /** Whether {@code type} is an MLD message (RFC 2710, RFC 3810). */
    public static boolean isMld(int type) {
        return type >= MLD_QUERY && type <= MLD_V1_DONE || type == MLD_V2_REPORT;
    }

    /** A short name for printing. */
    public static String name(int type) {
        return switch (type) {
            case DESTINATION_UNREACHABLE -> "DestinationUnreachable";
            case PACKET_TOO_BIG -> "PacketTooBig";
            case TIME_EXCEEDED -> "TimeExceeded";
            case PARAMETER_PROBLEM -> "ParameterProblem";
            case ECHO_REQUEST -> "EchoRequest";
            case ECHO_REPLY -> "EchoReply";
            case MLD_QUERY -> "MldQuery";
            case MLD_V1_REPORT -> "MldV1Report";
            case MLD_V1_DONE -> "MldV1Done";
            case ROUTER_SOLICITATION -> "RouterSolicitation";
            case ROUTER_ADVERTISEMENT -> "RouterAdvertisement";
            case NEIGHBOR_SOLICITATION -> "NeighborSolicitation";
            case NEIGHBOR_ADVERTISEMENT -> "NeighborAdvertisement";
            case REDIRECT -> "Redirect";
            case MLD_V2_REPORT -> "MldV2Report";
            default -> "icmp6-" + type;
        };
    }
}
