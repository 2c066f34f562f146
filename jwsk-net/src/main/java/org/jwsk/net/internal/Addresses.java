package org.jwsk.net.internal;

import java.util.List;
import org.jwsk.net.InterfaceAddress;
import org.jwsk.net.InterfaceConfig;
import org.jwsk.net.Route;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * Adding and removing an interface's addresses, with what follows from them: the on-link route of the address's
 * prefix, the solicited-node group of an IPv6 address (RFC 4291 §2.7.1, RFC 4861 §7.2.1), duplicate address
 * detection when the stack runs it, and the announcements the neighbour layer makes.
 */
public final class Addresses {

    private Addresses() {
    }

    /** Applies an interface's configuration: its link-local address (if IPv6 wants one), then the configured ones. */
    static void configure(Nic nic, InterfaceConfig config, long now) {
        if (config.ipv6().enabled() && config.ipv6().linkLocal() && nic.isEthernet()) {
            long iid = nic.macAddress().modifiedEui64();
            add6(nic, 0xfe80_0000_0000_0000L, iid, 64, Addr6.Origin.LINK_LOCAL, now);
        }
        for (InterfaceAddress a : config.addresses()) {
            switch (a.address()) {
                case Ipv4Address v4 -> add4(nic, v4.value(), a.prefixLength(), now);
                case Ipv6Address v6 -> add6(nic, v6.hi(), v6.lo(), a.prefixLength(), Addr6.Origin.MANUAL, now);
            }
        }
    }

    /** Adds an IPv4 address and the on-link route of its prefix. */
    public static void add4(Nic nic, int address, int prefixLength, long now) {
        if (nic.find4(address) != null) {
            throw new IllegalArgumentException(new Ipv4Address(address) + " is already on " + nic.name());
        }
        nic.addAddr4(new Nic.Addr4(address, prefixLength));
        Route r = new Route(IpPrefix.of(new Ipv4Address(address), prefixLength), null, nic.id(), 0,
                Route.Origin.CONNECTED);
        nic.compartment().routes(4).add(r, nic);
        nic.stack().addressAdded4(nic, address, now);
    }

    /**
     * Adds an IPv6 address: tentative while DAD runs (when the stack runs it and the interface asks for it),
     * preferred otherwise; joins its solicited-node group and adds the on-link route of its prefix (not for SLAAC
     * addresses, see {@link #impliesOnLink}).
     */
    public static Addr6 add6(Nic nic, long hi, long lo, int prefixLength, Addr6.Origin origin, long now) {
        if (nic.find6(hi, lo) != null) {
            throw new IllegalArgumentException(new Ipv6Address(hi, lo) + " is already on " + nic.name());
        }
        Addr6 a = new Addr6(hi, lo, prefixLength, origin, Addr6.State.PREFERRED);
        nic.addAddr6(a);
        Ipv6Address sn = new Ipv6Address(hi, lo).solicitedNode();
        nic.join6(sn.hi(), sn.lo(), now);
        if (impliesOnLink(a)) {
            Route r = new Route(IpPrefix.of(new Ipv6Address(hi, lo), prefixLength), null, nic.id(), 0,
                    Route.Origin.CONNECTED);
            nic.compartment().routes(6).add(r, nic);
        }
        nic.stack().addressAdded6(nic, a, now);
        return a;
    }

    /** Removes an IPv4 address and, if no other address of the interface shares it, its on-link route. */
    public static boolean remove4(Nic nic, int address, long now) {
        Nic.Addr4 a = nic.find4(address);
        if (a == null) {
            return false;
        }
        nic.removeAddr4(address);
        IpPrefix prefix = IpPrefix.of(new Ipv4Address(address), a.prefixLength());
        boolean shared = nic.addrs4().stream().anyMatch(x -> x.prefixLength() == a.prefixLength() && x.onLink(address));
        if (!shared) {
            nic.compartment().routes(4).remove(new Route(prefix, null, nic.id(), 0, Route.Origin.CONNECTED));
        }
        return true;
    }

    /** Removes an IPv6 address, its solicited-node membership and, unless shared, its on-link route. */
    public static boolean remove6(Nic nic, long hi, long lo, long now) {
        Addr6 a = nic.find6(hi, lo);
        if (a == null) {
            return false;
        }
        nic.removeAddr6(hi, lo);
        Ipv6Address sn = new Ipv6Address(hi, lo).solicitedNode();
        nic.leave6(sn.hi(), sn.lo(), now);
        IpPrefix prefix = IpPrefix.of(new Ipv6Address(hi, lo), a.prefixLength());
        boolean shared = nic.addrs6().stream().anyMatch(x -> impliesOnLink(x) && x.prefixLength() == a.prefixLength()
                && prefix.contains(new Ipv6Address(x.hi(), x.lo())));
        if (!shared && impliesOnLink(a)) {
            nic.compartment().routes(6).remove(new Route(prefix, null, nic.id(), 0, Route.Origin.CONNECTED));
        }
        nic.stack().addressRemoved6(nic, a, now);
        return true;
    }

    /**
     * Whether the address puts its prefix on-link. An address formed by SLAAC does not: RFC 5942 §4 (and RFC 4862
     * §5.5.3) keep on-link determination to the Prefix Information option's L flag, whose route autoconfiguration
     * adds with its own lifetime.
     */
    private static boolean impliesOnLink(Addr6 a) {
        return a.prefixLength() < 128 && a.origin() != Addr6.Origin.SLAAC;
    }

    /** Removes every address of the interface. */
    static void removeAll(Nic nic, long now) {
        for (Nic.Addr4 a : List.copyOf(nic.addrs4())) {
            remove4(nic, a.address(), now);
        }
        for (Addr6 a : List.copyOf(nic.addrs6())) {
            remove6(nic, a.hi(), a.lo(), now);
        }
    }
}
