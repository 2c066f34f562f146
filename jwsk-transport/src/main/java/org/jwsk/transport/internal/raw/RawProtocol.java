package org.jwsk.transport.internal.raw;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.InterfaceAddress;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.InterfaceInfo;
import org.jwsk.net.IpRx;
import org.jwsk.net.IpSender;
import org.jwsk.net.NetStack;
import org.jwsk.net.PathInfo;
import org.jwsk.net.RawListener;
import org.jwsk.net.SendStatus;
import org.jwsk.transport.RawCounter;
import org.jwsk.transport.RawEndpoint;
import org.jwsk.transport.RawHandler;
import org.jwsk.transport.RawOptions;
import org.jwsk.transport.RawTransport;
import org.jwsk.transport.internal.udp.Addrs;
import org.jwsk.transport.internal.udp.DatagramFilter;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * Raw IP for both families of one stack: the {@link RawListener} every locally delivered packet is shown to, and the
 * {@link RawTransport} raw endpoints are opened from. Install it with {@link #install}.
 *
 * <p><b>Receiving.</b> A delivered packet is only borrowed from the IP layer (whose protocol handler may rewrite it in
 * place afterwards), so it is copied once into a pooled buffer when some endpoint wants it; every further endpoint
 * gets a retained slice of that copy. IPv4 endpoints get the datagram from its IP header (Linux raw sockets), IPv6
 * ones the upper-layer message (RFC 3542 §3). IPv6 endpoints that checksum (ICMPv6 always, others with {@code
 * IPV6_CHECKSUM}) drop packets whose checksum fails (RFC 3542 §3.1), unless the link verified it.
 *
 * <p><b>Sending.</b> See {@link RawEndpoint}: the header built by the stack, or for IPv4 an included header checked
 * and used (without options or fragment fields, from a local source; identification and checksum the stack's). A
 * checksum offset makes the stack fill the IPv6 checksum, with the pseudo-header of the source the path chooses.
 *
 * <p><b>Threads.</b> The stack's thread only; events fire after a packet was queued to every endpoint that takes it.
 */
public final class RawProtocol implements RawListener, RawTransport {

    private static final int MAX_V4 = 0xffff;
    private static final int MAX_V6_PAYLOAD = 0xffff;

    private final NetStack stack;
    private final IpSender ip;
    private final CounterSet<RawCounter> counters = CounterSet.of("raw", RawCounter.class);
    @SuppressWarnings("unchecked")
    private final List<RawSocket>[] byProtocol = new List[256];
    private final List<RawSocket> ready = new ArrayList<>();
    private final DatagramFilter.DatagramFields fields = new DatagramFilter.DatagramFields();
    private DatagramFilter filter = DatagramFilter.PERMIT_ALL;
    private boolean closed;

    private RawProtocol(NetStack stack) {
        this.stack = stack;
        this.ip = stack.ip();
    }

    /** Creates raw IP for {@code stack}: adds it as a raw listener and registers its counters as the set "raw". */
    public static RawProtocol install(NetStack stack) {
        RawProtocol p = new RawProtocol(Objects.requireNonNull(stack, "stack"));
        stack.addRawListener(p);
        stack.counters().register(p.counters);
        return p;
    }

    /** Installs the hook the filtering platform classifies raw packets through (DATAGRAM_DATA). */
    public void setFilter(DatagramFilter f) {
        this.filter = Objects.requireNonNull(f, "filter");
    }

    // ------------------------------------------------------------------------------------------ the API

    @Override
    public RawEndpoint open(CompartmentId compartment, int family, int protocol, RawOptions options,
                            RawHandler handler) {
        if (closed) {
            throw new IllegalStateException("raw IP is closed");
        }
        Objects.requireNonNull(compartment, "compartment");
        if (family != 4 && family != 6) {
            throw new IllegalArgumentException("family must be 4 or 6, not " + family);
        }
        if (protocol < 1 || protocol > 255) {
            throw new IllegalArgumentException("protocol must be 1-255, not " + protocol);
        }
        if (!stack.compartments().contains(compartment)) {
            throw new IllegalArgumentException("no " + compartment + " in this stack");
        }
        RawSocket s = new RawSocket(this, compartment, family, protocol, options, handler);
        if (byProtocol[protocol] == null) {
            byProtocol[protocol] = new ArrayList<>(2);
        }
        byProtocol[protocol].add(s);
        return s;
    }

    @Override
    public CounterSet<RawCounter> counters() {
        return counters;
    }

    @Override
    public void close(long now) {
        for (List<RawSocket> l : byProtocol) {
            if (l != null) {
                for (RawSocket s : List.copyOf(l)) {
                    s.close(now);
                }
            }
        }
        closed = true;
    }

    void closed(RawSocket s) {
        byProtocol[s.protocol()].remove(s);
    }

    /** The interface that owns {@code a} in {@code c}, or null. */
    InterfaceId owner(CompartmentId c, IpAddress a) {
        for (InterfaceInfo i : stack.interfaces(c)) {
            for (InterfaceAddress x : a.version() == 4 ? i.ipv4() : i.ipv6()) {
                if (x.address().equals(a)) {
                    return i.id();
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ receiving

    @Override
    public boolean onPacket(IpRx rx, PacketBuf packet, int upperOffset, long now) {
        List<RawSocket> list = byProtocol[rx.protocol()];
        if (list == null || list.isEmpty()) {
            return false;
        }
        boolean v4 = rx.version() == 4;
        long sHi = v4 ? 0 : rx.srcHi();
        long sLo = v4 ? Addrs.mappedLo(rx.srcV4()) : rx.srcLo();
        long dHi = v4 ? 0 : rx.dstHi();
        long dLo = v4 ? Addrs.mappedLo(rx.dstV4()) : rx.dstLo();
        int from = v4 ? 0 : upperOffset; // RFC 3542 §3: IPv6 raw sockets never see the IPv6 header
        int length = packet.length() - from;
        int icmpType = !v4 && length >= 1 ? NetOrder.u8(packet.segment(), packet.offset() + upperOffset) : -1;
        int checksum = 0; // 0 unknown, 1 good, -1 bad: verified once, when an endpoint needs it
        int start = ready.size();
        for (RawSocket s : list) {
            if (!s.matches(rx.version(), rx.compartment(), sHi, sLo, dHi, dLo, icmpType)) {
                continue;
            }
            if (s.checksumOffset() >= 0) {
                checksum = checksum != 0 ? checksum : verify(rx, packet, from, length, s.checksumOffset());
                if (checksum < 0) {
                    counters.increment(RawCounter.IN_CSUM_ERRORS);
                    continue;
                }
            }
            if (!permitIn(s, rx, sHi, sLo, dHi, dLo, packet, from, length)) {
                counters.increment(RawCounter.IN_FILTERED);
                continue;
            }
            ready.add(s);
        }
        boolean taken = deliver(start, rx, packet, from, length, sHi, sLo, dHi, dLo);
        fireReadable(start, now);
        return taken;
    }

    /** RFC 3542 §3.1: the checksum over the message and the pseudo-header; 1 good, -1 bad. */
    private static int verify(IpRx rx, PacketBuf packet, int from, int length, int offset) {
        if (length < offset + 2) {
            return -1;
        }
        if (rx.checksumVerified()) {
            return 1;
        }
        int sum = InternetChecksum.add(rx.pseudoHeaderSum(length),
                InternetChecksum.sum(packet.segment(), packet.offset() + from, length));
        return InternetChecksum.isValid(sum) ? 1 : -1;
    }

    private boolean permitIn(RawSocket s, IpRx rx, long sHi, long sLo, long dHi, long dLo, PacketBuf packet,
                             int from, int length) {
        if (filter == DatagramFilter.PERMIT_ALL) {
            return true;
        }
        fields.set(true, rx.version(), rx.protocol(), rx.compartment(), rx.ingress(), dHi, dLo, 0, sHi, sLo, 0);
        return filter.permitDatagram(fields, packet.segment(), packet.offset() + from, length);
    }

    /**
     * Copies the packet once for the endpoints listed from {@code start} (each further one a slice of the copy),
     * dropping those whose buffer is full; leaves in the list those that got it.
     */
    private boolean deliver(int start, IpRx rx, PacketBuf packet, int from, int length, long sHi, long sLo, long dHi,
                            long dLo) {
        if (ready.size() == start) {
            return false;
        }
        PacketBuf copy = stack.pool().tryAllocate(length);
        if (copy == null) {
            counters.increment(RawCounter.IN_NO_BUFFER);
            truncate(start);
            return false;
        }
        copy.copyFrom(0, packet.segment(), packet.offset() + from, length);
        int charge = copy.capacity();
        int accepted = start;
        for (int i = start, n = ready.size(); i < n; i++) {
            RawSocket s = ready.get(i);
            if (s.hasRoomFor(charge)) {
                ready.set(accepted++, s);
            } else {
                counters.increment(RawCounter.RCVBUF_ERRORS);
            }
        }
        truncate(accepted);
        int meta = (rx.trafficClass() & 0xff) << 8 | (rx.hopLimit() & 0xff);
        for (int i = start; i < accepted; i++) {
            PacketBuf b = i == accepted - 1 ? copy : copy.retainedSlice(0, length);
            ready.get(i).enqueue(b, sHi, sLo, dHi, dLo, rx.ingress(), meta, charge);
            counters.increment(RawCounter.IN_DELIVERS);
        }
        if (accepted == start) {
            copy.release();
            return false;
        }
        return true;
    }

    private void fireReadable(int start, long now) {
        for (int i = start; i < ready.size(); i++) {
            RawSocket s = ready.get(i);
            if (!s.isClosed()) {
                s.handler().onReadable(s, now);
            }
        }
        truncate(start);
    }

    private void truncate(int size) {
        while (ready.size() > size) {
            ready.removeLast();
        }
    }

    // ------------------------------------------------------------------------------------------ sending

    /** Sends for endpoint {@code s}; {@code dst} of its family (checked). */
    SendStatus send(RawSocket s, IpAddress dst, MemorySegment data, long now) {
        counters.increment(RawCounter.OUT_REQUESTS);
        if (s.family() == 4 && s.options().headerIncluded()) {
            return sendIncluded(s, (Ipv4Address) dst, data, now);
        }
        long length = data.byteSize();
        if (length > (s.family() == 4 ? MAX_V4 - 20 : MAX_V6_PAYLOAD)) {
            return outError(SendStatus.MESSAGE_TOO_BIG);
        }
        RawOptions o = s.options();
        InterfaceId via = via(s, dst);
        int ttl = dst.isMulticast() ? o.multicastHopLimit()
                : o.hopLimit() >= 0 ? o.hopLimit() : s.family() == 4 ? ip.defaultTtl() : ip.defaultHopLimit();
        IpAddress src = s.bound && s.localIface != null ? s.localAddress() : null; // a group is no source
        int offset = s.checksumOffset();
        if (offset >= 0 && src == null) {
            Optional<PathInfo> p = ip.pathTo(s.compartment(), null, dst, via);
            if (p.isEmpty()) {
                return outError(SendStatus.NO_ROUTE);
            }
            src = p.get().source(); // the pseudo-header needs the source before the IP layer picks it
        }
        if (offset >= 0 && length < offset + 2) {
            throw new IllegalArgumentException("the data ends before the checksum at offset " + offset);
        }
        if (!permitOut(s, src, dst, data, 0, (int) length)) {
            counters.increment(RawCounter.OUT_FILTERED);
            return SendStatus.FILTERED;
        }
        PacketBuf buf = copy(data, 0, (int) length);
        if (buf == null) {
            return SendStatus.NO_BUFFER;
        }
        if (offset >= 0) {
            fillChecksum(buf, offset, (Ipv6Address) src, (Ipv6Address) dst, s.protocol());
        }
        SendStatus st = s.family() == 4
                ? ip.sendV4(s.compartment(), via, src == null ? 0 : ((Ipv4Address) src).value(),
                        ((Ipv4Address) dst).value(), s.protocol(), ttl, o.trafficClass(), false, buf, now)
                : ip.sendV6(s.compartment(), src == null ? 0 : ((Ipv6Address) src).hi(),
                        src == null ? 0 : ((Ipv6Address) src).lo(), ((Ipv6Address) dst).hi(),
                        ((Ipv6Address) dst).lo(), s.protocol(), ttl, o.trafficClass(), via, buf, now);
        return st.isOk() ? st : outError(st);
    }

    /**
     * IP_HDRINCL: the caller's IPv4 header, checked (version 4, no options, no fragment fields, the destination
     * given) and sent with its TOS, TTL, DF, protocol and source (0: the stack's choice). As Linux, the total
     * length, identification (when 0) and checksum are the stack's; unlike Linux, the identification is always the
     * stack's and the source must be local (strong host).
     */
    private SendStatus sendIncluded(RawSocket s, Ipv4Address dst, MemorySegment data, long now) {
        long length = data.byteSize();
        if (length > MAX_V4) {
            return outError(SendStatus.MESSAGE_TOO_BIG);
        }
        if (length < 20) {
            throw new IllegalArgumentException("an included IPv4 header needs 20 bytes, there are " + length);
        }
        int vihl = data.get(ValueLayout.JAVA_BYTE, 0) & 0xff;
        if (vihl != 0x45) {
            throw new IllegalArgumentException(String.format("included header: version 4 and no options needed "
                    + "(first byte 0x45), not 0x%02x", vihl));
        }
        int fragment = NetOrder.u16(data, 6);
        if ((fragment & 0x3fff) != 0) {
            throw new IllegalArgumentException("included header: fragments are the stack's (MF and offset must be 0)");
        }
        int headerDst = NetOrder.i32(data, 16);
        if (headerDst != dst.value()) {
            throw new IllegalArgumentException("included header's destination " + new Ipv4Address(headerDst)
                    + " is not " + dst);
        }
        int tos = data.get(ValueLayout.JAVA_BYTE, 1) & 0xff;
        int ttl = data.get(ValueLayout.JAVA_BYTE, 8) & 0xff;
        int protocol = data.get(ValueLayout.JAVA_BYTE, 9) & 0xff;
        int src = NetOrder.i32(data, 12);
        IpAddress srcAddress = src == 0 ? null : new Ipv4Address(src);
        if (!permitOut(s, srcAddress, dst, data, 0, (int) length)) {
            counters.increment(RawCounter.OUT_FILTERED);
            return SendStatus.FILTERED;
        }
        PacketBuf buf = copy(data, 20, (int) length - 20);
        if (buf == null) {
            return SendStatus.NO_BUFFER;
        }
        SendStatus st = ip.sendV4(s.compartment(), via(s, dst), src, dst.value(), protocol, ttl, tos,
                (fragment & 0x4000) != 0, buf, now);
        return st.isOk() ? st : outError(st);
    }

    /** The outgoing interface for a multicast, limited-broadcast or link-local destination; null otherwise. */
    private static InterfaceId via(RawSocket s, IpAddress dst) {
        boolean scoped = dst.isMulticast() || (dst instanceof Ipv4Address v4 && v4.isLimitedBroadcast())
                || (dst instanceof Ipv6Address v6 && v6.isLinkLocal());
        if (!scoped) {
            return null;
        }
        return s.options().outgoingInterface() != null ? s.options().outgoingInterface() : s.localIface;
    }

    private boolean permitOut(RawSocket s, IpAddress src, IpAddress dst, MemorySegment data, long off, int len) {
        if (filter == DatagramFilter.PERMIT_ALL) {
            return true;
        }
        fields.set(false, s.family(), s.protocol(), s.compartment(), null, src == null ? 0 : Addrs.hi(src),
                src == null ? 0 : Addrs.lo(src), 0, Addrs.hi(dst), Addrs.lo(dst), 0);
        return filter.permitDatagram(fields, data, off, len);
    }

    private PacketBuf copy(MemorySegment data, long from, int length) {
        PacketBuf buf = stack.pool().tryAllocate(ip.headroom(), length);
        if (buf == null) {
            counters.increment(RawCounter.OUT_NO_BUFFER);
            return null;
        }
        MemorySegment.copy(data, from, buf.segment(), buf.offset(), length);
        return buf;
    }

    /** RFC 3542 §3.1 (and RFC 8200 §8.1): the checksum at {@code offset}; UDP's computed zero sent as 0xffff. */
    private static void fillChecksum(PacketBuf buf, int offset, Ipv6Address src, Ipv6Address dst, int protocol) {
        MemorySegment seg = buf.segment();
        long at = buf.offset() + offset;
        NetOrder.setU16(seg, at, 0);
        int c = InternetChecksum.compute(InternetChecksum.pseudoHeaderV6(src.hi(), src.lo(), dst.hi(), dst.lo(),
                protocol, buf.length()), seg, buf.offset(), buf.length());
        NetOrder.setU16(seg, at, c == 0 && protocol == IpProtocol.UDP ? 0xffff : c);
    }

    private SendStatus outError(SendStatus s) {
        counters.increment(RawCounter.OUT_ERRORS);
        return s;
    }
}
