package org.jwsk.net;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.LinkTap;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.MacAddress;

/**
 * Two stacks on one Ethernet wire, both families, for the neighbour discovery tests: a (192.0.2.1/24, 2001:db8::1/64,
 * {@link #MAC_A}) behind a {@link LinkTap} that records its frames and can inject others, and b (.2, ::2, {@link
 * #MAC_B}). Static IPv6 (no DAD), a transport on {@link NetStackTest#PROTO} on each.
 */
final class NeighborFixture implements AutoCloseable {

    static final MacAddress MAC_A = MacAddress.parse("02:00:00:00:00:0a");
    static final MacAddress MAC_B = MacAddress.parse("02:00:00:00:00:0b");
    static final MacAddress MAC_X = MacAddress.parse("02:00:00:00:00:99");
    static final int PROTO = NetStackTest.PROTO;

    final SimNet net;
    final VirtualWire wire;
    final NetStack a;
    final NetStack b;
    final LinkTap tap;
    final InterfaceId ia;
    final InterfaceId ib;
    final TestTransport ta = new TestTransport();
    final TestTransport tb = new TestTransport();

    NeighborFixture(long seed) {
        this(seed, NetConfig.NeighborConfig.DEFAULTS, WireConfig.ethernet("e"));
    }

    NeighborFixture(long seed, NetConfig.NeighborConfig neighbors, WireConfig wireConfig) {
        this(seed, config(neighbors), wireConfig);
    }

    NeighborFixture(long seed, NetConfig config, WireConfig wireConfig) {
        net = new SimNet(seed);
        wire = net.wire(wireConfig);
        a = net.stack(config);
        b = net.stack(config);
        tap = new LinkTap(wire.endA(), a.pool());
        ia = a.addInterface(tap, InterfaceConfig.of("e0", MAC_A, "192.0.2.1/24", "2001:db8::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        ib = b.addInterface(wire.endB(), InterfaceConfig.of("e0", MAC_B, "192.0.2.2/24", "2001:db8::2/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        a.registerTransport(PROTO, ta);
        b.registerTransport(PROTO, tb);
    }

    static NetConfig config(NetConfig.NeighborConfig neighbors) {
        return NetConfig.defaults().withPool(BufPoolConfig.small("sim", 8)).withNeighbors(neighbors);
    }

    /** Neighbour settings: the defaults with another queue length and table size. */
    static NetConfig.NeighborConfig limits(int maxQueued, int maxEntries) {
        NetConfig.NeighborConfig d = NetConfig.NeighborConfig.DEFAULTS;
        return new NetConfig.NeighborConfig(d.baseReachableTime(), d.retransTimer(), d.delayFirstProbe(),
                d.maxMulticastSolicit(), d.maxUnicastSolicit(), maxQueued, maxEntries, d.staleLifetime());
    }

    /**
     * Lets the start-up chatter pass (each stack announces its addresses twice, 2 s apart, RFC 5227 §2.3, and
     * advertises its IPv6 addresses once) and forgets the frames recorded so far.
     */
    void quiet() {
        net.run(java.time.Duration.ofSeconds(3));
        tap.clear();
    }

    /** Sends {@code text} from {@code s} to {@code dst} with protocol {@link #PROTO}. */
    SendStatus send(NetStack s, String dst, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        PacketBuf buf = s.pool().allocate(s.ip().headroom(), bytes.length);
        buf.copyFrom(0, bytes, 0, bytes.length);
        return s.ip().send(s.defaultCompartment(), null, IpAddress.parse(dst), PROTO, buf, net.now());
    }

    /** {@code s}'s entry for {@code address} on {@code id}, or null. */
    static NeighborInfo entry(NetStack s, InterfaceId id, String address) {
        IpAddress a = IpAddress.parse(address);
        return s.neighbors(id).stream().filter(n -> n.address().equals(a)).findFirst().orElse(null);
    }

    /** The state of {@code a}'s entry for {@code address}, or null. */
    NeighborInfo.State stateAtA(String address) {
        NeighborInfo e = entry(a, ia, address);
        return e == null ? null : e.state();
    }

    /** A counter of {@code s}: group ({@code arp}, {@code ndp}, {@code netdrops}, ...) and name. */
    static long counter(NetStack s, String group, String name) {
        return s.counters().find(group).orElseThrow().snapshot().getOrDefault(name, -1L);
    }

    /** The payloads {@code t} received, as text. */
    static List<String> texts(TestTransport t) {
        return t.received().stream().map(r -> new String(r.payload(), StandardCharsets.US_ASCII)).toList();
    }

    @Override
    public void close() {
        net.close();
    }
}
