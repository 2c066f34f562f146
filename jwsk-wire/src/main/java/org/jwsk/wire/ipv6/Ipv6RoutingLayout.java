package org.jwsk.wire.ipv6;

/**
 * The IPv6 Routing header (RFC 8200 §4.4, next header 43) in its generic form: the type-specific data is kept
 * as bytes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |  Hdr Ext Len  |  Routing Type | Segments Left |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * .                       type-specific data                      .
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>RFC 8200 §4.4: a node that meets a routing type it does not recognise ignores the header if Segments Left
 * is 0, and otherwise discards the packet and sends Parameter Problem code 0 pointing at the Routing Type
 * field. Type 0 is deprecated (RFC 5095 §3) and must be treated as unrecognised. jwsk recognises no routing
 * type; the network layer applies this rule with {@link Ipv6HeaderWalker#routingHeaderOffset()}.
 */
public final class Ipv6RoutingLayout {

    /** Next header, 8 bits. */
    public static final int NEXT_HEADER_OFFSET = 0;
    /** Header length in 8-byte units, not counting the first 8 bytes. */
    public static final int HDR_EXT_LEN_OFFSET = 1;
    /** Routing type, 8 bits. */
    public static final int ROUTING_TYPE_OFFSET = 2;
    /** Segments left, 8 bits. */
    public static final int SEGMENTS_LEFT_OFFSET = 3;
    /** Where the type-specific data starts. */
    public static final int DATA_OFFSET = 4;
    /** The shortest header. */
    public static final int MIN_LENGTH = 8;
    /** The longest header. */
    public static final int MAX_LENGTH = 256 * 8;

    /** Type 0, source route; deprecated by RFC 5095. */
    public static final int TYPE_SOURCE_ROUTE = 0;
    /** Type 2, Mobile IPv6 home address (RFC 6275 §6.4). */
    public static final int TYPE_MOBILE_IPV6 = 2;
    /** Type 3, RPL source route (RFC 6554). */
    public static final int TYPE_RPL = 3;
    /** Type 4, segment routing header (RFC 8754). */
    public static final int TYPE_SEGMENT_ROUTING = 4;

    private Ipv6RoutingLayout() {
    }
}
