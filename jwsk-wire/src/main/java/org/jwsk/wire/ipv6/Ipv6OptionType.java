package org.jwsk.wire.ipv6;

/**
 * Option types of the Hop-by-Hop and Destination Options headers (one IANA registry, RFC 8200 §4.2) that jwsk
 * knows, and the meaning of the type's high bits.
 */
public final class Ipv6OptionType {

    /** Pad1: one byte of padding, no length or data (RFC 8200 §4.2). */
    public static final int PAD1 = 0x00;
    /** PadN: two or more bytes of padding (RFC 8200 §4.2). */
    public static final int PADN = 0x01;
    /** Router Alert, Hop-by-Hop only (RFC 2711 §2.1): two bytes of data. */
    public static final int ROUTER_ALERT = 0x05;
    /** Jumbo Payload, Hop-by-Hop only (RFC 2675 §2): four bytes of data. Jumbograms are not supported. */
    public static final int JUMBO_PAYLOAD = 0xc2;

    /** Action for an unrecognised option: skip it and continue (RFC 8200 §4.2, bits 00). */
    public static final int ACTION_SKIP = 0;
    /** Action for an unrecognised option: discard the packet silently (bits 01). */
    public static final int ACTION_DISCARD = 1;
    /** Action: discard and send ICMPv6 Parameter Problem code 2, even to multicast (bits 10). */
    public static final int ACTION_DISCARD_SEND_ICMP = 2;
    /** Action: discard and send Parameter Problem code 2 unless the destination is multicast (bits 11). */
    public static final int ACTION_DISCARD_SEND_ICMP_UNICAST = 3;

    /** Router Alert value: the datagram contains a Multicast Listener Discovery message (RFC 2711 §2.1). */
    public static final int ROUTER_ALERT_MLD = 0;
    /** Router Alert value: the datagram contains an RSVP message. */
    public static final int ROUTER_ALERT_RSVP = 1;
    /** Router Alert value: the datagram contains an Active Networks message. */
    public static final int ROUTER_ALERT_ACTIVE_NETWORKS = 2;

    private Ipv6OptionType() {
    }

    /** The action the two high bits of {@code type} ask of a node that does not recognise it (RFC 8200 §4.2). */
    public static int action(int type) {
        return (type >>> 6) & 0x3;
    }

    /** Whether the option's data may change en route (the third-highest bit, RFC 8200 §4.2). */
    public static boolean mayChange(int type) {
        return (type & 0x20) != 0;
    }

    /** A short name for printing. */
    public static String name(int type) {
        return switch (type) {
            case PAD1 -> "Pad1";
            case PADN -> "PadN";
            case ROUTER_ALERT -> "RouterAlert";
            case JUMBO_PAYLOAD -> "JumboPayload";
            default -> String.format("opt-0x%02x", type);
        };
    }
}
