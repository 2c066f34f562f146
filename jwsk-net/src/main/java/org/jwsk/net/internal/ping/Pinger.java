package org.jwsk.net.internal.ping;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.net.CompartmentId;
import org.jwsk.net.IcmpCounter;
import org.jwsk.net.IcmpErrorReport;
import org.jwsk.net.NetDrop;
import org.jwsk.net.PathInfo;
import org.jwsk.net.PingResult;
import org.jwsk.net.SendStatus;
import org.jwsk.net.internal.Compartment;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.Paths;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv4.Icmpv4Layout;
import org.jwsk.wire.icmpv4.Icmpv4View;
import org.jwsk.wire.icmpv6.Icmpv6Layout;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.icmpv6.Icmpv6View;

/**
 * The stack's own echo requests, for both families (RFC 792 "Echo or Echo Reply Message", RFC 4443 §4.1): sends
 * them, matches replies and ICMP errors to them, and times them out.
 *
 * <p>Every request carries this stack's identifier (drawn once from the stack's random generator) and a sequence
 * number no other outstanding request has, so concurrent pings, of any compartment and family, never take each
 * other's answers. A reply counts only if it comes from the target, in the request's compartment and family, with
 * as many data bytes as were sent. An error counts if it quotes one of our outstanding requests (the error path of
 * {@link org.jwsk.net.internal.Icmp4} and {@link org.jwsk.net.internal.Icmp6} hands errors about ICMP messages here).
 *
 * <p>Owned by the stack's thread; completions run on it, from {@link #ping} itself when the request cannot be sent,
 * else from the stack's poll. Each ping completes exactly once.
 */
public final class Pinger {

    /** The largest payload of an IPv4 echo request: 65535 minus the IP and ICMP headers. */
    public static final int MAX_PAYLOAD_V4 = 0xffff - 20 - Icmpv4Layout.HEADER_LENGTH;
    /** The largest payload of an IPv6 echo request: the payload length minus the ICMPv6 echo header. */
    public static final int MAX_PAYLOAD_V6 = 0xffff - Icmpv6Layout.ECHO_DATA_OFFSET;

    private final StackCore core;
    private final int identifier;
    private final Map<Integer, Pending> pending = new HashMap<>();
    private final Icmpv4View out4 = new Icmpv4View();
    private final Icmpv6View out6 = new Icmpv6View();
    private int nextSequence;

    /** One outstanding request. */
    private final class Pending {
        final int version;
        final CompartmentId compartment;
        final IpAddress target;
        final int sequence;
        final int payloadSize;
        final long sentAt;
        final Consumer<PingResult> done;
        final TimerQueue.Timer timer;
        SendStatus status;

        Pending(int version, CompartmentId compartment, IpAddress target, int sequence, int payloadSize, long sentAt,
                Consumer<PingResult> done) {
            this.version = version;
            this.compartment = compartment;
            this.target = target;
            this.sequence = sequence;
            this.payloadSize = payloadSize;
            this.sentAt = sentAt;
            this.done = done;
            this.timer = core.timers().newTimer(now -> finish(this, PingResult.Outcome.TIMEOUT, null, -1, -1, 0,
                    now));
        }
    }

    private Pinger(StackCore core) {
        this.core = core;
        this.identifier = core.random().nextInt(0x10000);
        this.nextSequence = core.random().nextInt(0x10000);
    }

    /** Makes the pinger of {@code core}, listens for echo replies and errors, and registers it for the API. */
    public static Pinger install(StackCore core) {
        Pinger p = new Pinger(core);
        core.icmp4().setEchoReplyListener(p::onReply4);
        core.icmp6().setEchoReplyListener(p::onReply6);
        core.icmp4().setEchoErrorListener(p::onError);
        core.icmp6().setEchoErrorListener(p::onError);
        core.registerModule(Pinger.class, p);
        return p;
    }

    /** The identifier this stack's echo requests carry. */
    public int identifier() {
        return identifier;
    }

    /**
     * Sends one echo request to {@code target}; {@code done} is called once with the outcome. The arguments are
     * checked by the caller ({@code NetStack.ping}).
     */
    public void ping(CompartmentId compartment, IpAddress target, int payloadSize, int hopLimit, Duration timeout,
                     long now, Consumer<PingResult> done) {
        Compartment c = core.compartment(compartment);
        int sequence = freeSequence();
        Pending p = new Pending(target.version(), compartment, target, sequence, payloadSize, now, done);
        if (sequence < 0) {
            p.status = SendStatus.NO_BUFFER; // 65536 requests outstanding: no number left to tell them apart
            finish(p, PingResult.Outcome.NOT_SENT, null, -1, -1, 0, now);
            return;
        }
        pending.put(sequence, p);
        p.status = SendStatus.SENT; // until the IP layer says otherwise
        p.status = switch (target) {
            case Ipv4Address v4 -> send4(c, v4, sequence, payloadSize, hopLimit, now);
            case Ipv6Address v6 -> send6(c, v6, sequence, payloadSize, hopLimit, now);
        };
        core.icmpCounters(target.version()).increment(IcmpCounter.OUT_MSGS);
        if (!p.status.isOk()) {
            core.icmpCounters(target.version()).increment(IcmpCounter.OUT_ERRORS);
            finish(p, PingResult.Outcome.NOT_SENT, null, -1, -1, 0, now);
            return;
        }
        p.timer.schedule(Deadlines.after(now, timeout.toNanos()));
    }

    private int freeSequence() {
        for (int i = 0; i < 0x10000; i++) {
            int s = nextSequence;
            nextSequence = (nextSequence + 1) & 0xffff;
            if (!pending.containsKey(s)) {
                return s;
            }
        }
        return -1;
    }

    private SendStatus send4(Compartment c, Ipv4Address target, int sequence, int size, int ttl, long now) {
        PacketBuf buf = allocate(Icmpv4Layout.HEADER_LENGTH + size);
        if (buf == null) {
            return SendStatus.NO_BUFFER;
        }
        Icmpv4View m = out4.wrap(buf.segment(), buf.offset(), buf.length());
        m.setType(Icmpv4Layout.TYPE_ECHO_REQUEST);
        m.setCode(0);
        m.setRestOfHeader(identifier << 16 | sequence);
        fillData(buf, Icmpv4Layout.HEADER_LENGTH);
        m.fillChecksum();
        return core.ipv4().send(c, 0, target.value(), IpProtocol.ICMP, ttl, 0, false, buf, now);
    }

    private SendStatus send6(Compartment c, Ipv6Address target, int sequence, int size, int hopLimit, long now) {
        // The checksum covers the source address (RFC 4443 §2.3): choose it first, as the IP layer would.
        Optional<PathInfo> path = Paths.find(c, target);
        if (path.isEmpty()) {
            core.drop(NetDrop.NO_ROUTE);
            return SendStatus.NO_ROUTE;
        }
        Ipv6Address src = (Ipv6Address) path.get().source();
        boolean scoped = (target.hi() >>> 56) == 0xff || (target.hi() & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L;
        Nic scope = scoped ? core.nic(path.get().out()) : null;
        PacketBuf buf = allocate(Icmpv6Layout.ECHO_DATA_OFFSET + size);
        if (buf == null) {
            return SendStatus.NO_BUFFER;
        }
        Icmpv6View m = out6.wrap(buf.segment(), buf.offset(), buf.length());
        m.setType(Icmpv6Type.ECHO_REQUEST);
        m.setCode(0);
        m.setIdentifier(identifier);
        m.setSequenceNumber(sequence);
        fillData(buf, Icmpv6Layout.ECHO_DATA_OFFSET);
        m.fillChecksum(InternetChecksum.pseudoHeaderV6(src.hi(), src.lo(), target.hi(), target.lo(),
                IpProtocol.ICMPV6, buf.length()));
        return core.ipv6().send(c, src.hi(), src.lo(), target.hi(), target.lo(), IpProtocol.ICMPV6, hopLimit, 0, scope,
                buf, now);
    }

    private PacketBuf allocate(int length) {
        PacketBuf buf = core.pool().tryAllocate(core.pool().config().headroom(), length);
        if (buf == null) {
            core.drop(NetDrop.NO_BUFFER);
        }
        return buf;
    }

    /** The data: a counting pattern, as ping(8) fills it, so a reply can be told from noise when captured. */
    private static void fillData(PacketBuf buf, int from) {
        for (int i = from; i < buf.length(); i++) {
            NetOrder.setU8(buf.segment(), buf.offset() + i, (i - from) & 0xff);
        }
    }

    // ---------------------------------------------------------------------------------------------- answers

    private void onReply4(Nic nic, int from, Icmpv4View reply, long now) {
        if (reply.identifier() == identifier) {
            Pending p = pending.get(reply.sequence());
            if (matches(p, 4, nic) && p.target.equals(new Ipv4Address(from))
                    && reply.bodyLength() == p.payloadSize) {
                finish(p, PingResult.Outcome.REPLY, p.target, reply.type(), reply.code(), 0, now);
            }
        }
    }

    private void onReply6(Nic nic, long fromHi, long fromLo, Icmpv6View reply, long now) {
        if (reply.identifier() == identifier) {
            Pending p = pending.get(reply.sequenceNumber());
            if (matches(p, 6, nic) && p.target.equals(new Ipv6Address(fromHi, fromLo))
                    && reply.echoDataLength() == p.payloadSize) {
                finish(p, PingResult.Outcome.REPLY, p.target, reply.type(), reply.code(), 0, now);
            }
        }
    }

    private static boolean matches(Pending p, int version, Nic nic) {
        return p != null && p.version == version && p.compartment.equals(nic.compartment().id());
    }

    /** An ICMP error about an ICMP message we sent: ours if it quotes one of our outstanding echo requests. */
    private void onError(IcmpErrorReport report, long now) {
        Octets q = report.quoted();
        int request = report.version() == 4 ? Icmpv4Layout.TYPE_ECHO_REQUEST : Icmpv6Type.ECHO_REQUEST;
        if (q.length() < 8 || q.get(0) != request || (q.get(4) << 8 | q.get(5)) != identifier) {
            return; // RFC 792 and RFC 4443 §2.4(c) quote at least the 8 bytes of our ICMP header
        }
        Pending p = pending.get(q.get(6) << 8 | q.get(7));
        if (p == null || p.version != report.version() || !p.compartment.equals(report.compartment())
                || !p.target.equals(report.dst())) {
            return;
        }
        PingResult.Outcome outcome = switch (report.kind()) {
            case PORT_UNREACHABLE, PROTOCOL_UNREACHABLE, UNREACHABLE -> PingResult.Outcome.UNREACHABLE;
            case PACKET_TOO_BIG -> PingResult.Outcome.PACKET_TOO_BIG;
            case TIME_EXCEEDED -> PingResult.Outcome.TIME_EXCEEDED;
            case PARAMETER_PROBLEM -> PingResult.Outcome.PARAMETER_PROBLEM;
        };
        long mtu = outcome == PingResult.Outcome.PACKET_TOO_BIG ? report.info() : 0;
        finish(p, outcome, report.reporter(), report.type(), report.code(), mtu, now);
    }

    private void finish(Pending p, PingResult.Outcome outcome, IpAddress responder, int type, int code, long mtu,
                        long now) {
        pending.remove(p.sequence, p);
        p.timer.cancel();
        Duration rtt = p.status.isOk() ? Duration.ofNanos(now - p.sentAt) : Duration.ZERO;
        p.done.accept(new PingResult(outcome, p.target, responder, identifier, p.sequence, p.payloadSize, rtt, type,
                code, mtu, p.status));
    }

    /** Requests waiting for an answer. */
    public int outstanding() {
        return pending.size();
    }
}
