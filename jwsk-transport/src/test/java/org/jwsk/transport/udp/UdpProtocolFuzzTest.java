package org.jwsk.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.IpRx;
import org.jwsk.net.NetConfig;
import org.jwsk.net.NetStack;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpConfig;
import org.jwsk.transport.UdpDatagram;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.internal.udp.UdpProtocol;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * Arbitrary datagrams into {@link UdpProtocol#onPacket} with endpoints of every kind present: IPv4 and IPv6
 * wildcards, a dual-stack one, specific and connected ones, shared multicast members with tiny receive buffers, a
 * forwarder that takes every other datagram. Nothing may throw; a refused datagram comes back with its window
 * untouched; the UDP-MIB invariant holds; once the endpoints are drained and closed, no buffer is held.
 *
 * <p>An input is a list of records {@code [flags][source selector][length, 2 bytes][UDP bytes]}: flags bit 0 IPv6,
 * bit 1 to a multicast group, bit 2 to the limited broadcast (IPv4), bit 3 the link verified checksums, bit 4 fix the
 * checksum so the datagram reaches the demultiplexer; the selector picks one of three sources of the family (the
 * last the loopback address, the connected endpoint's peer). Seeds (written by
 * {@code tools/udp-fuzz-seeds.py}): valid datagrams of both families to each endpoint, multicast, broadcast, zero and
 * bad checksums, bad lengths, truncated and empty ones. Runs its stored inputs in every {@code mvn test}; {@code
 * JAZZER_FUZZ=1} fuzzes.
 */
class UdpProtocolFuzzTest {

    static final int MAX_RECORDS = 256;
    static final IpAddress[] SOURCES = {IpAddress.parse("192.0.2.9"), IpAddress.parse("198.51.100.7"),
        IpAddress.parse("127.0.0.1"), IpAddress.parse("2001:db8::9"), IpAddress.parse("2001:db8:1::7"),
        IpAddress.parse("::1")};

    @FuzzTest(maxDuration = "60s")
    void datagramsIntoUdp(byte[] data) {
        try (NetStack stack = NetStack.create(NetConfig.defaults().withPool(BufPoolConfig.small("udp-fuzz", 4)),
                new SplittableRandom(1))) {
            UdpProtocol udp = UdpProtocol.install(stack, UdpConfig.DEFAULTS, new SplittableRandom(2));
            List<UdpEndpoint> endpoints = endpoints(stack, udp);
            int[] calls = {0};
            udp.setForwarder((d, now) -> forward(d, calls));
            feed(data, stack, udp);
            UdpHosts.assertMibInvariant(udp);
            MemorySegment sink = MemorySegment.ofArray(new byte[70_000]);
            for (UdpEndpoint e : endpoints) {
                while (e.receive(sink, 0) != null || !e.takeError().isOk()) {
                    // drain
                }
            }
            udp.close(0);
            assertEquals(0, stack.pool().outstanding(), "UDP holds no buffer once drained and closed");
        }
    }

    private static boolean forward(UdpDatagram d, int[] calls) {
        if (calls[0]++ % 2 == 0) {
            d.release();
            return true;
        }
        return false;
    }

    private static List<UdpEndpoint> endpoints(NetStack stack, UdpProtocol udp) {
        CompartmentId c = stack.defaultCompartment();
        UdpOptions shared = UdpOptions.DEFAULTS.withReuseAddress(true).withReceiveBuffer(4096);
        List<UdpEndpoint> out = new ArrayList<>();
        String[][] binds = {
            {"4", "0.0.0.0:53"}, {"6", "[::]:53"}, {"4", "127.0.0.1:54"}, {"6", "[::1]:54"},
            {"4", "0.0.0.0:5353"}, {"4", "0.0.0.0:5353"}, {"6", "[::]:5353"}, {"6", "[::]:5353"},
        };
        for (String[] b : binds) {
            UdpEndpoint e = udp.open(c, Integer.parseInt(b[0]), shared, new UdpHosts.Recorder());
            e.bind(IpEndpoint.parse(b[1]), 0);
            out.add(e);
        }
        UdpEndpoint dual = udp.open(c, 6, UdpOptions.DEFAULTS.withV6Only(false).withReceiveBuffer(2048),
                new UdpHosts.Recorder());
        dual.bind(IpEndpoint.parse("[::]:55"), 0);
        out.add(dual);
        UdpEndpoint conn = udp.open(c, 4, UdpOptions.DEFAULTS, new UdpHosts.Recorder());
        conn.bind(IpEndpoint.parse("127.0.0.1:56"), 0);
        conn.connect(IpEndpoint.parse("127.0.0.1:1000"), 0);
        out.add(conn);
        return out;
    }

    private static void feed(byte[] data, NetStack stack, UdpProtocol udp) {
        InterfaceId lo = stack.interfaceNamed("lo");
        int i = 0;
        for (int records = 0; records < MAX_RECORDS && i + 4 <= data.length; records++) {
            int flags = data[i] & 0xff;
            IpAddress src = SOURCES[(data[i + 1] & 0xff) % 3 + ((flags & 1) != 0 ? 3 : 0)];
            int length = Math.min((data[i + 2] & 0xff) << 8 | (data[i + 3] & 0xff), data.length - i - 4);
            i += 4;
            PacketBuf p = stack.pool().tryAllocate(length);
            if (p == null) {
                return;
            }
            p.copyFrom(0, data, i, length);
            i += length;
            Rx rx = new Rx(src, destination(flags), lo, (flags & 8) != 0);
            if ((flags & 16) != 0 && length >= 8) {
                fixChecksum(p, rx);
            }
            long off = p.offset();
            int len = p.length();
            if (!udp.onPacket(rx, p, 0)) {
                assertEquals(off, p.offset(), "a refused datagram keeps its window");
                assertEquals(len, p.length());
                p.release(); // what the IP layer does after its port unreachable
            }
        }
    }

    private static IpAddress destination(int flags) {
        boolean v6 = (flags & 1) != 0;
        if ((flags & 2) != 0) {
            return IpAddress.parse(v6 ? "ff02::fb" : "224.0.0.251");
        }
        if ((flags & 4) != 0 && !v6) {
            return Ipv4Address.BROADCAST;
        }
        return v6 ? Ipv6Address.LOOPBACK : Ipv4Address.LOOPBACK;
    }

    private static void fixChecksum(PacketBuf p, Rx rx) {
        MemorySegment s = p.segment();
        long off = p.offset();
        int udpLength = Math.min(p.length(), (s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off + 4) & 0xff) << 8
                | (s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off + 5) & 0xff));
        s.set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, off + 6, (short) 0);
        int c = InternetChecksum.compute(rx.pseudoHeaderSum(udpLength), s, off, udpLength);
        s.set(java.lang.foreign.ValueLayout.JAVA_BYTE, off + 6, (byte) (c >>> 8));
        s.set(java.lang.foreign.ValueLayout.JAVA_BYTE, off + 7, (byte) c);
    }

    /** What a test says the IP layer knew of a packet. */
    record Rx(IpAddress srcAddress, IpAddress dstAddress, InterfaceId ingress, boolean checksumVerified)
            implements IpRx {

        @Override
        public int version() {
            return srcAddress.version();
        }

        @Override
        public CompartmentId compartment() {
            return CompartmentId.DEFAULT;
        }

        @Override
        public int protocol() {
            return IpProtocol.UDP;
        }

        @Override
        public int hopLimit() {
            return 64;
        }

        @Override
        public int trafficClass() {
            return 0;
        }

        @Override
        public IpAddress src() {
            return srcAddress;
        }

        @Override
        public IpAddress dst() {
            return dstAddress;
        }

        @Override
        public int srcV4() {
            return srcAddress instanceof Ipv4Address a ? a.value() : 0;
        }

        @Override
        public int dstV4() {
            return dstAddress instanceof Ipv4Address a ? a.value() : 0;
        }

        @Override
        public long srcHi() {
            return srcAddress instanceof Ipv6Address a ? a.hi() : 0;
        }

        @Override
        public long srcLo() {
            return srcAddress instanceof Ipv6Address a ? a.lo() : srcV4() & 0xffff_ffffL;
        }

        @Override
        public long dstHi() {
            return dstAddress instanceof Ipv6Address a ? a.hi() : 0;
        }

        @Override
        public long dstLo() {
            return dstAddress instanceof Ipv6Address a ? a.lo() : dstV4() & 0xffff_ffffL;
        }

        @Override
        public boolean toMulticastOrBroadcast() {
            return dstAddress.isMulticast() || dstAddress.equals(Ipv4Address.BROADCAST);
        }

        @Override
        public int pseudoHeaderSum(int length) {
            return srcAddress instanceof Ipv4Address s4
                    ? InternetChecksum.pseudoHeaderV4(s4.value(), dstV4(), IpProtocol.UDP, length)
                    : InternetChecksum.pseudoHeaderV6(srcHi(), srcLo(), dstHi(), dstLo(), IpProtocol.UDP, length);
        }
    }
}
