package org.jwsk.net.internal;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.IpCounter;
import org.jwsk.net.NetDrop;
import org.jwsk.net.NetLayer;
import org.jwsk.net.SendStatus;
import org.jwsk.net.TransportHandler;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.icmpv4.Icmpv4Layout;
import org.jwsk.wire.ipv4.Ipv4Layout;
import org.jwsk.wire.ipv4.Ipv4View;

/**
 * IPv4 (RFC 791, RFC 1122 §3.2.1, RFC 1812 §5 for forwarding): receive, local delivery to ICMP and the transports,
 * forwarding, and sending for the transports. Half of the dual IP layer; {@link Ipv6Layer} is the other half, and both
 * deliver to the same transports.
 *
 * <p>Owned by the stack's thread. Every method that takes a {@link PacketBuf} takes ownership of it.
 */
public final class Ipv4Layer {

    private static final int LIMITED_BROADCAST = -1;

    /** How a received datagram is to be handled, from its destination. */
    private enum Delivery { LOCAL, BROADCAST, MULTICAST, NOT_JOINED, FORWARD, NOT_FOR_US, STRONG_HOST_MISMATCH, MARTIAN }

    private final StackCore stack;
    private final CounterSet<IpCounter> counters;
    private final Ipv4View view = new Ipv4View();
    private final Ipv4View outView = new Ipv4View();
    private final RxContext rx = new RxContext();
    private final IpIdGenerator ids;

    Ipv4Layer(StackCore stack) {
        this.stack = stack;
        this.counters = stack.ipCounters(4);
        this.ids = new IpIdGenerator(stack.random());
    }

    // ---------------------------------------------------------------------------------------------- receive

    /** A datagram arrived on {@code nic}, from {@code packet.offset()}. <b>Takes ownership.</b> */
    public void input(Nic nic, PacketBuf packet, long srcMac, long now) {
        counters.increment(IpCounter.IN_RECEIVES);
        counters.add(IpCounter.IN_OCTETS, packet.length());
        MemorySegment seg = packet.segment();
        DropReason r = Ipv4View.check(seg, packet.offset(), packet.length());
        if (r.isDrop()) {
            malformed(packet, r);
            return;
        }
        view.wrap(seg, packet.offset(), packet.length());
        if (!nic.caps().rxChecksumVerified() && !view.checksumValid()) {
            malformed(packet, DropReason.IPV4_BAD_CHECKSUM);
            return;
        }
        packet.setLength(view.totalLength()); // RFC 791: bytes beyond the total length are link padding
        int src = view.src();
        int dst = view.dst();
        if (!stack.filter().permit(NetLayer.INBOUND_IPPACKET_V4, nic.compartment().id(), nic.id(), seg,
                packet.offset(), packet.length())) {
            discard(packet, NetDrop.FILTERED, IpCounter.IN_DISCARDS);
            return;
        }
        Delivery d = classify(nic, src, dst);
        switch (d) {
            case LOCAL, BROADCAST, MULTICAST -> deliver(nic, packet, d, now);
            case FORWARD -> forward(nic, packet, now);
            case STRONG_HOST_MISMATCH -> discard(packet, NetDrop.STRONG_HOST_MISMATCH, IpCounter.IN_ADDR_ERRORS);
            case MARTIAN -> discard(packet, NetDrop.MARTIAN_SOURCE, IpCounter.IN_ADDR_ERRORS);
            case NOT_JOINED -> { // a group no one here listens to: not an address error (RFC 4293), as in Linux
                stack.drop(NetDrop.MULTICAST_NOT_JOINED);
                packet.release();
            }
            default -> discard(packet, nic.forwarding4() ? NetDrop.NOT_FOR_US : NetDrop.FORWARDING_OFF,
                    IpCounter.IN_ADDR_ERRORS);
        }
    }

    /**
     * What to do with a datagram for {@code dst} from {@code src} that arrived on {@code nic}: the strong or weak
     * host receive rule (RFC 1122 §3.3.4.2), the checks of RFC 1122 §3.2.1.3 and RFC 1812 §5.3.7 on addresses that
     * may never appear, and forwarding.
     */
    private Delivery classify(Nic nic, int src, int dst) {
        boolean fromLoopback = nic.isLoopback();
        if (isMulticast(src) || src == LIMITED_BROADCAST || (!fromLoopback && (src >>> 24) == 127)
                || (!fromLoopback && (dst >>> 24) == 127)) {
            return Delivery.MARTIAN; // RFC 1122 §3.2.1.3: loopback addresses never on a real link
        }
        if (dst == LIMITED_BROADCAST || nic.isBroadcast4(dst)) {
            return Delivery.BROADCAST;
        }
        if (isMulticast(dst)) {
            return nic.joined4(dst) ? Delivery.MULTICAST : Delivery.NOT_JOINED;
        }
        if (src == 0) {
            return Delivery.MARTIAN; // 0.0.0.0 may only send to broadcast (BOOTP/DHCP, RFC 1122 §3.2.1.3(a))
        }
        if (nic.owns4(dst) || (fromLoopback && nic.compartment().owner4(dst) != null)) {
            return Delivery.LOCAL; // the loopback interface carries traffic to every local address
        }
        if (nic.compartment().owner4(dst) != null) {
            // Another interface's address. Strong host receive refuses it; a weak host accepts it. A forwarding
            // interface accepts it too: the packet is for this router, and forwarding is outside the host model.
            return nic.hostModel().weakReceive() || nic.forwarding4() ? Delivery.LOCAL : Delivery.STRONG_HOST_MISMATCH;
        }
        return nic.forwarding4() ? Delivery.FORWARD : Delivery.NOT_FOR_US;
    }

    private void deliver(Nic nic, PacketBuf packet, Delivery how, long now) {
        if (view.isFragment()) {
            counters.increment(IpCounter.REASM_REQDS);
            packet = stack.fragmentation().reassemble4(nic, packet, now);
            if (packet == null) {
                return;
            }
            view.wrap(packet.segment(), packet.offset(), packet.length());
        }
        if (how == Delivery.MULTICAST) {
            counters.increment(IpCounter.IN_MCAST_PKTS);
        } else if (how == Delivery.BROADCAST) {
            counters.increment(IpCounter.IN_BCAST_PKTS);
        }
        int protocol = view.protocol();
        rx.setV4(nic, view.src(), view.dst(), protocol, view.ttl(), view.dscp() << 2 | view.ecn(),
                how != Delivery.LOCAL);
        // Raw sockets see a copy of every delivered datagram before its protocol does (Linux raw_local_deliver).
        boolean raw = stack.rawDeliver(rx, packet, view.headerLength(), now);
        if (protocol == IpProtocol.ICMP) {
            counters.increment(IpCounter.IN_DELIVERS);
            stack.icmp4().input(nic, packet, view.headerLength(), how == Delivery.LOCAL, now);
            return;
        }
        TransportHandler handler = stack.transport(protocol);
        if (handler == null && raw) { // a raw socket took it: delivered, no protocol unreachable (as Linux)
            counters.increment(IpCounter.IN_DELIVERS);
            packet.release();
            return;
        }
        if (handler == null) {
            counters.increment(IpCounter.IN_UNKNOWN_PROTOS);
            stack.drop(NetDrop.UNKNOWN_PROTOCOL);
            if (how == Delivery.LOCAL) { // RFC 1122 §3.2.2.1: protocol unreachable, for unicast only
                stack.icmp4().sendError(Icmpv4Layout.TYPE_DEST_UNREACHABLE, Icmpv4Layout.UNREACH_PROTOCOL, 0, nic,
                        packet, now);
            }
            packet.release();
            return;
        }
        deliverToTransport(nic, packet, handler, how, now);
    }

    private void deliverToTransport(Nic nic, PacketBuf packet, TransportHandler handler, Delivery how, long now) {
        int headerLength = view.headerLength();
        counters.increment(IpCounter.IN_DELIVERS); // rx was filled in by deliver
        packet.trimFront(headerLength);
        if (handler.onPacket(rx, packet, now)) {
            return;
        }
        packet.prepend(headerLength); // not taken: the datagram is ours again, header and all
        if (how == Delivery.LOCAL) { // RFC 1122 §4.1.3.1: port unreachable, never for broadcast or multicast
            stack.icmp4().sendError(Icmpv4Layout.TYPE_DEST_UNREACHABLE, Icmpv4Layout.UNREACH_PORT, 0, nic, packet, now);
        }
        packet.release();
    }

    // ---------------------------------------------------------------------------------------------- forward

    /**
     * RFC 1812 §5.2: forward a datagram that is not for this host, within the arrival interface's compartment (its
     * route table holds only its own interfaces, so a forwarded datagram never changes compartment).
     */
    private void forward(Nic in, PacketBuf packet, long now) {
        counters.increment(IpCounter.IN_FORW_DATAGRAMS);
        int src = view.src();
        int dst = view.dst();
        if ((src >>> 16) == 0xa9fe || (dst >>> 16) == 0xa9fe) {
            discard(packet, NetDrop.LINK_LOCAL_NOT_FORWARDED, IpCounter.IN_ADDR_ERRORS); // RFC 3927 §2.7
            return;
        }
        if (isThisNetwork(src)) { // RFC 1812 §5.3.7: never forward a source on network 0
            discard(packet, NetDrop.MARTIAN_SOURCE, IpCounter.IN_ADDR_ERRORS);
            return;
        }
        if (isThisNetwork(dst) || isClassE(dst)) { // RFC 1812 §5.3.7, §4.2.3.1: illegal destinations
            discard(packet, NetDrop.MARTIAN_DESTINATION, IpCounter.IN_ADDR_ERRORS);
            return;
        }
        if (view.ttl() <= 1) { // RFC 1812 §5.3.1: time exceeded, and never forward TTL 0
            stack.icmp4().sendError(Icmpv4Layout.TYPE_TIME_EXCEEDED, 0, 0, in, packet, now);
            discard(packet, NetDrop.TTL_EXCEEDED, IpCounter.IN_HDR_ERRORS);
            return;
        }
        RouteTable.RouteEntry route = in.compartment().routes(4).lookup(0, dst & 0xffff_ffffL, null);
        if (route == null) { // RFC 1812 §5.2.7.1
            stack.icmp4().sendError(Icmpv4Layout.TYPE_DEST_UNREACHABLE, Icmpv4Layout.UNREACH_NET, 0, in, packet, now);
            discard(packet, NetDrop.NO_ROUTE, IpCounter.IN_NO_ROUTES);
            return;
        }
        Nic out = route.nic();
        if (out.isBroadcast4(dst) && !out.directedBroadcastForwarding()) {
            // RFC 2644 (BCP 34) reverses RFC 1812 §5.3.5.2: directed broadcasts are not forwarded unless configured.
            // Linux would deliver such a datagram locally instead; a strong host has no address it is for.
            discard(packet, NetDrop.DIRECTED_BROADCAST_NOT_FORWARDED, IpCounter.IN_ADDR_ERRORS);
            return;
        }
        long nextHop = route.onLink() ? dst & 0xffff_ffffL : route.gatewayLo;
        view.decrementTtl(); // with the RFC 1624 incremental checksum update
        if (!stack.filter().permit(NetLayer.IPFORWARD_V4, out.compartment().id(), out.id(), packet.segment(),
                packet.offset(), packet.length())) {
            discard(packet, NetDrop.FILTERED, IpCounter.IN_DISCARDS);
            return;
        }
        if (out == in) {
            stack.redirects().onForwardedBack4(in, packet, view, (int) nextHop, now);
        }
        counters.increment(IpCounter.OUT_FORW_DATAGRAMS);
        transmit(out, packet, nextHop, view.dontFragment(), in, now);
    }

    // ------------------------------------------------------------------------------------------------- send

    /**
     * Sends {@code payload} (a transport header and data, from {@code payload.offset()}) as an IPv4 datagram.
     * <b>Takes ownership.</b>
     *
     * @param src the source address, or 0 for the stack to choose one (RFC 1122 §3.3.4.3)
     * @param tos the TOS byte: DSCP and ECN
     */
    public SendStatus send(Compartment c, int src, int dst, int protocol, int ttl, int tos, boolean dontFragment,
                           PacketBuf payload, long now) {
        return send(c, null, src, dst, protocol, ttl, tos, dontFragment, payload, now);
    }

    /**
     * Like {@link #send(Compartment, int, int, int, int, int, boolean, PacketBuf, long)}, but a multicast or limited
     * broadcast destination leaves through {@code via} without a route lookup (see {@link #route(Compartment, Nic,
     * int, int)}). <b>Takes ownership.</b>
     *
     * @param via the interface a socket chose for multicast and limited broadcast, or null
     */
    public SendStatus send(Compartment c, Nic via, int src, int dst, int protocol, int ttl, int tos,
                           boolean dontFragment, PacketBuf payload, long now) {
        counters.increment(IpCounter.OUT_REQUESTS);
        Path4 p = route(c, via, src, dst);
        if (p.status != null) {
            if (p.status == SendStatus.NO_ROUTE) {
                counters.increment(IpCounter.OUT_NO_ROUTES);
                stack.drop(NetDrop.NO_ROUTE);
            }
            payload.release();
            return p.status;
        }
        Nic out = p.out;
        long nextHop = p.nextHop & 0xffff_ffffL;
        if (!writeHeader(payload, out, p.src, dst, protocol, ttl, tos, dontFragment)) {
            return SendStatus.NO_BUFFER;
        }
        if (!stack.filter().permit(NetLayer.OUTBOUND_IPPACKET_V4, c.id(), out.id(), payload.segment(),
                payload.offset(), payload.length())) {
            discard(payload, NetDrop.FILTERED, IpCounter.OUT_DISCARDS);
            return SendStatus.FILTERED;
        }
        return transmit(out, payload, nextHop, dontFragment, null, now);
    }

    /** Where a datagram goes: the interface, the next hop and the source; or why it cannot go. */
    static final class Path4 {
        Nic out;
        int nextHop;
        int src;
        SendStatus status;
    }

    private final Path4 path = new Path4();

    /**
     * Route selection for a datagram this host originates. Local destinations go through the compartment's loopback
     * interface. A given source must be an address of the compartment; with a strong-send source interface the
     * lookup considers only routes out of it (RFC 1122 §3.3.4.2, the Next Generation stack's strong host send),
     * with a weak one every route. A missing source is chosen by {@link SourceSelection#select4}.
     *
     * @return a holder reused by the next call: read it at once
     */
    Path4 route(Compartment c, int src, int dst) {
        return route(c, null, src, dst);
    }

    /**
     * Route selection with a socket's outgoing interface: a multicast or limited-broadcast destination with {@code
     * via} given leaves through {@code via} with no route lookup, as in Linux ({@code IP_MULTICAST_IF}, or the
     * interface of a bound source address); the source, if not given, is chosen on {@code via}. Every other case is
     * {@link #route(Compartment, int, int)}. An interface of another compartment finds no route.
     *
     * @return a holder reused by the next call: read it at once
     */
    Path4 route(Compartment c, Nic via, int src, int dst) {
        Path4 p = path;
        p.status = null;
        p.nextHop = dst;
        if (via != null && (isMulticast(dst) || dst == LIMITED_BROADCAST)) {
            p.out = via;
            if (via.compartment() != c) {
                p.status = SendStatus.NO_ROUTE;
            } else if (src != 0 && c.owner4(src) == null) {
                p.status = SendStatus.BAD_SOURCE;
            } else {
                p.src = src != 0 ? src : SourceSelection.select4(c, via, dst);
            }
            return p;
        }
        Nic local = (dst >>> 24) == 127 ? c.loopback() : c.owner4(dst);
        if (local != null) {
            p.out = c.loopback(); // to ourselves, whichever interface owns the address: through loopback
            p.src = src != 0 ? src : dst;
            return p;
        }
        Nic srcNic = src == 0 ? null : c.owner4(src);
        if (src != 0 && srcNic == null) {
            p.status = SendStatus.BAD_SOURCE;
            return p;
        }
        Nic only = srcNic != null && !srcNic.hostModel().weakSend() ? srcNic : null; // strong host send
        RouteTable.RouteEntry route = c.routes(4).lookup(0, dst & 0xffff_ffffL, only);
        if (route == null) {
            p.status = SendStatus.NO_ROUTE;
            return p;
        }
        p.out = route.nic();
        p.nextHop = route.onLink() ? dst : (int) route.gatewayLo;
        p.src = src != 0 ? src : SourceSelection.select4(c, p.out, p.nextHop);
        if (p.src == 0 && !isMulticast(dst) && dst != LIMITED_BROADCAST) {
            p.status = SendStatus.BAD_SOURCE;
        }
        return p;
    }

    private boolean writeHeader(PacketBuf payload, Nic out, int src, int dst, int protocol, int ttl, int tos,
                                boolean dontFragment) {
        if (payload.headroom() < Ipv4Layout.MIN_HEADER_LENGTH || payload.length() > 0xffff - 20) {
            payload.release();
            stack.drop(NetDrop.NO_BUFFER);
            return false;
        }
        int length = payload.length() + Ipv4Layout.MIN_HEADER_LENGTH;
        long off = payload.prepend(Ipv4Layout.MIN_HEADER_LENGTH);
        outView.wrap(payload.segment(), off, length);
        outView.setVersionAndHeaderLength(Ipv4Layout.MIN_HEADER_LENGTH);
        outView.setDscpEcn(tos >>> 2, tos & 3);
        outView.setTotalLength(length);
        outView.setIdentification(ids.next4(src, dst, protocol));
        outView.setFlagsAndFragmentOffset(dontFragment, false, 0);
        outView.setTtl(ttl);
        outView.setProtocol(protocol);
        outView.setSrc(src);
        outView.setDst(dst);
        outView.setChecksum(0);
        if (!out.caps().txChecksumOffload()) {
            outView.fillChecksum();
        }
        return true;
    }

    /**
     * Hands a finished datagram to {@code out}: fragments it if it exceeds the MTU and may be fragmented, refuses it
     * otherwise (with an ICMP fragmentation-needed to its source when forwarding, RFC 1191 §4), and counts it. A
     * datagram this host originates is held to the path MTU it has learned (RFC 1191 §3); a forwarded one to the
     * link's.
     *
     * @param in the arrival interface of a forwarded datagram, null for one this host originates
     */
    private SendStatus transmit(Nic out, PacketBuf packet, long nextHop, boolean dontFragment, Nic in, long now) {
        int dst = outDst(packet);
        long mac = multicastMac(out, dst);
        int mtu = in == null ? stack.pathMtu().mtu4(out.compartment(), dst, out.mtu4()) : out.mtu4();
        if (packet.length() > mtu) {
            if (dontFragment) {
                if (in != null) {
                    stack.icmp4().sendError(Icmpv4Layout.TYPE_DEST_UNREACHABLE, Icmpv4Layout.UNREACH_FRAG_NEEDED,
                            out.mtu4(), in, packet, now);
                }
                counters.increment(IpCounter.OUT_FRAG_FAILS);
                stack.drop(NetDrop.FRAGMENT_NEEDED);
                packet.release();
                return SendStatus.MESSAGE_TOO_BIG;
            }
            counters.increment(IpCounter.OUT_FRAG_REQDS);
            return stack.fragmentation().fragment4(out, packet, mtu, nextHop, mac, now);
        }
        return transmitFinished(out, packet, nextHop, mac, now);
    }

    /** Counts and hands over one datagram (or fragment) that fits the link. <b>Takes ownership.</b> */
    public SendStatus transmitFinished(Nic out, PacketBuf packet, long nextHop, long multicastMac, long now) {
        counters.increment(IpCounter.OUT_TRANSMITS);
        counters.add(IpCounter.OUT_OCTETS, packet.length());
        if (multicastMac >= 0) {
            counters.increment(multicastMac == 0xffff_ffff_ffffL ? IpCounter.OUT_BCAST_PKTS : IpCounter.OUT_MCAST_PKTS);
        }
        return out.sendIp(packet, 4, 0, nextHop, multicastMac, now);
    }

    private int outDst(PacketBuf packet) {
        return outView.wrap(packet.segment(), packet.offset(), packet.length()).dst();
    }

    /** The destination MAC of a broadcast or multicast datagram (RFC 1112 §6.4), or -1 for unicast. */
    private static long multicastMac(Nic out, int dst) {
        if (dst == LIMITED_BROADCAST || out.isBroadcast4(dst)) {
            return 0xffff_ffff_ffffL;
        }
        if (isMulticast(dst)) {
            return 0x0100_5e00_0000L | (dst & 0x7f_ffffL);
        }
        return -1;
    }

    static boolean isMulticast(int a) {
        return (a >>> 28) == 0xe;
    }

    /** 0.0.0.0/8, "this network" (RFC 1122 §3.2.1.3(a), (b)). */
    static boolean isThisNetwork(int a) {
        return (a >>> 24) == 0;
    }

    /** 240.0.0.0/4 but not the limited broadcast (RFC 1812 §5.3.7: former class E, never a valid destination). */
    static boolean isClassE(int a) {
        return (a >>> 28) == 0xf && a != LIMITED_BROADCAST;
    }

    private void malformed(PacketBuf packet, DropReason r) {
        counters.increment(r == DropReason.IPV4_TRUNCATED ? IpCounter.IN_TRUNCATED_PKTS : IpCounter.IN_HDR_ERRORS);
        stack.wireDrop(r);
        packet.release();
    }

    private void discard(PacketBuf packet, NetDrop reason, IpCounter counter) {
        counters.increment(counter);
        stack.drop(reason);
        packet.release();
    }
}
