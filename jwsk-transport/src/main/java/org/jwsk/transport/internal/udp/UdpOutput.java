package org.jwsk.transport.internal.udp;

import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.InterfaceAddress;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.InterfaceInfo;
import org.jwsk.net.IpSender;
import org.jwsk.net.NetStack;
import org.jwsk.net.PathInfo;
import org.jwsk.net.SendStatus;
import org.jwsk.transport.UdpCounter;
import org.jwsk.transport.UdpOptions;
import org.jwsk.transport.UdpStatus;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.udp.UdpLayout;
import org.jwsk.wire.udp.UdpView;

/**
 * UDP's send path: one datagram per call, built in a pooled buffer and handed to the IP layer.
 *
 * <ul>
 *   <li><b>Source.</b> A bound unicast address is the source; otherwise the path the IP layer would take chooses it
 *       (RFC 1122 §3.3.4.3, RFC 6724 §5), asked once per destination ({@link PathCache}), since the checksum's
 *       pseudo-header needs it before the IP layer sees the datagram.</li>
 *   <li><b>Checksum.</b> Always computed, for both families (RFC 8085 §3.4.1; mandatory over IPv6, RFC 8200 §8.1); a
 *       computed zero is sent as 0xffff (RFC 768).</li>
 *   <li><b>Broadcast.</b> To 255.255.255.255 or an interface's subnet-directed broadcast address only with
 *       SO_BROADCAST (as Linux's EACCES); looped back to this host's endpoints, as Linux does.</li>
 *   <li><b>Multicast.</b> The multicast hop limit (default 1, RFC 1112 §6.1), the chosen interface, and a copy
 *       delivered here when loopback is on and an endpoint joined the group on that interface (RFC 1112 §6.3).
 *       A hop limit of 0 keeps the datagram on this host.</li>
 *   <li><b>Sizes.</b> At most 65507 data bytes over IPv4 and 65527 over IPv6 (the length fields' limits); larger
 *       than the path MTU, the IP layer fragments, unless the endpoint forbids it.</li>
 * </ul>
 *
 * <p>Owned by the stack's thread.
 */
final class UdpOutput {

    /** The most data an IPv4 datagram carries: 65535 - 20 (IPv4 header) - 8 (UDP header). */
    static final int MAX_DATA_V4 = 65_507;
    /** The most data an IPv6 datagram carries without a jumbogram: 65535 - 8. */
    static final int MAX_DATA_V6 = 65_527;

    private final UdpProtocol proto;
    private final NetStack stack;
    private final IpSender ip;
    private final CounterSet<UdpCounter> counters;
    private final UdpView view = new UdpView();
    private final Datagram datagram = new Datagram();
    private final Map<CompartmentId, Broadcasts> broadcasts = new HashMap<>();
    private long generation;

    /** The IPv4 subnet-directed broadcast addresses of a compartment, as of one route generation. */
    private record Broadcasts(long generation, int[] addresses) {
    }

    UdpOutput(UdpProtocol proto, NetStack stack) {
        this.proto = proto;
        this.stack = stack;
        this.ip = stack.ip();
        this.counters = proto.counterSet();
    }

    /** Routes (or a path MTU) changed: every cached path and broadcast list is stale. */
    void routesChanged() {
        generation++;
    }

    /** The subnet-directed broadcast address of an interface address (RFC 919, RFC 922), 0 for /31 and /32. */
    static int broadcastOf(InterfaceAddress a) {
        int v = ((Ipv4Address) a.address()).value();
        return a.prefixLength() >= 31 ? 0 : v | (-1 >>> a.prefixLength());
    }

    // ------------------------------------------------------------------------------------------ endpoints

    /**
     * Sends {@code data} from endpoint {@code s} to {@code (dHi, dLo)} port {@code dPort} (128-bit form, family
     * checked by the endpoint).
     */
    UdpStatus send(UdpSocket s, long dHi, long dLo, int dPort, MemorySegment data, long now) {
        UdpOptions o = s.options();
        int version = Addrs.isMapped(dHi, dLo) ? 4 : 6;
        long length = data.byteSize();
        if (length > (version == 4 ? MAX_DATA_V4 : MAX_DATA_V6)) {
            counters.increment(UdpCounter.OUT_ERRORS);
            return UdpStatus.MESSAGE_TOO_BIG; // RFC 768: the length field counts at most 65535
        }
        boolean multicast = Addrs.isMulticast(dHi, dLo);
        boolean broadcast = version == 4 && !multicast && isBroadcast4(s.compartment(), (int) dLo);
        if (broadcast && !o.broadcast()) {
            counters.increment(UdpCounter.OUT_ERRORS);
            return UdpStatus.BROADCAST_NOT_ALLOWED; // SO_BROADCAST, as Linux's EACCES
        }
        if (!path(s, dHi, dLo, now)) {
            counters.increment(UdpCounter.OUT_ERRORS);
            return UdpStatus.NO_ROUTE;
        }
        PathCache p = s.path;
        if (version == 6 && o.dontFragment() && length + 48 > p.mtu) {
            counters.increment(UdpCounter.OUT_ERRORS);
            return UdpStatus.MESSAGE_TOO_BIG; // IPV6_DONTFRAG (RFC 3542 §11.2): no source fragmentation
        }
        int ttl = multicast ? o.multicastHopLimit()
                : o.hopLimit() >= 0 ? o.hopLimit() : version == 4 ? ip.defaultTtl() : ip.defaultHopLimit();
        boolean loop = broadcast || (multicast && o.multicastLoop() && proto.joined(p.out, dHi, dLo));
        long sHi = s.sourceBound ? s.localHi : p.srcHi;
        long sLo = s.sourceBound ? s.localLo : p.srcLo;
        Datagram d = datagram.set(s.compartment(), version, sHi, sLo, s.localPort, dHi, dLo, dPort).route(
                viaFor(s, dHi, dLo), p.out, ttl, o.trafficClass(), o.dontFragment(), loop, multicast && ttl == 0);
        return transmit(d, data, now);
    }

    /**
     * Finds (or takes from the endpoint's cache) the path towards {@code (dHi, dLo)}: its source, interface and MTU.
     *
     * @return false when there is none
     */
    boolean path(UdpSocket s, long dHi, long dLo, long now) {
        InterfaceId via = viaFor(s, dHi, dLo);
        if (s.path.matches(dHi, dLo, via, generation, now)) {
            return true;
        }
        IpAddress src = s.sourceBound ? Addrs.toAddress(s.localHi, s.localLo) : null;
        if (!lookup(s.compartment(), src, dHi, dLo, via, now, s.path)) {
            s.path.invalidate();
            return false;
        }
        return true;
    }

    private boolean lookup(CompartmentId c, IpAddress src, long dHi, long dLo, InterfaceId via, long now,
                           PathCache into) {
        Optional<PathInfo> p = ip.pathTo(c, src, Addrs.toAddress(dHi, dLo), via);
        if (p.isEmpty()) {
            return false;
        }
        PathInfo info = p.get();
        into.fill(dHi, dLo, via, generation, now, Addrs.hi(info.source()), Addrs.lo(info.source()), info.out(),
                info.mtu());
        return true;
    }

    /**
     * The interface a datagram to a multicast group, the limited broadcast address or an IPv6 link-local address
     * leaves by: the endpoint's multicast interface, else its bound address's interface, else (IPv6, which needs one)
     * the compartment's only non-loopback interface that is up; null for unicast and for IPv4 left to the route.
     */
    private InterfaceId viaFor(UdpSocket s, long dHi, long dLo) {
        boolean v4 = Addrs.isMapped(dHi, dLo);
        boolean scoped = Addrs.isMulticast(dHi, dLo) || (v4 && (int) dLo == -1) || (!v4 && Addrs.isLinkLocal6(dHi));
        if (!scoped) {
            return null;
        }
        if (s.options().multicastInterface() != null) {
            return s.options().multicastInterface();
        }
        if (s.localIface != null) {
            return s.localIface;
        }
        return v4 ? null : soleInterface(s.compartment());
    }

    private InterfaceId soleInterface(CompartmentId c) {
        InterfaceId only = null;
        for (InterfaceInfo i : stack.interfaces(c)) {
            if (!i.loopback() && i.up()) {
                if (only != null) {
                    return null;
                }
                only = i.id();
            }
        }
        return only;
    }

    /** Whether {@code dst} is 255.255.255.255 or a subnet-directed broadcast address of the compartment. */
    private boolean isBroadcast4(CompartmentId c, int dst) {
        if (dst == -1) {
            return true;
        }
        Broadcasts b = broadcasts.get(c);
        if (b == null || b.generation != generation) {
            b = new Broadcasts(generation, stack.interfaces(c).stream().flatMap(i -> i.ipv4().stream())
                    .mapToInt(UdpOutput::broadcastOf).filter(a -> a != 0).toArray());
            broadcasts.put(c, b);
        }
        for (int a : b.addresses) {
            if (a == dst) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------ any source

    /** Sends from {@code src:srcPort} (unmapped, specific) with no endpoint: the forwarder's replies. */
    UdpStatus sendFrom(CompartmentId c, IpAddress src, int srcPort, IpAddress dst, int dstPort, MemorySegment data,
                       int trafficClass, long now) {
        int version = dst.version();
        if (data.byteSize() > (version == 4 ? MAX_DATA_V4 : MAX_DATA_V6)) {
            counters.increment(UdpCounter.OUT_ERRORS);
            return UdpStatus.MESSAGE_TOO_BIG;
        }
        long dHi = Addrs.hi(dst);
        long dLo = Addrs.lo(dst);
        boolean multicast = dst.isMulticast();
        int ttl = version == 4 ? ip.defaultTtl() : ip.defaultHopLimit();
        Datagram d = datagram.set(c, version, Addrs.hi(src), Addrs.lo(src), srcPort, dHi, dLo, dstPort)
                .route(null, null, multicast ? 1 : ttl, trafficClass, false, false, false);
        return transmit(d, data, now);
    }

    // ------------------------------------------------------------------------------------------ the datagram

    /**
     * One datagram to build and send, addresses in 128-bit form: one holder, filled in per send, so that the send
     * path allocates nothing. Re-entrancy: a looped-back copy may fire a handler that sends again, refilling the
     * holder; {@link #transmit} reads nothing from it after handing the copy over.
     */
    private static final class Datagram {
        CompartmentId compartment;
        int version;
        long srcHi;
        long srcLo;
        int srcPort;
        long dstHi;
        long dstLo;
        int dstPort;
        /** The outgoing interface for scoped destinations, or null. */
        InterfaceId via;
        /** The interface the path leaves by (the ingress of a looped copy), or null. */
        InterfaceId out;
        int ttl;
        int trafficClass;
        boolean dontFragment;
        /** Deliver a copy here too (multicast or broadcast loopback). */
        boolean loop;
        /** Loop only, send nothing (multicast hop limit 0). */
        boolean localOnly;

        Datagram set(CompartmentId c, int v, long sHi, long sLo, int sPort, long dHi, long dLo, int dPort) {
            compartment = c;
            version = v;
            srcHi = sHi;
            srcLo = sLo;
            srcPort = sPort;
            dstHi = dHi;
            dstLo = dLo;
            dstPort = dPort;
            return this;
        }

        Datagram route(InterfaceId v, InterfaceId o, int hops, int tclass, boolean df, boolean lp, boolean local) {
            via = v;
            out = o;
            ttl = hops;
            trafficClass = tclass;
            dontFragment = df;
            loop = lp;
            localOnly = local;
            return this;
        }
    }

    private UdpStatus transmit(Datagram d, MemorySegment data, long now) {
        int length = (int) data.byteSize();
        DatagramFilter f = proto.filter();
        if (f != DatagramFilter.PERMIT_ALL && !f.permitDatagram(proto.fields().set(false, d.version, IpProtocol.UDP,
                d.compartment, null, d.srcHi, d.srcLo, d.srcPort, d.dstHi, d.dstLo, d.dstPort), data, 0, length)) {
            counters.increment(UdpCounter.OUT_FILTERED);
            return UdpStatus.FILTERED;
        }
        int udpLength = UdpLayout.HEADER_LENGTH + length;
        PacketBuf buf = stack.pool().tryAllocate(ip.headroom(), udpLength);
        if (buf == null) {
            counters.increment(UdpCounter.SNDBUF_ERRORS);
            return UdpStatus.NO_BUFFER; // back-pressure: the caller may try again
        }
        MemorySegment.copy(data, 0, buf.segment(), buf.offset() + UdpLayout.HEADER_LENGTH, length);
        writeHeader(buf, d, udpLength);
        PacketBuf copy = d.loop ? copyOf(data) : null;
        SendStatus st;
        if (d.localOnly) {
            buf.release();
            st = SendStatus.SENT;
        } else if (d.version == 4) {
            st = ip.sendV4(d.compartment, d.via, (int) d.srcLo, (int) d.dstLo, IpProtocol.UDP, d.ttl, d.trafficClass,
                    d.dontFragment, buf, now);
        } else {
            st = ip.sendV6(d.compartment, d.srcHi, d.srcLo, d.dstHi, d.dstLo, IpProtocol.UDP, d.ttl, d.trafficClass,
                    d.via, buf, now);
        }
        counters.increment(st.isOk() ? UdpCounter.OUT_DATAGRAMS : UdpCounter.OUT_ERRORS);
        if (copy != null) {
            if (st.isOk() && d.out != null) {
                proto.loopBack(looped(d), copy, now);
            } else {
                copy.release();
            }
        }
        return UdpStatus.of(st);
    }

    private void writeHeader(PacketBuf buf, Datagram d, int udpLength) {
        view.wrap(buf.segment(), buf.offset(), udpLength);
        view.setSrcPort(d.srcPort);
        view.setDstPort(d.dstPort);
        view.setLength(udpLength);
        int pseudo = d.version == 4
                ? InternetChecksum.pseudoHeaderV4((int) d.srcLo, (int) d.dstLo, IpProtocol.UDP, udpLength)
                : InternetChecksum.pseudoHeaderV6(d.srcHi, d.srcLo, d.dstHi, d.dstLo, IpProtocol.UDP, udpLength);
        view.fillChecksum(pseudo); // a computed zero goes out as 0xffff (RFC 768)
    }

    /** A pooled copy of the data for the looped-back datagram, or null when no buffer is free (no loop then). */
    private PacketBuf copyOf(MemorySegment data) {
        PacketBuf c = stack.pool().tryAllocate((int) data.byteSize());
        if (c != null) {
            MemorySegment.copy(data, 0, c.segment(), c.offset(), data.byteSize());
        }
        return c;
    }

    /** The looped-back copy as it would arrive on the outgoing interface. */
    private static Arrival looped(Datagram d) {
        Arrival a = new Arrival();
        a.version = d.version;
        a.compartment = d.compartment;
        a.ingress = d.out;
        a.srcHi = d.srcHi;
        a.srcLo = d.srcLo;
        a.srcPort = d.srcPort;
        a.dstHi = d.dstHi;
        a.dstLo = d.dstLo;
        a.dstPort = d.dstPort;
        a.trafficClass = d.trafficClass;
        a.hopLimit = d.ttl;
        a.group = true;
        a.multicast = Addrs.isMulticast(d.dstHi, d.dstLo);
        return a;
    }
}
