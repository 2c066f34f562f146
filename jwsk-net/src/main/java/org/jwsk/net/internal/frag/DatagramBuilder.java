package org.jwsk.net.internal.frag;

import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.NetDrop;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6Layout;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * Builds a reassembled datagram from a complete {@link FragQueue} into one new pooled buffer: the headers of fragment
 * zero, then every fragment's data at its offset.
 *
 * <ul>
 *   <li>IPv4 (RFC 791 §3.2, "reassembly"): fragment zero's header, options included, with the total length of the
 *       whole, MF clear, offset 0 and a new checksum.</li>
 *   <li>IPv6 (RFC 8200 §4.5): fragment zero's unfragmentable part with its Fragment header removed, the Next Header
 *       field that named the Fragment header rewritten with the Fragment header's Next Header, and the payload
 *       length of the whole. A packet whose unfragmentable part and data exceed 65535 bytes of payload fails.</li>
 *   <li>ECN (RFC 3168 §5.3): CE if any fragment was CE; Not-ECT mixed with ECT or CE fails.</li>
 * </ul>
 *
 * <p>Owned by the stack's thread. The queue's fragments are borrowed; the caller releases them.
 */
final class DatagramBuilder {

    private static final int NOT_ECT = 1 << 0;
    private static final int CE = 1 << 3;

    private final StackCore core;
    private final Ipv4View v4 = new Ipv4View();
    private final Ipv6View v6 = new Ipv6View();
    private final Ipv6HeaderWalker walker = new Ipv6HeaderWalker();
    private NetDrop failure;

    DatagramBuilder(StackCore core) {
        this.core = core;
    }

    /**
     * The datagram of a complete queue, owned by the caller, or null; then {@link #failure()} says why.
     */
    PacketBuf build(FragQueue q) {
        failure = null;
        int ecn = ecnOf(q.ecnSeen());
        if (ecn < 0) {
            failure = NetDrop.REASSEMBLY_OVERLAP; // RFC 3168 §5.3: inconsistent ECN marks
            return null;
        }
        return q.key.version() == 4 ? build4(q, ecn) : build6(q, ecn);
    }

    /** Why the last {@link #build} returned null. */
    NetDrop failure() {
        return failure;
    }

    /**
     * RFC 3168 §5.3: the ECN bits to add to fragment zero's, from the codepoints seen (one bit each): 3 (CE) if any
     * fragment was CE, 0 to keep fragment zero's, -1 if Not-ECT is mixed with anything else.
     */
    static int ecnOf(int seen) {
        if ((seen & NOT_ECT) != 0) {
            return seen == NOT_ECT ? 0 : -1;
        }
        return (seen & CE) != 0 ? 3 : 0;
    }

    private PacketBuf build4(FragQueue q, int ecn) {
        PacketBuf first = q.buf(0);
        int headerLength = q.dataOffset(0);
        int length = headerLength + q.total();
        if (length > 0xffff) {
            failure = NetDrop.REASSEMBLY_TOO_BIG; // fragment zero's options made it too long
            return null;
        }
        PacketBuf out = allocate(length);
        if (out == null) {
            return null;
        }
        out.copyFrom(0, first.segment(), first.offset(), headerLength);
        copyData(q, out, headerLength);
        Ipv4View v = v4.wrap(out.segment(), out.offset(), length);
        v.setTotalLength(length);
        v.setFlagsAndFragmentOffset(v.dontFragment(), false, 0);
        v.setDscpEcn(v.dscp(), v.ecn() | ecn);
        v.fillChecksum();
        return out;
    }

    private PacketBuf build6(FragQueue q, int ecn) {
        PacketBuf first = q.buf(0);
        if (walker.walk(first.segment(), first.offset(), first.length()) != DropReason.NONE
                || !walker.isFirstFragment()) {
            failure = NetDrop.REASSEMBLY_BAD_FRAGMENT; // cannot happen: the IP layer walked it before us
            return null;
        }
        int unfragmentable = walker.fragmentHeaderOffset();
        int payloadLength = unfragmentable - Ipv6Layout.HEADER_LENGTH + q.total();
        if (payloadLength > Ipv6Layout.MAX_PAYLOAD_LENGTH) {
            failure = NetDrop.REASSEMBLY_TOO_BIG; // RFC 8200 §4.5: the reassembled packet would exceed 65535
            return null;
        }
        PacketBuf out = allocate(unfragmentable + q.total());
        if (out == null) {
            return null;
        }
        out.copyFrom(0, first.segment(), first.offset(), unfragmentable);
        copyData(q, out, unfragmentable);
        NetOrder.setU8(out.segment(), out.offset() + walker.fragmentPrecedingPointer(), walker.fragmentNextHeader());
        Ipv6View v = v6.wrap(out.segment(), out.offset(), out.length());
        v.setPayloadLength(payloadLength);
        v.setTrafficClass(v.trafficClass() | ecn);
        return out;
    }

    private PacketBuf allocate(int length) {
        PacketBuf out = core.pool().tryAllocate(core.pool().config().headroom(), length);
        if (out == null) {
            failure = NetDrop.NO_BUFFER;
        }
        return out;
    }

    private static void copyData(FragQueue q, PacketBuf out, int base) {
        for (int i = 0; i < q.count(); i++) {
            PacketBuf b = q.buf(i);
            out.copyFrom(base + q.start(i), b.segment(), b.offset() + q.dataOffset(i), q.end(i) - q.start(i));
        }
    }
}
