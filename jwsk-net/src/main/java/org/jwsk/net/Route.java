package org.jwsk.net;

import java.util.Objects;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;

/**
 * A route in a compartment's table. A route belongs to the compartment of its interface: it can never lead out of
 * that compartment ({@link NetStack#addRoute(CompartmentId, Route)} refuses an interface of another one).
 *
 * <p>Selection (RFC 1812 §5.2.4.3): the longest prefix containing the destination, then the lowest metric, then the
 * route added first; routes whose interface is down or without carrier are skipped until it comes back.
 *
 * @param destination what the route reaches
 * @param gateway     the next hop, or null for an on-link route (the destination itself is the next hop)
 * @param interfaceId the interface packets leave through
 * @param metric      lower wins among routes of equal prefix length
 * @param origin      where the route came from
 */
public record Route(IpPrefix destination, IpAddress gateway, InterfaceId interfaceId, int metric, Origin origin) {

    /** Where a route came from; on-link routes follow their addresses and RA routes their lifetimes. */
    public enum Origin {
        /** Added by configuration or API. */
        STATIC,
        /** The on-link prefix of an address of the interface. */
        CONNECTED,
        /** Learned from a router advertisement (default router, on-link prefix). */
        ROUTER_ADVERTISEMENT,
        /**
         * A host route from a redirect (RFC 1122 §3.2.2.2, RFC 4861 §8.3): the destination cache entry of the RFCs,
         * kept in the route table so that lookups find it; it expires, and goes when its gateway is unreachable.
         */
        REDIRECT
    }

    public Route {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(interfaceId, "interfaceId");
        Objects.requireNonNull(origin, "origin");
        if (gateway != null && gateway.version() != destination.version()) {
            throw new IllegalArgumentException("gateway " + gateway + " is not of the family of " + destination);
        }
        if (metric < 0) {
            throw new IllegalArgumentException("negative metric " + metric);
        }
    }

    /** A static route through {@code gateway}. */
    public static Route via(IpPrefix destination, IpAddress gateway, InterfaceId interfaceId) {
        return new Route(destination, gateway, interfaceId, 0, Origin.STATIC);
    }

    /** A static on-link route. */
    public static Route onLink(IpPrefix destination, InterfaceId interfaceId) {
        return new Route(destination, null, interfaceId, 0, Origin.STATIC);
    }

    /** Whether the destination is reached directly, without a gateway. */
    public boolean isOnLink() {
        return gateway == null;
    }

    @Override
    public String toString() {
        return destination + (gateway == null ? " dev " : " via " + gateway + " dev ") + interfaceId
                + (metric == 0 ? "" : " metric " + metric) + " (" + origin.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
