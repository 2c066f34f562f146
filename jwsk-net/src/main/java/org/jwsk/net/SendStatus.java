package org.jwsk.net;

/** What became of a packet handed to the IP layer to send. Expected outcomes are values, not exceptions. */
public enum SendStatus {
    /** Handed to the link (or looped back). */
    SENT,
    /** Waiting for the next hop's link address; it leaves when resolution succeeds and is dropped if it fails. */
    QUEUED,
    /** No route to the destination (ipSystemStatsOutNoRoutes). */
    NO_ROUTE,
    /** The source address is not one this stack may send from on the chosen path (strong host send, RFC 1122). */
    BAD_SOURCE,
    /** Larger than the path MTU with fragmentation forbidden (IPv4 DF); the caller learns the MTU from the PMTU cache. */
    MESSAGE_TOO_BIG,
    /** No packet buffer was available (fragmentation, a header that did not fit the headroom). */
    NO_BUFFER,
    /** A filter at OUTBOUND_IPPACKET blocked it. */
    FILTERED,
    /** The outgoing interface is down or was removed. */
    NETWORK_DOWN,
    /** The link refused it (queue full). */
    LINK_DROPPED;

    /** Whether the packet left or is on its way. */
    public boolean isOk() {
        return this == SENT || this == QUEUED;
    }
}
