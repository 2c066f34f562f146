package org.jwsk.wire.udp;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.DropReason;

/**
 * A zero-copy view of a UDP datagram ({@link UdpLayout}): one instance is {@link #wrap wrapped} over datagram
 * after datagram and allocates nothing.
 *
 * <p><b>Contract.</b> Wrap the IP payload (for IPv4, {@code Ipv4View.payloadLength()} bytes). Call {@link
 * #check(MemorySegment, long, int)} on untrusted bytes first; only when it returns {@link DropReason#NONE} may
 * the accessors run, and then none of them reads outside the wrapped range. {@link #setLength(int)} can make a
 * checked datagram fail the check again. For emitting, wrap the buffer without checking and write through
 * {@link UdpRepr#emit}.
 *
 * <p>A view belongs to one thread at a time and must not be kept beyond the buffer it wraps, which the caller
 * owns throughout.
 */
public final class UdpView {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that {@code len} bytes at {@code off} (the whole IP payload) hold a UDP datagram whose length field
     * fits: at least a header, at most the bytes present (RFC 768; Linux {@code __udp4_lib_rcv}).
     *
     * @return {@link DropReason#NONE}, or why the datagram must be dropped; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        if (len < UdpLayout.HEADER_LENGTH) {
            return DropReason.UDP_TRUNCATED;
        }
        int length = NetOrder.u16(seg, off + UdpLayout.LENGTH_OFFSET);
        if (length < UdpLayout.HEADER_LENGTH || length > len) {
            return DropReason.UDP_BAD_LENGTH;
        }
        return DropReason.NONE;
    }

    /**
     * Points this view at {@code len} bytes of {@code seg} from {@code off}.
     *
     * @return this view
     */
    public UdpView wrap(MemorySegment seg, long off, int len) {
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

    /** The wrapped length: the IP payload, possibly longer than {@link #udpLength()}. */
    public int length() {
        return len;
    }

    /** The source port. */
    public int srcPort() {
        return NetOrder.u16(seg, off + UdpLayout.SRC_PORT_OFFSET);
    }

    /** The destination port. */
    public int dstPort() {
        return NetOrder.u16(seg, off + UdpLayout.DST_PORT_OFFSET);
    }

    /** The length field: header plus data. */
    public int udpLength() {
        return NetOrder.u16(seg, off + UdpLayout.LENGTH_OFFSET);
    }

    /** The checksum field. */
    public int checksum() {
        return NetOrder.u16(seg, off + UdpLayout.CHECKSUM_OFFSET);
    }

    /** Where the data starts in {@link #segment()}. */
    public long payloadOffset() {
        return off + UdpLayout.HEADER_LENGTH;
    }

    /** The data length according to the length field. */
    public int payloadLength() {
        return udpLength() - UdpLayout.HEADER_LENGTH;
    }

    /**
     * Verifies the checksum over the datagram (its {@link #udpLength()} bytes) plus {@code pseudoHeaderSum},
     * which the caller computes for this datagram's length field: {@code InternetChecksum.pseudoHeaderV4(src,
     * dst, IpProtocol.UDP, view.udpLength())} or {@code pseudoHeaderV6(...)}.
     *
     * <p>A zero checksum field means the sender computed none: valid over IPv4 (RFC 768), but an error over
     * IPv6, where the checksum is mandatory (RFC 8200 §8.1; RFC 6935/6936 tunnel exceptions are not supported).
     *
     * @param overIpv6 whether the datagram arrived in IPv6
     * @return {@link DropReason#NONE}, {@link DropReason#UDP_BAD_CHECKSUM} or {@link
     *     DropReason#UDP_ZERO_CHECKSUM_IPV6}
     */
    public DropReason verifyChecksum(int pseudoHeaderSum, boolean overIpv6) {
        if (checksum() == UdpLayout.NO_CHECKSUM) {
            return overIpv6 ? DropReason.UDP_ZERO_CHECKSUM_IPV6 : DropReason.NONE;
        }
        int sum = InternetChecksum.add(pseudoHeaderSum, InternetChecksum.sum(seg, off, udpLength()));
        return InternetChecksum.isValid(sum) ? DropReason.NONE : DropReason.UDP_BAD_CHECKSUM;
    }

    /** Sets the source port. */
    public void setSrcPort(int port) {
        NetOrder.setU16(seg, off + UdpLayout.SRC_PORT_OFFSET, port);
    }

    /** Sets the destination port. */
    public void setDstPort(int port) {
        NetOrder.setU16(seg, off + UdpLayout.DST_PORT_OFFSET, port);
    }

    /** Sets the length field; a value beyond the wrapped length voids a passed check. */
    public void setLength(int length) {
        NetOrder.setU16(seg, off + UdpLayout.LENGTH_OFFSET, length);
    }

    /** Sets the checksum field. */
    public void setChecksum(int checksum) {
        NetOrder.setU16(seg, off + UdpLayout.CHECKSUM_OFFSET, checksum);
    }

    /**
     * Computes and stores the checksum over the {@link #udpLength()} bytes of header and data (which must be in
     * place) plus {@code pseudoHeaderSum}. A computed zero is sent as 0xffff, since zero means "no checksum"
     * (RFC 768).
     */
    public void fillChecksum(int pseudoHeaderSum) {
        setChecksum(0);
        int checksum = InternetChecksum.compute(pseudoHeaderSum, seg, off, udpLength());
        setChecksum(checksum == 0 ? 0xffff : checksum);
    }
}
