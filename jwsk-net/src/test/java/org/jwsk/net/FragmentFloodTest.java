package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.ReassemblyTest.counter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.internal.frag.FragmentEngine;
import org.jwsk.net.testing.Datagrams;
import org.jwsk.net.testing.RawHost;
import org.jwsk.net.testing.SimNet;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of fragments that never complete, from thousands of spoofed sources in both families, while a real host
 * sends 8000-byte datagrams through another interface: reassembly memory stays under its caps, the evictions are
 * counted, and every real datagram still arrives.
 */
class FragmentFloodTest {

    static final int PROTO = NetStackTest.PROTO;
    static final NetConfig.ReassemblyConfig LIMITS = new NetConfig.ReassemblyConfig(Duration.ofSeconds(30),
            Duration.ofSeconds(60), 300, 1L << 20, 128 * 1024);

    private final SimNet net = new SimNet(5722);
    private RawHost flooder;

    @AfterEach
    void close() {
        net.close();
        flooder.close();
    }

    @Test
    void floodOfIncompleteDatagrams_staysUnderTheCaps_whileRealTrafficCompletes() {
        VirtualWire attack = net.wire(WireConfig.ip("attack"));
        VirtualWire legit = net.wire(WireConfig.ip("legit").withMtu(1280));
        NetStack victim = net.stack(NetConfig.defaults().withPool(BufPoolConfig.small("victim", 8))
                .withReassembly(LIMITS));
        NetStack sender = net.stack();
        victim.addInterface(attack.endA(), InterfaceConfig.of("attack", null, "192.0.2.2/24", "2001:db8::2/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        victim.addInterface(legit.endA(), InterfaceConfig.of("legit", null, "198.51.100.2/24", "2001:db8:1::2/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        sender.addInterface(legit.endB(), InterfaceConfig.of("legit", null, "198.51.100.1/24", "2001:db8:1::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        TestTransport received = new TestTransport();
        victim.registerTransport(PROTO, received);
        flooder = new RawHost(attack.endB());
        FragmentEngine engine = (FragmentEngine) victim.core().fragmentation();

        SplittableRandom random = new SplittableRandom(1);
        List<byte[]> sent = new ArrayList<>();
        for (int burst = 0; burst < 25; burst++) {
            flooder.sendAll(floodBurst(random, 200), net.now());
            byte[] p = Datagrams.pattern(8000, burst);
            sent.add(p);
            send(sender, burst % 2 == 0 ? "198.51.100.2" : "2001:db8:1::2", p);
            net.run(Duration.ofMillis(10));
            assertTrue(engine.heldBytes() <= LIMITS.maxBytes(), "bytes held: " + engine.heldBytes());
            assertTrue(engine.pendingDatagrams() <= LIMITS.maxDatagrams());
        }
        assertEquals(sent.size(), received.received().size(), "every real datagram completed");
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), received.received().get(i).payload());
        }
        long evicted = counter(victim, "netdrops", "ipReasmLimit");
        assertTrue(evicted > 4000, "the flood was evicted, oldest first: " + evicted);
        long fails = counter(victim, "ipv4", "ipSystemStatsReasmFails") + counter(victim, "ipv6",
                "ipSystemStatsReasmFails");
        assertEquals(evicted, fails, "each evicted datagram is one reassembly failure");
        assertEquals(0, victim.pool().allocationFailures(), "the victim's own pool never ran dry");

        net.run(Duration.ofSeconds(61));
        assertEquals(0, engine.heldBytes(), "what was left timed out");
        assertEquals(0, flooder.pool().outstanding(), "every flood fragment went back to its pool");
    }

    /** {@code n} first-or-middle fragments of as many datagrams from random spoofed sources: none can complete. */
    private static List<byte[]> floodBurst(SplittableRandom r, int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int offset = r.nextInt(2) * 1024;
            byte[] data = Datagrams.pattern(8 * (1 + r.nextInt(150)), i);
            if (r.nextBoolean()) {
                Ipv4Address src = new Ipv4Address(0xcb00_7100 | r.nextInt(256)); // 203.0.113.0/24
                out.add(Datagrams.fragment4(src, Ipv4Address.parse("192.0.2.2"), PROTO, r.nextInt(0x10000), offset,
                        true, 0, data));
            } else {
                Ipv6Address src = new Ipv6Address(0x2001_0db8_00ff_0000L | r.nextInt(0x10000), r.nextLong());
                out.add(Datagrams.fragment6(src, Ipv6Address.parse("2001:db8::2"), PROTO, r.nextInt(), offset, true,
                        0, data));
            }
        }
        return out;
    }

    private void send(NetStack from, String to, byte[] payload) {
        PacketBuf buf = from.pool().allocate(from.ip().headroom(), payload.length);
        buf.copyFrom(0, payload, 0, payload.length);
        assertEquals(SendStatus.SENT, from.ip().send(from.defaultCompartment(), null, IpAddress.parse(to), PROTO, buf,
                net.now()));
    }
}
