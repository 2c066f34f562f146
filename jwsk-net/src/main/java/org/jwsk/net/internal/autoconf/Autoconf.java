package org.jwsk.net.internal.autoconf;

import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.IcmpCounter;
import org.jwsk.net.InterfaceAddress;
import org.jwsk.net.Ipv6AddressInfo;
import org.jwsk.net.Ipv6AddressListener;
import org.jwsk.net.NetDrop;
import org.jwsk.net.RouterAdvertisementConfig;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.internal.Icmp6;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.net.internal.mcast.LinkScopeSender;
import org.jwsk.net.internal.mcast.Multicast;
import org.jwsk.net.internal.neighbor.NeighborDiscovery;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.icmpv6.NdpView;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * IPv6 autoconfiguration: duplicate address detection ({@link DuplicateAddressDetection}), router discovery and SLAAC
 * on hosts ({@link RouterDiscovery}, {@link Slaac}), router advertisement on routers ({@link RouterAdvertiser}). This
 * class attaches them to the core (address observer, DAD hook, router message handler of ICMPv6), checks Router
 * Solicitations and Advertisements against RFC 4861 §6.1, tells the address listener and the multicast module what
 * happened to addresses, and is the module facade the API reaches ({@link StackCore#module}).
 *
 * <p>With the neighbour engine: what Router Solicitations and Advertisements say about their senders (a Source
 * Link-layer Address, whether the sender is a router) goes to a {@link NeighborHint} (RFC 4861 §6.2.6, §6.3.4),
 * which {@code Modules.install} connects to {@link NeighborDiscovery#onRouterMessage}; a neighbour that stops being a
 * router comes back through {@link #routerLost} (§7.2.5); an address that passes DAD is announced with {@link
 * NeighborDiscovery#announce} (§7.2.6). The RFC 4861 §6.3.2 host variables the advertisements set live on {@link
 * Nic#hostVariables6()}, where the neighbour cache reads them.
 *
 * <p>It follows interfaces up and down ({@link StackCore.InterfaceObserver}): while one is down its detection runs,
 * solicitations and advertisements stop; when it is up again detection starts over for its addresses, and
 * solicitations and advertisements follow once its link-local address is usable.
 *
 * <p>Owned by the stack's thread.
 */
public final class Autoconf implements StackCore.AddressObserver, StackCore.InterfaceObserver, Icmp6.MessageHandler,
        DuplicateAddressDetection.Outcome {

    /** Where router link-layer addresses go: the neighbour engine records them in its cache (RFC 4861 §6.3.4). */
    @FunctionalInterface
    public interface NeighborHint {
        /**
         * A Router Advertisement ({@code router} true) or a Router Solicitation ({@code router} false) came from
         * {@code (hi, lo)} on {@code nic}, with Source Link-layer Address {@code mac}, or {@link NdpView#NO_ADDRESS}
         * when it had none (the sender's IsRouter flag still follows the message, RFC 4861 §6.3.4, §6.2.6).
         */
        void onLinkAddress(Nic nic, long hi, long lo, long mac, boolean router, long now);
    }

    private final StackCore core;
    private final Multicast multicast;
    private final CounterSet<AutoconfCounter> counters;
    private final DuplicateAddressDetection dad;
    private final RouterDiscovery discovery;
    private final RouterAdvertiser advertiser;
    private final NdpView ndp = new NdpView();
    private Ipv6AddressListener listener = (a, removed, now) -> { };
    private NeighborHint neighborHint = (nic, hi, lo, mac, router, now) -> { };

    private Autoconf(StackCore core, Multicast multicast) {
        this.core = core;
        this.multicast = multicast;
        this.counters = core.counters().register(CounterSet.of("autoconf6", AutoconfCounter.class));
        LinkScopeSender sender = new LinkScopeSender(core);
        this.dad = new DuplicateAddressDetection(core, sender, counters, this);
        this.discovery = new RouterDiscovery(core, sender, counters, this);
        this.advertiser = new RouterAdvertiser(core, sender, counters);
    }

    /**
     * Creates the module and attaches it to {@code core}; called once, from {@code Modules.install}, after the
     * multicast module (which it tells when a link-local address becomes usable).
     */
    public static Autoconf install(StackCore core, Multicast multicast) {
        Autoconf a = new Autoconf(core, multicast);
        core.addAddressObserver(a);
        core.addInterfaceObserver(a);
        core.setDad(a.dad);
        core.icmp6().setRouterHandler(a);
        core.registerModule(Autoconf.class, a);
        return a;
    }

    // ------------------------------------------------------------------------------------------------- API

    /** Starts, changes or (null) stops router advertisements on {@code nic}; see {@link RouterAdvertiser}. */
    public void setRouterAdvertisements(Nic nic, RouterAdvertisementConfig config, long now) {
        advertiser.configure(nic, config, now);
    }

    /** Installs the listener told of every IPv6 address change. */
    public void setAddressListener(Ipv6AddressListener l) {
        this.listener = l == null ? (a, removed, now) -> { } : l;
    }

    /** Installs where router link-layer addresses go (the neighbour engine). */
    public void setNeighborHint(NeighborHint hint) {
        this.neighborHint = hint == null ? (nic, hi, lo, mac, router, now) -> { } : hint;
    }

    /** The API's view of an address. */
    public static Ipv6AddressInfo info(Nic nic, Addr6 a) {
        return new Ipv6AddressInfo(nic.id(), new InterfaceAddress(a.address(), a.prefixLength()),
                Ipv6AddressInfo.State.valueOf(a.state().name()), Ipv6AddressInfo.Origin.valueOf(a.origin().name()),
                a.preferredUntil(), a.validUntil());
    }

    // ------------------------------------------------------------------------------------------ addresses

    /** A new address: DAD starts (it becomes tentative) or, without DAD, a new link-local address is ready at once. */
    @Override
    public void onAdded6(Nic nic, Addr6 address, long now) {
        boolean tentative = dad.start(nic, address, now);
        listener.onAddressChanged(info(nic, address), false, now);
        if (!tentative && isLinkLocal(address.hi()) && address.isAssigned()) {
            discovery.linkLocalReady(nic, now);
        }
    }

    @Override
    public void onRemoved6(Nic nic, Addr6 address, long now) {
        dad.stop(address);
        listener.onAddressChanged(info(nic, address), true, now);
    }

    /**
     * An address passed DAD: the listener hears of it, the link hears of it with one unsolicited Neighbor Advertisement
     * (RFC 4861 §7.2.6; the neighbour engine announces every address it sees added usable, so one that waited for DAD
     * is announced when it becomes usable; Linux sends this advertisement when {@code ndisc_notify} is set), and a
     * link-local address lets MLD report from it and router solicitation begin.
     */
    @Override
    public void passed(Nic nic, Addr6 address, long now) {
        listener.onAddressChanged(info(nic, address), false, now);
        NeighborDiscovery.announce(nic, address, now);
        if (isLinkLocal(address.hi())) {
            multicast.linkLocalReady(nic, now);
            discovery.linkLocalReady(nic, now);
        }
        if (address.origin() == Addr6.Origin.SLAAC) {
            discovery.rescheduleLifetimes(nic, now);
        }
    }

    @Override
    public void failed(Nic nic, Addr6 address, long now) {
        listener.onAddressChanged(info(nic, address), false, now);
    }

    void addressChanged(Nic nic, Addr6 address, boolean removed, long now) {
        listener.onAddressChanged(info(nic, address), removed, now);
    }

    /** A valid Router Advertisement from {@code (hi, lo)}, with its Source Link-layer Address or {@code NO_ADDRESS}. */
    void routerAdvertised(Nic nic, long hi, long lo, long mac, long now) {
        neighborHint.onLinkAddress(nic, hi, lo, mac, true, now);
    }

    /**
     * The neighbour engine saw {@code (hi, lo)} stop being a router (RFC 4861 §7.2.5): it leaves the Default Router
     * List. {@link NeighborDiscovery}'s router-loss listener.
     */
    public void routerLost(Nic nic, long hi, long lo, long now) {
        discovery.routerLost(nic, hi, lo);
    }

    // ------------------------------------------------------------------------------------ interface state

    /** Detection, solicitations and advertisements stop on an interface that stopped running. */
    @Override
    public void onInterfaceDown(Nic nic, long now) {
        dad.suspend(nic);
        discovery.interfaceDown(nic);
        advertiser.interfaceDown(nic);
    }

    /**
     * An interface runs again: DAD starts over for its addresses (RFC 4862 §5.4), each reported tentative to the
     * listener; advertising starts over; and if its link-local address is usable at once (no DAD there), router
     * solicitation starts over too (RFC 4861 §6.3.7), else it starts when that address passes.
     */
    @Override
    public void onInterfaceUp(Nic nic, long now) {
        for (Addr6 a : dad.restart(nic, now)) {
            listener.onAddressChanged(info(nic, a), false, now);
        }
        advertiser.interfaceUp(nic, now);
        if (linkLocal(nic) != null) {
            discovery.linkLocalReady(nic, now);
        }
    }

    // ------------------------------------------------------------------------------------ router messages

    /** A Router Solicitation or Advertisement for this host. <b>Takes ownership.</b> */
    @Override
    public void onMessage(Nic nic, PacketBuf packet, int upperOffset, Ipv6View ip, Icmpv6View message, long now) {
        try {
            ndp.wrap(message.segment(), message.offset(), message.length());
            if (message.type() == Icmpv6Type.ROUTER_ADVERTISEMENT) {
                advertisement(nic, ip, message, now);
            } else if (message.type() == Icmpv6Type.ROUTER_SOLICITATION) {
                solicitation(nic, ip, message, now);
            }
        } finally {
            packet.release();
        }
    }

    /**
     * RFC 4861 §6.1.2: a link-local source, hop limit 255, code 0; length and options were checked by the wire
     * check, the checksum by ICMPv6.
     */
    private void advertisement(Nic nic, Ipv6View ip, Icmpv6View message, long now) {
        AutoconfCounter bad = !isLinkLocal(ip.srcHi()) ? AutoconfCounter.RA_IN_BAD_SOURCE
                : ip.hopLimit() != 255 ? AutoconfCounter.RA_IN_BAD_HOP_LIMIT
                : message.code() != 0 ? AutoconfCounter.RA_IN_BAD_CODE : null;
        if (bad != null) {
            invalid(bad);
            return;
        }
        discovery.onAdvertisement(nic, ip.srcHi(), ip.srcLo(), ndp, now);
    }

    /**
     * RFC 4861 §6.1.1: hop limit 255, code 0, and no source link-layer option from ::. A router records the source
     * link-layer address of a solicitation from a unicast source (§6.2.6).
     */
    private void solicitation(Nic nic, Ipv6View ip, Icmpv6View message, long now) {
        boolean unspecified = ip.srcHi() == 0 && ip.srcLo() == 0;
        long mac = ndp.sourceLinkLayerAddress();
        if (ip.hopLimit() != 255 || message.code() != 0 || (unspecified && mac != NdpView.NO_ADDRESS)) {
            invalid(AutoconfCounter.RS_IN_INVALID);
            return;
        }
        if (!advertiser.advertising(nic)) {
            return; // a host ignores solicitations (RFC 4861 §6.2.6 is for routers)
        }
        if (!unspecified) { // §6.2.6: the sender's link-layer address, if given; its IsRouter flag false either way
            neighborHint.onLinkAddress(nic, ip.srcHi(), ip.srcLo(), mac, false, now);
        }
        advertiser.onSolicitation(nic, now);
    }

    private void invalid(AutoconfCounter reason) {
        counters.increment(reason);
        core.icmpCounters(6).increment(IcmpCounter.IN_ERRORS);
        core.drop(NetDrop.NDP_INVALID);
    }

    // ---------------------------------------------------------------------------------------------- helpers

    /** The interface's usable (preferred or deprecated) link-local address, or null. */
    static Addr6 linkLocal(Nic nic) {
        for (Addr6 a : nic.addrs6()) {
            if (isLinkLocal(a.hi()) && a.isAssigned()) {
                return a;
            }
        }
        return null;
    }

    /** Whether the address is in fe80::/10. */
    static boolean isLinkLocal(long hi) {
        return (hi & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L;
    }
}
