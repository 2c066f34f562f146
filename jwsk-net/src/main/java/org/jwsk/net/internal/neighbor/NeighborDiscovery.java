package org.jwsk.net.internal.neighbor;

import java.util.List;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.AddressConflict;
import org.jwsk.net.NeighborCounter;
import org.jwsk.net.NeighborInfo;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.internal.LinkResolver;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.arp.ArpView;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * The neighbour discovery module: installs ARP, Neighbor Discovery and redirect handling on a stack through the
 * core's hooks ({@link StackCore#setArpHandler}, {@code icmp6.setNeighborHandler}, {@code icmp4.setRedirectListener},
 * {@link StackCore#addAddressObserver}, {@link StackCore#addInterfaceObserver}) and gives each Ethernet interface a
 * {@link NeighborCache} per family ({@link Nic#setResolver}) when it gets its first address, taking over the permanent
 * entries the interface had.
 *
 * <p>Autoconfiguration works with it through two seams that {@code Modules.install} connects: the router link-layer
 * addresses it learns from Router Solicitations and Advertisements come in through {@link #onRouterMessage}, and a
 * neighbour that stops being a router goes out to the {@link RouterLossListener}.
 *
 * <p>Counters: the sets {@code arp} and {@code ndp} ({@link NeighborCounter}). Owned by the stack's thread.
 */
public final class NeighborDiscovery {

    /** Told when a neighbour stops being a router (RFC 4861 §7.2.5: its IsRouter flag went from true to false). */
    @FunctionalInterface
    public interface RouterLossListener {
        /** {@code (hi, lo)} on {@code nic} is no longer a router: it leaves the Default Router List. */
        void onRouterLost(Nic nic, long hi, long lo, long now);
    }

    private final StackCore core;
    private final CounterSet<NeighborCounter> arpCounters;
    private final CounterSet<NeighborCounter> ndpCounters;
    private final Redirects redirects;
    private final NdpOutput ndpOutput;
    private final NdpOptions ndpOptions = new NdpOptions();
    private final ArpView arpView = new ArpView();
    private RouterLossListener routerLoss = (nic, hi, lo, now) -> { };

    private NeighborDiscovery(StackCore core) {
        this.core = core;
        this.arpCounters = core.counters().register(CounterSet.of("arp", NeighborCounter.class));
        this.ndpCounters = core.counters().register(CounterSet.of("ndp", NeighborCounter.class));
        this.redirects = new Redirects(core, arpCounters);
        this.ndpOutput = new NdpOutput(core);
    }

    /** Installs the module on a new stack (from {@code Modules.install}, before any interface exists). */
    public static NeighborDiscovery install(StackCore core) {
        NeighborDiscovery d = new NeighborDiscovery(core);
        core.setArpHandler(d::onArp);
        core.icmp6().setNeighborHandler(d::onNdp);
        core.icmp4().setRedirectListener(d.redirects::onRedirect4);
        core.addAddressObserver(new StackCore.AddressObserver() {
            @Override
            public void onAdded4(Nic nic, int address, long now) {
                d.attach(nic);
                if (cache(nic, 4) != null) {
                    ((ArpProtocol) cache(nic, 4).protocol()).announce(address, now);
                }
            }

            @Override
            public void onAdded6(Nic nic, Addr6 address, long now) {
                d.attach(nic);
                if (cache(nic, 6) != null) {
                    ((NdpProtocol) cache(nic, 6).protocol()).announceLater(address, now);
                }
            }
        });
        core.addInterfaceObserver(new StackCore.InterfaceObserver() {
            @Override
            public void onInterfaceUp(Nic nic, long now) {
                d.announceAll(nic, now);
            }
        });
        return d;
    }

    /**
     * An interface runs again (its caches were flushed when it went down): its addresses are announced as when they
     * were added. IPv4: RFC 5227 §2.3 announcements (§2.1 asks hosts to check an address again whenever an interface
     * becomes active; jwsk does not probe, nor does the Linux kernel, but announces as for a new address; Linux
     * announces on up only with arp_notify). IPv6: one unsolicited advertisement per address
     * (RFC 4861 §7.2.6), deferred like those of new addresses, so that duplicate address detection starting over in
     * the same breath makes them tentative first; those are announced when they pass.
     */
    private void announceAll(Nic nic, long now) {
        NeighborCache arp = cache(nic, 4);
        if (arp != null) {
            for (Nic.Addr4 a : List.copyOf(nic.addrs4())) {
                ((ArpProtocol) arp.protocol()).announce(a.address(), now);
            }
        }
        NeighborCache ndp = cache(nic, 6);
        if (ndp != null) {
            for (Addr6 a : List.copyOf(nic.addrs6())) {
                ((NdpProtocol) ndp.protocol()).announceLater(a, now);
            }
        }
    }

    /**
     * Gives an Ethernet interface its two caches, once. The permanent entries of the resolvers they replace (added
     * before the interface had an address) carry over.
     */
    private void attach(Nic nic) {
        if (!nic.isEthernet() || nic.isLoopback() || cache(nic, 4) != null) {
            return;
        }
        NeighborCache arp = new NeighborCache(core, nic, 4, arpCounters);
        arp.setProtocol(new ArpProtocol(core, arp, redirects));
        NeighborCache ndp = new NeighborCache(core, nic, 6, ndpCounters);
        ndp.setProtocol(new NdpProtocol(core, ndp, redirects, ndpOutput, ndpOptions, this));
        takeOver(nic.resolver(4), arp);
        takeOver(nic.resolver(6), ndp);
        nic.setResolver(4, arp);
        nic.setResolver(6, ndp);
    }

    private static void takeOver(LinkResolver old, NeighborCache cache) {
        if (old == null) {
            return;
        }
        for (NeighborInfo e : old.neighbors()) {
            if (e.state() == NeighborInfo.State.PERMANENT && e.mac() != null) {
                long hi = e.address() instanceof Ipv6Address v6 ? v6.hi() : 0;
                long lo = switch (e.address()) {
                    case Ipv4Address v4 -> v4.value() & 0xffff_ffffL;
                    case Ipv6Address v6 -> v6.lo();
                };
                cache.addPermanent(hi, lo, e.mac().value());
            }
        }
    }

    /** The core's ARP hook: check, then the interface's {@link ArpProtocol}. Takes ownership of the frame. */
    private void onArp(Nic nic, PacketBuf frame, long now) {
        try {
            DropReason r = ArpView.check(frame.segment(), frame.offset(), frame.length());
            if (r.isDrop()) {
                core.wireDrop(r);
                return;
            }
            NeighborCache cache = cache(nic, 4);
            if (cache == null) {
                arpCounters.increment(NeighborCounter.IN_IGNORED); // no IPv4 address here: nothing can be for us
                return;
            }
            ((ArpProtocol) cache.protocol()).input(arpView.wrap(frame.segment(), frame.offset(), frame.length()), now);
        } finally {
            frame.release();
        }
    }

    /** ICMPv6's hook for NS, NA and Redirect (checksum verified). Takes ownership of the packet. */
    private void onNdp(Nic nic, PacketBuf packet, int upper, Ipv6View ip, Icmpv6View message, long now) {
        try {
            NeighborCache cache = cache(nic, 6);
            if (cache == null) {
                ndpCounters.increment(NeighborCounter.IN_IGNORED); // not an Ethernet interface: nothing to resolve
                return;
            }
            ((NdpProtocol) cache.protocol()).input(ip, message, now);
        } finally {
            packet.release();
        }
    }

    // ------------------------------------------------------------------------------- for other modules and the API

    /** The neighbour cache of {@code nic} for a family, or null if neighbour discovery does not run there. */
    public static NeighborCache cache(Nic nic, int version) {
        return nic.resolver(version) instanceof NeighborCache c ? c : null;
    }

    /** Address conflicts detected on {@code nic} (RFC 5227 §2.4), oldest first; empty if ARP does not run there. */
    public static List<AddressConflict> conflicts(Nic nic) {
        NeighborCache c = cache(nic, 4);
        return c == null ? List.of() : ((ArpProtocol) c.protocol()).conflicts();
    }

    /**
     * What a Router Advertisement ({@code router} true) or a Router Solicitation to this router ({@code router} false)
     * said about its sender {@code (hi, lo)} on {@code nic}: its Source Link-layer Address {@code mac}, or -1 when the
     * message had none. The IPv6 cache records it (RFC 4861 §6.3.4, §6.2.6; {@link NeighborCache#onRouterMessage}):
     * a new entry is STALE, a changed address makes the entry STALE, and IsRouter follows the message; a neighbour
     * that was a router and sends a solicitation is lost as a router (§7.2.5). Nothing happens on an interface without
     * neighbour discovery. Autoconfiguration's {@code NeighborHint}.
     */
    public void onRouterMessage(Nic nic, long hi, long lo, long mac, boolean router, long now) {
        NeighborCache c = cache(nic, 6);
        if (c != null) {
            c.onRouterMessage(hi, lo, mac < 0 ? Neighbor.NO_MAC : mac, router, now);
        }
    }

    /** Installs where routers lost (RFC 4861 §7.2.5) are reported: autoconfiguration's Default Router List. */
    public void setRouterLossListener(RouterLossListener listener) {
        this.routerLoss = listener == null ? (nic, hi, lo, now) -> { } : listener;
    }

    void routerLost(Nic nic, long hi, long lo, long now) {
        routerLoss.onRouterLost(nic, hi, lo, now);
    }

    /**
     * Sends one unsolicited Neighbor Advertisement for {@code address} (RFC 4861 §7.2.6), if it is usable: for
     * duplicate address detection to call when an address turns from tentative to preferred. Tentative and duplicate
     * addresses are never announced ({@link NdpProtocol#announce} checks).
     */
    public static void announce(Nic nic, Addr6 address, long now) {
        NeighborCache c = cache(nic, 6);
        if (c != null) {
            ((NdpProtocol) c.protocol()).announce(address, now);
        }
    }
}
