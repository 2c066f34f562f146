package org.jwsk.wire.ipv4;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.DropReason;

/**
 * A zero-copy view of an IPv4 datagram ({@link Ipv4Layout}): one instance is {@link #wrap wrapped} over
 * datagram after datagram and allocates nothing, options included ({@link #findOption}, {@link
 * Ipv4OptionCursor}).
 *
 * <p><b>Contract.</b> Call {@link #check(MemorySegment, long, int)} on untrusted bytes first (or {@link
 * #checkQuoted} on the header quoted in an ICMP error); only when it returns {@link DropReason#NONE} may the
 * accessors run, and then none of them reads outside the wrapped range. The header checksum is verified
 * separately ({@link #checksumValid()}). {@link #setVersionAndHeaderLength} and {@link #setTotalLength} can make
 * a checked datagram fail the check again. For emitting, wrap the buffer without checking and write through
 * {@link Ipv4Repr#emit}.
 *
 * <p>A view belongs to one thread at a time and must not be kept beyond the buffer it wraps, which the caller
 * owns throughout.
 */
public final class Ipv4View {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that {@code len} bytes at {@code off} hold an IPv4 datagram (RFC 791 §3.1; RFC 1122 §3.2.1.1-2;
     * the order of Linux {@code ip_rcv_core}): version 4, IHL of at least 5, a total length that covers the
     * header and fits in the bytes present, and well-formed options. Bytes after the total length are link
     * padding.
     *
     * @return {@link DropReason#NONE}, or why the datagram must be dropped; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        DropReason header = checkFixed(seg, off, len);
        if (header != DropReason.NONE) {
            return header;
        }
        if (NetOrder.u16(seg, off + Ipv4Layout.TOTAL_LENGTH_OFFSET) > len) {
            return DropReason.IPV4_TRUNCATED;
        }
        return checkOptions(seg, off);
    }

    /**
     * Checks an IPv4 header quoted in an ICMP error (RFC 792; RFC 1812 §4.3.2.3): like {@link #check}, except
     * that the datagram it heads may be cut short, so only the header itself must lie within {@code len}. After
     * this check, {@link #totalLength()} and {@link #payloadLength()} describe the original datagram, not the
     * bytes present.
     *
     * <p>Options are checked too, so that {@link Ipv4Repr#parse} is safe. A Parameter Problem about a malformed
     * option quotes that very option and fails here with {@code IPV4_BAD_OPTION}; Linux ({@code icmp_unreach})
     * reads only the fixed header and still delivers such an error, while a caller of this check drops it. This
     * is deliberate: jwsk never sends malformed options, so such an error is not about its own traffic.
     *
     * @return {@link DropReason#NONE}, or why the quoted header is unusable; never throws for malformed input
     */
    public static DropReason checkQuoted(MemorySegment seg, long off, int len) {
        DropReason header = checkFixed(seg, off, len);
        if (header != DropReason.NONE) {
            return header;
        }
        if (headerLength(seg, off) > len) {
            return DropReason.IPV4_TRUNCATED;
        }
        return checkOptions(seg, off);
    }

    private static DropReason checkFixed(MemorySegment seg, long off, int len) {
        if (len < Ipv4Layout.MIN_HEADER_LENGTH) {
            return DropReason.IPV4_TRUNCATED;
        }
        if (NetOrder.u8(seg, off + Ipv4Layout.VERSION_IHL_OFFSET) >>> 4 != Ipv4Layout.VERSION) {
            return DropReason.IPV4_BAD_VERSION;
        }
        int headerLength = headerLength(seg, off);
        if (headerLength < Ipv4Layout.MIN_HEADER_LENGTH) {
            return DropReason.IPV4_BAD_HEADER_LENGTH;
        }
        int total = NetOrder.u16(seg, off + Ipv4Layout.TOTAL_LENGTH_OFFSET);
        if (total < Ipv4Layout.MIN_HEADER_LENGTH) {
            return DropReason.IPV4_BAD_TOTAL_LENGTH;
        }
        if (headerLength > total) {
            return DropReason.IPV4_BAD_HEADER_LENGTH;
        }
        return DropReason.NONE;
    }

    private static DropReason checkOptions(MemorySegment seg, long off) {
        return Ipv4Options.check(seg, off + Ipv4Layout.OPTIONS_OFFSET, off + headerLength(seg, off));
    }

    private static int headerLength(MemorySegment seg, long off) {
        return (NetOrder.u8(seg, off + Ipv4Layout.VERSION_IHL_OFFSET) & 0x0f) * 4;
    }

    /**
     * Points this view at {@code len} bytes of {@code seg} from {@code off}: the datagram and any link padding.
     *
     * @return this view
     */
    public Ipv4View wrap(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.off = off;
        this.len = len;
        return this;
    }

    /** The segment this view reads. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the datagram starts in {@link #segment()}. */
    public long offset() {
        return off;
    }

    /** The wrapped length, which may include link padding after {@link #totalLength()}. */
    public int length() {
        return len;
    }

    /** The version field; 4 after a passed check. */
    public int version() {
        return NetOrder.u8(seg, off + Ipv4Layout.VERSION_IHL_OFFSET) >>> 4;
    }

    /** The IHL field, in 32-bit words. */
    public int ihl() {
        return NetOrder.u8(seg, off + Ipv4Layout.VERSION_IHL_OFFSET) & 0x0f;
    }

    /** The header length in bytes, options included. */
    public int headerLength() {
        return ihl() * 4;
    }

    /** The differentiated services codepoint (RFC 2474 §3), 0-63. */
    public int dscp() {
        return NetOrder.u8(seg, off + Ipv4Layout.DSCP_ECN_OFFSET) >>> 2;
    }

    /** The ECN field (RFC 3168 §5), 0-3: {@link Ipv4Layout#ECN_NOT_ECT} to {@link Ipv4Layout#ECN_CE}. */
    public int ecn() {
        return NetOrder.u8(seg, off + Ipv4Layout.DSCP_ECN_OFFSET) & 0x03;
    }

    /** The total length field: header and data. */
    public int totalLength() {
        return NetOrder.u16(seg, off + Ipv4Layout.TOTAL_LENGTH_OFFSET);
    }

    /** The identification field. */
    public int identification() {
        return NetOrder.u16(seg, off + Ipv4Layout.IDENT_OFFSET);
    }

    private int flagsAndFragment() {
        return NetOrder.u16(seg, off + Ipv4Layout.FLAGS_FRAGMENT_OFFSET);
    }

    /** Whether the reserved flag is set; RFC 791 requires zero, and jwsk ignores it as Linux does. */
    public boolean reservedFlag() {
        return (flagsAndFragment() & Ipv4Layout.FLAG_RESERVED) != 0;
    }

    /** Whether Don't Fragment is set. */
    public boolean dontFragment() {
        return (flagsAndFragment() & Ipv4Layout.FLAG_DF) != 0;
    }

    /** Whether More Fragments is set. */
    public boolean moreFragments() {
        return (flagsAndFragment() & Ipv4Layout.FLAG_MF) != 0;
    }

    /** The fragment offset in 8-byte units, as on the wire. */
    public int fragmentOffset() {
        return flagsAndFragment() & Ipv4Layout.FRAGMENT_OFFSET_MASK;
    }

    /** The fragment offset in bytes. */
    public int fragmentByteOffset() {
        return fragmentOffset() * 8;
    }

    /** Whether this datagram is a fragment: More Fragments set or a non-zero offset (RFC 791 §3.2). */
    public boolean isFragment() {
        return (flagsAndFragment() & (Ipv4Layout.FLAG_MF | Ipv4Layout.FRAGMENT_OFFSET_MASK)) != 0;
    }

    /** The time to live. */
    public int ttl() {
        return NetOrder.u8(seg, off + Ipv4Layout.TTL_OFFSET);
    }

    /** The protocol of the payload ({@link org.jwsk.wire.IpProtocol}). */
    public int protocol() {
        return NetOrder.u8(seg, off + Ipv4Layout.PROTOCOL_OFFSET);
    }

    /** The header checksum field. */
    public int checksum() {
        return NetOrder.u16(seg, off + Ipv4Layout.CHECKSUM_OFFSET);
    }

    /** The source address as a raw network-order {@code int}. */
    public int src() {
        return NetOrder.i32(seg, off + Ipv4Layout.SRC_OFFSET);
    }

    /** The destination address as a raw network-order {@code int}. */
    public int dst() {
        return NetOrder.i32(seg, off + Ipv4Layout.DST_OFFSET);
    }

    /** Where the payload starts in {@link #segment()}. */
    public long payloadOffset() {
        return off + headerLength();
    }

    /** The payload length: total length minus header, never including link padding. */
    public int payloadLength() {
        return totalLength() - headerLength();
    }

    /** Where the options start in {@link #segment()}. */
    public long optionsOffset() {
        return off + Ipv4Layout.OPTIONS_OFFSET;
    }

    /** The length of the options area, padding included: 0 to 40. */
    public int optionsLength() {
        return headerLength() - Ipv4Layout.MIN_HEADER_LENGTH;
    }

    /**
     * Where the first option of {@code type} sits in {@link #segment()} (its type octet), or -1 when there is
     * none. Allocation-free; EOL and NOP are never found.
     */
    public long findOption(int type) {
        return Ipv4Options.find(seg, optionsOffset(), off + headerLength(), type);
    }

    /** The value of the first Router Alert option (RFC 2113), or -1 when there is none. */
    public int routerAlert() {
        long at = findOption(Ipv4Layout.OPT_RA);
        return at < 0 ? -1 : NetOrder.u16(seg, at + Ipv4Layout.OPT_RA_VALUE_OFFSET);
    }

    /**
     * The pseudo-header sum of this datagram's addresses and protocol for an upper-layer length of {@code
     * length} (RFC 9293 §3.1, RFC 768), to pass to a transport checksum.
     */
    public int pseudoHeaderSum(int length) {
        return InternetChecksum.pseudoHeaderV4(src(), dst(), protocol(), length);
    }

    /** Whether the header checksum verifies over {@link #headerLength()} bytes (RFC 791 §3.1, RFC 1071). */
    public boolean checksumValid() {
        return InternetChecksum.isValid(InternetChecksum.sum(seg, off, headerLength()));
    }

    /** Computes and stores the header checksum over {@link #headerLength()} bytes. */
    public void fillChecksum() {
        setChecksum(0);
        setChecksum(InternetChecksum.compute(0, seg, off, headerLength()));
    }

    /**
     * Decrements the TTL for forwarding (RFC 1812 §5.3.1) and updates the header checksum incrementally (RFC
     * 1624 eqn. 3) instead of summing the header again. A header whose checksum was valid stays valid. The
     * caller decides first whether to forward at all: a datagram whose TTL would reach zero is discarded with
     * an ICMP Time Exceeded instead (RFC 1812 §5.3.1).
     *
     * @return the new TTL
     * @throws IllegalStateException if the TTL is already 0
     */
    public int decrementTtl() {
        int ttl = ttl();
        if (ttl == 0) {
            throw new IllegalStateException("TTL is already 0");
        }
        int oldWord = NetOrder.u16(seg, off + Ipv4Layout.TTL_OFFSET);
        int newWord = oldWord - 0x0100;
        NetOrder.setU16(seg, off + Ipv4Layout.TTL_OFFSET, newWord);
        setChecksum(InternetChecksum.update(checksum(), oldWord, newWord));
        return ttl - 1;
    }

    /**
     * Exchanges source and destination, as when turning a request into its reply in place. The header
     * checksum stays valid: the one's complement sum does not depend on the order of its words.
     */
    public void swapAddresses() {
        int s = src();
        setSrc(dst());
        setDst(s);
    }

    /** Sets version 4 and the IHL for a header of {@code headerLength} bytes (a multiple of 4, 20-60). */
    public void setVersionAndHeaderLength(int headerLength) {
        NetOrder.setU8(seg, off + Ipv4Layout.VERSION_IHL_OFFSET, Ipv4Layout.VERSION << 4 | headerLength / 4);
    }

    /** Sets DSCP (0-63) and ECN (0-3). */
    public void setDscpEcn(int dscp, int ecn) {
        NetOrder.setU8(seg, off + Ipv4Layout.DSCP_ECN_OFFSET, dscp << 2 | ecn);
    }

    /** Sets the total length. */
    public void setTotalLength(int totalLength) {
        NetOrder.setU16(seg, off + Ipv4Layout.TOTAL_LENGTH_OFFSET, totalLength);
    }

    /** Sets the identification. */
    public void setIdentification(int identification) {
        NetOrder.setU16(seg, off + Ipv4Layout.IDENT_OFFSET, identification);
    }

    /** Sets the flags (reserved bit zero) and the fragment offset in 8-byte units. */
    public void setFlagsAndFragmentOffset(boolean dontFragment, boolean moreFragments, int fragmentOffset) {
        int word = (dontFragment ? Ipv4Layout.FLAG_DF : 0) | (moreFragments ? Ipv4Layout.FLAG_MF : 0)
                | (fragmentOffset & Ipv4Layout.FRAGMENT_OFFSET_MASK);
        NetOrder.setU16(seg, off + Ipv4Layout.FLAGS_FRAGMENT_OFFSET, word);
    }

    /** Sets the time to live. */
    public void setTtl(int ttl) {
        NetOrder.setU8(seg, off + Ipv4Layout.TTL_OFFSET, ttl);
    }

    /** Sets the protocol. */
    public void setProtocol(int protocol) {
        NetOrder.setU8(seg, off + Ipv4Layout.PROTOCOL_OFFSET, protocol);
    }

    /** Sets the header checksum field. */
    public void setChecksum(int checksum) {
        NetOrder.setU16(seg, off + Ipv4Layout.CHECKSUM_OFFSET, checksum);
    }

    /** Sets the source address. */
    public void setSrc(int address) {
        NetOrder.setI32(seg, off + Ipv4Layout.SRC_OFFSET, address);
    }

    /** Sets the destination address. */
    public void setDst(int address) {
        NetOrder.setI32(seg, off + Ipv4Layout.DST_OFFSET, address);
    }
}
