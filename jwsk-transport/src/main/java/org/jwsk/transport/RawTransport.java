package org.jwsk.transport;

import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.CompartmentId;

/**
 * Raw IP on one stack: opens {@link RawEndpoint}s and keeps their counters. Implemented by the transport only; the
 * stack's thread only.
 */
public interface RawTransport {

    /**
     * Opens a raw endpoint.
     *
     * @param family   4 or 6
     * @param protocol 1-255: the IPv4 protocol or IPv6 next header (1 ICMP, 58 ICMPv6, 17 UDP, ...)
     * @throws IllegalArgumentException for another family or protocol, an unknown compartment, or options the family
     *                                  cannot have
     */
    RawEndpoint open(CompartmentId compartment, int family, int protocol, RawOptions options, RawHandler handler);

    /** The counters (also registered with the stack as the set {@code raw}). */
    CounterSet<RawCounter> counters();

    /** Closes every endpoint and releases their queued packets. Idempotent. */
    void close(long now);
}
