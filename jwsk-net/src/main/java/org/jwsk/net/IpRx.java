package org.jwsk.net;

import org.jwsk.wire.addr.IpAddress;

/**
 * What the IP layer knows of a packet it delivers to a transport: a view valid only during {@link
 * TransportHandler#onPacket} (the stack reuses it for the next packet; copy what you keep). Addresses come as
 * primitives for the data path and as records for everything else.
 */
public interface IpRx {

    /** 4 or 6. */
    int version();

    /** The compartment the packet arrived in: transports keep a port space per compartment. */
    CompartmentId compartment();

    /** The interface it arrived on. */
    InterfaceId ingress();

    /** The upper-layer protocol (IPv4 protocol, or the IPv6 next header after the extension headers). */
    int protocol();

    /** The TTL or hop limit it arrived with. */
    int hopLimit();

    /** DSCP and ECN: the IPv4 TOS byte or the IPv6 traffic class. */
    int trafficClass();

    /** The source address; IPv4 as an {@code Ipv4Address}. Allocates. */
    IpAddress src();

    /** The destination address. Allocates. */
    IpAddress dst();

    /** The IPv4 source as a raw {@code int}; 0 for IPv6. */
    int srcV4();

    /** The IPv4 destination as a raw {@code int}; 0 for IPv6. */
    int dstV4();

    /** The first 64 bits of the IPv6 source (0 for IPv4). */
    long srcHi();

    /** The last 64 bits of the IPv6 source; for IPv4 the address in the low 32 bits. */
    long srcLo();

    /** The first 64 bits of the IPv6 destination (0 for IPv4). */
    long dstHi();

    /** The last 64 bits of the IPv6 destination; for IPv4 the address in the low 32 bits. */
    long dstLo();

    /** Whether the destination is a multicast group (or, for IPv4, a broadcast address). */
    boolean toMulticastOrBroadcast();

    /**
     * The pseudo-header sum for a transport checksum over {@code length} bytes of this packet's protocol (RFC 9293
     * §3.1, RFC 768, RFC 8200 §8.1).
     */
    int pseudoHeaderSum(int length);

    /** Whether the link guarantees the bytes arrived intact, so the transport may skip its checksum. */
    boolean checksumVerified();
}
