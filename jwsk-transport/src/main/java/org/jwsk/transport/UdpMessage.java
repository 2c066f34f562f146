package org.jwsk.transport;

import org.jwsk.net.InterfaceId;

/**
 * What {@link UdpEndpoint#receive} says of the datagram it copied out: {@code recvmsg} with {@code IP_PKTINFO},
 * {@code IP_TOS}/{@code IPV6_TCLASS} and {@code IP_TTL}/{@code IPV6_HOPLIMIT} in one record.
 *
 * @param source         the sender; an IPv4 sender of a dual-stack IPv6 endpoint appears as an IPv4 endpoint (not
 *                       v4-mapped: the socket layer above maps it if its API wants {@code ::ffff:a.b.c.d})
 * @param destination    the address and port the datagram was sent to (a local address, a group, a broadcast
 *                       address): IP_PKTINFO's {@code ipi_addr}
 * @param ingress        the interface it arrived on (the loopback interface for datagrams from this host)
 * @param trafficClass   the IPv4 TOS byte or IPv6 traffic class it arrived with
 * @param hopLimit       the TTL or hop limit it arrived with
 * @param length         bytes copied into the caller's memory
 * @param datagramLength the datagram's data length; more than {@code length} when the caller's memory was too small
 *                       and the rest was discarded (MSG_TRUNC)
 */
public record UdpMessage(IpEndpoint source, IpEndpoint destination, InterfaceId ingress, int trafficClass,
                         int hopLimit, int length, int datagramLength) {

    /** Whether the datagram did not fit and its tail was discarded (MSG_TRUNC). */
    public boolean truncated() {
        return length < datagramLength;
    }
}
