package org.jwsk.wire.ethernet;

/** EtherType values jwsk recognises (IEEE 802 numbers, RFC 7042 §3). Values below 0x0600 are 802.3 lengths. */
public final class EtherType {

    /** IPv4 (RFC 894). */
    public static final int IPV4 = 0x0800;
    /** ARP (RFC 826). */
    public static final int ARP = 0x0806;
    /** IPv6 (RFC 2464). */
    public static final int IPV6 = 0x86dd;
    /** IEEE 802.1Q customer VLAN tag. */
    public static final int VLAN = 0x8100;
    /** IEEE 802.1ad service VLAN tag (Q-in-Q outer tag). */
    public static final int QINQ = 0x88a8;
    /** The smallest EtherType; smaller values in that field are IEEE 802.3 frame lengths. */
    public static final int MIN_ETHERTYPE = 0x0600;

    private EtherType() {
    }

    /** Whether {@code value} announces a VLAN tag (802.1Q or 802.1ad). */
    public static boolean isVlanTpid(int value) {
        return value == VLAN || value == QINQ;
    }

    /** A short name for printing: {@code IPv4}, {@code ARP}, ... or the hex value. */
    public static String name(int value) {
        return switch (value) {
            case IPV4 -> "IPv4";
            case ARP -> "ARP";
            case IPV6 -> "IPv6";
            case VLAN -> "802.1Q";
            case QINQ -> "802.1ad";
            default -> String.format("0x%04x", value);
        };
    }
}
