package org.jwsk.wire.pcap;

/**
 * Link-layer types of capture files (the LINKTYPE_ values of draft-ietf-opsawg-pcaplinktype), the ones jwsk writes
 * and a few it meets when reading. Readers report the raw value of any other type.
 */
public final class LinkType {

    /** LINKTYPE_NULL: BSD loopback, a 4-byte host-order address family before the packet. */
    public static final int NULL = 0;
    /** LINKTYPE_ETHERNET: Ethernet II (and 802.3) frames without FCS. */
    public static final int ETHERNET = 1;
    /** LINKTYPE_RAW: bare IPv4 or IPv6 packets, told apart by the version nibble (a TUN device, an IP link). */
    public static final int RAW = 101;
    /** LINKTYPE_LINUX_SLL: Linux "cooked" capture, version 1 (tcpdump -i any). */
    public static final int LINUX_SLL = 113;
    /** LINKTYPE_IPV4: bare IPv4 packets only. */
    public static final int IPV4 = 228;
    /** LINKTYPE_IPV6: bare IPv6 packets only. */
    public static final int IPV6 = 229;
    /** LINKTYPE_LINUX_SLL2: Linux "cooked" capture, version 2. */
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }

    /** The LINKTYPE_ name of {@code linkType} without its prefix, such as {@code ETHERNET}, or its number. */
    public static String name(int linkType) {
        return switch (linkType) {
            case NULL -> "NULL";
            case ETHERNET -> "ETHERNET";
            case RAW -> "RAW";
            case LINUX_SLL -> "LINUX_SLL";
            case IPV4 -> "IPV4";
            case IPV6 -> "IPV6";
            case LINUX_SLL2 -> "LINUX_SLL2";
            default -> Integer.toString(linkType);
        };
    }
}
