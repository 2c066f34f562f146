package org.jwsk.net.internal;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.net.IcmpCounter;
import org.jwsk.net.NetDrop;
import org.jwsk.net.SendStatus;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.icmpv4.Icmpv4Layout;
import org.jwsk.wire.icmpv6.Icmpv6Layout;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.icmpv6.NdpLayout;
import org.jwsk.wire.icmpv6.NdpOptionType;
import org.jwsk.wire.icmpv6.NdpView;
import org.jwsk.wire.ipv4.Ipv4Layout;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * The router's side of redirects: when a forwarded packet leaves by the interface it came in on, its sender is told
 * of the better first hop on its own link (RFC 1812 §5.2.7.2 for IPv4, RFC 4861 §8.2 for IPv6). The packet itself is
 * still forwarded. Receiving redirects is the neighbour layer's ({@link Icmp4#setRedirectListener}, {@link
 * Icmp6#setNeighborHandler}).
 *
 * <p>Each family has a token bucket of its own (the ICMP error rate and burst of {@link
 * org.jwsk.net.NetConfig.IcmpConfig}), on top of the ICMP error limit IPv4 redirects also pass: RFC 4861 §8.2 asks
 * for rate limiting, and Linux limits redirects apart from errors ({@code ip_rt_send_redirect} backs off per peer;
 * one bucket per family is the simpler bound used here).
 *
 * <p>Owned by the stack's thread. The packet is borrowed.
 */
public final class Redirects {

    /** RFC 8200 §5 minimum MTU: a Redirect, Redirected Header included, fits it (RFC 4861 §4.5, §4.6.3). */
    private static final int MIN_MTU = 1280;
    /** The Redirect's fixed part: ICMPv6 header, reserved word, target, destination. */
    private static final int FIXED_LENGTH = NdpLayout.REDIRECT_OPTIONS_OFFSET;

    private final StackCore stack;
    private final TokenBucket budget4;
    private final TokenBucket budget6;
    private final Ipv6View out6 = new Ipv6View();
    private final NdpView ndp = new NdpView();
    private final Icmpv6View icmp6 = new Icmpv6View();

    Redirects(StackCore stack) {
        this.stack = stack;
        int rate = stack.config().icmp().errorsPerSecond();
        int burst = stack.config().icmp().errorBurst();
        this.budget4 = new TokenBucket(rate, burst);
        this.budget6 = new TokenBucket(rate, burst);
    }

    /**
     * A datagram that arrived on {@code in} is being forwarded back out of it to {@code nextHop}. Sends a host
     * redirect (code 1; RFC 1812 §5.2.7.2: routers never send network redirects) when every condition of RFC 1812
     * §5.2.7.2 holds: the interface sends redirects, the datagram carries no source route option, and its source is
     * on the same subnet as the next hop. The redirect's source is chosen towards the original sender, so it lies
     * on the sender's subnet as §5.2.7.2 requires.
     *
     * @param packet the datagram, borrowed; {@code view} wraps it
     */
    void onForwardedBack4(Nic in, PacketBuf packet, Ipv4View view, int nextHop, long now) {
        if (!in.sendRedirects() || view.findOption(Ipv4Layout.OPT_LSRR) >= 0
                || view.findOption(Ipv4Layout.OPT_SSRR) >= 0 || !sameSubnet4(in, view.src(), nextHop)) {
            return;
        }
        if (!budget4.tryTake(now)) {
            rateLimited(4);
            return;
        }
        stack.icmp4().sendError(Icmpv4Layout.TYPE_REDIRECT, Icmpv4Layout.REDIRECT_HOST, nextHop, in, packet, now);
    }

    private static boolean sameSubnet4(Nic in, int src, int nextHop) {
        for (Nic.Addr4 a : in.addrs4()) {
            if (a.prefixLength() > 0 && a.onLink(src) && a.onLink(nextHop)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A packet that arrived on {@code in} is being forwarded back out of it to {@code (nhHi, nhLo)}. Sends a
     * Redirect (RFC 4861 §8.2) when its source is a neighbour (on one of the interface's on-link prefixes), the
     * interface sends redirects and has a link-local address to send from (§4.5: the source MUST be link-local), and
     * the target is the destination itself (on-link) or a link-local router address: like Linux, no redirect names
     * a router by a global address, since hosts accept only link-local router targets (RFC 4861 §8.1).
     *
     * <p>The Redirect carries a Redirected Header with as much of the packet as keeps it within 1280 bytes; no
     * Target Link-Layer Address option (RFC 4861 §8.2: "if known"; the resolver is not asked).
     *
     * @param packet the packet, borrowed; {@code view} wraps it
     */
    void onForwardedBack6(Nic in, PacketBuf packet, Ipv6View view, long nhHi, long nhLo, long now) {
        long sHi = view.srcHi();
        long sLo = view.srcLo();
        long dHi = view.dstHi();
        long dLo = view.dstLo();
        boolean onLinkTarget = nhHi == dHi && nhLo == dLo;
        if (!in.sendRedirects() || (!onLinkTarget && !Ipv6Layer.isLinkLocal(nhHi)) || !neighbor6(in, sHi, sLo)) {
            return;
        }
        Addr6 from = linkLocal(in);
        if (from == null) {
            return;
        }
        if (!budget6.tryTake(now)) {
            rateLimited(6);
            return;
        }
        int quote = Math.min(packet.length(), MIN_MTU - 40 - FIXED_LENGTH - NdpLayout.REDIRECTED_PACKET_OFFSET) & ~7;
        int length = FIXED_LENGTH + NdpLayout.REDIRECTED_PACKET_OFFSET + quote;
        PacketBuf msg = stack.pool().tryAllocate(length);
        if (msg == null) {
            stack.icmpCounters(6).increment(IcmpCounter.OUT_ERRORS);
            stack.drop(NetDrop.NO_BUFFER);
            return;
        }
        writeRedirect6(msg, nhHi, nhLo, dHi, dLo, packet, quote);
        icmp6.wrap(msg.segment(), msg.offset(), msg.length()).fillChecksum(
                InternetChecksum.pseudoHeaderV6(from.hi(), from.lo(), sHi, sLo, IpProtocol.ICMPV6, length));
        stack.icmpCounters(6).increment(IcmpCounter.OUT_MSGS);
        SendStatus s = stack.ipv6().send(in.compartment(), from.hi(), from.lo(), sHi, sLo, IpProtocol.ICMPV6, 255, 0,
                in, msg, now); // RFC 4861 §4.5: hop limit 255
        if (!s.isOk()) {
            stack.icmpCounters(6).increment(IcmpCounter.OUT_ERRORS);
        }
    }

    /** Writes every byte of the Redirect (RFC 4861 §4.5) with its Redirected Header option (§4.6.3). */
    private void writeRedirect6(PacketBuf msg, long tHi, long tLo, long dHi, long dLo, PacketBuf packet, int quote) {
        MemorySegment seg = msg.segment();
        long off = msg.offset();
        ndp.wrap(seg, off, msg.length());
        NetOrder.setU8(seg, off + Icmpv6Layout.TYPE_OFFSET, Icmpv6Type.REDIRECT);
        NetOrder.setU8(seg, off + Icmpv6Layout.CODE_OFFSET, 0);
        NetOrder.setU16(seg, off + Icmpv6Layout.CHECKSUM_OFFSET, 0);
        ndp.setReservedOrFlags(0);
        ndp.setTarget(tHi, tLo);
        ndp.setDestination(dHi, dLo);
        long opt = off + FIXED_LENGTH;
        NetOrder.setU8(seg, opt + NdpLayout.OPTION_TYPE_OFFSET, NdpOptionType.REDIRECTED_HEADER);
        NetOrder.setU8(seg, opt + NdpLayout.OPTION_LENGTH_OFFSET,
                (NdpLayout.REDIRECTED_PACKET_OFFSET + quote) / NdpLayout.OPTION_UNIT);
        seg.asSlice(opt + NdpLayout.OPTION_DATA_OFFSET, NdpLayout.REDIRECTED_PACKET_OFFSET
                - NdpLayout.OPTION_DATA_OFFSET).fill((byte) 0);
        msg.copyFrom(FIXED_LENGTH + NdpLayout.REDIRECTED_PACKET_OFFSET, packet.segment(), packet.offset(), quote);
    }

    /** RFC 4861 §8.2: "the Source Address field of the packet identifies a neighbor": on an on-link prefix of {@code in}. */
    private static boolean neighbor6(Nic in, long sHi, long sLo) {
        for (Addr6 a : in.addrs6()) {
            int len = a.prefixLength();
            if (len < 128 && a.isAssigned() && !Ipv6Layer.isLinkLocal(a.hi())
                    && AddressPolicy.commonPrefixLength(a.hi(), a.lo(), 128, sHi, sLo) >= len) {
                return true;
            }
        }
        return false;
    }

    private static Addr6 linkLocal(Nic in) {
        for (Addr6 a : in.addrs6()) {
            if (a.isAssigned() && Ipv6Layer.isLinkLocal(a.hi())) {
                return a;
            }
        }
        return null;
    }

    private void rateLimited(int version) {
        stack.icmpCounters(version).increment(IcmpCounter.OUT_RATE_LIMITED);
        stack.drop(NetDrop.ICMP_RATE_LIMITED);
    }
}
