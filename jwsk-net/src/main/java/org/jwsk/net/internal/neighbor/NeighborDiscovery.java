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
 * {@link StackCore#addAddressObserver}) and gives each Ethernet interface a {@link NeighborCache} per family ({@link
 * Nic#setResolver}) when it gets its first address, taking over the permanent entries the interface had.
 *
 * <p>Counters: the sets {@code arp} and {@code ndp} ({@link NeighborCounter}). Owned by the stack's thread.
 */
public final class NeighborDiscovery {

    private final StackCore core;
    private final CounterSet<NeighborCounter> arpCounters;
    private final CounterSet<NeighborCounter> ndpCounters;
    private final Redirects redirects;
    private final NdpOutput ndpOutput;
    private final NdpOptions ndpOptions = new NdpOptions();
    private final ArpView arpView = new ArpView();

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
        return d;
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
        ndp.setProtocol(new NdpProtocol(core, ndp, redirects, ndpOutput, ndpOptions));
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
     * Sends one unsolicited Neighbor Advertisement for {@code address} (RFC 4861 §7.2.6), if it is usable: for
     * duplicate address detection to call when an address turns from tentative to preferred.
     */
    public static void announce(Nic nic, Addr6 address, long now) {
        NeighborCache c = cache(nic, 6);
        if (c != null) {
            ((NdpProtocol) c.protocol()).announce(address, now);
        }
    }
}
