package org.jwsk.transport;

import org.jwsk.net.SendStatus;

/**
 * What became of a UDP endpoint operation (bind, connect, send, join, leave) whose failure is an expected outcome:
 * a value, never an exception. Programming errors (a closed endpoint, a destination of the wrong family, port 0)
 * throw instead. The Linux {@code errno} each one corresponds to is named, for the socket layers above.
 */
public enum UdpStatus {
    /** Done: bound, connected, joined, left; or the datagram left (or waits for the next hop's link address). */
    OK,
    /** No route to the destination, or none through the chosen interface (ENETUNREACH). */
    NO_ROUTE,
    /** Larger than a UDP datagram can be, or than the path MTU with fragmentation forbidden (EMSGSIZE). */
    MESSAGE_TOO_BIG,
    /** No packet buffer was free: back-pressure, try again later (ENOBUFS; counted as udpSndbufErrors). */
    NO_BUFFER,
    /** A filter refused it: the datagram, the bind or the connect (EPERM; WFP's block verdict). */
    FILTERED,
    /** The outgoing interface is down or was removed (ENETDOWN). */
    NETWORK_DOWN,
    /** The link refused the datagram (its queue is full) (ENOBUFS). */
    LINK_DROPPED,
    /** A broadcast destination without {@link UdpOptions#broadcast()} (EACCES, as Linux without SO_BROADCAST). */
    BROADCAST_NOT_ALLOWED,
    /**
     * The endpoint's peer answered an earlier datagram with an ICMP port unreachable (ECONNREFUSED): reported once,
     * by the next send (or {@link UdpEndpoint#takeError}), then cleared.
     */
    REFUSED,
    /**
     * An earlier datagram drew another hard ICMP error: protocol unreachable, administratively prohibited, a
     * parameter problem (EHOSTUNREACH, EPROTO).
     */
    UNREACHABLE,
    /** The address and port are taken, and the sharing rules do not let this endpoint share them (EADDRINUSE). */
    ADDRESS_IN_USE,
    /** The sharing rules deny this bind: the other endpoint is exclusive, or sharing needs both to ask (EACCES). */
    ACCESS_DENIED,
    /** The local address is not one of this compartment's (EADDRNOTAVAIL). */
    ADDRESS_NOT_AVAILABLE,
    /** Every port of the ephemeral range is in use (EAGAIN for an automatic bind, EADDRINUSE for bind(0)). */
    PORTS_EXHAUSTED,
    /** The endpoint is a member of the group on that interface already (EADDRINUSE for IP_ADD_MEMBERSHIP). */
    ALREADY_MEMBER,
    /** The endpoint is not a member of the group on that interface (EADDRNOTAVAIL for IP_DROP_MEMBERSHIP). */
    NOT_MEMBER;

    /** Whether the operation succeeded. */
    public boolean isOk() {
        return this == OK;
    }

    /** The UDP status for what the IP layer said of a datagram it was given. */
    public static UdpStatus of(SendStatus s) {
        return switch (s) {
            case SENT, QUEUED -> OK;
            case NO_ROUTE -> NO_ROUTE;
            case BAD_SOURCE -> ADDRESS_NOT_AVAILABLE;
            case MESSAGE_TOO_BIG -> MESSAGE_TOO_BIG;
            case NO_BUFFER -> NO_BUFFER;
            case FILTERED -> FILTERED;
            case NETWORK_DOWN -> NETWORK_DOWN;
            case LINK_DROPPED -> LINK_DROPPED;
        };
    }
}
