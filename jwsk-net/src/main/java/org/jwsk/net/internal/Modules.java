package org.jwsk.net.internal;

import org.jwsk.net.internal.autoconf.Autoconf;
import org.jwsk.net.internal.frag.FragmentEngine;
import org.jwsk.net.internal.mcast.Multicast;
import org.jwsk.net.internal.neighbor.NeighborDiscovery;
import org.jwsk.net.internal.ping.Pinger;
import org.jwsk.net.internal.pmtu.PathMtuCache;

/**
 * Where the network layer's modules attach themselves to a new stack: neighbour discovery, autoconfiguration,
 * multicast membership, fragmentation, the path MTU cache, ping. Each installs its handlers and observers on the
 * core through the hooks it offers ({@link StackCore#setArpHandler}, {@link Icmp6#setNeighborHandler}, {@link
 * StackCore#addAddressObserver}, ...). Called once, from the core's constructor, before any interface exists.
 */
final class Modules {

    private Modules() {
    }

    static void install(StackCore core) {
        // Each module adds one line here as it lands.
        FragmentEngine.install(core);
        PathMtuCache.install(core);
        Pinger.install(core);
        NeighborDiscovery neighbors = NeighborDiscovery.install(core);
        Autoconf autoconf = Autoconf.install(core, Multicast.install(core)); // MLD, IGMP; DAD, router discovery, SLAAC
        // Neighbour discovery and autoconfiguration meet here: what Router Solicitations and Advertisements say about
        // their senders goes into the neighbour cache (RFC 4861 §6.2.6, §6.3.4), and a neighbour that stops being a
        // router leaves autoconfiguration's Default Router List (§7.2.5).
        autoconf.setNeighborHint(neighbors::onRouterMessage);
        neighbors.setRouterLossListener(autoconf::routerLost);
    }
}
