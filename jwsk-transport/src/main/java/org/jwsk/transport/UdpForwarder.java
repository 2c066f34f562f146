package org.jwsk.transport;

/**
 * Takes the unicast datagrams that no endpoint wants, to any address and port (a tun2socks-style relay, a
 * transparent proxy): installed with {@link UdpTransport#setForwarder}; off by default, in which case such datagrams
 * draw an ICMP port unreachable. A forwarder answers with {@link UdpTransport#sendFrom}, from the address and port
 * the datagram was sent to.
 *
 * <p>Which destinations reach it: datagrams to this host's own addresses on ports no endpoint uses, today. Datagrams
 * to addresses that are not this host's reach UDP (and so the forwarder) once the IP layer accepts any destination on
 * an interface (a switch of jwsk-net's); replies from such addresses likewise need the IP layer to accept them as
 * sources.
 *
 * <p><b>Threads and buffers.</b> Called on the stack's thread. If it returns true the forwarder <b>owns</b> the
 * datagram's buffer and must release it; if it returns false it must not have released or kept it, and the datagram
 * is refused as if no forwarder were installed.
 */
@FunctionalInterface
public interface UdpForwarder {

    /**
     * A datagram no endpoint took.
     *
     * @return whether the forwarder took it
     */
    boolean onDatagram(UdpDatagram datagram, long now);
}
