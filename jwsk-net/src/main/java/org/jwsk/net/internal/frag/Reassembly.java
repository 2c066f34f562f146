package org.jwsk.net.internal.frag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.Deadlines;
import org.jwsk.net.IpCounter;
import org.jwsk.net.NetConfig;
import org.jwsk.net.NetDrop;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.icmpv4.Icmpv4Layout;
import org.jwsk.wire.icmpv6.Icmpv6Code;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6FragmentLayout;
import org.jwsk.wire.ipv6.Ipv6FragmentView;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * Reassembly for both families (RFC 791 §3.2, RFC 8200 §4.5, RFC 815): a table of incomplete datagrams per family,
 * bounded in count and in buffer bytes, in total and per datagram, with timeouts.
 *
 * <p>The rules, in the order a fragment meets them:
 * <ul>
 *   <li>An IPv4 fragment without data, or one that is not the last and not a multiple of 8 bytes, is dropped alone
 *       (RFC 791 §3.2 cuts every fragment but the last on 8-byte boundaries; Linux trims such a fragment instead).
 *       IPv6 fragments reach us checked by the header walker (RFC 8200 §4.5: multiples of 8, the first one carrying
 *       the whole header chain, RFC 7112).</li>
 *   <li>A fragment reaching beyond 65535 bytes of datagram drops its datagram (the "ping of death"; IPv6: the
 *       walker checks the fragmentable part, the unfragmentable part is checked when the packet is built).</li>
 *   <li>Overlapping fragments drop the whole datagram: RFC 5722 §4 for IPv6; for IPv4 as Linux does since 2018
 *       (commit 7969e5c40dfd, "ip: discard IPv4 datagrams with overlapping segments"), since overlaps serve only
 *       to evade inspection. An exact duplicate (same place, same bytes) is dropped alone (RFC 8200 §4.5).</li>
 *   <li>A fragment that contradicts the datagram's length (a second, different last fragment; data beyond it)
 *       drops the datagram, as Linux does.</li>
 *   <li>Memory is the fragments' buffer capacity. One datagram may hold {@code maxDatagramBytes}; past it the
 *       datagram is dropped. All datagrams together may hold {@code maxBytes} and number {@code maxDatagrams}; to
 *       make room the oldest incomplete datagrams are dropped first (as Linux's evictor does).</li>
 *   <li>A datagram still incomplete after its family's timeout is dropped; if fragment zero had arrived, an ICMP
 *       Time Exceeded, code 1 "fragment reassembly time exceeded", goes to its source (RFC 792, RFC 1122 §3.3.2,
 *       RFC 8200 §4.5).</li>
 *   <li>ECN (RFC 3168 §5.3): if any fragment was CE the datagram is CE; fragments mixing Not-ECT with ECT or CE
 *       drop the datagram, as Linux does.</li>
 * </ul>
 * Counters: every fragment is a ReasmReqds (counted by the IP layer); every datagram built a ReasmOKs; every
 * datagram dropped, and every fragment rejected alone (duplicates aside), a ReasmFails with a {@link NetDrop}.
 *
 * <p>Owned by the stack's thread. Fragments given to it are owned by it until the datagram is built or dropped.
 */
final class Reassembly {

    private static final int FRAGMENT_COPY_HEADROOM = 0;

    private final StackCore core;
    private final NetConfig.ReassemblyConfig config;
    private final Map<FragKey, FragQueue> table = new HashMap<>();
    private final FragKey probe;
    private final Ipv4View v4 = new Ipv4View();
    private final Ipv6View v6 = new Ipv6View();
    private final Ipv6FragmentView fragment = new Ipv6FragmentView();
    private final Ipv6HeaderWalker walker = new Ipv6HeaderWalker();
    private final DatagramBuilder builder;
    private final int smallestBuffer;
    private final FragQueue[] oldest = new FragQueue[2];
    private final FragQueue[] newest = new FragQueue[2];
    private long heldBytes;

    Reassembly(StackCore core) {
        this.core = core;
        this.config = core.config().reassembly();
        this.builder = new DatagramBuilder(core);
        this.probe = new FragKey(core.random().nextLong());
        List<BufPoolConfig.SizeClass> classes = core.pool().config().sizeClasses();
        this.smallestBuffer = classes.getFirst().bufferSize();
    }

    /** Buffer bytes held by incomplete datagrams. */
    long heldBytes() {
        return heldBytes;
    }

    /** Incomplete datagrams held. */
    int datagrams() {
        return table.size();
    }

    // ------------------------------------------------------------------------------------------------- IPv4

    /** An IPv4 fragment, from its header; <b>takes ownership</b>. Returns the datagram when it completes. */
    PacketBuf add4(Nic nic, PacketBuf frag, long now) {
        Ipv4View v = v4.wrap(frag.segment(), frag.offset(), frag.length());
        int headerLength = v.headerLength();
        int start = v.fragmentByteOffset();
        int end = start + frag.length() - headerLength;
        boolean last = !v.moreFragments();
        probe.set4(nic.compartment().id().value(), v.src(), v.dst(), v.protocol(), v.identification());
        if (end == start || (!last && (end & 7) != 0)) {
            return reject(4, frag, NetDrop.REASSEMBLY_BAD_FRAGMENT);
        }
        if (headerLength + end > 0xffff) {
            return tooBig(4, frag);
        }
        return accept(nic, frag, headerLength, start, end, last, v.ecn(), now);
    }

    // ------------------------------------------------------------------------------------------------- IPv6

    /**
     * An IPv6 fragment whose chain the header walker accepted, with its Fragment header at {@code fragmentOffset};
     * <b>takes ownership</b>. Returns the packet when it completes.
     */
    PacketBuf add6(Nic nic, PacketBuf frag, int fragmentOffset, long now) {
        Ipv6View v = v6.wrap(frag.segment(), frag.offset(), frag.length());
        Ipv6FragmentView f = fragment.wrap(frag.segment(), frag.offset() + fragmentOffset,
                Ipv6FragmentLayout.HEADER_LENGTH); // inside the chain the walker checked
        int id = f.identification();
        int dataOffset = fragmentOffset + Ipv6FragmentLayout.HEADER_LENGTH;
        int start = f.fragmentOffsetBytes();
        int end = start + frag.length() - dataOffset;
        boolean last = !f.moreFragments();
        long sHi = v.srcHi();
        long dHi = v.dstHi();
        boolean scoped = isLinkLocal(sHi) || isLinkLocal(dHi) || (dHi >>> 56) == 0xff;
        probe.set6(nic.compartment().id().value(), scoped ? nic.id().value() : 0, sHi, v.srcLo(), dHi, v.dstLo(), id);
        if (end == start) {
            return reject(6, frag, NetDrop.REASSEMBLY_BAD_FRAGMENT); // RFC 8200 §4.5 permits none; nothing to add
        }
        if (end > 0xffff) {
            return tooBig(6, frag);
        }
        return accept(nic, frag, dataOffset, start, end, last, v.ecn(), now);
    }

    private static boolean isLinkLocal(long hi) {
        return (hi & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L;
    }

    // ----------------------------------------------------------------------------------------------- common

    /** Places a fragment whose identity is in {@link #probe}; <b>takes ownership</b>. */
    private PacketBuf accept(Nic nic, PacketBuf frag, int dataOffset, int start, int end, boolean last, int ecn,
                             long now) {
        int version = probe.version();
        PacketBuf held = adopt(frag);
        if (held == null) {
            return reject(version, null, NetDrop.NO_BUFFER);
        }
        long charge = held.capacity();
        FragQueue q = table.get(probe);
        if (q == null) {
            q = create(version, now);
        }
        if (q.count() > 0 && q.held() + charge > config.maxDatagramBytes()) { // a lone fragment always fits
            held.release();
            kill(q, NetDrop.REASSEMBLY_LIMIT);
            return null;
        }
        makeRoom(charge, q);
        if (heldBytes + charge > config.maxBytes()) { // this datagram alone fills the total: it cannot grow
            held.release();
            kill(q, NetDrop.REASSEMBLY_LIMIT);
            return null;
        }
        FragQueue.Verdict verdict = q.insert(held, dataOffset, start, end, last, ecn, nic, charge);
        switch (verdict) {
            case ACCEPTED -> heldBytes += charge;
            case DUPLICATE -> {
                held.release();
                core.drop(NetDrop.REASSEMBLY_DUPLICATE); // not a failure: the datagram carries on
                return null;
            }
            case OVERLAP -> {
                held.release();
                kill(q, NetDrop.REASSEMBLY_OVERLAP);
                return null;
            }
        }
        return q.isComplete() ? complete(q) : null;
    }

    /**
     * The fragment as it will be held: itself, or a copy in a buffer of the smallest size that fits when it sits
     * in a much larger one (a driver reading into 64 KiB buffers) or shares its memory with other owners, so that
     * what the limits count is what the pool gives up. Null when no buffer is free.
     */
    private PacketBuf adopt(PacketBuf frag) {
        if (!frag.isShared() && frag.capacity() <= fittingBuffer(frag.length())) {
            return frag;
        }
        PacketBuf copy = core.pool().tryAllocate(FRAGMENT_COPY_HEADROOM, frag.length());
        if (copy != null) {
            copy.copyFrom(0, frag.segment(), frag.offset(), frag.length());
        }
        frag.release();
        return copy;
    }

    private int fittingBuffer(int length) {
        for (BufPoolConfig.SizeClass c : core.pool().config().sizeClasses()) {
            if (c.bufferSize() >= length) {
                return c.bufferSize();
            }
        }
        return Math.max(smallestBuffer, length);
    }

    private FragQueue create(int version, long now) {
        if (table.size() >= config.maxDatagrams()) {
            kill(oldestOverall(), NetDrop.REASSEMBLY_LIMIT);
        }
        long timeout = (version == 4 ? config.timeoutV4() : config.timeoutV6()).toNanos();
        FragQueue q = new FragQueue(probe.copy(), now, Deadlines.after(now, timeout));
        table.put(q.key, q);
        int f = family(version);
        q.older = newest[f];
        if (newest[f] != null) {
            newest[f].newer = q;
        } else {
            oldest[f] = q;
        }
        newest[f] = q;
        return q;
    }

    /** Drops the oldest incomplete datagrams other than {@code keep} until {@code charge} more bytes fit. */
    private void makeRoom(long charge, FragQueue keep) {
        while (heldBytes + charge > config.maxBytes()) {
            FragQueue victim = oldestExcept(keep);
            if (victim == null) {
                return; // only keep is left
            }
            kill(victim, NetDrop.REASSEMBLY_LIMIT);
        }
    }

    private FragQueue oldestOverall() {
        return oldestExcept(null);
    }

    /** The oldest datagram of either family that is not {@code keep}, or null. */
    private FragQueue oldestExcept(FragQueue keep) {
        FragQueue a = oldest[0] == keep && keep != null ? keep.newer : oldest[0];
        FragQueue b = oldest[1] == keep && keep != null ? keep.newer : oldest[1];
        if (a == null) {
            return b;
        }
        return b == null || a.created - b.created <= 0 ? a : b;
    }

    private PacketBuf complete(FragQueue q) {
        unlink(q);
        heldBytes -= q.held();
        int version = q.key.version();
        PacketBuf datagram = builder.build(q);
        NetDrop failure = builder.failure();
        q.releaseAll();
        if (datagram == null) {
            fail(version, failure);
            return null;
        }
        core.ipCounters(version).increment(IpCounter.REASM_OKS);
        return datagram;
    }

    // -------------------------------------------------------------------------------------------- timeouts

    /** The earliest deadline of an incomplete datagram. */
    long nextDeadline() {
        long d = Deadlines.NONE;
        for (FragQueue q : oldest) {
            if (q != null) {
                d = Deadlines.earliest(d, q.deadline);
            }
        }
        return d;
    }

    /** Drops the datagrams whose time is up, with an ICMP Time Exceeded where fragment zero arrived. */
    void expire(long now) {
        for (int f = 0; f < 2; f++) {
            while (oldest[f] != null && Deadlines.isDue(oldest[f].deadline, now)) {
                FragQueue q = oldest[f];
                unlink(q);
                heldBytes -= q.held();
                fail(q.key.version(), NetDrop.REASSEMBLY_TIMEOUT);
                timeExceeded(q, now);
                q.releaseAll();
            }
        }
    }

    /** RFC 792 / RFC 1122 §3.3.2 and RFC 8200 §4.5: only about a datagram whose fragment zero arrived. */
    private void timeExceeded(FragQueue q, long now) {
        Nic nic = q.firstNic();
        if (!q.hasFirst() || !nic.isUp()) {
            return;
        }
        PacketBuf first = q.buf(0);
        if (q.key.version() == 4) {
            core.icmp4().sendError(Icmpv4Layout.TYPE_TIME_EXCEEDED, Icmpv4Layout.TIME_EXCEEDED_REASSEMBLY, 0, nic,
                    first, now);
        } else if (!isIcmpv6Error(first)) {
            boolean toMulticast = (v6.wrap(first.segment(), first.offset(), first.length()).dstHi() >>> 56) == 0xff;
            core.icmp6().sendError(Icmpv6Type.TIME_EXCEEDED, Icmpv6Code.REASSEMBLY_TIME_EXCEEDED, 0, nic, first,
                    toMulticast, now);
        }
    }

    /**
     * RFC 4443 §2.4(e.1): no error about an ICMPv6 error. The ICMP layer looks only at the fixed header's Next
     * Header, which for fragment zero names the Fragment header; the type lies behind it, as Linux's {@code
     * icmpv6_send} finds it by skipping the extension headers.
     */
    private boolean isIcmpv6Error(PacketBuf first) {
        if (walker.walk(first.segment(), first.offset(), first.length()) != DropReason.NONE) {
            return true; // cannot happen: the IP layer walked it; say nothing about what we cannot read
        }
        return walker.upperProtocol() == IpProtocol.ICMPV6 && walker.upperLength() > 0
                && NetOrder.u8(first.segment(), first.offset() + walker.upperOffset()) < 128;
    }

    // ----------------------------------------------------------------------------------------------- drops

    private PacketBuf reject(int version, PacketBuf frag, NetDrop reason) {
        if (frag != null) {
            frag.release();
        }
        fail(version, reason);
        return null;
    }

    /** A fragment that would make its datagram exceed 65535 bytes: it and its datagram go. */
    private PacketBuf tooBig(int version, PacketBuf frag) {
        FragQueue q = table.get(probe);
        if (q != null) {
            unlink(q);
            heldBytes -= q.held();
            q.releaseAll();
        }
        return reject(version, frag, NetDrop.REASSEMBLY_TOO_BIG);
    }

    private void kill(FragQueue q, NetDrop reason) {
        unlink(q);
        heldBytes -= q.held();
        q.releaseAll();
        fail(q.key.version(), reason);
    }

    private void fail(int version, NetDrop reason) {
        core.ipCounters(version).increment(IpCounter.REASM_FAILS);
        core.drop(reason);
    }

    private void unlink(FragQueue q) {
        table.remove(q.key);
        int f = family(q.key.version());
        if (q.older != null) {
            q.older.newer = q.newer;
        } else {
            oldest[f] = q.newer;
        }
        if (q.newer != null) {
            q.newer.older = q.older;
        } else {
            newest[f] = q.older;
        }
        q.older = null;
        q.newer = null;
    }

    private static int family(int version) {
        return version == 4 ? 0 : 1;
    }

    /** Drops everything held (the stack is closing). */
    void clear() {
        for (int f = 0; f < 2; f++) {
            while (oldest[f] != null) {
                FragQueue q = oldest[f];
                unlink(q);
                q.releaseAll();
            }
        }
        heldBytes = 0;
    }
}
