package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;

/**
 * A zero-copy view of a Hop-by-Hop or Destination Options header ({@link Ipv6OptionsLayout}). Which of the two
 * it is, the preceding header's next header field says; the bytes are the same. Iterate the options with an
 * {@link Ipv6OptionCursor}.
 *
 * <p><b>Contract.</b> {@link #check(MemorySegment, long, int)} first; only after {@link DropReason#NONE} may
 * the accessors and cursors run. The check is structural: the header fits and its options tile it. What an
 * option means depends on the header it is in (Router Alert exists only in Hop-by-Hop, RFC 2711 §2.1), so
 * option lengths, actions, padding rules and limits are {@link Ipv6HeaderWalker}'s; a Router Alert or Jumbo
 * Payload type with the wrong length parses as {@link Ipv6Option.Unknown}. {@link
 * #setHeaderExtLength(int)} voids an earlier check.
 *
 * <p>A view belongs to one thread at a time and borrows the segment it wraps.
 */
public final class Ipv6OptionsView {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that {@code len} bytes at {@code off} start with an options header: its stated length fits
     * ({@code IPV6_BAD_EXTENSION_HEADER}) and its options tile it exactly ({@code IPV6_BAD_OPTION}). Bytes after
     * the header are not looked at.
     *
     * @return {@link DropReason#NONE}, or why the header is malformed; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        if (len < Ipv6OptionsLayout.MIN_LENGTH) {
            return DropReason.IPV6_BAD_EXTENSION_HEADER;
        }
        int headerLength = Ipv6OptionsLayout.headerLength(NetOrder.u8(seg, off + Ipv6OptionsLayout.HDR_EXT_LEN_OFFSET));
        if (headerLength > len) {
            return DropReason.IPV6_BAD_EXTENSION_HEADER;
        }
        long p = off + Ipv6OptionsLayout.OPTIONS_OFFSET;
        long end = off + headerLength;
        while (p < end) {
            int type = NetOrder.u8(seg, p);
            if (type == Ipv6OptionType.PAD1) {
                p++;
                continue;
            }
            if (end - p < Ipv6OptionsLayout.OPTION_DATA_OFFSET) {
                return DropReason.IPV6_BAD_OPTION;
            }
            int dataLength = NetOrder.u8(seg, p + Ipv6OptionsLayout.OPTION_DATA_LENGTH_OFFSET);
            if (dataLength > end - p - Ipv6OptionsLayout.OPTION_DATA_OFFSET) {
                return DropReason.IPV6_BAD_OPTION;
            }
            p += Ipv6OptionsLayout.OPTION_DATA_OFFSET + dataLength;
        }
        return DropReason.NONE;
    }

    /** Whether an option of a type with a fixed data length (RFC 2711 §2.1, RFC 2675 §2) has that length. */
    static boolean fixedLengthFits(int type, int dataLength) {
        return switch (type) {
            case Ipv6OptionType.ROUTER_ALERT -> dataLength == 2;
            case Ipv6OptionType.JUMBO_PAYLOAD -> dataLength == 4;
            default -> true;
        };
    }

    /**
     * Points this view at {@code len} bytes of {@code seg} from {@code off}: the header and possibly more.
     *
     * @return this view
     */
    public Ipv6OptionsView wrap(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.off = off;
        this.len = len;
        return this;
    }

    /** The segment this view reads. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the header starts in {@link #segment()}. */
    public long offset() {
        return off;
    }

    /** The wrapped length. */
    public int length() {
        return len;
    }

    /** The next header field. */
    public int nextHeader() {
        return NetOrder.u8(seg, off + Ipv6OptionsLayout.NEXT_HEADER_OFFSET);
    }

    /** The Hdr Ext Len field: the length in 8-byte units, not counting the first 8 bytes. */
    public int headerExtLength() {
        return NetOrder.u8(seg, off + Ipv6OptionsLayout.HDR_EXT_LEN_OFFSET);
    }

    /** The header length in bytes. */
    public int headerLength() {
        return Ipv6OptionsLayout.headerLength(headerExtLength());
    }

    /** Where the options start in {@link #segment()}. */
    public long optionsOffset() {
        return off + Ipv6OptionsLayout.OPTIONS_OFFSET;
    }

    /** The options' total length (header length minus 2). */
    public int optionsLength() {
        return headerLength() - Ipv6OptionsLayout.OPTIONS_OFFSET;
    }

    /** Sets the next header field. */
    public void setNextHeader(int nextHeader) {
        NetOrder.setU8(seg, off + Ipv6OptionsLayout.NEXT_HEADER_OFFSET, nextHeader);
    }

    /** Sets the Hdr Ext Len field. Voids an earlier check. */
    public void setHeaderExtLength(int hdrExtLen) {
        NetOrder.setU8(seg, off + Ipv6OptionsLayout.HDR_EXT_LEN_OFFSET, hdrExtLen);
    }
}
