/**
 * UDP (RFC 768) for both families through one demultiplexer: {@link org.jwsk.transport.internal.udp.UdpProtocol}
 * (protocol 17's handler and the {@link org.jwsk.transport.UdpTransport}), its endpoints ({@code UdpSocket}), the
 * port table and address-sharing rules, the send path, and the datagram filter hook raw IP shares.
 */
package org.jwsk.transport.internal.udp;
