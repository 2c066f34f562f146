package org.jwsk.wire.ipv6;

/**
 * The IPv6 fixed header (RFC 8200 §3), with the traffic class split into DSCP and ECN (RFC 2474 §3, RFC 3168
 * §5).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * |       |  DSCP     |ECN|                                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                                                               +
 * |                         Source Address                        |
 * +                           (128 bits)                          +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * +                                                               +
 * |                      Destination Address                      |
 * +                           (128 bits)                          +
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The payload length counts everything after these 40 bytes: extension headers and the upper-layer packet.
 * Bytes a link delivers beyond it (Ethernet padding of short frames) are not part of the packet.
 *
 * <p>Implementation limits: jumbograms (RFC 2675: payload length 0 and a Jumbo Payload option) are not
 * supported. Such a packet's Hop-by-Hop header lies beyond its zero payload length, so {@link
 * Ipv6HeaderWalker} drops it as {@code IPV6_BAD_EXTENSION_HEADER}; the Jumbo Payload option itself is parsed
 * ({@link Ipv6Option.JumboPayload}) so that tools can show it.
 */
public final class Ipv6Layout {

    /** Version (4 bits), traffic class (8 bits) and flow label (20 bits) in one 32-bit word. */
    public static final int VERSION_CLASS_FLOW_OFFSET = 0;
    /** Payload length, 16 bits. */
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    /** Next header, 8 bits: the first extension header or the upper-layer protocol ({@code IpProtocol}). */
    public static final int NEXT_HEADER_OFFSET = 6;
    /** Hop limit, 8 bits. */
    public static final int HOP_LIMIT_OFFSET = 7;
    /** Source address, 16 bytes. */
    public static final int SRC_OFFSET = 8;
    /** Destination address, 16 bytes. */
    public static final int DST_OFFSET = 24;
    /** The fixed header length. */
    public static final int HEADER_LENGTH = 40;
    /** The version field's value. */
    public static final int VERSION = 6;
    /** The largest payload length the 16-bit field can state. */
    public static final int MAX_PAYLOAD_LENGTH = 0xffff;
    /** The minimum link MTU every IPv6 link must carry (RFC 8200 §5). */
    public static final int MIN_MTU = 1280;
    /** The largest flow label (20 bits, RFC 6437). */
    public static final int MAX_FLOW_LABEL = 0xf_ffff;

    /** ECN codepoint: not ECN-capable transport (RFC 3168 §5). */
    public static final int ECN_NOT_ECT = 0b00;
    /** ECN codepoint: ECN-capable transport, ECT(1). */
    public static final int ECN_ECT1 = 0b01;
    /** ECN codepoint: ECN-capable transport, ECT(0). */
    public static final int ECN_ECT0 = 0b10;
    /** ECN codepoint: congestion experienced. */
    public static final int ECN_CE = 0b11;

    private Ipv6Layout() {
    }

    /** The DSCP (upper six bits) of a traffic class (RFC 2474 §3). */
    public static int dscp(int trafficClass) {
        return (trafficClass >>> 2) & 0x3f;
    }

    /** The ECN codepoint (lower two bits) of a traffic class (RFC 3168 §5). */
    public static int ecn(int trafficClass) {
        return trafficClass & 0x3;
    }

    /** The traffic class made of a DSCP and an ECN codepoint. */
    public static int trafficClass(int dscp, int ecn) {
        return (dscp & 0x3f) << 2 | (ecn & 0x3);
    }
}
