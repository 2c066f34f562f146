package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Arrays;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.link.tap.testing.TestFrames;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.LinkTap;
import org.jwsk.net.testing.SimNet;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ethernet.EtherType;

/**
 * Untrusted ARP packets and ICMPv6 messages (NS, NA, Redirect and anything else) into a stack, followed by a minute of
 * its timers: nothing may throw and no buffer may leak, whatever the bytes. The first byte picks the kind: 0 an ARP
 * packet (the rest), 1 an ICMPv6 message with a correct checksum (byte 1 picks the destination, bytes 2-17 are the
 * source, the rest the message, hop limit 255), anything else a whole Ethernet frame. Runs its stored inputs in every
 * {@code mvn test}; {@code JAZZER_FUZZ=1} fuzzes. The leak check extension fails any input that leaves a buffer behind.
 */
class NeighborInputFuzzTest {

    private static final MacAddress MAC = MacAddress.parse("02:00:00:00:00:0a");
    private static final MacAddress PEER = MacAddress.parse("02:00:00:00:00:0b");
    private static final Ipv6Address OURS = Ipv6Address.parse("2001:db8::1");

    @FuzzTest(maxDuration = "60s")
    void arpAndNdpInput(byte[] data) {
        if (data.length < 1) {
            return;
        }
        try (SimNet net = new SimNet(1)) {
            VirtualWire wire = net.wire(WireConfig.ethernet("fuzz"));
            NetStack a = net.stack();
            LinkTap tap = new LinkTap(wire.endA(), a.pool());
            tap.host(Ipv4Address.parse("192.0.2.2"), PEER).host(Ipv6Address.parse("fe80::2"), PEER);
            InterfaceId ia = a.addInterface(tap, InterfaceConfig.of("e0", MAC, "192.0.2.1/24", "2001:db8::1/64")
                    .withIpv6(Ipv6Options.STATIC), net.now());
            a.addRoute(Route.via(org.jwsk.wire.addr.IpPrefix.parse("::/0"), Ipv6Address.parse("fe80::2"), ia));
            byte[] rest = Arrays.copyOfRange(data, 1, data.length);
            tap.inject(switch (data[0]) {
                case 0 -> TestFrames.ethernet(MacAddress.BROADCAST, PEER, EtherType.ARP, rest);
                case 1 -> icmpv6Frame(rest);
                default -> rest;
            });
            net.run(Duration.ofSeconds(60));
            assertEquals(a.neighbors(ia).size(), a.neighbors(ia).stream().map(NeighborInfo::toString).count());
        } // the leak check extension fails the input if any buffer is left unreleased
    }

    private static byte[] icmpv6Frame(byte[] b) {
        if (b.length < 17) {
            return TestFrames.ethernet(MAC, PEER, EtherType.IPV6, b);
        }
        Ipv6Address src = Ipv6Address.ofBytes(Arrays.copyOfRange(b, 1, 17));
        Ipv6Address dst = switch (b[0] & 3) {
            case 0 -> OURS;
            case 1 -> OURS.solicitedNode();
            default -> Ipv6Address.ALL_NODES;
        };
        byte[] message = Arrays.copyOfRange(b, 17, b.length);
        byte[] packet = new byte[40 + message.length];
        MemorySegment seg = MemorySegment.ofArray(packet);
        NetOrder.setI32(seg, 0, 6 << 28);
        NetOrder.setU16(seg, 4, message.length & 0xffff);
        NetOrder.setU8(seg, 6, IpProtocol.ICMPV6);
        NetOrder.setU8(seg, 7, 255);
        src.write(seg, 8);
        dst.write(seg, 24);
        MemorySegment.copy(MemorySegment.ofArray(message), 0, seg, 40, message.length);
        if (message.length >= 4) {
            NetOrder.setU16(seg, 42, 0);
            int sum = InternetChecksum.compute(InternetChecksum.pseudoHeaderV6(src.hi(), src.lo(), dst.hi(), dst.lo(),
                    IpProtocol.ICMPV6, message.length), seg, 40, message.length);
            NetOrder.setU16(seg, 42, sum);
        }
        MacAddress ethDst = (dst.hi() >>> 56) == 0xff ? MacAddress.ofIpv6Multicast(dst) : MAC;
        return TestFrames.ethernet(ethDst, PEER, EtherType.IPV6, packet);
    }
}
