package org.jwsk.wire.tcp;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.seq.Seq32;
import org.jwsk.wire.Octets;

/**
 * One TCP option as it appears in a header, one record per kind (RFC 9293 §3.1-§3.2, RFC 7323, RFC 2018).
 * {@link TcpRepr} holds a list of them in wire order, NOPs included, so a layout survives parse and emit
 * unchanged; {@link TcpOptions#linuxLayout} arranges a list the way Linux does.
 *
 * <p>Records are for the control plane and tests. The data path reads options without allocating through
 * {@link TcpView} or {@link TcpOptionCursor}.
 */
public sealed interface TcpOption {

    /** The End of Option List option. */
    EndOfList EOL = new EndOfList();
    /** The No-Operation option. */
    Nop NOP = new Nop();
    /** The SACK-Permitted option. */
    SackPermitted SACK_PERMITTED = new SackPermitted();

    /** The option kind, 0-255 ({@link TcpOptionKind}). */
    int kind();

    /** The bytes the option occupies on the wire, kind and length byte included. */
    int length();

    /**
     * Writes the option's {@link #length()} bytes at {@code off}.
     *
     * @throws IndexOutOfBoundsException if they do not fit in {@code seg}
     */
    void write(MemorySegment seg, long off);

    /**
     * End of Option List, kind 0 (RFC 9293 §3.2): ends the list; the rest of the header is zero padding. It may
     * only be the last option of a {@link TcpRepr}.
     */
    record EndOfList() implements TcpOption {
        @Override
        public int kind() {
            return TcpOptionKind.EOL;
        }

        @Override
        public int length() {
            return TcpOptionKind.SINGLE_BYTE_LENGTH;
        }

        @Override
        public void write(MemorySegment seg, long off) {
            NetOrder.setU8(seg, off, TcpOptionKind.EOL);
        }

        @Override
        public String toString() {
            return "eol";
        }
    }

    /** No-Operation, kind 1 (RFC 9293 §3.2): a byte of alignment between options. */
    record Nop() implements TcpOption {
        @Override
        public int kind() {
            return TcpOptionKind.NOP;
        }

        @Override
        public int length() {
            return TcpOptionKind.SINGLE_BYTE_LENGTH;
        }

        @Override
        public void write(MemorySegment seg, long off) {
            NetOrder.setU8(seg, off, TcpOptionKind.NOP);
        }

        @Override
        public String toString() {
            return "nop";
        }
    }

    /**
     * Maximum Segment Size, kind 2, length 4 (RFC 9293 §3.2, §3.7.1): the largest segment the sender will
     * receive. Only meaningful on a SYN (MUST-65); the TCP layer also ignores zero, as Linux does.
     *
     * @param mss the segment size, 0-65535
     */
    record Mss(int mss) implements TcpOption {
        public Mss {
            if (mss < 0 || mss > 0xffff) {
                throw new IllegalArgumentException("MSS out of range: " + mss);
            }
        }

        @Override
        public int kind() {
            return TcpOptionKind.MSS;
        }

        @Override
        public int length() {
            return TcpOptionKind.MSS_LENGTH;
        }

        @Override
        public void write(MemorySegment seg, long off) {
            NetOrder.setU8(seg, off, TcpOptionKind.MSS);
            NetOrder.setU8(seg, off + 1, TcpOptionKind.MSS_LENGTH);
            NetOrder.setU16(seg, off + 2, mss);
        }

        @Override
        public String toString() {
            return "mss " + mss;
        }
    }

    /**
     * Window Scale, kind 3, length 3 (RFC 7323 §2.2): the shift the sender applies to the windows it
     * advertises. The record keeps the raw byte; a receiver uses {@link #effectiveShift()} (RFC 7323 §2.3).
     *
     * @param shift the shift count as sent, 0-255
     */
    record WindowScale(int shift) implements TcpOption {

        /** The largest shift a receiver uses: larger values MUST be taken as 14 (RFC 7323 §2.3). */
        public static final int MAX_SHIFT = 14;

        public WindowScale {
            if (shift < 0 || shift > 0xff) {
                throw new IllegalArgumentException("window scale shift out of range: " + shift);
            }
        }

        /** The shift a receiver applies: the sent value, clamped to {@link #MAX_SHIFT} (RFC 7323 §2.3). */
        public int effectiveShift() {
            return Math.min(shift, MAX_SHIFT);
        }

        @Override
        public int kind() {
            return TcpOptionKind.WINDOW_SCALE;
        }

        @Override
        public int length() {
            return TcpOptionKind.WINDOW_SCALE_LENGTH;
        }

        @Override
        public void write(MemorySegment seg, long off) {
            NetOrder.setU8(seg, off, TcpOptionKind.WINDOW_SCALE);
            NetOrder.setU8(seg, off + 1, TcpOptionKind.WINDOW_SCALE_LENGTH);
            NetOrder.setU8(seg, off + 2, shift);
        }

        @Override
        public String toString() {
            return "wscale " + shift;
        }
    }

    /** SACK-Permitted, kind 4, length 2 (RFC 2018 §2): the sender can receive SACK options. */
    record SackPermitted() implements TcpOption {
        @Override
        public int kind() {
            return TcpOptionKind.SACK_PERMITTED;
        }

        @Override
        public int length() {
            return TcpOptionKind.SACK_PERMITTED_LENGTH;
        }

        @Override
        public void write(MemorySegment seg, long off) {
            NetOrder.setU8(seg, off, TcpOptionKind.SACK_PERMITTED);
            NetOrder.setU8(seg, off + 1, TcpOptionKind.SACK_PERMITTED_LENGTH);
        }

        @Override
        public String toString() {
            return "sackOK";
        }
    }

    /**
     * SACK, kind 5, length 2 + 8n (RFC 2018 §3): the blocks of out-of-order data the sender holds, the most
     * recent first.
     *
     * @param blocks 1 to {@link TcpOptionKind#MAX_SACK_BLOCKS} blocks
     */
    record Sack(List<SackBlock> blocks) implements TcpOption {
        public Sack {
            blocks = List.copyOf(blocks);
            if (blocks.isEmpty() || blocks.size() > TcpOptionKind.MAX_SACK_BLOCKS) {
                throw new IllegalArgumentException("a SACK option holds 1 to 4 blocks, not " + blocks.size());
            }
        }

        /** A SACK option with the given blocks. */
        public static Sack of(SackBlock... blocks) {
            return new Sack(List.of(blocks));
        }

        @Override
        public int kind() {
            return TcpOptionKind.SACK;
        }

        @Override
        public int length() {
            return TcpOptionKind.sackLength(blocks.size());
        }

        @Override
        public void write(MemorySegment seg, long off) {
            NetOrder.setU8(seg, off, TcpOptionKind.SACK);
            NetOrder.setU8(seg, off + 1, length());
            long at = off + TcpOptionKind.TLV_HEADER_LENGTH;
            for (SackBlock block : blocks) {
                NetOrder.setI32(seg, at, block.left());
                NetOrder.setI32(seg, at + 4, block.right());
                at += TcpOptionKind.SACK_BLOCK_LENGTH;
            }
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder("sack ").append(blocks.size()).append(' ');
            blocks.forEach(b::append);
            return b.toString();
        }
    }

    /**
     * Timestamps, kind 8, length 10 (RFC 7323 §3.2): the sender's clock and the most recent timestamp it
     * received. Raw 32-bit values, compared modulo 2^32 ({@link Seq32}).
     *
     * @param tsVal the timestamp value, TSval
     * @param tsEcr the timestamp echo reply, TSecr (meaningful only with ACK, RFC 7323 §3.2)
     */
    record Timestamps(int tsVal, int tsEcr) implements TcpOption {
        @Override
        public int kind() {
            return TcpOptionKind.TIMESTAMPS;
        }

        @Override
        public int length() {
            return TcpOptionKind.TIMESTAMPS_LENGTH;
        }

        @Override
        public void write(MemorySegment seg, long off) {
            NetOrder.setU8(seg, off, TcpOptionKind.TIMESTAMPS);
            NetOrder.setU8(seg, off + 1, TcpOptionKind.TIMESTAMPS_LENGTH);
            NetOrder.setI32(seg, off + 2, tsVal);
            NetOrder.setI32(seg, off + 6, tsEcr);
        }

        @Override
        public String toString() {
            return "TS val " + Integer.toUnsignedString(tsVal) + " ecr " + Integer.toUnsignedString(tsEcr);
        }
    }

    /**
     * An option jwsk does not decode, kept as kind and data so it survives parse and emit: a kind without a
     * record here (MD5, TCP-AO, MPTCP, Fast Open, experimental, unassigned), which TCP ignores (RFC 9293 §3.1
     * MUST-6), or a decoded kind whose length its RFC does not allow, which TCP ignores as Linux does.
     *
     * @param kind the option kind, 2-255
     * @param data the bytes after the kind and length bytes, at most {@link TcpOptionKind#MAX_DATA_LENGTH}
     */
    record Unknown(int kind, Octets data) implements TcpOption {
        public Unknown {
            Objects.requireNonNull(data, "data");
            if (kind < TcpOptionKind.MSS || kind > 0xff) {
                throw new IllegalArgumentException("option kind must be 2-255 (EOL and NOP have records): " + kind);
            }
            if (data.length() > TcpOptionKind.MAX_DATA_LENGTH) {
                throw new IllegalArgumentException("option data longer than 38 bytes: " + data.length());
            }
            int length = data.length() + TcpOptionKind.TLV_HEADER_LENGTH;
            if (TcpOptionKind.isDecoded(kind) && TcpOptionKind.isWellFormed(kind, length)) {
                throw new IllegalArgumentException(TcpOptionKind.name(kind) + " of length " + length
                        + " is decoded into its own record; use that");
            }
        }

        @Override
        public int length() {
            return TcpOptionKind.TLV_HEADER_LENGTH + data.length();
        }

        @Override
        public void write(MemorySegment seg, long off) {
            NetOrder.setU8(seg, off, kind);
            NetOrder.setU8(seg, off + 1, length());
            data.copyTo(seg, off + TcpOptionKind.TLV_HEADER_LENGTH);
        }

        @Override
        public String toString() {
            return TcpOptionKind.name(kind) + (data.isEmpty() ? "" : " 0x" + data.toHex());
        }
    }
}
