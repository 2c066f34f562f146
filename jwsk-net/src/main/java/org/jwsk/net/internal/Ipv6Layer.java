package org.jwsk.net.internal;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.IpCounter;
import org.jwsk.net.IpSender;
import org.jwsk.net.NetDrop;
import org.jwsk.net.NetLayer;
import org.jwsk.net.SendStatus;
import org.jwsk.net.TransportHandler;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.icmpv6.Icmpv6Code;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6Layout;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * IPv6 (RFC 8200): receive with the extension-header chain checked once, local delivery to ICMPv6 and the
 * transports, forwarding, and sending for the transports. The other half of the dual IP layer ({@link Ipv4Layer}).
 *
 * <p>Owned by the stack's thread. Every method that takes a {@link PacketBuf} takes ownership of it.
 */
public final class Ipv6Layer {

    private enum Delivery { LOCAL, MULTICAST, NOT_JOINED, FORWARD, NOT_FOR_US, STRONG_HOST_MISMATCH, MARTIAN }

    private static final long LINK_LOCAL_HI = 0xfe80_0000_0000_0000L;

    private final StackCore stack;
    private final CounterSet<IpCounter> counters;
    private final Ipv6View view = new Ipv6View();
    private final Ipv6View outView = new Ipv6View();
    private final Ipv6HeaderWalker walker = new Ipv6HeaderWalker();
    private final RxContext rx = new RxContext();
    private final IpIdGenerator ids;

    Ipv6Layer(StackCore stack) {
        this.stack = stack;
        this.counters = stack.ipCounters(6);
        this.ids = new IpIdGenerator(stack.random());
    }

    /** Fragment identifications for packets this host fragments (RFC 7739). */
    public int nextFragmentId(long srcHi, long srcLo, long dstHi, long dstLo) {
        return ids.next6(srcHi, srcLo, dstHi, dstLo);
    }

    // ---------------------------------------------------------------------------------------------- receive

    /** A packet arrived on {@code nic}, from {@code packet.offset()}. <b>Takes ownership.</b> */
    public void input(Nic nic, PacketBuf packet, long srcMac, long now) {
        counters.increment(IpCounter.IN_RECEIVES);
        counters.add(IpCounter.IN_OCTETS, packet.length());
        MemorySegment seg = packet.segment();
        DropReason r = Ipv6View.check(seg, packet.offset(), packet.length());
        if (r.isDrop()) {
            malformed(packet, r);
            return;
        }
        view.wrap(seg, packet.offset(), packet.length());
        packet.setLength(view.packetLength()); // RFC 8200 §3: bytes beyond the payload length are link padding
        if (!nic.ipv6Options().enabled()) {
            discard(packet, NetDrop.NOT_FOR_US, IpCounter.IN_ADDR_ERRORS);
            return;
        }
        if (!stack.filter().permit(NetLayer.INBOUND_IPPACKET_V6, nic.compartment().id(), nic.id(), seg,
                packet.offset(), packet.length())) {
            discard(packet, NetDrop.FILTERED, IpCounter.IN_DISCARDS);
            return;
        }
        Delivery d = classify(nic);
        switch (d) {
            case LOCAL, MULTICAST -> deliver(nic, packet, d, now);
            case FORWARD -> forward(nic, packet, now);
            case STRONG_HOST_MISMATCH -> discard(packet, NetDrop.STRONG_HOST_MISMATCH, IpCounter.IN_ADDR_ERRORS);
            case MARTIAN -> discard(packet, NetDrop.MARTIAN_SOURCE, IpCounter.IN_ADDR_ERRORS);
            case NOT_JOINED -> { // a group no one here listens to: not an address error (RFC 4293), as in Linux
                stack.drop(NetDrop.MULTICAST_NOT_JOINED);
                packet.release();
            }
            default -> discard(packet, nic.forwarding6() ? NetDrop.NOT_FOR_US : NetDrop.FORWARDING_OFF,
                    IpCounter.IN_ADDR_ERRORS);
        }
    }

    /**
     * The receive rules: RFC 4291 §2.5.3 (the loopback address never on a link), §2.7 (multicast is never a
     * source), RFC 4861 §7.2.2 / RFC 4862 §5.4 (a tentative address receives nothing but DAD's own messages, which
     * come to the solicited-node group), the strong or weak host model, and forwarding.
     */
    private Delivery classify(Nic nic) {
        long sHi = view.srcHi();
        long sLo = view.srcLo();
        long dHi = view.dstHi();
        long dLo = view.dstLo();
        boolean loopbackAddr = (sHi == 0 && sLo == 1) || (dHi == 0 && dLo == 1);
        if ((sHi >>> 56) == 0xff || (!nic.isLoopback() && loopbackAddr)) {
            return Delivery.MARTIAN;
        }
        if ((dHi >>> 56) == 0xff) {
            return nic.joined6(dHi, dLo) ? Delivery.MULTICAST : Delivery.NOT_JOINED;
        }
        if (nic.owns6(dHi, dLo) || (nic.isLoopback() && nic.compartment().owner6(dHi, dLo) != null)) {
            return Delivery.LOCAL;
        }
        // A link-local address of another interface is not ours on this link, whatever the host model: link-local
        // addresses are meaningful only in their zone (RFC 4007 §6), as Linux checks them against the device.
        if (!isLinkLocal(dHi) && nic.compartment().owner6(dHi, dLo) != null) {
            return nic.hostModel().weakReceive() || nic.forwarding6() ? Delivery.LOCAL : Delivery.STRONG_HOST_MISMATCH;
        }
        return nic.forwarding6() ? Delivery.FORWARD : Delivery.NOT_FOR_US;
    }

    private void deliver(Nic nic, PacketBuf packet, Delivery how, long now) {
        MemorySegment seg = packet.segment();
        DropReason chain = walker.walk(seg, packet.offset(), packet.length());
        if (chain.isDrop()) {
            headerProblem(nic, packet, chain, how == Delivery.MULTICAST, now);
            return;
        }
        if (walker.isFragment()) {
            counters.increment(IpCounter.REASM_REQDS);
            packet = stack.fragmentation().reassemble6(nic, packet, walker.fragmentHeaderOffset(), now);
            if (packet == null) {
                return;
            }
            seg = packet.segment();
            view.wrap(seg, packet.offset(), packet.length());
            DropReason again = walker.walk(seg, packet.offset(), packet.length());
            if (again.isDrop()) {
                headerProblem(nic, packet, again, how == Delivery.MULTICAST, now);
                return;
            }
        }
        if (how == Delivery.MULTICAST) {
            counters.increment(IpCounter.IN_MCAST_PKTS);
        }
        deliverUpper(nic, packet, how, now);
    }

    private void deliverUpper(Nic nic, PacketBuf packet, Delivery how, long now) {
        int protocol = walker.upperProtocol();
        int upper = walker.upperOffset();
        rx.setV6(nic, view.srcHi(), view.srcLo(), view.dstHi(), view.dstLo(), protocol, view.hopLimit(),
                view.trafficClass());
        // Raw sockets see a copy of every delivered packet before its protocol does (Linux ipv6_raw_deliver).
        boolean raw = stack.rawDeliver(rx, packet, upper, now);
        if (protocol == IpProtocol.IPV6_NONXT) {
            counters.increment(IpCounter.IN_DELIVERS); // RFC 8200 §4.7: nothing follows; nothing to do
            packet.release();
            return;
        }
        if (protocol == IpProtocol.ICMPV6) {
            counters.increment(IpCounter.IN_DELIVERS);
            stack.icmp6().input(nic, packet, upper, how == Delivery.LOCAL, now);
            return;
        }
        TransportHandler handler = stack.transport(protocol);
        if (handler == null && raw) { // a raw socket took it: delivered, no Parameter Problem (as Linux)
            counters.increment(IpCounter.IN_DELIVERS);
            packet.release();
            return;
        }
        if (handler == null) { // RFC 8200 §4: Parameter Problem code 1 at the unrecognized Next Header field
            counters.increment(IpCounter.IN_UNKNOWN_PROTOS);
            stack.drop(NetDrop.UNKNOWN_PROTOCOL);
            stack.icmp6().sendError(Icmpv6Type.PARAMETER_PROBLEM, Icmpv6Code.UNRECOGNIZED_NEXT_HEADER,
                    walker.upperProtocolPointer(), nic, packet, how == Delivery.MULTICAST, now);
            packet.release();
            return;
        }
        counters.increment(IpCounter.IN_DELIVERS); // rx was filled in above
        packet.trimFront(upper);
        if (handler.onPacket(rx, packet, now)) {
            return;
        }
        packet.prepend(upper);
        if (how == Delivery.LOCAL) { // RFC 4443 §3.1: port unreachable (code 4), never for multicast
            stack.icmp6().sendError(Icmpv6Type.DESTINATION_UNREACHABLE, Icmpv6Code.PORT_UNREACHABLE, 0, nic, packet,
                    false, now);
        }
        packet.release();
    }

    /** A bad extension header: Parameter Problem where the walker says one is due (RFC 8200 §4, RFC 4443 §3.4). */
    private void headerProblem(Nic nic, PacketBuf packet, DropReason r, boolean toMulticast, long now) {
        counters.increment(IpCounter.IN_HDR_ERRORS);
        stack.wireDrop(r);
        if (walker.problemCode() != Ipv6HeaderWalker.NO_REPORT) {
            stack.icmp6().sendError(Icmpv6Type.PARAMETER_PROBLEM, walker.problemCode(), walker.errorPointer(), nic,
                    packet, toMulticast, now);
        }
        packet.release();
    }

    // ---------------------------------------------------------------------------------------------- forward

    /**
     * RFC 8200 §3 and RFC 4443 §3: forward within the arrival interface's compartment (its route table holds only
     * its own interfaces, so a forwarded packet never changes compartment).
     */
    private void forward(Nic in, PacketBuf packet, long now) {
        counters.increment(IpCounter.IN_FORW_DATAGRAMS);
        long sHi = view.srcHi();
        long sLo = view.srcLo();
        long dHi = view.dstHi();
        long dLo = view.dstLo();
        if (sHi == 0 && sLo == 0) { // RFC 4291 §2.5.2: a packet from the unspecified address is never forwarded
            discard(packet, NetDrop.MARTIAN_SOURCE, IpCounter.IN_ADDR_ERRORS);
            return;
        }
        if (isLinkLocal(sHi) || isLinkLocal(dHi)) { // RFC 4291 §2.5.6: link-local never crosses a router
            stack.icmp6().sendError(Icmpv6Type.DESTINATION_UNREACHABLE, Icmpv6Code.BEYOND_SCOPE, 0, in, packet,
                    false, now);
            discard(packet, NetDrop.LINK_LOCAL_NOT_FORWARDED, IpCounter.IN_ADDR_ERRORS);
            return;
        }
        if (view.hopLimit() <= 1) { // RFC 4443 §3.3
            stack.icmp6().sendError(Icmpv6Type.TIME_EXCEEDED, Icmpv6Code.HOP_LIMIT_EXCEEDED, 0, in, packet, false, now);
            discard(packet, NetDrop.TTL_EXCEEDED, IpCounter.IN_HDR_ERRORS);
            return;
        }
        RouteTable.RouteEntry route = in.compartment().routes(6).lookup(dHi, dLo, null);
        if (route == null) { // RFC 4443 §3.1 code 0
            stack.icmp6().sendError(Icmpv6Type.DESTINATION_UNREACHABLE, Icmpv6Code.NO_ROUTE, 0, in, packet, false, now);
            discard(packet, NetDrop.NO_ROUTE, IpCounter.IN_NO_ROUTES);
            return;
        }
        Nic out = route.nic();
        if (packet.length() > out.mtu6()) { // RFC 8200 §5: routers never fragment; RFC 4443 §3.2
            stack.icmp6().sendError(Icmpv6Type.PACKET_TOO_BIG, 0, out.mtu6(), in, packet, false, now);
            counters.increment(IpCounter.OUT_FRAG_FAILS);
            discard(packet, NetDrop.FRAGMENT_NEEDED, IpCounter.IN_DISCARDS);
            return;
        }
        view.setHopLimit(view.hopLimit() - 1);
        if (!stack.filter().permit(NetLayer.IPFORWARD_V6, out.compartment().id(), out.id(), packet.segment(),
                packet.offset(), packet.length())) {
            discard(packet, NetDrop.FILTERED, IpCounter.IN_DISCARDS);
            return;
        }
        long nhHi = route.onLink() ? dHi : route.gatewayHi;
        long nhLo = route.onLink() ? dLo : route.gatewayLo;
        if (out == in) {
            stack.redirects().onForwardedBack6(in, packet, view, nhHi, nhLo, now);
        }
        counters.increment(IpCounter.OUT_FORW_DATAGRAMS);
        transmitFinished(out, packet, nhHi, nhLo, -1, now);
    }

    // ------------------------------------------------------------------------------------------------- send

    /**
     * Sends {@code payload} (a transport header and data) as an IPv6 packet. <b>Takes ownership.</b>
     *
     * @param srcHi      the source, or {@code (0, 0)} for the stack to choose one (RFC 6724 §5)
     * @param hopLimit   0-255, or {@link IpSender#DEFAULT_HOP_LIMIT} for the CurHopLimit of the interface the route
     *                   leads out of (RFC 4861 §6.3.2; the loopback's, the stack's default, for local destinations)
     * @param scope      the interface for a link-local or multicast destination (the socket's scope id), or null
     */
    public SendStatus send(Compartment c, long srcHi, long srcLo, long dstHi, long dstLo, int nextHeader, int hopLimit,
                           int trafficClass, Nic scope, PacketBuf payload, long now) {
        counters.increment(IpCounter.OUT_REQUESTS);
        Path path = route(c, srcHi, srcLo, dstHi, dstLo, scope);
        if (path.status != null) {
            if (path.status == SendStatus.NO_ROUTE) {
                counters.increment(IpCounter.OUT_NO_ROUTES);
                stack.drop(path.crossed ? NetDrop.CROSS_COMPARTMENT : NetDrop.NO_ROUTE);
            }
            payload.release();
            return path.status;
        }
        int hops = hopLimit == IpSender.DEFAULT_HOP_LIMIT ? path.out.hostVariables6().curHopLimit() : hopLimit;
        if (!writeHeader(payload, path.srcHi, path.srcLo, dstHi, dstLo, nextHeader, hops, trafficClass)) {
            return SendStatus.NO_BUFFER;
        }
        if (!stack.filter().permit(NetLayer.OUTBOUND_IPPACKET_V6, c.id(), path.out.id(), payload.segment(),
                payload.offset(), payload.length())) {
            discard(payload, NetDrop.FILTERED, IpCounter.OUT_DISCARDS);
            return SendStatus.FILTERED;
        }
        long mac = (dstHi >>> 56) == 0xff ? 0x3333_0000_0000L | (dstLo & 0xffff_ffffL) : -1; // RFC 2464 §7
        int mtu = stack.pathMtu().mtu6(c, dstHi, dstLo, path.out.mtu6()); // RFC 8201 §4
        if (payload.length() > mtu) {
            counters.increment(IpCounter.OUT_FRAG_REQDS); // RFC 8200 §4.5: the source fragments
            return stack.fragmentation().fragment6(path.out, payload, mtu, path.nhHi, path.nhLo, mac, now);
        }
        return transmitFinished(path.out, payload, path.nhHi, path.nhLo, mac, now);
    }

    /** Where a packet goes: the interface, the next hop and the source; or why it cannot go. */
    static final class Path {
        Nic out;
        long nhHi;
        long nhLo;
        long srcHi;
        long srcLo;
        SendStatus status;
        /** The caller named a scope interface of another compartment (the send path counts it). */
        boolean crossed;
    }

    private final Path path = new Path();

    /**
     * Route selection for a packet this host originates. Local destinations go through the compartment's loopback
     * interface; link-local and multicast destinations need the caller's scope interface (RFC 4007 §6); a given
     * source must be an assigned address of the compartment, and with a strong-send source interface the lookup
     * considers only routes out of it (the Next Generation stack's strong host send); a missing source is chosen by
     * RFC 6724 §5 ({@link SourceSelection#select6}). A scope interface of another compartment is refused ({@link
     * Path#crossed}; {@link #send} counts it as {@link NetDrop#CROSS_COMPARTMENT}).
     *
     * @return a holder reused by the next call: read it at once
     */
    Path route(Compartment c, long srcHi, long srcLo, long dstHi, long dstLo, Nic scope) {
        Path p = path;
        p.status = null;
        p.crossed = false;
        p.nhHi = dstHi;
        p.nhLo = dstLo;
        if (scope != null && scope.compartment() != c) {
            p.crossed = true;
            p.status = SendStatus.NO_ROUTE;
            return p;
        }
        boolean anySource = srcHi == 0 && srcLo == 0;
        // RFC 4007 §6: with a scope, a link-local destination is ours only if it is the scope interface's address;
        // the same link-local address on another interface is someone else's on this link.
        Nic local = scope != null && isLinkLocal(dstHi) ? (scope.owns6(dstHi, dstLo) ? scope : null)
                : c.owner6(dstHi, dstLo);
        if (local != null) {
            p.out = c.loopback();
            p.srcHi = anySource ? dstHi : srcHi;
            p.srcLo = anySource ? dstLo : srcLo;
            return p;
        }
        if ((dstHi >>> 56) == 0xff || isLinkLocal(dstHi)) { // scoped: the caller names the interface
            if (scope == null) {
                p.status = SendStatus.NO_ROUTE;
                return p;
            }
            p.out = scope;
        } else {
            Nic srcNic = anySource ? null : scope != null && scope.owns6(srcHi, srcLo) ? scope : c.owner6(srcHi, srcLo);
            if (!anySource && srcNic == null) {
                p.status = SendStatus.BAD_SOURCE;
                return p;
            }
            Nic only = srcNic != null && !srcNic.hostModel().weakSend() ? srcNic : scope;
            RouteTable.RouteEntry r = c.routes(6).lookup(dstHi, dstLo, only);
            if (r == null) {
                p.status = SendStatus.NO_ROUTE;
                return p;
            }
            p.out = r.nic();
            if (!r.onLink()) {
                p.nhHi = r.gatewayHi;
                p.nhLo = r.gatewayLo;
            }
        }
        if (anySource) {
            Addr6 a = SourceSelection.select6(c, p.out, dstHi, dstLo);
            if (a == null) {
                p.status = SendStatus.BAD_SOURCE;
                return p;
            }
            p.srcHi = a.hi();
            p.srcLo = a.lo();
        } else {
            p.srcHi = srcHi;
            p.srcLo = srcLo;
        }
        return p;
    }

    private boolean writeHeader(PacketBuf payload, long sHi, long sLo, long dHi, long dLo, int nextHeader,
                                int hopLimit, int trafficClass) {
        if (payload.headroom() < Ipv6Layout.HEADER_LENGTH || payload.length() > 0xffff) {
            payload.release(); // jumbograms (RFC 2675) are not supported
            stack.drop(NetDrop.NO_BUFFER);
            return false;
        }
        int payloadLength = payload.length();
        long off = payload.prepend(Ipv6Layout.HEADER_LENGTH);
        outView.wrap(payload.segment(), off, payload.length());
        outView.setVersionClassFlow(trafficClass, 0);
        outView.setPayloadLength(payloadLength);
        outView.setNextHeader(nextHeader);
        outView.setHopLimit(hopLimit);
        outView.setSrc(sHi, sLo);
        outView.setDst(dHi, dLo);
        return true;
    }

    /** Counts and hands over one packet (or fragment) that fits the link. <b>Takes ownership.</b> */
    public SendStatus transmitFinished(Nic out, PacketBuf packet, long nhHi, long nhLo, long multicastMac, long now) {
        counters.increment(IpCounter.OUT_TRANSMITS);
        counters.add(IpCounter.OUT_OCTETS, packet.length());
        if (multicastMac >= 0) {
            counters.increment(IpCounter.OUT_MCAST_PKTS);
        }
        return out.sendIp(packet, 6, nhHi, nhLo, multicastMac, now);
    }

    static boolean isLinkLocal(long hi) {
        return (hi & 0xffc0_0000_0000_0000L) == LINK_LOCAL_HI;
    }

    private void malformed(PacketBuf packet, DropReason r) {
        counters.increment(r == DropReason.IPV6_TRUNCATED ? IpCounter.IN_TRUNCATED_PKTS : IpCounter.IN_HDR_ERRORS);
        stack.wireDrop(r);
        packet.release();
    }

    private void discard(PacketBuf packet, NetDrop reason, IpCounter counter) {
        counters.increment(counter);
        stack.drop(reason);
        packet.release();
    }
}
