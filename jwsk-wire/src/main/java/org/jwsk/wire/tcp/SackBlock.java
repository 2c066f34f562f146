package org.jwsk.wire.tcp;

import org.jwsk.common.seq.Seq32;

/**
 * One block of a SACK option (RFC 2018 §3): the first sequence number of a received run of data and the one
 * just past it. Edges are raw 32-bit sequence numbers, compared with {@link Seq32}; the wire keeps whatever the
 * peer sent, and the TCP layer judges whether a block makes sense (RFC 2018 §3, RFC 2883 D-SACK).
 *
 * @param left  the left edge, the first sequence number of the block
 * @param right the right edge, the sequence number just after the block
 */
public record SackBlock(int left, int right) {

    /** The number of sequence numbers the block covers, as an unsigned distance modulo 2^32. */
    public long span() {
        return Integer.toUnsignedLong(right - left);
    }

    /** As tcpdump prints a block: {@code {left:right}} with unsigned edges. */
    @Override
    public String toString() {
        return "{" + Seq32.unsigned(left) + ":" + Seq32.unsigned(right) + "}";
    }
}
