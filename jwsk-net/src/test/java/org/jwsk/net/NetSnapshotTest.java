package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The diagnostic snapshot and the per-compartment views of the NetStack API: complete, consistent, immutable. */
class NetSnapshotTest {

    private final SimNet net = new SimNet(13);
    private NetStack s;
    private CompartmentId c2;
    private InterfaceId e1;
    private InterfaceId e2;

    @BeforeEach
    void build() {
        VirtualWire w1 = net.ethernet("w1");
        VirtualWire w2 = net.ip("w2");
        s = net.stack("s");
        c2 = s.addCompartment(net.now());
        e1 = net.attach(s, w1.endA(), InterfaceConfig.of("e1", MacAddress.parse("02:00:00:00:04:01"), "192.0.2.1/24",
                "192.0.2.9/24", "2001:db8:1::1/64").withIpv6(Ipv6Options.STATIC));
        e2 = net.attach(s, w2.endA(), InterfaceConfig.of("e2", null, "192.0.2.1/24", "2001:db8:1::1/64")
                .withIpv6(Ipv6Options.STATIC).inCompartment(c2).withForwarding(true));
        s.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("192.0.2.254"), e1));
        s.addRoute(c2, Route.via(IpPrefix.parse("::/0"), IpAddress.parse("2001:db8:1::fe"), e2));
    }

    @AfterEach
    void close() {
        net.close();
    }

    @Test
    void perCompartmentViews_listExactlyWhatBelongsToEachCompartment() {
        assertEquals(List.of(s.defaultCompartment(), c2), s.compartments());
        Set<InterfaceId> all = s.interfaces().stream().map(InterfaceInfo::id).collect(Collectors.toSet());
        Set<InterfaceId> union = s.compartments().stream().flatMap(c -> s.interfaces(c).stream())
                .map(InterfaceInfo::id).collect(Collectors.toSet());
        assertEquals(all, union);
        for (CompartmentId c : s.compartments()) {
            List<InterfaceInfo> mine = s.interfaces(c);
            assertTrue(mine.getFirst().loopback(), "loopback first");
            assertTrue(mine.stream().allMatch(i -> i.compartment().equals(c)));
            for (int v = 4; v <= 6; v += 2) {
                for (Route r : s.routes(c, v)) {
                    assertEquals(c, s.compartmentOf(r.interfaceId()), r + " listed in " + c);
                }
            }
        }
        assertEquals(List.of("lo", "e1"), s.interfaces(s.defaultCompartment()).stream().map(InterfaceInfo::name)
                .toList());
        assertEquals(List.of("127.0.0.1/8", "::1/128", "192.0.2.1/24", "2001:db8:1::1/64"), s.addresses(c2).stream()
                .map(Object::toString).toList());
        assertTrue(s.addresses(s.defaultCompartment()).contains(InterfaceAddress.parse("192.0.2.9/24")));
        assertTrue(s.addresses(c2).stream().noneMatch(a -> a.equals(InterfaceAddress.parse("192.0.2.9/24"))));
        assertEquals(List.of("lo2", "e2"), s.interfaces(c2).stream().map(InterfaceInfo::name).toList());
    }

    @Test
    void snapshot_agreesWithTheApi() {
        NetSnapshot snap = s.snapshot(net.now());
        assertEquals(net.now(), snap.takenAt());
        assertEquals(s.compartments(), snap.compartments().stream().map(NetSnapshot.Compartment::id).toList());
        for (CompartmentId c : s.compartments()) {
            NetSnapshot.Compartment sc = snap.compartment(c);
            assertEquals(s.interfaces(c).stream().map(InterfaceInfo::id).toList(),
                    sc.interfaces().stream().map(NetSnapshot.Interface::id).toList());
            for (int v = 4; v <= 6; v += 2) {
                assertEquals(s.routes(c, v), sc.routes(v).stream().map(NetSnapshot.RouteEntry::route).toList());
            }
            for (InterfaceInfo info : s.interfaces(c)) {
                NetSnapshot.Interface si = sc.interfaces().stream().filter(i -> i.id().equals(info.id())).findFirst()
                        .orElseThrow();
                List<InterfaceAddress> listed = new java.util.ArrayList<>(info.ipv4());
                listed.addAll(info.ipv6());
                assertEquals(listed, si.addresses().stream().map(NetSnapshot.Address::address).toList());
                assertEquals(info.name(), si.name());
                assertEquals(info.hostModel(), si.hostModel());
            }
        }
        assertEquals(s.counters().find("ipv4").orElseThrow().snapshot(), snap.counters().get("ipv4"));
        assertEquals(s.counters().groups().stream().map(g -> g.groupName()).collect(Collectors.toSet()),
                snap.counters().keySet().stream().filter(g -> !g.startsWith("link")).collect(Collectors.toSet()));
        assertTrue(snap.counters().keySet().containsAll(Set.of("ipv4", "ipv6", "icmp", "icmp6", "netdrops",
                "wiredrops")));
    }

    @Test
    void snapshot_showsStatesOriginsSecondariesAndLifetimes() {
        Ipv6Address global = Ipv6Address.parse("2001:db8:1::1");
        Addr6 a = s.core().nic(e1).find6(global.hi(), global.lo());
        a.setLifetimes(net.now() + Duration.ofSeconds(30).toNanos(), net.now() + Duration.ofSeconds(90).toNanos());
        a.setState(Addr6.State.DEPRECATED);
        s.setInterfaceUp(e1, false, net.now());
        NetSnapshot.Interface i = s.snapshot(net.now()).compartment(s.defaultCompartment()).interfaces().get(1);
        assertFalse(i.adminUp());
        assertFalse(i.running());
        assertTrue(i.carrier());
        assertTrue(i.sendRedirects());
        assertFalse(i.directedBroadcastForwarding());
        assertEquals(MacAddress.parse("02:00:00:00:04:01"), i.mac());
        List<NetSnapshot.Address> addrs = i.addresses();
        assertEquals(List.of(false, true), addrs.subList(0, 2).stream().map(NetSnapshot.Address::secondary).toList());
        NetSnapshot.Address ll = addrs.stream().filter(x -> x.origin() == NetSnapshot.AddressOrigin.LINK_LOCAL)
                .findFirst().orElseThrow();
        assertEquals(IpAddress.parse("fe80::ff:fe00:401"), ll.address().address());
        assertEquals(NetSnapshot.FOREVER, ll.validLifetime());
        NetSnapshot.Address g = addrs.stream().filter(x -> x.address().address().equals(global)).findFirst()
                .orElseThrow();
        assertEquals(NetSnapshot.AddressStatus.DEPRECATED, g.status());
        assertEquals(Duration.ofSeconds(30), g.preferredLifetime());
        assertEquals(Duration.ofSeconds(90), g.validLifetime());
        assertTrue(s.snapshot(net.now()).compartment(s.defaultCompartment()).routes4().stream()
                .filter(r -> r.route().interfaceId().equals(e1)).noneMatch(NetSnapshot.RouteEntry::usable));
        assertTrue(s.snapshot(net.now()).compartment(c2).interfaces().get(1).linkCounters()
                .containsKey("ifHCOutFrames"), "the link driver's counters are there");
    }

    @Test
    void snapshot_isAnImmutableCopy_equalWhileNothingChanges() {
        NetSnapshot before = s.snapshot(net.now());
        assertEquals(before, s.snapshot(net.now()));
        assertThrows(UnsupportedOperationException.class, () -> before.compartments().clear());
        assertThrows(UnsupportedOperationException.class, () -> before.counters().get("ipv4").put("x", 1L));
        s.registerTransport(253, new TestTransport());
        TestTransport.send(s, s.defaultCompartment(), null, "127.0.0.1", 253, "tick", net.now());
        net.settle();
        NetSnapshot after = s.snapshot(net.now());
        assertNotEquals(before, after);
        assertEquals(0L, before.counter("ipv4", "ipSystemStatsOutRequests"));
        assertEquals(1L, after.counter("ipv4", "ipSystemStatsOutRequests"));
    }

    @Test
    void compartments_areRemovedOnlyWhenEmpty_theDefaultNever() {
        assertThrows(IllegalArgumentException.class, () -> s.removeCompartment(s.defaultCompartment(), net.now()));
        assertThrows(IllegalStateException.class, () -> s.removeCompartment(c2, net.now()));
        s.removeInterface(e2, net.now());
        s.removeCompartment(c2, net.now());
        assertEquals(List.of(s.defaultCompartment()), s.compartments());
        assertThrows(IllegalArgumentException.class, () -> s.routes(c2, 4));
        assertTrue(s.interfaces().stream().noneMatch(i -> i.name().equals("lo2")));
        CompartmentId c3 = s.addCompartment(net.now());
        assertNotEquals(c2, c3, "ids are not reused");
    }

    @Test
    void sameAddressInTwoCompartments_isFine_sameInterfaceNameIsNot() {
        assertEquals(s.interfaces(s.defaultCompartment()).get(1).ipv4().getFirst(),
                s.interfaces(c2).get(1).ipv4().getFirst());
        assertThrows(IllegalArgumentException.class, () -> s.addInterface(net.ip("w3").endA(),
                InterfaceConfig.of("e1", null, "198.51.100.1/24").inCompartment(c2), net.now()));
    }
}
