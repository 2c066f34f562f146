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
 * <p>For the neighbour engine: router link-layer addresses learned from RS and RA source link-layer options are handed
 * to a {@link NeighborHint} (RFC 4861 §6.2.6, §6.3.4); the RFC 4861 §6.3.2 host variables the advertisements set live
 * on {@link Nic#hostVariables6()}.
 *
 * <p>Owned by the stack's thread.
 */
public final class Autoconf implements StackCore.AddressObserver, Icmp6.MessageHandler, DuplicateAddressDetection.Outcome {

    /** Where router link-layer addresses go: the neighbour engine records them in its cache (RFC 4861 §6.3.4). */
    @FunctionalInterface
    public interface NeighborHint {
        /**
         * {@code (hi, lo)} on {@code nic} has link-layer address {@code mac}, as a Router Advertisement ({@code
         * router}) or a Router Solicitation said.
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

    @Override
    public void passed(Nic nic, Addr6 address, long now) {
        listener.onAddressChanged(info(nic, address), false, now);
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

    void routerLinkAddress(Nic nic, long hi, long lo, long mac, long now) {
        neighborHint.onLinkAddress(nic, hi, lo, mac, true, now);
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
        if (!unspecified && mac != NdpView.NO_ADDRESS) {
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
