package org.jwsk.transport;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.CompartmentId;

/**
 * UDP on one stack, both families (RFC 768, RFC 1122 §4.1, RFC 8085): opens endpoints, holds the forwarder hook,
 * keeps the UDP-MIB counters and endpoint table. Implemented by the transport only.
 *
 * <p><b>Threads.</b> The stack's thread only.
 */
public interface UdpTransport {

    /**
     * Opens an unbound endpoint.
     *
     * @param family  4 or 6 (an IPv6 endpoint serves IPv4 too when {@link UdpOptions#v6Only()} is off)
     * @param handler its events; may be replaced later
     * @throws IllegalArgumentException for another family or an unknown compartment
     * @throws IllegalStateException    if the transport is closed
     */
    UdpEndpoint open(CompartmentId compartment, int family, UdpOptions options, UdpHandler handler);

    /** Installs the forwarder for datagrams no endpoint takes, or removes it (null). */
    void setForwarder(UdpForwarder forwarder);

    /**
     * Sends a datagram from any address and port, with no endpoint: how a {@link UdpForwarder} answers from the
     * address a datagram was sent to. The source must be one the IP layer accepts (today: an address of the
     * compartment). Copies {@code data} during the call.
     *
     * @param from the source address and port (not the wildcard)
     * @param to   the destination, of the same family
     * @return the outcome, as for {@link UdpEndpoint#send}
     */
    UdpStatus sendFrom(CompartmentId compartment, IpEndpoint from, IpEndpoint to, MemorySegment data,
                       int trafficClass, long now);

    /** The endpoint table (UDP-MIB udpEndpointTable): every bound endpoint of every compartment, in bind order. */
    List<UdpEndpointInfo> endpoints();

    /** The counters (also registered with the stack as the set {@code udp}). */
    CounterSet<UdpCounter> counters();

    /** The configuration. */
    UdpConfig config();

    /**
     * Closes every endpoint (releasing their queued datagrams and leaving their groups) and stops taking datagrams.
     * Call before closing the stack. Idempotent.
     */
    void close(long now);
}
