package org.jwsk.net.internal;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.IcmpCounter;
import org.jwsk.net.IcmpErrorReport;
import org.jwsk.net.NetDrop;
import org.jwsk.net.SendStatus;
import org.jwsk.net.TransportHandler;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.icmpv4.Icmpv4Layout;
import org.jwsk.wire.icmpv4.Icmpv4View;
import org.jwsk.wire.ipv4.Ipv4View;

/**
 * ICMP for IPv4 (RFC 792, RFC 1122 §3.2.2, RFC 1812 §4.3): answers echo requests, makes errors for the IP layer
 * under the rules that say when not to and a rate limit, and hands errors about our own packets to the transport
 * that sent them (RFC 1122 §3.2.2.1-4; only when the quoted source is ours, RFC 5927 §4.1).
 *
 * <p>Owned by the stack's thread.
 */
public final class Icmp4 {

    /** Where echo replies go: the ping API. */
    @FunctionalInterface
    public interface EchoReplyListener {
        /** An echo reply; the message is borrowed for the call ({@code view} wraps it). */
        void onEchoReply(Nic nic, int from, Icmpv4View view, long now);
    }

    private final StackCore stack;
    private final CounterSet<IcmpCounter> counters;
    private final Icmpv4View view = new Icmpv4View();
    private final Icmpv4View out = new Icmpv4View();
    private final Ipv4View ip = new Ipv4View();
    private final Ipv4View quoted = new Ipv4View();
    private final TokenBucket errorBudget;
    private EchoReplyListener echoReplies = (nic, from, v, now) -> { };
    private PacketTooBigListener packetTooBig = (c, dst, mtu, now) -> { };
    private RedirectListener redirects = (nic, from, gateway, destination, now) -> { };
    private EchoErrorListener echoErrors = (report, now) -> { };

    /**
     * Told of errors about ICMP messages this host sent (the quoted protocol is ICMP): the ping API matches them to
     * its echo requests. No transport is registered for ICMP, so these errors go here instead.
     */
    @FunctionalInterface
    public interface EchoErrorListener {
        /** An error whose quoted bytes start at the ICMP header of the message this host sent. */
        void onEchoError(IcmpErrorReport report, long now);
    }

    /** Told of redirects (RFC 1122 §3.2.2.2): the neighbour layer, which validates and applies them. */
    @FunctionalInterface
    public interface RedirectListener {
        /**
         * {@code from} says packets to {@code destination} should go to {@code gateway} instead.
         */
        void onRedirect(Nic nic, int from, int gateway, int destination, long now);
    }

    /** Told of fragmentation-needed errors: the path MTU cache. */
    @FunctionalInterface
    public interface PacketTooBigListener {
        /** A router said packets to {@code dst} must be at most {@code mtu} bytes (RFC 1191 §4). */
        void onPacketTooBig(Compartment compartment, int dst, int mtu, long now);
    }

    Icmp4(StackCore stack) {
        this.stack = stack;
        this.counters = stack.icmpCounters(4);
        this.errorBudget = new TokenBucket(stack.config().icmp().errorsPerSecond(), stack.config().icmp().errorBurst());
    }

    public void setEchoReplyListener(EchoReplyListener listener) {
        this.echoReplies = listener;
    }

    public void setPacketTooBigListener(PacketTooBigListener listener) {
        this.packetTooBig = listener;
    }

    public void setRedirectListener(RedirectListener listener) {
        this.redirects = listener;
    }

    /** Where errors about ICMP messages this host sent go (the ping module); one listener, replaced by a new one. */
    public void setEchoErrorListener(EchoErrorListener listener) {
        this.echoErrors = listener;
    }

    /**
     * An ICMP message for this host: {@code packet} holds the whole datagram from its IP header, of {@code
     * headerLength} bytes. <b>Takes ownership.</b>
     *
     * @param unicast whether the datagram was addressed to one of our addresses (not broadcast or multicast)
     */
    void input(Nic nic, PacketBuf packet, int headerLength, boolean unicast, long now) {
        counters.increment(IcmpCounter.IN_MSGS);
        MemorySegment seg = packet.segment();
        ip.wrap(seg, packet.offset(), packet.length());
        int src = ip.src();
        int dst = ip.dst();
        long off = packet.offset() + headerLength;
        int len = packet.length() - headerLength;
        DropReason r = Icmpv4View.check(seg, off, len);
        if (r.isDrop() || (!nic.caps().rxChecksumVerified() && !view.wrap(seg, off, len).checksumValid())) {
            counters.increment(IcmpCounter.IN_ERRORS);
            stack.wireDrop(r.isDrop() ? r : DropReason.ICMPV4_BAD_CHECKSUM);
            packet.release();
            return;
        }
        view.wrap(seg, off, len);
        switch (view.type()) {
            case Icmpv4Layout.TYPE_ECHO_REQUEST -> echo(nic, packet, headerLength, src, dst, unicast, now);
            case Icmpv4Layout.TYPE_ECHO_REPLY -> {
                echoReplies.onEchoReply(nic, src, view, now);
                packet.release();
            }
            case Icmpv4Layout.TYPE_DEST_UNREACHABLE, Icmpv4Layout.TYPE_TIME_EXCEEDED,
                    Icmpv4Layout.TYPE_PARAMETER_PROBLEM -> {
                errorReceived(nic, src, now);
                packet.release();
            }
            case Icmpv4Layout.TYPE_REDIRECT -> {
                redirected(nic, src, now);
                packet.release();
            }
            default -> packet.release(); // nothing else needs an answer
        }
    }

    /** RFC 1122 §3.2.2.6: answer with the same data; broadcast and multicast requests are ignored, as Linux does. */
    private void echo(Nic nic, PacketBuf packet, int headerLength, int src, int dst, boolean unicast, long now) {
        if (!unicast || !stack.config().icmp().echoReply()) {
            packet.release();
            return;
        }
        int tos = ip.dscp() << 2;
        packet.trimFront(headerLength);
        view.wrap(packet.segment(), packet.offset(), packet.length()).echoRequestToReply();
        counters.increment(IcmpCounter.OUT_MSGS);
        SendStatus s = stack.ipv4().send(nic.compartment(), dst, src, IpProtocol.ICMP, stack.config().defaultTtl(),
                tos, false, packet, now);
        if (!s.isOk()) {
            counters.increment(IcmpCounter.OUT_ERRORS);
        }
    }

    private void redirected(Nic nic, int from, long now) {
        MemorySegment seg = view.segment();
        if (Ipv4View.checkQuoted(seg, view.bodyOffset(), view.bodyLength()).isDrop()) {
            counters.increment(IcmpCounter.IN_ERRORS);
            return;
        }
        quoted.wrap(seg, view.bodyOffset(), view.bodyLength());
        redirects.onRedirect(nic, from, view.gateway(), quoted.dst(), now);
    }

    private void errorReceived(Nic nic, int reporter, long now) {
        MemorySegment seg = view.segment();
        if (Ipv4View.checkQuoted(seg, view.bodyOffset(), view.bodyLength()).isDrop()) {
            counters.increment(IcmpCounter.IN_ERRORS);
            return;
        }
        quoted.wrap(seg, view.bodyOffset(), view.bodyLength());
        Compartment c = nic.compartment();
        if (c.owner4(quoted.src()) == null) {
            stack.drop(NetDrop.NOT_FOR_US); // RFC 5927 §4.1: an error about a packet we never sent
            return;
        }
        int type = view.type();
        int code = view.code();
        IcmpErrorReport.Kind kind = kind(type, code);
        long info = kind == IcmpErrorReport.Kind.PACKET_TOO_BIG ? view.nextHopMtu()
                : kind == IcmpErrorReport.Kind.PARAMETER_PROBLEM ? view.pointer() : 0;
        if (kind == IcmpErrorReport.Kind.PACKET_TOO_BIG) {
            packetTooBig.onPacketTooBig(c, quoted.dst(), (int) info, now);
        }
        TransportHandler handler = stack.transport(quoted.protocol());
        boolean aboutIcmp = quoted.protocol() == IpProtocol.ICMP; // our own echo requests: the ping API's
        if (handler == null && !aboutIcmp) {
            return;
        }
        int qh = quoted.headerLength();
        int transportBytes = Math.max(0, view.bodyLength() - qh);
        Octets q = Octets.copyOf(seg, view.bodyOffset() + qh, transportBytes);
        IcmpErrorReport report = new IcmpErrorReport(4, c.id(), kind, type, code, info, new Ipv4Address(reporter),
                new Ipv4Address(quoted.src()), new Ipv4Address(quoted.dst()), quoted.protocol(), q);
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
            case Icmpv4Layout.TYPE_DEST_UNREACHABLE -> switch (code) {
                case Icmpv4Layout.UNREACH_PROTOCOL -> IcmpErrorReport.Kind.PROTOCOL_UNREACHABLE;
                case Icmpv4Layout.UNREACH_PORT -> IcmpErrorReport.Kind.PORT_UNREACHABLE;
                case Icmpv4Layout.UNREACH_FRAG_NEEDED -> IcmpErrorReport.Kind.PACKET_TOO_BIG;
                default -> IcmpErrorReport.Kind.UNREACHABLE;
            };
            case Icmpv4Layout.TYPE_TIME_EXCEEDED -> IcmpErrorReport.Kind.TIME_EXCEEDED;
            default -> IcmpErrorReport.Kind.PARAMETER_PROBLEM;
        };
    }

    /**
     * Sends an ICMP error about {@code original} (a datagram from its IP header, <b>borrowed</b>) that arrived on
     * {@code nic}, unless RFC 1122 §3.2.2 / RFC 1812 §4.3.2.7 forbid it or the rate limit is spent.
     *
     * @param info the next-hop MTU (fragmentation needed), the pointer (parameter problem), the gateway (redirect)
     */
    public void sendError(int type, int code, int info, Nic nic, PacketBuf original, long now) {
        Ipv4View o = ip.wrap(original.segment(), original.offset(), original.length());
        if (!mayReportAbout(nic, o)) {
            return;
        }
        if (!errorBudget.tryTake(now)) {
            counters.increment(IcmpCounter.OUT_RATE_LIMITED);
            stack.drop(NetDrop.ICMP_RATE_LIMITED);
            return;
        }
        int quote = Math.min(original.length(), Icmpv4Layout.MAX_ERROR_DATAGRAM_LENGTH - 20 - Icmpv4Layout.HEADER_LENGTH);
        PacketBuf msg = stack.pool().tryAllocate(Icmpv4Layout.HEADER_LENGTH + quote);
        if (msg == null) {
            counters.increment(IcmpCounter.OUT_ERRORS);
            stack.drop(NetDrop.NO_BUFFER);
            return;
        }
        int origSrc = o.src();
        int origDst = o.dst();
        msg.copyFrom(Icmpv4Layout.HEADER_LENGTH, original.segment(), original.offset(), quote);
        out.wrap(msg.segment(), msg.offset(), msg.length());
        out.setType(type);
        out.setCode(code);
        out.setRestOfHeader(restOfHeader(type, info));
        out.fillChecksum();
        // From the address the sender used when the datagram was for us; otherwise the stack picks one
        // towards the sender (RFC 1812 §4.3.2.4 asks for the outgoing interface's address).
        int from = nic.compartment().owner4(origDst) != null ? origDst : 0;
        counters.increment(IcmpCounter.OUT_MSGS);
        SendStatus s = stack.ipv4().send(nic.compartment(), from, origSrc, IpProtocol.ICMP, stack.config().defaultTtl(),
                0xc0, false, msg, now);
        if (!s.isOk()) {
            counters.increment(IcmpCounter.OUT_ERRORS);
        }
    }

    private static int restOfHeader(int type, int info) {
        return switch (type) {
            case Icmpv4Layout.TYPE_DEST_UNREACHABLE -> info & 0xffff;   // RFC 1191 §4: next-hop MTU, low 16 bits
            case Icmpv4Layout.TYPE_PARAMETER_PROBLEM -> info << 24;    // RFC 792: the pointer, first octet
            default -> info;                                            // redirect: the gateway; else unused (0)
        };
    }

    /**
     * RFC 1122 §3.2.2 and RFC 1812 §4.3.2.7: never about an ICMP error, a fragment other than the first, a datagram
     * to a broadcast or multicast address, or one whose source is not a single host.
     */
    private boolean mayReportAbout(Nic nic, Ipv4View o) {
        int src = o.src();
        int dst = o.dst();
        if (o.fragmentOffset() != 0 || src == 0 || src == -1 || Ipv4Layer.isMulticast(src)
                || Ipv4Layer.isMulticast(dst) || dst == -1 || nic.isBroadcast4(dst) || nic.isBroadcast4(src)) {
            return false;
        }
        if (o.protocol() == IpProtocol.ICMP && o.length() >= o.headerLength() + 1) {
            return isQuery(org.jwsk.common.buf.NetOrder.u8(o.segment(), o.offset() + o.headerLength()));
        }
        return true;
    }

    /** ICMP queries and their replies (RFC 792, RFC 950), about which errors may be sent; errors are the rest. */
    private static boolean isQuery(int type) {
        return switch (type) {
            case 0, 8, 13, 14, 15, 16, 17, 18 -> true;
            default -> false;
        };
    }
}
