package org.jwsk.transport.udp;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.net.InterfaceConfig;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.Ipv6Options;
import org.jwsk.net.NetStack;
import org.jwsk.net.testing.FrameLog;
import org.jwsk.net.testing.SimNet;
import org.jwsk.transport.IpEndpoint;
import org.jwsk.transport.UdpConfig;
import org.jwsk.transport.UdpCounter;
import org.jwsk.transport.UdpEndpoint;
import org.jwsk.transport.UdpError;
import org.jwsk.transport.UdpHandler;
import org.jwsk.transport.UdpMessage;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.internal.udp.UdpProtocol;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.MacAddress;

/**
 * Two hosts on one Ethernet wire, each with UDP, on a simulated network (neighbours resolved by ARP and NDP): host
 * {@code a} is 192.0.2.1 and 2001:db8::1, host {@code b} 192.0.2.2 and 2001:db8::2, both /24 and /64. Each side's
 * link is wrapped in a {@link FrameLog}, so tests see every frame each host sends and can put frames of their own on
 * the wire ({@code logB.inject} reaches {@code a}).
 *
 * <p>{@link #close()} closes both transports (releasing queued datagrams) and then the network, which fails if a
 * buffer leaked.
 */
public final class UdpHosts implements AutoCloseable {

    public static final MacAddress MAC_A = MacAddress.parse("02:00:00:00:17:0a");
    public static final MacAddress MAC_B = MacAddress.parse("02:00:00:00:17:0b");
    public static final IpAddress A4 = IpAddress.parse("192.0.2.1");
    public static final IpAddress B4 = IpAddress.parse("192.0.2.2");
    public static final IpAddress A6 = IpAddress.parse("2001:db8::1");
    public static final IpAddress B6 = IpAddress.parse("2001:db8::2");

    public final SimNet net;
    public final NetStack a;
    public final NetStack b;
    public final FrameLog logA;
    public final FrameLog logB;
    public final InterfaceId ia;
    public final InterfaceId ib;
    public final UdpProtocol ua;
    public final UdpProtocol ub;

    public UdpHosts(long seed) {
        this(seed, UdpConfig.DEFAULTS);
    }

    public UdpHosts(long seed, UdpConfig config) {
        net = new SimNet(seed, SimNet.Options.DEFAULTS.withNeighbors(SimNet.Neighbors.DYNAMIC));
        VirtualWire w = net.ethernet("w");
        a = net.stack("a");
        b = net.stack("b");
        logA = FrameLog.of(w.endA());
        logB = FrameLog.of(w.endB());
        ia = a.addInterface(logA, InterfaceConfig.of("e0", MAC_A, "192.0.2.1/24", "2001:db8::1/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        ib = b.addInterface(logB, InterfaceConfig.of("e0", MAC_B, "192.0.2.2/24", "2001:db8::2/64")
                .withIpv6(Ipv6Options.STATIC), net.now());
        ua = UdpProtocol.install(a, config, new SplittableRandom(seed));
        ub = UdpProtocol.install(b, config, new SplittableRandom(~seed));
        net.settle();
        logA.clear();
        logB.clear();
    }

    public long now() {
        return net.now();
    }

    public void settle() {
        net.settle();
    }

    /** An endpoint of {@code udp} bound to {@code local} (text {@code addr:port} or {@code [addr]:port}). */
    public UdpEndpoint bound(UdpProtocol udp, String local, UdpOptions options, Recorder r) {
        IpEndpoint e = IpEndpoint.parse(local);
        UdpEndpoint ep = udp.open(udp == ua ? a.defaultCompartment() : b.defaultCompartment(), e.version(), options,
                r);
        if (!ep.bind(e, now()).isOk()) {
            throw new AssertionError("bind " + local + " failed");
        }
        return ep;
    }

    public static MemorySegment text(String s) {
        return MemorySegment.ofArray(s.getBytes(StandardCharsets.US_ASCII));
    }

    static String text(MemorySegment m, UdpMessage msg) {
        return new String(m.asSlice(0, msg.length()).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                StandardCharsets.US_ASCII);
    }

    /** Reads every waiting datagram's text. */
    public static List<String> drain(UdpEndpoint e) {
        List<String> out = new ArrayList<>();
        MemorySegment buf = MemorySegment.ofArray(new byte[65536]);
        for (UdpMessage m = e.receive(buf, 0); m != null; m = e.receive(buf, 0)) {
            out.add(text(buf, m));
        }
        return out;
    }

    static long counter(UdpProtocol udp, UdpCounter c) {
        return udp.counters().get(c);
    }

    /** The UDP-MIB invariant: every datagram UDP was handed is counted in exactly one outcome. */
    static void assertMibInvariant(UdpProtocol udp) {
        long in = counter(udp, UdpCounter.IN_RECEIVES);
        long sum = counter(udp, UdpCounter.IN_DATAGRAMS) + counter(udp, UdpCounter.NO_PORTS)
                + counter(udp, UdpCounter.IN_ERRORS) + counter(udp, UdpCounter.IGNORED_MULTI);
        if (in != sum) {
            throw new AssertionError("udpInReceives " + in + " != delivered + noPorts + inErrors + ignoredMulti "
                    + sum + ": " + udp.counters());
        }
        long parts = counter(udp, UdpCounter.IN_CSUM_ERRORS) + counter(udp, UdpCounter.IN_HDR_ERRORS);
        if (parts > counter(udp, UdpCounter.IN_ERRORS)) {
            throw new AssertionError("checksum and header errors exceed udpInErrors: " + udp.counters());
        }
    }

    @Override
    public void close() {
        try {
            ua.close(now());
            ub.close(now());
        } finally {
            net.close();
        }
    }

    /** A handler that records its events. */
    public static final class Recorder implements UdpHandler {
        int readable;
        final List<UdpError> errors = new ArrayList<>();

        @Override
        public void onReadable(UdpEndpoint endpoint, long now) {
            readable++;
        }

        @Override
        public void onError(UdpEndpoint endpoint, UdpError error, long now) {
            errors.add(error);
        }
    }
}
