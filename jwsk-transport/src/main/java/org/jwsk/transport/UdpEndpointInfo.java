package org.jwsk.transport;

import org.jwsk.net.CompartmentId;

/**
 * One row of the UDP endpoint table (UDP-MIB udpEndpointTable, RFC 4113 §4), with Linux's queue figures ({@code ss
 * -u}): a snapshot, safe to hand to another thread.
 *
 * @param compartment   the endpoint's compartment
 * @param local         udpEndpointLocalAddress and udpEndpointLocalPort (the wildcard when bound to any address)
 * @param remote        udpEndpointRemoteAddress and udpEndpointRemotePort, or null when not connected
 * @param dualStack     whether an IPv6 endpoint also serves IPv4
 * @param queued        datagrams waiting to be read
 * @param queuedBytes   bytes charged against the receive buffer
 * @param receiveBuffer the receive buffer's size
 * @param drops         datagrams dropped because the receive buffer was full
 */
public record UdpEndpointInfo(CompartmentId compartment, IpEndpoint local, IpEndpoint remote, boolean dualStack,
                              int queued, long queuedBytes, int receiveBuffer, long drops) {
}
