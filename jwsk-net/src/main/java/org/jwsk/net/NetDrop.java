package org.jwsk.net;

import org.jwsk.common.counter.CounterDescriptor;

/**
 * Why the network layer dropped a packet that was well formed (malformed bytes are counted by their {@link
 * org.jwsk.wire.DropReason}). Every reason is a counter in the stack's {@code netdrops} set, and names the IP-MIB
 * object it also counts towards.
 */
public enum NetDrop implements CounterDescriptor {
    NOT_FOR_US("ipInNotForUs", "ipSystemStatsInAddrErrors", "destination not an address of this host, and not forwarded"),
    MULTICAST_NOT_JOINED("ipInMcastNotJoined", "",
            "a multicast group the interface does not listen to (a link shows us every group's traffic)"),
    STRONG_HOST_MISMATCH("ipInStrongHostMismatch", "ipSystemStatsInAddrErrors",
            "destination is an address of another interface (strong host receive)"),
    MARTIAN_SOURCE("ipInMartianSource", "ipSystemStatsInAddrErrors",
            "impossible source address: multicast, broadcast, loopback from outside, or one of our own"),
    UNKNOWN_PROTOCOL("ipInUnknownProtocol", "ipSystemStatsInUnknownProtos", "no transport handles the protocol"),
    NO_ROUTE("ipNoRoute", "ipSystemStatsOutNoRoutes", "no route to the destination"),
    TTL_EXCEEDED("ipTtlExceeded", "ipSystemStatsInHdrErrors", "TTL or hop limit ran out while forwarding"),
    LINK_LOCAL_NOT_FORWARDED("ipLinkLocalNotForwarded", "ipSystemStatsInAddrErrors",
            "link-local source or destination may not be forwarded (RFC 4291 §2.5.6, RFC 3927 §2.7)"),
    FORWARDING_OFF("ipForwardingOff", "ipSystemStatsInAddrErrors", "not for this host and forwarding is off"),
    FRAGMENT_NEEDED("ipFragmentNeeded", "ipSystemStatsOutFragFails", "larger than the MTU with fragmentation forbidden"),
    FILTERED("ipFiltered", "ipSystemStatsInDiscards", "blocked by a filter at a network-layer hook"),
    NO_BUFFER("ipNoBuffer", "ipSystemStatsInDiscards", "no packet buffer available"),
    INTERFACE_DOWN("ipInterfaceDown", "ipSystemStatsOutDiscards", "the interface is down or gone"),
    LINK_DROPPED("ipLinkDropped", "ipSystemStatsOutDiscards", "the link refused the frame (queue full)"),
    NEIGHBOR_QUEUE_FULL("ipNeighborQueueFull", "ipSystemStatsOutDiscards", "too many packets waiting for resolution"),
    NEIGHBOR_UNREACHABLE("ipNeighborUnreachable", "ipSystemStatsOutDiscards", "the next hop did not answer resolution"),
    NO_LINK_ADDRESS("ipNoLinkAddress", "ipSystemStatsOutDiscards",
            "no way to resolve the next hop's link address on this interface"),
    NEIGHBOR_TABLE_FULL("ipNeighborTableFull", "ipSystemStatsOutDiscards",
            "no neighbour entry could be made for the next hop, or its entry was evicted with packets queued"),
    ARP_INVALID("ipArpInvalid", "ifInErrors",
            "an ARP packet with an impossible sender or target: multicast or broadcast MAC, or a multicast,"
                    + " broadcast or loopback address (RFC 1812 §3.3.2, RFC 1122 §3.2.1.3)"),
    REASSEMBLY_TIMEOUT("ipReasmTimeout", "ipSystemStatsReasmFails", "fragments of a datagram that never completed"),
    REASSEMBLY_OVERLAP("ipReasmOverlap", "ipSystemStatsReasmFails",
            "overlapping or inconsistent fragments (RFC 5722 for IPv6)"),
    REASSEMBLY_LIMIT("ipReasmLimit", "ipSystemStatsReasmFails", "reassembly memory or datagram limit reached"),
    REASSEMBLY_TOO_BIG("ipReasmTooBig", "ipSystemStatsReasmFails",
            "fragments that would reassemble beyond 65535 bytes"),
    REASSEMBLY_BAD_FRAGMENT("ipReasmBadFragment", "ipSystemStatsReasmFails",
            "an IPv4 fragment without data, or not the last and not a multiple of 8 bytes (RFC 791 §3.2)"),
    REASSEMBLY_DUPLICATE("ipReasmDuplicate", "ipSystemStatsReasmReqds",
            "an exact duplicate of a fragment already held, dropped alone (RFC 8200 §4.5)"),
    ICMP_RATE_LIMITED("ipIcmpRateLimited", "icmpStatsOutErrors", "an ICMP error not sent: rate limit"),
    NDP_INVALID("ipNdpInvalid", "icmpStatsInErrors",
            "an NDP message failing RFC 4861 validity checks (hop limit 255, code, source, options)"),
    CROSS_COMPARTMENT("ipCrossCompartment", "ipSystemStatsInAddrErrors",
            "would have crossed from one routing compartment to another"),
    MARTIAN_DESTINATION("ipInMartianDestination", "ipSystemStatsInAddrErrors",
            "impossible destination for forwarding: network 0 or former class E (RFC 1812 §5.3.7)"),
    DIRECTED_BROADCAST_NOT_FORWARDED("ipDirectedBroadcastNotForwarded", "ipSystemStatsInAddrErrors",
            "a subnet-directed broadcast; forwarding them is off (RFC 2644)"),
    MLD_INVALID("ipMldInvalid", "icmpStatsInErrors",
            "an MLD query failing RFC 3810 §6.2 (link-local source, hop limit 1, Router Alert)"),
    IGMP_INVALID("ipIgmpInvalid", "ipSystemStatsInDiscards",
            "an IGMP query to the wrong destination or about a group that is not multicast (RFC 3376 §4.1.12, §9.1)");

    private final String counterName;
    private final String mibObject;
    private final String description;

    NetDrop(String counterName, String mibObject, String description) {
        this.counterName = counterName;
        this.mibObject = mibObject;
        this.description = description;
    }

    @Override
    public String counterName() {
        return counterName;
    }

    /** The standard MIB object this reason also counts towards. */
    public String mibObject() {
        return mibObject;
    }

    @Override
    public String description() {
        return description;
    }
}
