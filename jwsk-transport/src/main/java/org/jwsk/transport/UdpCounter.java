package org.jwsk.transport;

import org.jwsk.common.counter.CounterDescriptor;

/**
 * UDP's counters: the UDP-MIB scalars (RFC 4113) first, then Linux's extra UDP counters, then jwsk's own. Kept once
 * per transport in the counter set named {@code udp}.
 *
 * <p>Invariant: every datagram IP hands to UDP ({@link #IN_RECEIVES}) is counted exactly once in {@link
 * #IN_DATAGRAMS} (delivered to at least one endpoint or the forwarder), {@link #NO_PORTS} (unicast, nobody), {@link
 * #IGNORED_MULTI} (broadcast or multicast, nobody) or {@link #IN_ERRORS} (malformed, bad checksum, or every
 * receiving endpoint refused it: buffer full or filtered). {@link #IN_CSUM_ERRORS} and {@link #IN_HDR_ERRORS} are
 * parts of {@link #IN_ERRORS}; {@link #RCVBUF_ERRORS} and {@link #IN_FILTERED} count every refused copy, so a
 * broadcast that some receivers took and others refused counts in them and in {@link #IN_DATAGRAMS}.
 */
public enum UdpCounter implements CounterDescriptor {
    IN_DATAGRAMS("udpInDatagrams", "datagrams delivered to UDP users (endpoints or the forwarder)"),
    NO_PORTS("udpNoPorts", "unicast datagrams for a port no endpoint uses (answered with port unreachable)"),
    IN_ERRORS("udpInErrors", "datagrams not delivered for reasons other than no port"),
    OUT_DATAGRAMS("udpOutDatagrams", "datagrams sent"),
    // ---- Linux /proc/net/snmp Udp: extras
    RCVBUF_ERRORS("udpRcvbufErrors", "datagram copies dropped because an endpoint's receive buffer was full"),
    SNDBUF_ERRORS("udpSndbufErrors", "datagrams not sent for want of a packet buffer"),
    IN_CSUM_ERRORS("udpInCsumErrors", "datagrams with a bad checksum (or none over IPv6), part of udpInErrors"),
    IGNORED_MULTI("udpIgnoredMulti", "broadcast or multicast datagrams no endpoint wanted"),
    // ---- jwsk
    IN_RECEIVES("udpInReceives", "datagrams the IP layer handed to UDP"),
    IN_HDR_ERRORS("udpInHdrErrors",
            "datagrams with a bad length field or a v4-mapped IPv6 address, part of udpInErrors"),
    IN_FILTERED("udpInFiltered", "datagram copies a filter refused at DATAGRAM_DATA"),
    OUT_FILTERED("udpOutFiltered", "datagrams a filter refused at DATAGRAM_DATA before sending"),
    OUT_ERRORS("udpOutErrors", "datagrams the IP layer could not send (no route, too big, interface down, ...)"),
    FORWARDED("udpForwarded", "datagrams for no endpoint handed to the forwarder, part of udpInDatagrams"),
    MULTICAST_LOOPED("udpMulticastLooped", "multicast and broadcast datagrams sent and also delivered to this host"),
    ICMP_ERRORS("udpIcmpErrors", "ICMP errors reported to an endpoint");

    private final String counterName;
    private final String description;

    UdpCounter(String counterName, String description) {
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
