package org.jwsk.wire.arp;

/**
 * The ARP packet for Ethernet hardware and IPv4 protocol addresses (RFC 826, "Packet format"; field sizes
 * fixed by {@code ar$hln = 6} and {@code ar$pln = 4}).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Hardware type (1)         |     Protocol type (0x0800)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  HLEN (6)     |  PLEN (4)     |  Operation (1 req, 2 reply)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Sender hardware address (SHA)                 |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |  Sender protocol address (SPA)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *     SPA (cont.)                 |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                 Target hardware address (THA)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Target protocol address (TPA)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Implementation limits: only Ethernet/IPv4 ARP is understood. Other hardware types (IEEE 802 networks use
 * type 6, which Linux also accepts for Ethernet devices) are dropped with {@code ARP_UNSUPPORTED_HARDWARE},
 * other protocols with {@code ARP_UNSUPPORTED_PROTOCOL}, and RARP/InARP operations (3, 4, 8, 9) with
 * {@code ARP_BAD_OPERATION}. Bytes after the 28-byte packet (Ethernet minimum-frame padding) are ignored.
 */
public final class ArpLayout {

    /** Hardware type, 16 bits. */
    public static final int HTYPE_OFFSET = 0;
    /** Protocol type (an EtherType), 16 bits. */
    public static final int PTYPE_OFFSET = 2;
    /** Hardware address length, 8 bits. */
    public static final int HLEN_OFFSET = 4;
    /** Protocol address length, 8 bits. */
    public static final int PLEN_OFFSET = 5;
    /** Operation, 16 bits. */
    public static final int OPER_OFFSET = 6;
    /** Sender hardware address, 6 bytes. */
    public static final int SHA_OFFSET = 8;
    /** Sender protocol address, 4 bytes. */
    public static final int SPA_OFFSET = 14;
    /** Target hardware address, 6 bytes. */
    public static final int THA_OFFSET = 18;
    /** Target protocol address, 4 bytes. */
    public static final int TPA_OFFSET = 24;
    /** The length of an Ethernet/IPv4 ARP packet. */
    public static final int LENGTH = 28;
    /** The fields up to and including the two address lengths: what must be present to tell the packet kind. */
    public static final int FIXED_LENGTH = 8;

    /** Hardware type Ethernet (RFC 826; IANA ARP parameters). */
    public static final int HTYPE_ETHERNET = 1;
    /** Protocol type IPv4: the IPv4 EtherType. */
    public static final int PTYPE_IPV4 = 0x0800;
    /** Hardware address length of Ethernet. */
    public static final int HLEN_ETHERNET = 6;
    /** Protocol address length of IPv4. */
    public static final int PLEN_IPV4 = 4;

    private ArpLayout() {
    }
}
