package org.jwsk.wire.tcp;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jwsk.common.buf.NetOrder;

/**
 * Option-space arithmetic and layouts for lists of {@link TcpOption}s: how long a header a list needs, whether
 * it fits in the 40 option bytes, how many SACK blocks still fit, and the layout Linux gives options on the wire.
 */
public final class TcpOptions {

    /** Bytes a NOP-aligned SACK option takes before its blocks: NOP, NOP, kind, length. */
    public static final int SACK_BASE_ALIGNED_LENGTH = 4;

    private static final Comparator<TcpOption> LINUX_ORDER = Comparator.comparingInt(TcpOptions::linuxRank);

    private TcpOptions() {
    }

    /** The bytes the options occupy, without padding. */
    public static int length(List<TcpOption> options) {
        int length = 0;
        for (TcpOption option : options) {
            length += option.length();
        }
        return length;
    }

    /** The bytes the options occupy once padded with zeros to a 32-bit boundary (RFC 9293 §3.1). */
    public static int paddedLength(List<TcpOption> options) {
        return TcpLayout.align4(length(options));
    }

    /** The header length a segment carrying {@code options} has: 20 plus the padded options. */
    public static int headerLength(List<TcpOption> options) {
        return TcpLayout.HEADER_LENGTH + paddedLength(options);
    }

    /** Whether the options fit in the 40 bytes a header has for them (RFC 9293 §3.1). */
    public static boolean fits(List<TcpOption> options) {
        return length(options) <= TcpLayout.MAX_OPTIONS_LENGTH;
    }

    /**
     * How many SACK blocks fit beside {@code otherOptionsLength} bytes of other (aligned) options when the SACK
     * option is laid out as Linux does, behind two NOPs: at most 4, and 3 next to NOP-aligned timestamps (RFC
     * 2018 §3; Linux {@code tcp_established_options}).
     */
    public static int maxSackBlocks(int otherOptionsLength) {
        int room = TcpLayout.MAX_OPTIONS_LENGTH - otherOptionsLength - SACK_BASE_ALIGNED_LENGTH;
        if (room < TcpOptionKind.SACK_BLOCK_LENGTH) {
            return 0;
        }
        return Math.min(TcpOptionKind.MAX_SACK_BLOCKS, room / TcpOptionKind.SACK_BLOCK_LENGTH);
    }

    /**
     * Lays the options out as Linux's {@code tcp_options_write} does, so jwsk's segments look like the kernel's:
     * MSS; SACK-Permitted and Timestamps sharing a word ({@code 04 02 08 0a}), or each behind two NOPs when alone;
     * NOP and Window Scale; two NOPs and SACK. Options Linux does not send follow in their given order, each
     * behind the NOPs that make it end on a 32-bit boundary. NOP and EOL entries in {@code options} are dropped;
     * the order among options of one kind is kept.
     *
     * <p>Every unit ends on a 32-bit boundary, so the result needs no padding. Whether it fits in 40 bytes is
     * the caller's to check ({@link #fits}).
     *
     * @return a new list, for example {@code [mss 1460, sackOK, TS val 1 ecr 0, nop, wscale 7]} for a SYN
     */
    public static List<TcpOption> linuxLayout(List<TcpOption> options) {
        List<TcpOption> sorted = new ArrayList<>(options.size());
        for (TcpOption option : options) {
            if (!(option instanceof TcpOption.Nop) && !(option instanceof TcpOption.EndOfList)) {
                sorted.add(option);
            }
        }
        sorted.sort(LINUX_ORDER);
        List<TcpOption> out = new ArrayList<>(sorted.size() + 8);
        for (int i = 0; i < sorted.size(); i++) {
            TcpOption option = sorted.get(i);
            if (option instanceof TcpOption.SackPermitted && i + 1 < sorted.size()
                    && sorted.get(i + 1) instanceof TcpOption.Timestamps) {
                // Linux puts SACK-Permitted in the two bytes that would otherwise be NOPs before the timestamps.
                out.add(option);
                out.add(sorted.get(++i));
                continue;
            }
            for (int nops = (4 - option.length() % 4) % 4; nops > 0; nops--) {
                out.add(TcpOption.NOP);
            }
            out.add(option);
        }
        return out;
    }

    /**
     * Writes the options in order at {@code off} and pads them with zero bytes to a 32-bit boundary (RFC 9293
     * §3.1: the padding is zeros, which a receiver reads as EOL). Never reads {@code seg}.
     *
     * @return the bytes written, {@link #paddedLength}
     */
    public static int write(List<TcpOption> options, MemorySegment seg, long off) {
        int at = 0;
        for (TcpOption option : options) {
            option.write(seg, off + at);
            at += option.length();
        }
        int padded = TcpLayout.align4(at);
        for (; at < padded; at++) {
            NetOrder.setU8(seg, off + at, TcpOptionKind.EOL);
        }
        return padded;
    }

    private static int linuxRank(TcpOption option) {
        return switch (option) {
            case TcpOption.Mss _ -> 0;
            case TcpOption.SackPermitted _ -> 1;
            case TcpOption.Timestamps _ -> 2;
            case TcpOption.WindowScale _ -> 3;
            case TcpOption.Sack _ -> 4;
            case TcpOption.Unknown _ -> 5;
            case TcpOption.Nop _ -> 6;
            case TcpOption.EndOfList _ -> 7;
        };
    }
}
