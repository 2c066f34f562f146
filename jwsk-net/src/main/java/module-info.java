/**
 * The network layer: the dual IP layer (IPv4 and IPv6 sharing one set of transports), interfaces over link drivers,
 * routing compartments, strong and weak host models, forwarding, neighbour discovery, ICMP and fragments.
 *
 * <p>{@code org.jwsk.net} is the API; {@code org.jwsk.net.internal} is not exported.
 */
module org.jwsk.net {
    requires transitive org.jwsk.link;

    exports org.jwsk.net;
}
