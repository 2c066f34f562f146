package org.jwsk.net;

import org.jwsk.common.counter.CounterDescriptor;

/**
 * The IP-MIB {@code ipSystemStatsTable} columns (RFC 4293 §5), kept once per family: the stack registers a set
 * named {@code ipv4} and one named {@code ipv6}.
 */
public enum IpCounter implements CounterDescriptor {
    IN_RECEIVES("ipSystemStatsInReceives", "datagrams received, errors included"),
    IN_OCTETS("ipSystemStatsInOctets", "octets of datagrams received"),
    IN_HDR_ERRORS("ipSystemStatsInHdrErrors", "discarded for header errors (checksum, version, length, options)"),
    IN_NO_ROUTES("ipSystemStatsInNoRoutes", "discarded for want of a route while forwarding"),
    IN_ADDR_ERRORS("ipSystemStatsInAddrErrors", "discarded: not for this host and not forwarded, or a bad address"),
    IN_UNKNOWN_PROTOS("ipSystemStatsInUnknownProtos", "local datagrams of a protocol no transport handles"),
    IN_TRUNCATED_PKTS("ipSystemStatsInTruncatedPkts", "discarded: the frame was shorter than the datagram"),
    IN_FORW_DATAGRAMS("ipSystemStatsInForwDatagrams", "datagrams this host tried to forward"),
    REASM_REQDS("ipSystemStatsReasmReqds", "fragments received that needed reassembly"),
    REASM_OKS("ipSystemStatsReasmOKs", "datagrams reassembled"),
    REASM_FAILS("ipSystemStatsReasmFails", "reassembly failures (timeouts, overlaps, limits)"),
    IN_DISCARDS("ipSystemStatsInDiscards", "good datagrams discarded for want of resources, or by a filter"),
    IN_DELIVERS("ipSystemStatsInDelivers", "datagrams delivered to upper layers (ICMP included)"),
    OUT_REQUESTS("ipSystemStatsOutRequests", "datagrams local protocols handed down to send"),
    OUT_NO_ROUTES("ipSystemStatsOutNoRoutes", "local datagrams discarded for want of a route"),
    OUT_FORW_DATAGRAMS("ipSystemStatsOutForwDatagrams", "datagrams forwarded onwards"),
    OUT_DISCARDS("ipSystemStatsOutDiscards", "outgoing datagrams discarded for want of resources, or by a filter"),
    OUT_FRAG_REQDS("ipSystemStatsOutFragReqds", "datagrams that needed fragmenting"),
    OUT_FRAG_OKS("ipSystemStatsOutFragOKs", "datagrams fragmented"),
    OUT_FRAG_FAILS("ipSystemStatsOutFragFails", "datagrams that needed fragmenting and could not be"),
    OUT_FRAG_CREATES("ipSystemStatsOutFragCreates", "fragments made"),
    OUT_TRANSMITS("ipSystemStatsOutTransmits", "datagrams handed to a link"),
    OUT_OCTETS("ipSystemStatsOutOctets", "octets handed to a link"),
    IN_MCAST_PKTS("ipSystemStatsInMcastPkts", "multicast datagrams received"),
    OUT_MCAST_PKTS("ipSystemStatsOutMcastPkts", "multicast datagrams sent"),
    IN_BCAST_PKTS("ipSystemStatsInBcastPkts", "broadcast datagrams received (IPv4)"),
    OUT_BCAST_PKTS("ipSystemStatsOutBcastPkts", "broadcast datagrams sent (IPv4)");

    private final String counterName;
    private final String description;

    IpCounter(String counterName, String description) {
        this.counterName = counterName;
        this.description = description;
    }

    @Override
    public String counterName() {
        return counterName;
    }

    @Override
    public String description() {
        return description;
    }
}
