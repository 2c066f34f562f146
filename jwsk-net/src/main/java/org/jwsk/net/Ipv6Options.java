package org.jwsk.net;

/**
 * An interface's IPv6 behaviour (RFC 4861, RFC 4862).
 *
 * @param enabled         IPv6 runs on the interface at all
 * @param linkLocal       form a link-local address from the MAC (modified EUI-64) when the interface comes up
 * @param dadTransmits    DupAddrDetectTransmits: neighbour solicitations sent per tentative address; 0 turns
 *                        duplicate address detection off (RFC 4862 §5.1)
 * @param acceptRouterAdvertisements learn prefixes, default routers and the MTU from router advertisements, and form
 *                        addresses from prefixes (SLAAC); only on an interface that does not forward
 * @param routerSolicitations router solicitations sent when the interface comes up (RFC 4861 §6.3.7 MAX_RTR_SOLICITATIONS)
 */
public record Ipv6Options(boolean enabled, boolean linkLocal, int dadTransmits, boolean acceptRouterAdvertisements,
                          int routerSolicitations) {

    /** A host: link-local address, one DAD probe, router discovery and SLAAC, three solicitations. */
    public static final Ipv6Options HOST = new Ipv6Options(true, true, 1, true, 3);
    /** IPv6 switched off on the interface. */
    public static final Ipv6Options DISABLED = new Ipv6Options(false, false, 0, false, 0);
    /** A host on a static configuration: link-local address, no DAD, no router discovery (tests, point-to-point). */
    public static final Ipv6Options STATIC = new Ipv6Options(true, true, 0, false, 0);

    public Ipv6Options {
        if (dadTransmits < 0 || dadTransmits > 10) {
            throw new IllegalArgumentException("DupAddrDetectTransmits must be 0-10, not " + dadTransmits);
        }
        if (routerSolicitations < 0 || routerSolicitations > 10) {
            throw new IllegalArgumentException("router solicitations must be 0-10, not " + routerSolicitations);
        }
    }
}
