package org.jwsk.net.internal.frag;

import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.IpCounter;
import org.jwsk.net.NetDrop;
import org.jwsk.net.SendStatus;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.ipv6.Ipv6FragmentLayout;
import org.jwsk.wire.ipv6.Ipv6FragmentView;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6Layout;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * IPv6 fragmentation at the source (RFC 8200 §4.5; routers never fragment, §5):
 *
 * <pre>
 *  original:  | Per-Fragment headers | Extension & Upper-Layer headers | Fragmentable data ... |
 *  fragment:  | Per-Fragment headers | Fragment header | a piece of the fragmentable part (8n bytes but the last) |
 * </pre>
 *
 * <ul>
 *   <li>The Per-Fragment (unfragmentable) part is the IPv6 header and the extension headers that must precede the
 *       Fragment header: everything up to and including the Routing header if there is one (Hop-by-Hop and any
 *       Destination Options before the Routing header), else the Hop-by-Hop header if there is one, else nothing
 *       but the IPv6 header. It is repeated in every fragment, its last Next Header field set to 44.</li>
 *   <li>Each fragment fits {@code max(1280, mtu)} (RFC 8200 §5: 1280 is the minimum link MTU) and carries one
 *       identification from {@link org.jwsk.net.internal.Ipv6Layer#nextFragmentId} (RFC 7739).</li>
 *   <li>The first fragment carries the whole header chain through the upper-layer header (RFC 8200 §4.5, RFC 7112
 *       §5); a chain too long for it fails the send.</li>
 *   <li>A packet that already has a Fragment header is not fragmented again.</li>
 * </ul>
 * Counters as {@link Ipv4Fragmenter}.
 *
 * <p>Owned by the stack's thread.
 */
final class Ipv6Fragmenter {

    private final StackCore core;
    private final CounterSet<IpCounter> counters;
    private final Ipv6HeaderWalker walker = new Ipv6HeaderWalker();
    private final Ipv6View ip = new Ipv6View();
    private final Ipv6FragmentView fragment = new Ipv6FragmentView();

    Ipv6Fragmenter(StackCore core) {
        this.core = core;
        this.counters = core.ipCounters(6);
    }

    /** Sends {@code packet} (this host's own) as fragments of at most {@code max(1280, mtu)}. <b>Takes ownership.</b> */
    SendStatus fragment(Nic nic, PacketBuf packet, int mtu, long nhHi, long nhLo, long multicastMac, long now) {
        try {
            // Our own packet, walked only for its structure: options this host would not accept need not block it.
            if (walker.walkQuoted(packet.segment(), packet.offset(), packet.length()) != DropReason.NONE
                    || walker.hasFragmentHeader()) {
                return failed(SendStatus.MESSAGE_TOO_BIG, NetDrop.FRAGMENT_NEEDED);
            }
            int last = lastPerFragmentHeader();
            int unfragmentable = last < 0 ? Ipv6Layout.HEADER_LENGTH : headerEnd(last);
            int unit = (Math.max(Ipv6Layout.MIN_MTU, mtu) - unfragmentable - Ipv6FragmentLayout.HEADER_LENGTH) & ~7;
            int chain = walker.upperOffset() - unfragmentable + upperHeaderLength(walker.upperProtocol());
            if (unit <= 0 || chain > unit) { // RFC 7112 §5: the first fragment holds the whole chain
                return failed(SendStatus.MESSAGE_TOO_BIG, NetDrop.FRAGMENT_NEEDED);
            }
            int pointer = last < 0 ? Ipv6Layout.NEXT_HEADER_OFFSET : walker.extensionHeaderOffset(last);
            return cut(nic, packet, unfragmentable, pointer, unit, nhHi, nhLo, multicastMac, now);
        } finally {
            packet.release();
        }
    }

    /** The index of the last header of the Per-Fragment part, or -1 when it is the IPv6 header alone. */
    private int lastPerFragmentHeader() {
        int last = -1;
        for (int i = 0; i < walker.extensionHeaderCount(); i++) {
            if (walker.extensionHeaderProtocol(i) == IpProtocol.IPV6_ROUTE) {
                last = i;
            }
        }
        return last >= 0 || !walker.hasHopByHop() ? last : 0;
    }

    private int headerEnd(int i) {
        return i + 1 < walker.extensionHeaderCount() ? walker.extensionHeaderOffset(i + 1) : walker.upperOffset();
    }

    /** The fixed part of an upper-layer header that must be in the first fragment (RFC 7112 §5). */
    private static int upperHeaderLength(int protocol) {
        return switch (protocol) {
            case IpProtocol.TCP -> 20;
            case IpProtocol.UDP, IpProtocol.ICMPV6 -> 8;
            case IpProtocol.IPV6_NONXT -> 0;
            default -> 1;
        };
    }

    private SendStatus cut(Nic nic, PacketBuf packet, int unfragmentable, int pointer, int unit, long nhHi, long nhLo,
                           long multicastMac, long now) {
        Ipv6View p = ip.wrap(packet.segment(), packet.offset(), packet.length());
        int id = core.ipv6().nextFragmentId(p.srcHi(), p.srcLo(), p.dstHi(), p.dstLo());
        int nextHeader = NetOrder.u8(packet.segment(), packet.offset() + pointer);
        int fragmentable = packet.length() - unfragmentable;
        boolean queued = false;
        int made = 0;
        for (int pos = 0; pos < fragmentable; ) {
            int len = Math.min(unit, fragmentable - pos);
            int length = unfragmentable + Ipv6FragmentLayout.HEADER_LENGTH + len;
            PacketBuf f = core.pool().tryAllocate(core.pool().config().headroom(), length);
            if (f == null) {
                counters.add(IpCounter.OUT_FRAG_CREATES, made);
                return failed(SendStatus.NO_BUFFER, NetDrop.NO_BUFFER);
            }
            f.copyFrom(0, packet.segment(), packet.offset(), unfragmentable);
            NetOrder.setU8(f.segment(), f.offset() + pointer, IpProtocol.IPV6_FRAG);
            ip.wrap(f.segment(), f.offset(), length).setPayloadLength(length - Ipv6Layout.HEADER_LENGTH);
            Ipv6FragmentView h = fragment.wrap(f.segment(), f.offset() + unfragmentable,
                    Ipv6FragmentLayout.HEADER_LENGTH);
            h.setNextHeader(nextHeader);
            h.setOffsetAndFlags(pos >>> 3, pos + len < fragmentable);
            h.setIdentification(id);
            f.copyFrom(unfragmentable + Ipv6FragmentLayout.HEADER_LENGTH, packet.segment(),
                    packet.offset() + unfragmentable + pos, len);
            made++;
            SendStatus s = core.ipv6().transmitFinished(nic, f, nhHi, nhLo, multicastMac, now);
            if (!s.isOk()) { // the packet cannot arrive whole: stop, as Linux does
                counters.add(IpCounter.OUT_FRAG_CREATES, made);
                counters.increment(IpCounter.OUT_FRAG_FAILS);
                return s;
            }
            queued |= s == SendStatus.QUEUED;
            pos += len;
        }
        counters.increment(IpCounter.OUT_FRAG_OKS);
        counters.add(IpCounter.OUT_FRAG_CREATES, made);
        return queued ? SendStatus.QUEUED : SendStatus.SENT;
    }

    private SendStatus failed(SendStatus status, NetDrop reason) {
        counters.increment(IpCounter.OUT_FRAG_FAILS);
        core.drop(reason);
        return status;
    }
}
