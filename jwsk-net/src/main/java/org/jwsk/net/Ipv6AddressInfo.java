package org.jwsk.net;

import java.util.Objects;

/**
 * An IPv6 address of an interface with its RFC 4862 §5.5.4 state, where it came from, and its lifetimes.
 *
 * @param interfaceId    the interface
 * @param address        the address and its prefix length
 * @param state          whether it may be used, and how
 * @param origin         configuration, the interface's link-local address, or stateless autoconfiguration
 * @param preferredUntil when it becomes deprecated, on the stack's clock (nanoseconds), or {@link
 *                       org.jwsk.common.time.Deadlines#NONE} for never
 * @param validUntil     when it is removed, or {@link org.jwsk.common.time.Deadlines#NONE} for never
 */
public record Ipv6AddressInfo(InterfaceId interfaceId, InterfaceAddress address, State state, Origin origin,
                              long preferredUntil, long validUntil) {

    /** RFC 4862 address states; an invalid address is removed instead. */
    public enum State {
        /** Duplicate address detection is running: not used yet (RFC 4862 §5.4). */
        TENTATIVE,
        /** Usable for any communication. */
        PREFERRED,
        /** Its preferred lifetime ended: kept for existing communication, never chosen for new (RFC 4862 §5.5.4). */
        DEPRECATED,
        /** Another node uses it, as duplicate address detection found: never used (RFC 4862 §5.4.5). */
        DUPLICATE
    }

    /** Where an address came from. */
    public enum Origin {
        /** Configured through the API or the interface configuration. */
        MANUAL,
        /** The interface's link-local address, formed from its MAC (RFC 4862 §5.3). */
        LINK_LOCAL,
        /** Formed from a router-advertised prefix (RFC 4862 §5.5.3). */
        SLAAC
    }

    public Ipv6AddressInfo {
        Objects.requireNonNull(interfaceId, "interfaceId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(origin, "origin");
    }
}
