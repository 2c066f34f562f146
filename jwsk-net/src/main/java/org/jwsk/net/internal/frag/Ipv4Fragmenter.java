package org.jwsk.net.internal.frag;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.IpCounter;
import org.jwsk.net.NetDrop;
import org.jwsk.net.SendStatus;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.ipv4.Ipv4Layout;
import org.jwsk.wire.ipv4.Ipv4OptionCursor;
import org.jwsk.wire.ipv4.Ipv4View;

/**
 * IPv4 fragmentation (RFC 791 §2.3 and §3.2, "An Example Fragmentation Procedure"; RFC 1812 §5.2.6 for routers):
 * cuts a datagram into fragments that fit the MTU, each carrying a multiple of 8 data bytes but the last.
 *
 * <ul>
 *   <li>The first fragment carries the whole header, options included; later ones only the options whose copied
 *       flag is set (RFC 791 §3.1), padded to a 32-bit boundary. Every fragment keeps the identification, TOS, TTL,
 *       protocol and addresses.</li>
 *   <li>A datagram that is itself a fragment (a router refragmenting) keeps its place: offsets are counted from
 *       its own, and the last piece keeps its MF flag (RFC 791 §3.2).</li>
 *   <li>DF is the caller's business: it has checked that fragmenting is allowed.</li>
 * </ul>
 * Counters: OutFragOKs per datagram fragmented, OutFragCreates per fragment made, OutFragFails when it cannot be
 * (no buffer, an MTU too small for 8 data bytes, a link refusing a fragment). Each fragment leaves through {@link
 * org.jwsk.net.internal.Ipv4Layer#transmitFinished}, which counts it as a transmission.
 *
 * <p>Owned by the stack's thread.
 */
final class Ipv4Fragmenter {

    private final StackCore core;
    private final CounterSet<IpCounter> counters;
    private final Ipv4View in = new Ipv4View();
    private final Ipv4View out = new Ipv4View();
    private final Ipv4OptionCursor options = new Ipv4OptionCursor();

    Ipv4Fragmenter(StackCore core) {
        this.core = core;
        this.counters = core.ipCounters(4);
    }

    /** Sends {@code datagram} as fragments of at most {@code mtu} bytes. <b>Takes ownership.</b> */
    SendStatus fragment(Nic nic, PacketBuf datagram, int mtu, long nextHop, long multicastMac, long now) {
        try {
            Ipv4View d = in.wrap(datagram.segment(), datagram.offset(), datagram.length());
            int headerLength = d.headerLength();
            int laterHeaderLength = Ipv4Layout.MIN_HEADER_LENGTH + align4(copiedOptionsLength(d));
            int firstUnit = (mtu - headerLength) & ~7;
            int laterUnit = (mtu - laterHeaderLength) & ~7;
            if (firstUnit <= 0 || laterUnit <= 0) {
                return failed(SendStatus.MESSAGE_TOO_BIG, NetDrop.FRAGMENT_NEEDED);
            }
            return cut(nic, datagram, headerLength, laterHeaderLength, firstUnit, laterUnit, nextHop, multicastMac,
                    now);
        } finally {
            datagram.release();
        }
    }

    private SendStatus cut(Nic nic, PacketBuf datagram, int headerLength, int laterHeaderLength, int firstUnit,
                           int laterUnit, long nextHop, long multicastMac, long now) {
        int payload = datagram.length() - headerLength;
        int baseOffset = in.fragmentByteOffset();
        boolean baseMore = in.moreFragments();
        boolean queued = false;
        int made = 0;
        for (int pos = 0; pos < payload; ) {
            boolean first = pos == 0;
            int h = first ? headerLength : laterHeaderLength;
            int len = Math.min(first ? firstUnit : laterUnit, payload - pos);
            PacketBuf f = core.pool().tryAllocate(core.pool().config().headroom(), h + len);
            if (f == null) {
                counters.add(IpCounter.OUT_FRAG_CREATES, made);
                return failed(SendStatus.NO_BUFFER, NetDrop.NO_BUFFER);
            }
            writeHeader(datagram, f, first, h);
            f.copyFrom(h, datagram.segment(), datagram.offset() + headerLength + pos, len);
            out.wrap(f.segment(), f.offset(), f.length());
            out.setTotalLength(h + len);
            boolean more = pos + len < payload || baseMore;
            out.setFlagsAndFragmentOffset(false, more, (baseOffset + pos) >>> 3);
            out.setChecksum(0);
            if (!nic.caps().txChecksumOffload()) {
                out.fillChecksum();
            }
            made++;
            SendStatus s = core.ipv4().transmitFinished(nic, f, nextHop, multicastMac, now);
            if (!s.isOk()) { // the datagram cannot arrive whole: stop wasting the link, as Linux does
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

    /** Writes fragment {@code f}'s header: the whole original one, or its fixed part and its copied options. */
    private void writeHeader(PacketBuf datagram, PacketBuf f, boolean first, int h) {
        MemorySegment src = datagram.segment();
        if (first) {
            f.copyFrom(0, src, datagram.offset(), h);
            return;
        }
        f.copyFrom(0, src, datagram.offset(), Ipv4Layout.MIN_HEADER_LENGTH);
        int at = Ipv4Layout.MIN_HEADER_LENGTH;
        options.reset(in);
        while (options.next()) {
            if (Ipv4Layout.isCopied(options.type())) {
                f.copyFrom(at, src, options.offset(), options.length());
                at += options.length();
            }
        }
        for (; at < h; at++) {
            NetOrder.setU8(f.segment(), f.offset() + at, Ipv4Layout.OPT_EOL); // RFC 791 §3.1: padding is zeros
        }
        out.wrap(f.segment(), f.offset(), h).setVersionAndHeaderLength(h);
    }

    /** The bytes of the options with the copied flag, as later fragments carry them. */
    private int copiedOptionsLength(Ipv4View d) {
        int n = 0;
        options.reset(d);
        while (options.next()) {
            if (Ipv4Layout.isCopied(options.type())) {
                n += options.length();
            }
        }
        return n;
    }

    private static int align4(int n) {
        return (n + 3) & ~3;
    }

    private SendStatus failed(SendStatus status, NetDrop reason) {
        counters.increment(IpCounter.OUT_FRAG_FAILS);
        core.drop(reason);
        return status;
    }
}
