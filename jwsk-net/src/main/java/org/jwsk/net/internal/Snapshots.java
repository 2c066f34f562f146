package org.jwsk.net.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jwsk.common.counter.CounterGroup;
import org.jwsk.common.time.Deadlines;
import org.jwsk.net.InterfaceAddress;
import org.jwsk.net.NetSnapshot;
import org.jwsk.wire.addr.Ipv4Address;

/** Builds {@link NetSnapshot}s: one pass over the stack's state on its own thread, copying everything. */
public final class Snapshots {

    private Snapshots() {
    }

    /** The whole stack as it is at {@code now}. Owner thread only. */
    public static NetSnapshot take(StackCore core, long now) {
        List<NetSnapshot.Compartment> compartments = new ArrayList<>();
        for (Compartment c : core.compartments()) {
            compartments.add(compartment(c, now));
        }
        Map<String, Map<String, Long>> counters = new LinkedHashMap<>();
        for (CounterGroup g : core.counters().groups()) {
            counters.put(g.groupName(), g.snapshot());
        }
        return new NetSnapshot(now, compartments, counters);
    }

    private static NetSnapshot.Compartment compartment(Compartment c, long now) {
        List<NetSnapshot.Interface> interfaces = new ArrayList<>();
        for (Nic n : c.nics()) {
            interfaces.add(nic(n, now));
        }
        return new NetSnapshot.Compartment(c.id(), interfaces, routes(c.routes(4)), routes(c.routes(6)));
    }

    private static List<NetSnapshot.RouteEntry> routes(RouteTable table) {
        return table.entries().stream().map(e -> new NetSnapshot.RouteEntry(e.route(), e.nic().isRunning())).toList();
    }

    private static NetSnapshot.Interface nic(Nic n, long now) {
        List<NetSnapshot.Address> addresses = new ArrayList<>();
        List<Nic.Addr4> v4 = n.addrs4();
        for (int i = 0; i < v4.size(); i++) {
            Nic.Addr4 a = v4.get(i);
            addresses.add(new NetSnapshot.Address(new InterfaceAddress(new Ipv4Address(a.address()), a.prefixLength()),
                    NetSnapshot.AddressStatus.PREFERRED, NetSnapshot.AddressOrigin.MANUAL, secondary(v4, i),
                    NetSnapshot.FOREVER, NetSnapshot.FOREVER));
        }
        for (Addr6 a : n.addrs6()) {
            addresses.add(new NetSnapshot.Address(new InterfaceAddress(a.address(), a.prefixLength()), status(a.state()),
                    origin(a.origin()), false, remaining(a.preferredUntil(), now), remaining(a.validUntil(), now)));
        }
        return new NetSnapshot.Interface(n.id(), n.name(), n.macAddress(), n.mtu4(), n.mtu6(), n.isLoopback(),
                n.isAdminUp(), n.hasCarrier(), n.hostModel(), n.forwarding4(), n.forwarding6(), n.sendRedirects(),
                n.directedBroadcastForwarding(), addresses, n.driver().counters().snapshot());
    }

    /** Whether an earlier address of the interface has the same subnet (Linux's secondary addresses). */
    private static boolean secondary(List<Nic.Addr4> addrs, int index) {
        Nic.Addr4 a = addrs.get(index);
        for (int i = 0; i < index; i++) {
            Nic.Addr4 b = addrs.get(i);
            if (b.prefixLength() == a.prefixLength() && b.onLink(a.address())) {
                return true;
            }
        }
        return false;
    }

    private static Duration remaining(long until, long now) {
        return until == Deadlines.NONE ? NetSnapshot.FOREVER : Duration.ofNanos(Math.max(0, until - now));
    }

    private static NetSnapshot.AddressStatus status(Addr6.State s) {
        return switch (s) {
            case PREFERRED -> NetSnapshot.AddressStatus.PREFERRED;
            case DEPRECATED -> NetSnapshot.AddressStatus.DEPRECATED;
            case TENTATIVE -> NetSnapshot.AddressStatus.TENTATIVE;
            case DUPLICATE -> NetSnapshot.AddressStatus.DUPLICATE;
        };
    }

    private static NetSnapshot.AddressOrigin origin(Addr6.Origin o) {
        return switch (o) {
            case MANUAL -> NetSnapshot.AddressOrigin.MANUAL;
            case LINK_LOCAL -> NetSnapshot.AddressOrigin.LINK_LOCAL;
            case SLAAC -> NetSnapshot.AddressOrigin.SLAAC;
        };
    }
}
