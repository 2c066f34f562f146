package org.jwsk.net.internal.frag;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.internal.Nic;

/**
 * One datagram under reassembly: the fragments received so far, held as they arrived (no copy), sorted by offset and
 * never overlapping; the holes are the gaps between them (RFC 815). The datagram is complete when the last fragment
 * has fixed its length and the fragments cover it without a gap.
 *
 * <p>Each fragment is kept whole (its buffer's window still starts at the IP header), with the offset of its data
 * in that window, so that fragment zero can be quoted in an ICMP error and its headers copied into the datagram.
 *
 * <p>Queues of one family form a list in order of creation (oldest first), which is also the order of their
 * deadlines. Owned by the stack's thread; {@link Reassembly} owns every queue and its buffers.
 */
final class FragQueue {

    /** What became of a fragment offered to {@link #insert}. */
    enum Verdict {
        /** Held: the queue owns the buffer now. */
        ACCEPTED,
        /** The same bytes at the same place as a fragment already held (RFC 8200 §4.5): not taken. */
        DUPLICATE,
        /** It overlaps a fragment held, or contradicts the datagram's length: the datagram must go. */
        OVERLAP
    }

    final FragKey key;
    final long created;
    final long deadline;
    FragQueue older;
    FragQueue newer;

    private PacketBuf[] bufs = new PacketBuf[8];
    private int[] starts = new int[8];
    private int[] ends = new int[8];
    private int[] dataOffsets = new int[8];
    private int count;
    private int total = -1;
    private int received;
    private long held;
    private int ecnSeen;
    private Nic firstNic;

    FragQueue(FragKey key, long created, long deadline) {
        this.key = key;
        this.created = created;
        this.deadline = deadline;
    }

    /**
     * Places a fragment covering datagram bytes {@code [start, end)}. Overlaps are refused, whatever their content
     * (RFC 5722 §4 for IPv6; see {@link Reassembly} for IPv4); an exact duplicate is told apart and refused alone.
     * Does not take the buffer unless the verdict is {@link Verdict#ACCEPTED}.
     *
     * @param dataOffset where the fragment's data starts in its buffer's window
     * @param last       whether this is the last fragment (MF or M clear): it fixes the datagram's length
     * @param ecn        the ECN codepoint it arrived with (RFC 3168 §5.3)
     * @param charge     the bytes the buffer counts for against the limits
     */
    Verdict insert(PacketBuf buf, int dataOffset, int start, int end, boolean last, int ecn, Nic nic, long charge) {
        if (last ? (total >= 0 && total != end) || (count > 0 && ends[count - 1] > end) : total >= 0 && end > total) {
            return Verdict.OVERLAP; // a second end, or data beyond the end: RFC 791 §3.2 has one length per datagram
        }
        int at = count;
        while (at > 0 && starts[at - 1] >= start) {
            at--;
        }
        if (at < count && starts[at] == start && ends[at] == end) {
            return sameBytes(at, buf, dataOffset) ? Verdict.DUPLICATE : Verdict.OVERLAP;
        }
        if ((at > 0 && ends[at - 1] > start) || (at < count && starts[at] < end)) {
            return Verdict.OVERLAP;
        }
        grow();
        System.arraycopy(bufs, at, bufs, at + 1, count - at);
        System.arraycopy(starts, at, starts, at + 1, count - at);
        System.arraycopy(ends, at, ends, at + 1, count - at);
        System.arraycopy(dataOffsets, at, dataOffsets, at + 1, count - at);
        bufs[at] = buf;
        starts[at] = start;
        ends[at] = end;
        dataOffsets[at] = dataOffset;
        count++;
        received += end - start;
        held += charge;
        ecnSeen |= 1 << ecn;
        if (last) {
            total = end;
        }
        if (start == 0) {
            firstNic = nic;
        }
        return Verdict.ACCEPTED;
    }

    private boolean sameBytes(int i, PacketBuf buf, int dataOffset) {
        PacketBuf mine = bufs[i];
        int len = ends[i] - starts[i];
        long a = mine.offset() + dataOffsets[i];
        long b = buf.offset() + dataOffset;
        return MemorySegment.mismatch(mine.segment(), a, a + len, buf.segment(), b, b + len) < 0;
    }

    private void grow() {
        if (count == bufs.length) {
            int n = count * 2;
            bufs = Arrays.copyOf(bufs, n);
            starts = Arrays.copyOf(starts, n);
            ends = Arrays.copyOf(ends, n);
            dataOffsets = Arrays.copyOf(dataOffsets, n);
        }
    }

    /** Whether the last fragment has arrived and no hole is left. */
    boolean isComplete() {
        return total >= 0 && received == total;
    }

    /** Whether fragment zero (offset 0) is held: only then may a timeout be reported (RFC 792, RFC 8200 §4.5). */
    boolean hasFirst() {
        return count > 0 && starts[0] == 0;
    }

    /** The datagram's length without its headers, once the last fragment has arrived; -1 before. */
    int total() {
        return total;
    }

    /** Buffer bytes held. */
    long held() {
        return held;
    }

    /** Fragments held. */
    int count() {
        return count;
    }

    /** Fragment {@code i} in offset order, borrowed: its window starts at its IP header. */
    PacketBuf buf(int i) {
        return bufs[i];
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    int dataOffset(int i) {
        return dataOffsets[i];
    }

    /** The ECN codepoints seen, one bit per codepoint (bit 0 Not-ECT ... bit 3 CE). */
    int ecnSeen() {
        return ecnSeen;
    }

    /** The interface fragment zero arrived on, or null. */
    Nic firstNic() {
        return firstNic;
    }

    /** Releases every fragment held. */
    void releaseAll() {
        for (int i = 0; i < count; i++) {
            bufs[i].release();
            bufs[i] = null;
        }
        count = 0;
        held = 0;
    }
}
