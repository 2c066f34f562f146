package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.Arrays;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.internal.frag.FragmentEngine;
import org.jwsk.net.testing.RawHost;
import org.jwsk.net.testing.SimNet;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.MacAddress;

/**
 * The whole receive path under untrusted bytes: frames go into a stack through an Ethernet interface (compartment
 * 1) and an IP interface (compartment 2), both forwarding, with permanent neighbours and default routes, so that
 * local delivery, ICMP (echo, errors, the path MTU cache), reassembly and forwarding all see them. Nothing may throw,
 * reassembly memory stays under its caps after every frame, and once the timeouts have passed no buffer is held.
 *
 * <p>An input is a list of records {@code [kind][length, 2 bytes][bytes]}: kind 0 an Ethernet frame, 1 an IP
 * packet, 2 a pause of {@code length} x 10 ms (no bytes follow), 3 an Ethernet frame whose destination is forced to
 * the stack's MAC. Seeds (tools/net-fuzz-seeds.py) hold the Linux capture's frames, fragment trains of both
 * families (in order, shuffled, overlapping, tiny, too long, with a broken first fragment), big pings and ICMP
 * errors. Runs its stored inputs in every {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ReceivePathFuzzTest {

    static final MacAddress PEER = MacAddress.parse("02:00:00:00:00:01");
    static final MacAddress SELF = MacAddress.parse("02:00:00:00:00:02");
    static final NetConfig.ReassemblyConfig LIMITS = new NetConfig.ReassemblyConfig(Duration.ofSeconds(5),
            Duration.ofSeconds(10), 32, 256 * 1024, 128 * 1024);
    static final int MAX_RECORDS = 512;

    @FuzzTest(maxDuration = "60s")
    void framesIntoAStack(byte[] data) {
        SimNet net = new SimNet(Arrays.hashCode(data));
        RawHost eth = null;
        RawHost ip = null;
        try {
            VirtualWire ew = net.wire(WireConfig.ethernet("e"));
            VirtualWire iw = net.wire(WireConfig.ip("i"));
            NetStack s = stack(net, ew, iw);
            eth = new RawHost(ew.endB(), BufPoolConfig.small("fuzz-eth", 8));
            ip = new RawHost(iw.endB(), BufPoolConfig.small("fuzz-ip", 8));
            FragmentEngine engine = (FragmentEngine) s.core().fragmentation();
            feed(data, net, eth, ip, engine);
            net.run(LIMITS.timeoutV6().plusSeconds(1));
            eth.received(net.now()).clear();
            ip.received(net.now()).clear();
            assertEquals(0, engine.heldBytes(), "every incomplete datagram timed out");
            assertEquals(0, engine.pendingDatagrams());
            assertEquals(0, s.pool().outstanding(), "the stack holds no buffer once idle");
            assertEquals(0, eth.pool().outstanding() + ip.pool().outstanding(), "nor any frame it was given");
        } finally {
            net.close();
            if (eth != null) {
                eth.close();
            }
            if (ip != null) {
                ip.close();
            }
        }
    }

    private static void feed(byte[] data, SimNet net, RawHost eth, RawHost ip, FragmentEngine engine) {
        int i = 0;
        for (int records = 0; records < MAX_RECORDS && i + 3 <= data.length; records++) {
            int kind = data[i] & 3;
            int length = (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff);
            i += 3;
            if (kind == 2) {
                net.run(Duration.ofMillis(10L * length));
                continue;
            }
            length = Math.min(length, data.length - i);
            byte[] frame = Arrays.copyOfRange(data, i, i + length);
            i += length;
            if (kind == 3 && frame.length >= 6) {
                System.arraycopy(new byte[] {2, 0, 0, 0, 0, 2}, 0, frame, 0, 6);
            }
            (kind == 1 ? ip : eth).send(frame, net.now());
            net.run(Duration.ofMillis(1));
            assertTrue(engine.heldBytes() <= LIMITS.maxBytes(), "reassembly holds " + engine.heldBytes());
            assertTrue(engine.pendingDatagrams() <= LIMITS.maxDatagrams());
            eth.received(net.now()).clear();
            ip.received(net.now()).clear();
        }
    }

    /** The stack under test: Ethernet in compartment 1, IP in compartment 2, same addresses, both forwarding. */
    private static NetStack stack(SimNet net, VirtualWire ew, VirtualWire iw) {
        NetStack s = net.stack(NetConfig.defaults().withPool(BufPoolConfig.small("victim", 8)).withReassembly(LIMITS));
        CompartmentId c2 = s.addCompartment(net.now());
        InterfaceId e = s.addInterface(ew.endA(), InterfaceConfig.of("e0", SELF, "192.0.2.2/24", "2001:db8::2/64")
                .withIpv6(Ipv6Options.STATIC).withForwarding(true), net.now());
        InterfaceId i = s.addInterface(iw.endA(), InterfaceConfig.of("i0", null, "192.0.2.2/24", "2001:db8::2/64")
                .withIpv6(Ipv6Options.STATIC).withForwarding(true).inCompartment(c2), net.now());
        for (String peer : new String[] {"192.0.2.1", "2001:db8::1", "fe80::ff:fe00:1"}) {
            s.addPermanentNeighbor(e, IpAddress.parse(peer), PEER);
        }
        for (InterfaceId nic : new InterfaceId[] {e, i}) {
            s.addRoute(Route.via(IpPrefix.parse("0.0.0.0/0"), IpAddress.parse("192.0.2.1"), nic));
            s.addRoute(Route.via(IpPrefix.parse("::/0"), IpAddress.parse("2001:db8::1"), nic));
        }
        TransportHandler sink = (rx, payload, now) -> {
            boolean taken = rx.protocol() != IpProtocol.UDP; // UDP refused: port unreachable goes back
            if (taken) {
                payload.release();
            }
            return taken;
        };
        s.registerTransport(IpProtocol.TCP, sink);
        s.registerTransport(IpProtocol.UDP, sink);
        s.registerTransport(NetStackTest.PROTO, sink);
        return s;
    }
}
