package org.jwsk.net.internal.neighbor;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.net.IcmpCounter;
import org.jwsk.net.NeighborCounter;
import org.jwsk.net.NetDrop;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.RouteTable;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.icmpv6.Icmpv6Code;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.icmpv6.NdpView;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * Neighbor Discovery's address resolution on one interface (RFC 4861 §7), driving the shared {@link NeighborCache}:
 * the validity checks of §7.1, Neighbor Solicitations (§7.2.2, and unicast probes for §7.3.3), solicited
 * advertisements for our addresses (§7.2.4), what solicitations and advertisements teach the cache (§7.2.3,
 * §7.2.5), one unsolicited advertisement when an address becomes usable (§7.2.6), and the hand-over of messages about
 * tentative addresses to duplicate address detection (RFC 4862 §5.4.3, §5.4.4). Redirects go to {@link Redirects}.
 *
 * <p>Owned by the stack's thread.
 */
final class NdpProtocol implements NeighborProtocol {

    private final StackCore core;
    private final Nic nic;
    private final NeighborCache cache;
    private final CounterSet<NeighborCounter> counters;
    private final Redirects redirects;
    private final NdpOutput output;
    private final NdpOptions options;
    private final NeighborDiscovery owner;
    private final NdpView ndp = new NdpView();
    private final List<Addr6> announcements = new ArrayList<>();
    private final TimerQueue.Timer announceTimer;

    NdpProtocol(StackCore core, NeighborCache cache, Redirects redirects, NdpOutput output, NdpOptions options,
                NeighborDiscovery owner) {
        this.core = core;
        this.nic = cache.nic();
        this.cache = cache;
        this.counters = cache.counters();
        this.redirects = redirects;
        this.output = output;
        this.options = options;
        this.owner = owner;
        this.announceTimer = core.timers().newTimer(this::announceDue);
    }

    @Override
    public int etherType() {
        return EtherType.IPV6;
    }

    // ------------------------------------------------------------------------------------------------ output

    /**
     * RFC 4861 §7.2.2: the solicitation's source is the waiting packet's source when that is an address of this
     * interface, else (as Linux does) the interface's link-local address, else any usable address of it.
     */
    @Override
    public boolean solicit(Neighbor n, boolean unicast, long now) {
        Addr6 prompting = nic.find6(n.srcHi, n.srcLo);
        Addr6 src = prompting != null && prompting.isAssigned() ? prompting : fallbackSource();
        if (src == null) {
            return false; // RFC 4862 §5.4: never from a tentative address, and :: is for DAD only
        }
        return output.solicit(nic, n.hi, n.lo, src.hi(), src.lo(), unicast ? n.mac : -1, now);
    }

    private Addr6 fallbackSource() {
        Addr6 any = null;
        for (Addr6 a : nic.addrs6()) {
            if (a.isAssigned()) {
                if (isLinkLocal(a.hi())) {
                    return a;
                }
                any = any == null ? a : any;
            }
        }
        return any;
    }

    /**
     * RFC 4861 §7.2.2: address unreachable (code 3) for each packet that waited in vain. The error is sent as if the
     * packet had arrived on the interface towards its source, so that its source address is chosen there.
     */
    @Override
    public void reportUnreachable(PacketBuf packet, long now) {
        long sHi = NetOrder.i64(packet.segment(), packet.offset() + 8);
        long sLo = NetOrder.i64(packet.segment(), packet.offset() + 16);
        core.icmp6().sendError(Icmpv6Type.DESTINATION_UNREACHABLE, Icmpv6Code.ADDRESS_UNREACHABLE, 0,
                reversePath(sHi, sLo), packet, false, now);
    }

    private Nic reversePath(long sHi, long sLo) {
        Nic owner = nic.compartment().owner6(sHi, sLo);
        if (owner != null || isLinkLocal(sHi)) {
            return owner != null ? owner : nic;
        }
        RouteTable.RouteEntry r = nic.compartment().routes(6).lookup(sHi, sLo, null);
        return r == null ? nic : r.nic();
    }

    @Override
    public void onUnreachable(long hi, long lo, long now) {
        redirects.gatewayFailed(nic, 6, hi, lo);
    }

    /**
     * RFC 4861 §7.2.5: default routes through the neighbour and redirects through it go at once, and the module's
     * router-loss listener (autoconfiguration, which keeps the Default Router List) forgets it as a default router.
     */
    @Override
    public void onRouterLost(long hi, long lo, long now) {
        redirects.routerLost(nic, hi, lo);
        owner.routerLost(nic, hi, lo, now);
    }

    @Override
    public void onFlush(long now) {
        announcements.clear();
        announceTimer.cancel();
        if (!nic.isUp()) {
            redirects.forget(nic);
        }
    }

    /**
     * RFC 4861 §7.2.6: tell the link about a new address with one unsolicited advertisement (Override set). Deferred
     * to the next poll, so that duplicate address detection, told of the address in the same breath, can make it
     * tentative first: a tentative address is never advertised (RFC 4862 §5.4).
     */
    void announceLater(Addr6 a, long now) {
        announcements.add(a);
        announceTimer.schedule(now);
    }

    private void announceDue(long now) {
        for (Addr6 a : announcements) {
            announce(a, now);
        }
        announcements.clear();
    }

    /** Sends one unsolicited advertisement for {@code a} if it is (still) a usable address of this interface. */
    void announce(Addr6 a, long now) {
        if (nic.find6(a.hi(), a.lo()) == a && a.isAssigned() && output.advertise(nic, a.hi(), a.lo(),
                NdpOutput.ALL_NODES_HI, NdpOutput.ALL_NODES_LO, nic.forwarding6(), false, true, now)) {
            counters.increment(NeighborCounter.OUT_ANNOUNCEMENTS);
        }
    }

    // ------------------------------------------------------------------------------------------------ input

    /**
     * A Neighbor Solicitation, Neighbor Advertisement or Redirect for this interface; {@code ip} and {@code message}
     * wrap the packet, which the caller owns and releases.
     */
    void input(Ipv6View ip, Icmpv6View message, long now) {
        // RFC 4861 §7.1.1, §7.1.2, §8.1: hop limit 255 (no router forwarded it) and code 0
        if (ip.hopLimit() != 255 || message.code() != 0) {
            invalid();
            return;
        }
        ndp.wrap(message.segment(), message.offset(), message.length());
        if (!options.scan(ndp)) {
            invalid();
            return;
        }
        switch (message.type()) {
            case Icmpv6Type.NEIGHBOR_SOLICITATION -> solicitation(ip, now);
            case Icmpv6Type.NEIGHBOR_ADVERTISEMENT -> advertisement(ip, now);
            default -> {
                switch (redirects.onRedirect6(nic, cache, ip, ndp, options.target, now)) {
                    case INVALID -> invalid();
                    case IGNORED -> counters.increment(NeighborCounter.REDIRECTS_IGNORED);
                    case ACCEPTED -> counters.increment(NeighborCounter.REDIRECTS_ACCEPTED);
                }
            }
        }
    }

    private void invalid() {
        counters.increment(NeighborCounter.IN_INVALID);
        core.icmpCounters(6).increment(IcmpCounter.IN_ERRORS);
        core.drop(NetDrop.NDP_INVALID);
    }

    /** RFC 4861 §7.1.1 validity, then §7.2.3 (learn the sender) and §7.2.4 (answer). */
    private void solicitation(Ipv6View ip, long now) {
        long tHi = ndp.targetHi();
        long tLo = ndp.targetLo();
        long sHi = ip.srcHi();
        long sLo = ip.srcLo();
        boolean fromUnspecified = sHi == 0 && sLo == 0;
        if (isMulticast(tHi) || (fromUnspecified
                && (!isSolicitedNode(ip.dstHi(), ip.dstLo()) || options.source != Neighbor.NO_MAC))) {
            invalid(); // a multicast target; from :: only to a solicited-node group and without a source address
            return;
        }
        Addr6 a = nic.find6(tHi, tLo);
        if (a == null) {
            counters.increment(NeighborCounter.IN_IGNORED); // §7.2.3: not ours (no proxy or anycast service here)
            return;
        }
        if (!a.isAssigned()) { // RFC 4862 §5.4.3: DAD decides; nobody is answered about a tentative address
            counters.increment(NeighborCounter.IN_TO_DAD);
            core.dad().onSolicitation(nic, a, fromUnspecified, options.nonce, now);
            return;
        }
        boolean router = nic.forwarding6();
        if (fromUnspecified) { // another node's DAD for our address: §7.2.4 answers all nodes, Solicited clear
            counters.increment(NeighborCounter.IN_PROBES);
            if (output.advertise(nic, tHi, tLo, NdpOutput.ALL_NODES_HI, NdpOutput.ALL_NODES_LO, router, false, true,
                    now)) {
                counters.increment(NeighborCounter.OUT_ADVERTS);
            }
            return;
        }
        counters.increment(NeighborCounter.IN_SOLICITS);
        if (options.source != Neighbor.NO_MAC) {
            cache.learn(sHi, sLo, options.source, true, now);
        }
        // §7.2.4: unicast to the solicitation's source, Solicited and Override set (no proxy or anycast here)
        if (output.advertise(nic, tHi, tLo, sHi, sLo, router, true, true, now)) {
            counters.increment(NeighborCounter.OUT_ADVERTS);
        }
    }

    /** RFC 4861 §7.1.2 validity, then §7.2.5. */
    private void advertisement(Ipv6View ip, long now) {
        long tHi = ndp.targetHi();
        long tLo = ndp.targetLo();
        if (isMulticast(tHi) || (isMulticast(ip.dstHi()) && ndp.solicited())) {
            invalid();
            return;
        }
        Addr6 a = nic.find6(tHi, tLo);
        if (a != null) {
            if (a.isAssigned()) {
                counters.increment(NeighborCounter.IN_IGNORED); // someone advertises our address; Linux ignores it too
            } else { // RFC 4862 §5.4.4: the address is someone else's
                counters.increment(NeighborCounter.IN_TO_DAD);
                core.dad().onAdvertisement(nic, a, now);
            }
            return;
        }
        boolean known = cache.onAdvertisement(tHi, tLo, options.target, ndp.solicited(), ndp.override(),
                ndp.router() ? 1 : 0, now);
        counters.increment(known ? NeighborCounter.IN_ADVERTS : NeighborCounter.IN_IGNORED);
    }

    static boolean isMulticast(long hi) {
        return (hi >>> 56) == 0xff;
    }

    static boolean isLinkLocal(long hi) {
        return (hi & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L;
    }

    /** RFC 4291 §2.7.1: ff02::1:ffXX:XXXX. */
    static boolean isSolicitedNode(long hi, long lo) {
        return hi == NdpOutput.ALL_NODES_HI && (lo & 0xffff_ffff_ff00_0000L) == 0x0000_0001_ff00_0000L;
    }
}
