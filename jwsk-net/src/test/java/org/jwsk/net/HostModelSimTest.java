package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.SimNetExtension;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.MacAddress;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The strong and weak host models of the Next Generation TCP/IP stack (RFC 1122 §3.3.4.2 terms;
 * {@code wfp-nextgen-mib.md} §2.3), cell by cell: {strong, weak} × {send, receive} × {IPv4, IPv6}, each proven on
 * a host H with three interfaces, each to a peer of its own over an Ethernet wire (a little delay and jitter):
 *
 * <pre>
 *   PX ─ x: 192.0.2.10/24    2001:db8:1::10/64 ─┐
 *   PY ─ y: 198.51.100.10/24 2001:db8:2::10/64 ─┤ H    default route via PX (x);
 *   PZ ─ z: 203.0.113.10/24  2001:db8:3::10/64 ─┘      PY's subnet also via PZ (z), metric 50
 * </pre>
 *
 * <ul>
 *   <li><b>Send</b>: H sends to PY from X's address (and from Z's). Strong: the lookup is restricted to routes out of
 *       the source's interface, so the packet from X leaves by x towards PX (the default route) and the one from Z
 *       by z towards PZ; PY hears nothing. Weak: the route decides, both leave by y straight to PY, sources kept.</li>
 *   <li><b>Receive</b>: PY (over y) and PZ (over z) send to X's address. A strong receiving interface drops it
 *       (ipInStrongHostMismatch), a weak one delivers it; y and z get opposite models, so each cell also shows the
 *       switch is per interface.</li>
 * </ul>
 */
class HostModelSimTest {

    /** Neighbour resolution of the simulation: the stacks resolve by themselves (ARP, NDP). */
    static final SimNet.Neighbors RESOLUTION = SimNet.Neighbors.DYNAMIC;
    static final int PROTO = NetStackTest.PROTO;

    @RegisterExtension
    final SimNetExtension sims = new SimNetExtension();

    enum Way { SEND, RECEIVE }

    enum Model { STRONG, WEAK }

    private SimNet net;
    private NetStack h;
    private InterfaceId x;
    private InterfaceId y;
    private InterfaceId z;
    private final NetStack[] peers = new NetStack[3];
    private final TestTransport[] heard = {new TestTransport(), new TestTransport(), new TestTransport()};
    private final TestTransport th = new TestTransport();

    /** The addresses of one family: H's on x, y, z, then the peers' on the same three links. */
    private record Plan(int version, String[] h, String[] peer, int prefix) {
        String hx() {
            return h[0];
        }
    }

    private static final Plan V4 = new Plan(4, new String[] {"192.0.2.10", "198.51.100.10", "203.0.113.10"},
            new String[] {"192.0.2.20", "198.51.100.20", "203.0.113.20"}, 24);
    private static final Plan V6 = new Plan(6, new String[] {"2001:db8:1::10", "2001:db8:2::10", "2001:db8:3::10"},
            new String[] {"2001:db8:1::20", "2001:db8:2::20", "2001:db8:3::20"}, 64);

    private void build(long seed, Plan plan) {
        net = sims.create(seed, SimNet.Options.DEFAULTS.withNeighbors(RESOLUTION)
                .withFaults(FaultConfig.NONE.withDelay(Duration.ofMillis(1), Duration.ofMillis(1))));
        h = net.stack("h");
        h.registerTransport(PROTO, th);
        InterfaceId[] ids = new InterfaceId[3];
        String[] names = {"x", "y", "z"};
        for (int i = 0; i < 3; i++) {
            VirtualWire w = net.ethernet("w" + names[i]);
            ids[i] = net.attach(h, w.endA(), InterfaceConfig.of(names[i], MacAddress.parse("02:00:00:00:0a:0" + i),
                    plan.h()[i] + "/" + plan.prefix()).withIpv6(Ipv6Options.STATIC));
            peers[i] = net.stack("p" + names[i]);
            InterfaceId pi = net.attach(peers[i], w.endB(), InterfaceConfig.of("e",
                    MacAddress.parse("02:00:00:00:0b:0" + i), plan.peer()[i] + "/" + plan.prefix())
                    .withIpv6(Ipv6Options.STATIC));
            peers[i].addRoute(Route.via(IpPrefix.parse(plan.version() == 4 ? "0.0.0.0/0" : "::/0"),
                    IpAddress.parse(plan.h()[i]), pi));
            peers[i].registerTransport(PROTO, heard[i]);
        }
        x = ids[0];
        y = ids[1];
        z = ids[2];
        h.addRoute(Route.via(IpPrefix.parse(plan.version() == 4 ? "0.0.0.0/0" : "::/0"), IpAddress.parse(plan.peer()[0]),
                x));
        h.addRoute(new Route(IpPrefix.of(IpAddress.parse(plan.peer()[1]), plan.prefix()),
                IpAddress.parse(plan.peer()[2]), z, 50, Route.Origin.STATIC));
    }

    @ParameterizedTest(name = "IPv{0} {1} {2}")
    @CsvSource({"4, SEND, STRONG", "4, SEND, WEAK", "4, RECEIVE, STRONG", "4, RECEIVE, WEAK",
            "6, SEND, STRONG", "6, SEND, WEAK", "6, RECEIVE, STRONG", "6, RECEIVE, WEAK"})
    void hostModelCell(int version, Way way, Model model) {
        Plan plan = version == 4 ? V4 : V6;
        build(1000L * version + way.ordinal() * 10 + model.ordinal(), plan);
        if (way == Way.SEND) {
            send(plan, model);
        } else {
            receive(plan, model);
        }
        net.assertAllBuffersReturned();
    }

    private void send(Plan plan, Model model) {
        HostModel m = model == Model.WEAK ? new HostModel(true, false) : HostModel.STRONG;
        h.setHostModel(x, m);
        h.setHostModel(z, m);
        String py = plan.peer()[1];
        assertTrue(TestTransport.send(h, h.defaultCompartment(), plan.h()[0], py, PROTO, "from-x", net.now()).isOk());
        assertTrue(TestTransport.send(h, h.defaultCompartment(), plan.h()[2], py, PROTO, "from-z", net.now()).isOk());
        net.settle();
        if (model == Model.WEAK) {
            // The wires delay with jitter (seeded), so the two may arrive in either order.
            assertEquals(java.util.Set.of("from-x", "from-z"), java.util.Set.copyOf(heard[1].texts()),
                    "both left by y, straight to PY");
            assertEquals(java.util.Set.of(IpAddress.parse(plan.h()[0]), IpAddress.parse(plan.h()[2])),
                    java.util.Set.copyOf(heard[1].received().stream().map(TestTransport.Received::src).toList()),
                    "sources kept");
            assertEquals(0L, dropsAt(0) + dropsAt(2), "nothing went to PX or PZ");
        } else {
            assertEquals(List.of(), heard[1].texts(), "PY hears nothing: y is nobody's source interface");
            assertEquals(1L, dropsAt(0), "from X: out of x, to PX by the default route (PX does not forward)");
            assertEquals(1L, dropsAt(2), "from Z: out of z, to PZ by the metric-50 route");
        }
    }

    /** Packets a peer received that were not for it (it does not forward). */
    private long dropsAt(int peer) {
        return peers[peer].snapshot(net.now()).counter("netdrops", "ipForwardingOff");
    }

    private void receive(Plan plan, Model model) {
        HostModel weak = new HostModel(false, true);
        h.setHostModel(y, model == Model.WEAK ? weak : HostModel.STRONG);
        h.setHostModel(z, model == Model.WEAK ? HostModel.STRONG : weak); // the other model: per interface
        String hx = plan.hx();
        TestTransport.send(peers[1], peers[1].defaultCompartment(), null, hx, PROTO, "via-y", net.now());
        TestTransport.send(peers[2], peers[2].defaultCompartment(), null, hx, PROTO, "via-z", net.now());
        net.settle();
        String accepted = model == Model.WEAK ? "via-y" : "via-z";
        assertEquals(List.of(accepted), th.texts());
        TestTransport.Received r = th.received().getFirst();
        assertEquals(IpAddress.parse(hx), r.dst());
        assertEquals(model == Model.WEAK ? y : z, r.ingress(), "accepted on the interface it arrived on");
        assertEquals(1L, h.snapshot(net.now()).counter("netdrops", "ipInStrongHostMismatch"));
        assertEquals(1L, h.snapshot(net.now()).counter(plan.version() == 4 ? "ipv4" : "ipv6",
                "ipSystemStatsInAddrErrors"));
    }

    /**
     * A link-local address belongs to its link (RFC 4007 §6): weak receive does not make x's link-local address
     * H's on link y, and a peer on y that has the same link-local address as x is reached, not looped back.
     */
    @ParameterizedTest
    @CsvSource({"77"})
    void linkLocalAddresses_stayInTheirZone_whateverTheHostModel(long seed) {
        build(seed, V6);
        h.setHostModel(y, HostModel.WEAK);
        InterfaceId py = peers[1].interfaceNamed("e");
        IpAddress xLinkLocal = IpAddress.parse("fe80::ff:fe00:a00"); // x's, from its MAC
        peers[1].addPermanentNeighbor(py, xLinkLocal, MacAddress.parse("02:00:00:00:0a:01")); // H's y, wrongly
        sendScoped(peers[1], "2001:db8:2::20", xLinkLocal, py, "to-x-link-local-over-y");
        net.settle();
        assertEquals(List.of(), th.texts(), "not H's address on link y, weak receive or not");

        IpAddress shared = IpAddress.parse("fe80::1");
        h.addAddress(x, new InterfaceAddress(shared, 64), net.now());
        peers[1].addAddress(py, new InterfaceAddress(shared, 64), net.now());
        net.refreshNeighbors();
        sendScoped(h, null, shared, y, "to-fe80::1%y");
        net.settle();
        assertEquals(List.of("to-fe80::1%y"), heard[1].texts(), "the peer on y, not H's own fe80::1 on x");
        assertEquals(List.of(), th.texts());
    }

    private void sendScoped(NetStack s, String src, IpAddress dst, InterfaceId scope, String text) {
        org.jwsk.wire.addr.Ipv6Address d = (org.jwsk.wire.addr.Ipv6Address) dst;
        org.jwsk.wire.addr.Ipv6Address from = src == null ? new org.jwsk.wire.addr.Ipv6Address(0, 0)
                : org.jwsk.wire.addr.Ipv6Address.parse(src);
        assertTrue(s.ip().sendV6(s.defaultCompartment(), from.hi(), from.lo(), d.hi(), d.lo(), PROTO, 64, 0, scope,
                TestTransport.payload(s, text), net.now()).isOk());
    }
}
