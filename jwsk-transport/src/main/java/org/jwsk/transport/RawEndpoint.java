package org.jwsk.transport;

import java.lang.foreign.MemorySegment;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.SendStatus;
import org.jwsk.wire.addr.IpAddress;

/**
 * A raw IP endpoint: one IP protocol number, one family, one compartment (a {@code SOCK_RAW} socket). Obtained from
 * {@link RawTransport#open}; implemented by the transport only.
 *
 * <h2>Receiving</h2>
 * The endpoint gets a copy of every packet of its protocol and family the stack delivers locally, whether or not
 * another protocol handles it too (ICMP answers echo requests, UDP delivers datagrams; the raw endpoint sees them
 * all): IPv4 packets from their IP header, as Linux raw sockets give them, IPv6 packets from the upper-layer header
 * on (RFC 3542 §3). {@link #bind} keeps only packets to one local address, {@link #connect} only those from one
 * source; an ICMPv6 endpoint applies its {@link RawOptions#icmpv6Filter()}, and an IPv6 endpoint with a checksum
 * offset (every ICMPv6 endpoint) drops packets whose checksum fails. A packet of a protocol nothing else handles,
 * taken by a raw endpoint, draws no protocol-unreachable error.
 *
 * <h2>Sending</h2>
 * The stack builds the IP header from the endpoint's protocol and options (or, for IPv4 with {@link
 * RawOptions#headerIncluded()}, checks and uses the caller's). The data is the upper-layer message as is: for IPv4
 * the caller computes its checksums (an ICMP echo's, for one); for IPv6 the stack computes the checksum at the
 * endpoint's checksum offset (2 for ICMPv6, RFC 3542 §3.1).
 *
 * <p><b>Threads and buffers.</b> The stack's thread only. {@code send} copies during the call; {@code receive}
 * copies out; {@code receiveBuf} hands over a buffer the caller must release.
 */
public interface RawEndpoint {

    /** The compartment the endpoint lives in, for good. */
    CompartmentId compartment();

    /** 4 or 6. */
    int family();

    /** The IP protocol number (the IPv6 next header) the endpoint sends and receives. */
    int protocol();

    /** The bound local address, or null for any. */
    IpAddress localAddress();

    /** The connected source, or null. */
    IpAddress remoteAddress();

    /**
     * Receives only packets to {@code local} (an address of the compartment, a multicast group or the IPv4 limited
     * broadcast address) and sends from it when it is a unicast address; the unspecified address undoes the bind.
     *
     * @return false if {@code local} is none of those (EADDRNOTAVAIL)
     * @throws IllegalArgumentException for an address of the other family
     */
    boolean bind(IpAddress local, long now);

    /** Receives only packets from {@code remote}, and sends to it by default. */
    void connect(IpAddress remote, long now);

    /** Receives from every source again. */
    void disconnect(long now);

    /**
     * Sends {@code data} (from position 0 to its size) to {@code dst}.
     *
     * @return what the IP layer (or the filter: {@link SendStatus#FILTERED}) said; {@link SendStatus#MESSAGE_TOO_BIG}
     *         beyond the largest packet of the family
     * @throws IllegalArgumentException for a destination of the other family, or an included header that is invalid
     *                                  (not IPv4, options, fragment fields, a length that disagrees, another
     *                                  destination)
     */
    SendStatus send(IpAddress dst, MemorySegment data, long now);

    /**
     * Sends to the connected address.
     *
     * @throws IllegalStateException if the endpoint is not connected
     */
    SendStatus send(MemorySegment data, long now);

    /** Copies the oldest queued packet out and consumes it, truncating it to {@code dst}; null when none waits. */
    RawMessage receive(MemorySegment dst, long now);

    /** Takes the oldest queued packet without copying (the caller owns its buffer); null when none waits. */
    RawPacket receiveBuf(long now);

    /** Packets waiting. */
    int pending();

    /** The length of the oldest waiting packet, or -1. */
    int nextLength();

    /** The options in force. */
    RawOptions options();

    /**
     * Changes the options.
     *
     * @throws IllegalArgumentException for a header-included IPv6 endpoint, or a checksum offset on an IPv4 one
     */
    void setOptions(RawOptions options, long now);

    /** The event handler. */
    RawHandler handler();

    /** Replaces the event handler. */
    void setHandler(RawHandler handler);

    /** Closes the endpoint and releases its queued packets. Idempotent. */
    void close(long now);

    /** Whether {@link #close} ran. */
    boolean isClosed();
}
