package org.jwsk.net.internal;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.IcmpCounter;
import org.jwsk.net.IcmpErrorReport;
import org.jwsk.net.IpSender;
import org.jwsk.net.NetDrop;
import org.jwsk.net.SendStatus;
import org.jwsk.net.TransportHandler;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv6.Icmpv6Code;
import org.jwsk.wire.icmpv6.Icmpv6Layout;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * ICMPv6 (RFC 4443): answers echo requests, makes errors under the rules of §2.4 and a rate limit, hands errors
 * about our own packets to the transport that sent them, and passes Neighbor Discovery and MLD messages to the layers
 * that own them.
 *
 * <p>Owned by the stack's thread.
 */
public final class Icmp6 {

    /** A handler of some ICMPv6 types: Neighbor Discovery (133-137), MLD (130-132, 143). */
    @FunctionalInterface
    public interface MessageHandler {
        /**
         * A message for this host: the packet from its IPv6 header, the ICMPv6 message at {@code upperOffset},
         * checksum verified. <b>Takes ownership</b> of the packet.
         */
        void onMessage(Nic nic, PacketBuf packet, int upperOffset, Ipv6View ip, Icmpv6View message, long now);
    }

    /** Where echo replies go: the ping API. */
    @FunctionalInterface
    public interface EchoReplyListener {
        /** An echo reply, borrowed for the call. */
        void onEchoReply(Nic nic, long fromHi, long fromLo, Icmpv6View view, long now);
    }

    /** Told of Packet Too Big messages: the path MTU cache (RFC 8201). */
    @FunctionalInterface
    public interface PacketTooBigListener {
        /** Packets to {@code (dHi, dLo)} must be at most {@code mtu} bytes. */
        void onPacketTooBig(Compartment compartment, long dHi, long dLo, long mtu, long now);
    }

    /**
     * Told of errors about ICMPv6 messages this host sent (the quoted upper-layer protocol is ICMPv6): the ping API
     * matches them to its echo requests. No transport is registered for ICMPv6, so these errors go here instead.
     */
    @FunctionalInterface
    public interface EchoErrorListener {
        /** An error whose quoted bytes start at the ICMPv6 header of the message this host sent. */
        void onEchoError(IcmpErrorReport report, long now);
    }

    private static final MessageHandler DROP = (nic, packet, upper, ip, message, now) -> packet.release();

    private final StackCore stack;
    private final CounterSet<IcmpCounter> counters;
    private final Ipv6View ip = new Ipv6View();
    private final Icmpv6View view = new Icmpv6View();
    private final Icmpv6View out = new Icmpv6View();
    private final Ipv6View quoted = new Ipv6View();
    private final Ipv6HeaderWalker quotedWalker = new Ipv6HeaderWalker();
    private final TokenBucket errorBudget;
    private MessageHandler neighbors = DROP;
    private MessageHandler routers = DROP;
    private MessageHandler mld = DROP;
    private EchoReplyListener echoReplies = (nic, hi, lo, v, now) -> { };
    private PacketTooBigListener packetTooBig = (c, hi, lo, mtu, now) -> { };
    private EchoErrorListener echoErrors = (report, now) -> { };

    Icmp6(StackCore stack) {
        this.stack = stack;
        this.counters = stack.icmpCounters(6);
        this.errorBudget = new TokenBucket(stack.config().icmp().errorsPerSecond(), stack.config().icmp().errorBurst());
    }

    /** Neighbor Solicitation, Neighbor Advertisement and Redirect go here: neighbour discovery. */
    public void setNeighborHandler(MessageHandler handler) {
        this.neighbors = handler;
    }

    /** Router Solicitation and Router Advertisement go here: router discovery and autoconfiguration. */
    public void setRouterHandler(MessageHandler handler) {
        this.routers = handler;
    }

    /** MLD queries and reports go here: multicast listener discovery. */
    public void setMldHandler(MessageHandler handler) {
        this.mld = handler;
    }

    public void setEchoReplyListener(EchoReplyListener listener) {
        this.echoReplies = listener;
    }

    public void setPacketTooBigListener(PacketTooBigListener listener) {
        this.packetTooBig = listener;
    }

    /** Where errors about ICMP messages this host sent go (the ping module); one listener, replaced by a new one. */
    public void setEchoErrorListener(EchoErrorListener listener) {
        this.echoErrors = listener;
    }

    /** An ICMPv6 message for this host, at {@code upper} in {@code packet}. <b>Takes ownership.</b> */
    void input(Nic nic, PacketBuf packet, int upper, boolean unicast, long now) {
        counters.increment(IcmpCounter.IN_MSGS);
        MemorySegment seg = packet.segment();
        ip.wrap(seg, packet.offset(), packet.length());
        long off = packet.offset() + upper;
        int len = packet.length() - upper;
        DropReason r = Icmpv6View.check(seg, off, len);
        view.wrap(seg, off, len);
        if (r.isDrop() || (!nic.caps().rxChecksumVerified()
                && !view.verifyChecksum(ip.pseudoHeaderSum(IpProtocol.ICMPV6, len)))) {
            counters.increment(IcmpCounter.IN_ERRORS);
            stack.wireDrop(r.isDrop() ? r : DropReason.ICMPV6_BAD_CHECKSUM);
            packet.release();
            return;
        }
        int type = view.type();
        switch (type) {
            case Icmpv6Type.ECHO_REQUEST -> echo(nic, packet, upper, unicast, now);
            case Icmpv6Type.ECHO_REPLY -> {
                echoReplies.onEchoReply(nic, ip.srcHi(), ip.srcLo(), view, now);
                packet.release();
            }
            case Icmpv6Type.DESTINATION_UNREACHABLE, Icmpv6Type.PACKET_TOO_BIG, Icmpv6Type.TIME_EXCEEDED,
                    Icmpv6Type.PARAMETER_PROBLEM -> {
                errorReceived(nic, now);
                packet.release();
            }
            case Icmpv6Type.NEIGHBOR_SOLICITATION, Icmpv6Type.NEIGHBOR_ADVERTISEMENT, Icmpv6Type.REDIRECT ->
                    neighbors.onMessage(nic, packet, upper, ip, view, now);
            case Icmpv6Type.ROUTER_SOLICITATION, Icmpv6Type.ROUTER_ADVERTISEMENT ->
                    routers.onMessage(nic, packet, upper, ip, view, now);
            case Icmpv6Type.MLD_QUERY, Icmpv6Type.MLD_V1_REPORT, Icmpv6Type.MLD_V1_DONE, Icmpv6Type.MLD_V2_REPORT ->
                    mld.onMessage(nic, packet, upper, ip, view, now);
            default -> packet.release(); // RFC 4443 §2.4(b): unknown informational messages are dropped
        }
    }

    /** RFC 4443 §4.2: answer a unicast echo request with the same identifier, sequence and data. */
    private void echo(Nic nic, PacketBuf packet, int upper, boolean unicast, long now) {
        if (!unicast || !stack.config().icmp().echoReply()) {
            packet.release(); // multicast echo requests go unanswered, as Linux does by default
            return;
        }
        long sHi = ip.srcHi();
        long sLo = ip.srcLo();
        long dHi = ip.dstHi();
        long dLo = ip.dstLo();
        int tclass = ip.trafficClass() & ~3;
        packet.trimFront(upper);
        out.wrap(packet.segment(), packet.offset(), packet.length());
        out.setType(Icmpv6Type.ECHO_REPLY);
        out.fillChecksum(org.jwsk.common.checksum.InternetChecksum.pseudoHeaderV6(dHi, dLo, sHi, sLo, IpProtocol.ICMPV6,
                packet.length()));
        counters.increment(IcmpCounter.OUT_MSGS);
        SendStatus s = stack.ipv6().send(nic.compartment(), dHi, dLo, sHi, sLo, IpProtocol.ICMPV6,
                IpSender.DEFAULT_HOP_LIMIT, tclass, nic, packet, now);
        if (!s.isOk()) {
            counters.increment(IcmpCounter.OUT_ERRORS);
        }
    }

    private void errorReceived(Nic nic, long now) {
        MemorySegment seg = view.segment();
        long q = view.invokingPacketOffset();
        int qlen = view.invokingPacketLength();
        // The quoted packet is cut short by nature (RFC 4443 §2.4(c)): its payload length need not fit.
        if (qlen < 40 || (org.jwsk.common.buf.NetOrder.u8(seg, q) >>> 4) != 6
                || quotedWalker.walkQuoted(seg, q, qlen).isDrop()) {
            counters.increment(IcmpCounter.IN_ERRORS);
            return;
        }
        quoted.wrap(seg, q, qlen);
        Compartment c = nic.compartment();
        if (c.owner6(quoted.srcHi(), quoted.srcLo()) == null) {
            stack.drop(NetDrop.NOT_FOR_US); // RFC 5927 §4.1: an error about a packet we never sent
            return;
        }
        int type = view.type();
        IcmpErrorReport.Kind kind = kind(type, view.code());
        long info = type == Icmpv6Type.PACKET_TOO_BIG ? view.mtu()
                : type == Icmpv6Type.PARAMETER_PROBLEM ? view.pointer() : 0;
        if (kind == IcmpErrorReport.Kind.PACKET_TOO_BIG) {
            packetTooBig.onPacketTooBig(c, quoted.dstHi(), quoted.dstLo(), info, now);
        }
        int protocol = quotedWalker.upperProtocol();
        TransportHandler handler = stack.transport(protocol);
        boolean aboutIcmp = protocol == IpProtocol.ICMPV6; // our own echo requests: the ping API's
        if (handler == null && !aboutIcmp) {
            return;
        }
        int upper = quotedWalker.upperOffset();
        Octets transport = Octets.copyOf(seg, q + upper, Math.max(0, qlen - upper));
        IcmpErrorReport report = new IcmpErrorReport(6, c.id(), kind, type, view.code(), info,
                new Ipv6Address(ip.srcHi(), ip.srcLo()), new Ipv6Address(quoted.srcHi(), quoted.srcLo()),
                new Ipv6Address(quoted.dstHi(), quoted.dstLo()), protocol, transport);
        if (aboutIcmp) {
            echoErrors.onEchoError(report, now);
        }
        if (handler != null) {
            handler.onIcmpError(report, now);
        }
        counters.increment(IcmpCounter.IN_ERRORS_DELIVERED);
    }

    private static IcmpErrorReport.Kind kind(int type, int code) {
        return switch (type) {
            case Icmpv6Type.DESTINATION_UNREACHABLE -> code == Icmpv6Code.PORT_UNREACHABLE
                    ? IcmpErrorReport.Kind.PORT_UNREACHABLE : IcmpErrorReport.Kind.UNREACHABLE;
            case Icmpv6Type.PACKET_TOO_BIG -> IcmpErrorReport.Kind.PACKET_TOO_BIG;
            case Icmpv6Type.TIME_EXCEEDED -> IcmpErrorReport.Kind.TIME_EXCEEDED;
            default -> code == Icmpv6Code.UNRECOGNIZED_NEXT_HEADER ? IcmpErrorReport.Kind.PROTOCOL_UNREACHABLE
                    : IcmpErrorReport.Kind.PARAMETER_PROBLEM;
        };
    }

    /**
     * Sends an ICMPv6 error about {@code original} (a packet from its IPv6 header, <b>borrowed</b>) that arrived on
     * {@code nic}, unless RFC 4443 §2.4(e) forbids it or the rate limit is spent.
     *
     * @param info        the MTU (Packet Too Big) or the pointer (Parameter Problem); 0 otherwise
     * @param toMulticast whether the original was sent to a multicast address
     */
    public void sendError(int type, int code, long info, Nic nic, PacketBuf original, boolean toMulticast, long now) {
        Ipv6View o = ip.wrap(original.segment(), original.offset(), original.length());
        if (!mayReportAbout(o, type, code, toMulticast)) {
            return;
        }
        if (!errorBudget.tryTake(now)) {
            counters.increment(IcmpCounter.OUT_RATE_LIMITED);
            stack.drop(NetDrop.ICMP_RATE_LIMITED);
            return;
        }
        int quote = Math.min(original.length(), Icmpv6Layout.MAX_ERROR_LENGTH - Icmpv6Layout.INVOKING_PACKET_OFFSET);
        PacketBuf msg = stack.pool().tryAllocate(Icmpv6Layout.INVOKING_PACKET_OFFSET + quote);
        if (msg == null) {
            counters.increment(IcmpCounter.OUT_ERRORS);
            stack.drop(NetDrop.NO_BUFFER);
            return;
        }
        long sHi = o.srcHi();
        long sLo = o.srcLo();
        long dHi = o.dstHi();
        long dLo = o.dstLo();
        msg.copyFrom(Icmpv6Layout.INVOKING_PACKET_OFFSET, original.segment(), original.offset(), quote);
        // From the address the packet was sent to when it was ours and unicast; otherwise the stack chooses.
        boolean ours = !toMulticast && nic.compartment().owner6(dHi, dLo) != null;
        long fromHi = ours ? dHi : 0;
        long fromLo = ours ? dLo : 0;
        Addr6 chosen = ours ? null : SourceSelection.select6(nic.compartment(), nic, sHi, sLo);
        if (!ours && chosen != null) {
            fromHi = chosen.hi();
            fromLo = chosen.lo();
        }
        out.wrap(msg.segment(), msg.offset(), msg.length());
        out.setType(type);
        out.setCode(code);
        out.setErrorWord((int) info);
        out.fillChecksum(org.jwsk.common.checksum.InternetChecksum.pseudoHeaderV6(fromHi, fromLo, sHi, sLo,
                IpProtocol.ICMPV6, msg.length()));
        counters.increment(IcmpCounter.OUT_MSGS);
        SendStatus s = stack.ipv6().send(nic.compartment(), fromHi, fromLo, sHi, sLo, IpProtocol.ICMPV6,
                IpSender.DEFAULT_HOP_LIMIT, 0, nic, msg, now);
        if (!s.isOk()) {
            counters.increment(IcmpCounter.OUT_ERRORS);
        }
    }

    /**
     * RFC 4443 §2.4(e): no error about an error message, about a packet from an unspecified or multicast source, or
     * about a packet to a multicast address, except Packet Too Big and Parameter Problem code 2 (an unrecognized option
     * whose type asks for a report even to multicast).
     */
    private static boolean mayReportAbout(Ipv6View o, int type, int code, boolean toMulticast) {
        long sHi = o.srcHi();
        if ((sHi == 0 && o.srcLo() == 0) || (sHi >>> 56) == 0xff) {
            return false;
        }
        if (toMulticast && type != Icmpv6Type.PACKET_TOO_BIG
                && !(type == Icmpv6Type.PARAMETER_PROBLEM && code == Icmpv6Code.UNRECOGNIZED_OPTION)) {
            return false;
        }
        if (o.nextHeader() == IpProtocol.ICMPV6 && o.length() > 40) {
            int t = org.jwsk.common.buf.NetOrder.u8(o.segment(), o.offset() + 40);
            return t >= 128; // informational messages only; errors are 0-127
        }
        return true;
    }
}
