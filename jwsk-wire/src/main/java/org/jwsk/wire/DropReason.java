package org.jwsk.wire;

import org.jwsk.common.counter.CounterDescriptor;

/**
 * Why bytes off the wire were rejected by a wire-format check. Every reason is a counter: its own jwsk name,
 * plus the standard MIB object it also counts towards ({@link #mibObject()}), so {@code jwsk stats} can show
 * both the precise reason and the familiar total.
 *
 * <p>{@code check} methods return {@link #NONE} for bytes that pass. A check never throws for malformed input.
 * Checksums are verified by separate calls, because a link may have verified them already (offload) and
 * because transport checksums need the pseudo-header the network layer supplies.
 */
public enum DropReason implements CounterDescriptor {

    /** Not a drop: the bytes passed the check. */
    NONE("", "", "the bytes passed the check"),

    // ---- Ethernet (IF-MIB ifInErrors)
    ETHERNET_TRUNCATED("ethInTruncated", "ifInErrors", "frame shorter than its Ethernet header and VLAN tags"),
    ETHERNET_TOO_MANY_VLAN_TAGS("ethInTooManyVlanTags", "ifInErrors", "more than two stacked VLAN tags"),

    // ---- ARP (RFC 826)
    ARP_TRUNCATED("arpInTruncated", "ifInErrors", "ARP packet shorter than its fixed Ethernet/IPv4 layout"),
    ARP_UNSUPPORTED_HARDWARE("arpInBadHardware", "ifInUnknownProtos", "ARP hardware type or length is not Ethernet"),
    ARP_UNSUPPORTED_PROTOCOL("arpInBadProtocol", "ifInUnknownProtos", "ARP protocol type or length is not IPv4"),
    ARP_BAD_OPERATION("arpInBadOperation", "ifInErrors", "ARP operation is neither request nor reply"),

    // ---- IPv4 (RFC 791; IP-MIB RFC 4293)
    IPV4_TRUNCATED("ipv4InTruncatedPkts", "ipSystemStatsInTruncatedPkts", "IPv4 packet shorter than its header or total length"),
    IPV4_BAD_VERSION("ipv4InBadVersion", "ipSystemStatsInHdrErrors", "IPv4 version field is not 4"),
    IPV4_BAD_HEADER_LENGTH("ipv4InBadHeaderLength", "ipSystemStatsInHdrErrors", "IPv4 IHL below 5 or beyond the total length"),
    IPV4_BAD_TOTAL_LENGTH("ipv4InBadTotalLength", "ipSystemStatsInHdrErrors", "IPv4 total length smaller than the header"),
    IPV4_BAD_CHECKSUM("ipv4InBadChecksum", "ipSystemStatsInHdrErrors", "IPv4 header checksum does not verify"),
    IPV4_BAD_OPTION("ipv4InBadOptions", "ipSystemStatsInHdrErrors", "IPv4 option with an impossible length"),

    // ---- IPv6 (RFC 8200; IP-MIB RFC 4293)
    IPV6_TRUNCATED("ipv6InTruncatedPkts", "ipSystemStatsInTruncatedPkts", "IPv6 packet shorter than its header or payload length"),
    IPV6_BAD_VERSION("ipv6InBadVersion", "ipSystemStatsInHdrErrors", "IPv6 version field is not 6"),
    IPV6_BAD_EXTENSION_HEADER("ipv6InBadExtHeaders", "ipSystemStatsInHdrErrors", "IPv6 extension header truncated or with an impossible length"),
    IPV6_BAD_OPTION("ipv6InBadOptions", "ipSystemStatsInHdrErrors", "IPv6 hop-by-hop or destination option overruns its header"),
    IPV6_EXTENSION_CHAIN_TOO_LONG("ipv6InExtChainTooLong", "ipSystemStatsInHdrErrors", "IPv6 extension header chain longer than the walker's limit"),
    IPV6_HOP_BY_HOP_NOT_FIRST("ipv6InMisplacedHopByHop", "ipSystemStatsInUnknownProtos", "IPv6 Hop-by-Hop header anywhere but right after the IPv6 header (RFC 8200 §4.1)"),
    IPV6_UNRECOGNIZED_OPTION("ipv6InUnknownOptions", "ipSystemStatsInHdrErrors", "IPv6 option the node does not recognise, with an action that discards (RFC 8200 §4.2)"),
    IPV6_BAD_FRAGMENT("ipv6InBadFragments", "ipSystemStatsInHdrErrors", "IPv6 fragment not a multiple of 8 bytes or reassembling beyond 65535 bytes (RFC 8200 §4.5)"),
    IPV6_INCOMPLETE_FIRST_FRAGMENT("ipv6InIncompleteChain", "ipSystemStatsInHdrErrors", "first IPv6 fragment without the whole header chain (RFC 7112, RFC 8200 §4.5)"),

    // ---- ICMPv4 (RFC 792; IP-MIB icmpStatsInErrors)
    ICMPV4_TRUNCATED("icmpInTruncated", "icmpStatsInErrors", "ICMP message shorter than its fixed header"),
    ICMPV4_BAD_LENGTH("icmpInBadLength", "icmpStatsInErrors", "ICMP message shorter than its type requires"),
    ICMPV4_BAD_CHECKSUM("icmpInBadChecksum", "icmpStatsInErrors", "ICMP checksum does not verify"),

    // ---- ICMPv6 (RFC 4443, 4861, 3810; IP-MIB icmpStatsInErrors)
    ICMPV6_TRUNCATED("icmp6InTruncated", "icmpStatsInErrors", "ICMPv6 message shorter than its fixed header"),
    ICMPV6_BAD_LENGTH("icmp6InBadLength", "icmpStatsInErrors", "ICMPv6 message shorter than its type requires"),
    ICMPV6_BAD_CHECKSUM("icmp6InBadChecksum", "icmpStatsInErrors", "ICMPv6 checksum does not verify"),
    NDP_BAD_OPTION("ndpInBadOptions", "icmpStatsInErrors", "NDP option of length zero or overrunning the message"),
    MLD_BAD_RECORD("mldInBadRecords", "icmpStatsInErrors", "MLDv2 record or source list overruns the message"),

    // ---- IGMP (RFC 1112, RFC 2236, RFC 3376; no MIB has IGMP input errors, so they count as IP-MIB discards)
    IGMP_TRUNCATED("igmpInTruncated", "ipSystemStatsInDiscards", "IGMP message shorter than 8 bytes"),
    IGMP_BAD_LENGTH("igmpInBadLength", "ipSystemStatsInDiscards",
            "IGMP query of 9-11 bytes: neither IGMPv1/v2 nor IGMPv3 (RFC 3376 §7.1)"),
    IGMP_BAD_RECORD("igmpInBadRecords", "ipSystemStatsInDiscards",
            "IGMPv3 query sources or report group records overrun the message"),
    IGMP_BAD_CHECKSUM("igmpInBadChecksum", "ipSystemStatsInDiscards", "IGMP checksum does not verify"),

    // ---- UDP (RFC 768; UDP-MIB RFC 4113)
    UDP_TRUNCATED("udpInTruncated", "udpInErrors", "UDP datagram shorter than its header"),
    UDP_BAD_LENGTH("udpInBadLength", "udpInErrors", "UDP length field below 8 or beyond the IP payload"),
    UDP_BAD_CHECKSUM("udpInCsumErrors", "udpInErrors", "UDP checksum does not verify"),
    UDP_ZERO_CHECKSUM_IPV6("udpInZeroCsumV6", "udpInErrors", "UDP over IPv6 without a checksum (RFC 8200 §8.1)"),

    // ---- TCP (RFC 9293; TCP-MIB RFC 4022)
    TCP_TRUNCATED("tcpInTruncated", "tcpInErrs", "TCP segment shorter than its header"),
    TCP_BAD_DATA_OFFSET("tcpInBadDataOffset", "tcpInErrs", "TCP data offset below 5 or beyond the segment"),
    TCP_BAD_OPTION("tcpInBadOptions", "tcpInErrs", "TCP option with an impossible length"),
    TCP_BAD_CHECKSUM("tcpInCsumErrors", "tcpInErrs", "TCP checksum does not verify");

    private final String counterName;
    private final String mibObject;
    private final String description;

    DropReason(String counterName, String mibObject, String description) {
        this.counterName = counterName;
        this.mibObject = mibObject;
        this.description = description;
    }

    @Override
    public String counterName() {
        return counterName;
    }

    /** The standard MIB object this reason also counts towards, such as {@code ipSystemStatsInHdrErrors}. */
    public String mibObject() {
        return mibObject;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean counted() {
        return this != NONE;
    }

    /** Whether this is a real drop (anything but {@link #NONE}). */
    public boolean isDrop() {
        return this != NONE;
    }
}
