package org.jwsk.wire.icmpv6;

/**
 * Neighbor Discovery messages (RFC 4861 §4) and their options (§4.6), all after the 4-byte ICMPv6 header.
 *
 * <pre>
 * Router Solicitation (133):       | Reserved (32)                                                  | options
 * Router Advertisement (134):      | Cur Hop Limit |M|O|  flags  |       Router Lifetime          |
 *                                  | Reachable Time (32)                                            |
 *                                  | Retrans Timer (32)                                             | options
 * Neighbor Solicitation (135):     | Reserved (32)               | Target Address (128)             | options
 * Neighbor Advertisement (136):    |R|S|O|   Reserved (29)       | Target Address (128)             | options
 * Redirect (137):                  | Reserved (32) | Target Address (128) | Destination Address (128) | options
 *
 * an option (length in units of 8 bytes, type and length included; 0 is invalid):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |    Length     |              ...              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Source/Target Link-layer Address (1, 2):  | Type | Length | Link-Layer Address ...
 * Prefix Information (3), length 4:         | Type | 4 | Prefix Length |L|A| Reserved1 |
 *                                           | Valid Lifetime | Preferred Lifetime | Reserved2 | Prefix (128)
 * Redirected Header (4):                    | Type | Length | Reserved (48) | IP header + data ...
 * MTU (5), length 1:                        | Type | 1 | Reserved (16) | MTU (32)
 * Nonce (14, RFC 3971 §5.3.2):              | Type | Length | Nonce (at least 48 bits) ...
 * Recursive DNS Server (25, RFC 8106 §5.1): | Type | Length | Reserved (16) | Lifetime (32) | Addresses ...
 * </pre>
 */
public final class NdpLayout {

    /** Router Solicitation: where the options start. */
    public static final int RS_OPTIONS_OFFSET = 8;
    /** Router Advertisement: Cur Hop Limit, 8 bits. */
    public static final int RA_CUR_HOP_LIMIT_OFFSET = 4;
    /** Router Advertisement: the flags byte (M, O and later flags). */
    public static final int RA_FLAGS_OFFSET = 5;
    /** Router Advertisement: Router Lifetime in seconds, 16 bits. */
    public static final int RA_ROUTER_LIFETIME_OFFSET = 6;
    /** Router Advertisement: Reachable Time in milliseconds, 32 bits. */
    public static final int RA_REACHABLE_TIME_OFFSET = 8;
    /** Router Advertisement: Retrans Timer in milliseconds, 32 bits. */
    public static final int RA_RETRANS_TIMER_OFFSET = 12;
    /** Router Advertisement: where the options start. */
    public static final int RA_OPTIONS_OFFSET = 16;
    /** Neighbor Solicitation / Advertisement and Redirect: the target address, 16 bytes. */
    public static final int TARGET_OFFSET = 8;
    /** Neighbor Advertisement: the R, S, O flags in the high bits of this byte. */
    public static final int NA_FLAGS_OFFSET = 4;
    /** Neighbor Solicitation / Advertisement: where the options start. */
    public static final int NS_NA_OPTIONS_OFFSET = 24;
    /** Redirect: the destination address, 16 bytes. */
    public static final int REDIRECT_DESTINATION_OFFSET = 24;
    /** Redirect: where the options start. */
    public static final int REDIRECT_OPTIONS_OFFSET = 40;

    /** RA flag: Managed address configuration (RFC 4861 §4.2). */
    public static final int RA_FLAG_MANAGED = 0x80;
    /** RA flag: Other configuration (RFC 4861 §4.2). */
    public static final int RA_FLAG_OTHER = 0x40;
    /** RA flag: Home Agent (RFC 6275 §7.1). */
    public static final int RA_FLAG_HOME_AGENT = 0x20;
    /** RA default router preference bits (RFC 4191 §2.2). */
    public static final int RA_PREFERENCE_MASK = 0x18;
    /** NA flag: Router (RFC 4861 §4.4). */
    public static final int NA_FLAG_ROUTER = 0x80;
    /** NA flag: Solicited. */
    public static final int NA_FLAG_SOLICITED = 0x40;
    /** NA flag: Override. */
    public static final int NA_FLAG_OVERRIDE = 0x20;

    /** Options: type, 8 bits. */
    public static final int OPTION_TYPE_OFFSET = 0;
    /** Options: length in 8-byte units, 8 bits. */
    public static final int OPTION_LENGTH_OFFSET = 1;
    /** Options: where the option's own fields start. */
    public static final int OPTION_DATA_OFFSET = 2;
    /** Options: the unit of the length field. */
    public static final int OPTION_UNIT = 8;
    /** Options: the longest option, 255 units. */
    public static final int MAX_OPTION_LENGTH = 255 * OPTION_UNIT;
    /** Prefix Information: prefix length in bits. */
    public static final int PREFIX_LENGTH_OFFSET = 2;
    /** Prefix Information: the L and A flags. */
    public static final int PREFIX_FLAGS_OFFSET = 3;
    /** Prefix Information: valid lifetime in seconds, 32 bits. */
    public static final int PREFIX_VALID_LIFETIME_OFFSET = 4;
    /** Prefix Information: preferred lifetime in seconds, 32 bits. */
    public static final int PREFIX_PREFERRED_LIFETIME_OFFSET = 8;
    /** Prefix Information: the prefix, 16 bytes. */
    public static final int PREFIX_OFFSET = 16;
    /** Prefix Information: the option length, 32 bytes. */
    public static final int PREFIX_OPTION_LENGTH = 32;
    /** Prefix Information flag: on-link (RFC 4861 §4.6.2). */
    public static final int PREFIX_FLAG_ON_LINK = 0x80;
    /** Prefix Information flag: autonomous address configuration. */
    public static final int PREFIX_FLAG_AUTONOMOUS = 0x40;
    /** Redirected Header: where the original packet starts. */
    public static final int REDIRECTED_PACKET_OFFSET = 8;
    /** MTU option: the MTU, 32 bits. */
    public static final int MTU_OFFSET = 4;
    /** RDNSS option: lifetime in seconds, 32 bits. */
    public static final int RDNSS_LIFETIME_OFFSET = 4;
    /** RDNSS option: where the addresses start. */
    public static final int RDNSS_ADDRESSES_OFFSET = 8;

    /** A lifetime of all ones means infinity (RFC 4861 §4.6.2, RFC 8106 §5.1). */
    public static final long INFINITE_LIFETIME = 0xffff_ffffL;

    private NdpLayout() {
    }

    /**
     * The fixed part of NDP message {@code type}, header included, where its options start: 8, 16, 24, 24 or
     * 40 bytes; -1 for a type that is not NDP.
     */
    public static int optionsOffset(int type) {
        return switch (type) {
            case Icmpv6Type.ROUTER_SOLICITATION -> RS_OPTIONS_OFFSET;
            case Icmpv6Type.ROUTER_ADVERTISEMENT -> RA_OPTIONS_OFFSET;
            case Icmpv6Type.NEIGHBOR_SOLICITATION, Icmpv6Type.NEIGHBOR_ADVERTISEMENT -> NS_NA_OPTIONS_OFFSET;
            case Icmpv6Type.REDIRECT -> REDIRECT_OPTIONS_OFFSET;
            default -> -1;
        };
    }
}
