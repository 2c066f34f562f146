package org.jwsk.net.internal;

import org.jwsk.net.internal.frag.FragmentEngine;
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
        org.jwsk.net.internal.neighbor.NeighborDiscovery.install(core);
        org.jwsk.net.internal.autoconf.Autoconf.install(core,
                org.jwsk.net.internal.mcast.Multicast.install(core)); // MLD and IGMP; DAD, router discovery, SLAAC
    }
}
