package org.jwsk.wire.icmpv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.DropReason;

/**
 * A zero-copy view of an ICMPv6 message ({@link Icmpv6Layout}): the common header, the echo and error bodies,
 * and the checksum. NDP and MLD bodies are read through {@link NdpView} and {@link MldView} wrapped over the
 * same bytes.
 *
 * <p><b>Contract.</b> The view wraps exactly the ICMPv6 message: from its type byte to the end of the IPv6
 * payload ({@code Ipv6HeaderWalker.upperLength()}), link padding excluded, since the length is what the
 * checksum covers. Call {@link #check(MemorySegment, long, int)} on untrusted bytes first; only when it returns
 * {@link DropReason#NONE} may this view's accessors, {@link NdpView}, {@link MldView} or {@link
 * Icmpv6Repr#parse} run. Verify the checksum separately ({@link #verifyChecksum(int)}): a link may have done it.
 *
 * <p>A view belongs to one thread at a time and borrows the segment it wraps.
 */
public final class Icmpv6View {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that the {@code len}-byte ICMPv6 message at {@code off} holds what its type needs: the 4-byte
     * header ({@code ICMPV6_TRUNCATED}); 8 bytes for errors and echo ({@code ICMPV6_BAD_LENGTH}); the NDP fixed
     * parts and options ({@link NdpView}: {@code ICMPV6_BAD_LENGTH}, {@code NDP_BAD_OPTION}); the MLD layouts
     * ({@link MldView}: {@code ICMPV6_BAD_LENGTH}, {@code MLD_BAD_RECORD}). Other types need only the header.
     *
     * @return {@link DropReason#NONE}, or why the message must be dropped; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        if (len < Icmpv6Layout.HEADER_LENGTH) {
            return DropReason.ICMPV6_TRUNCATED;
        }
        int type = NetOrder.u8(seg, off + Icmpv6Layout.TYPE_OFFSET);
        return switch (type) {
            case Icmpv6Type.DESTINATION_UNREACHABLE, Icmpv6Type.PACKET_TOO_BIG, Icmpv6Type.TIME_EXCEEDED,
                    Icmpv6Type.PARAMETER_PROBLEM, Icmpv6Type.ECHO_REQUEST, Icmpv6Type.ECHO_REPLY ->
                    len < Icmpv6Layout.MIN_ERROR_OR_ECHO_LENGTH ? DropReason.ICMPV6_BAD_LENGTH : DropReason.NONE;
            case Icmpv6Type.ROUTER_SOLICITATION, Icmpv6Type.ROUTER_ADVERTISEMENT, Icmpv6Type.NEIGHBOR_SOLICITATION,
                    Icmpv6Type.NEIGHBOR_ADVERTISEMENT, Icmpv6Type.REDIRECT -> NdpView.checkBody(seg, off, len, type);
            case Icmpv6Type.MLD_QUERY, Icmpv6Type.MLD_V1_REPORT, Icmpv6Type.MLD_V1_DONE, Icmpv6Type.MLD_V2_REPORT ->
                    MldView.checkBody(seg, off, len, type);
            default -> DropReason.NONE;
        };
    }

    /**
     * Points this view at the {@code len}-byte message at {@code off} of {@code seg}.
     *
     * @return this view
     */
    public Icmpv6View wrap(MemorySegment seg, long off, int len) {
        this.seg = seg;
        this.off = off;
        this.len = len;
        return this;
    }

    /** The segment this view reads. */
    public MemorySegment segment() {
        return seg;
    }

    /** Where the message starts in {@link #segment()}. */
    public long offset() {
        return off;
    }

    /** The message length: what the checksum covers. */
    public int length() {
        return len;
    }

    /** The type. */
    public int type() {
        return NetOrder.u8(seg, off + Icmpv6Layout.TYPE_OFFSET);
    }

    /** The code. */
    public int code() {
        return NetOrder.u8(seg, off + Icmpv6Layout.CODE_OFFSET);
    }

    /** The checksum field. */
    public int checksum() {
        return NetOrder.u16(seg, off + Icmpv6Layout.CHECKSUM_OFFSET);
    }

    /**
     * Whether the checksum verifies (RFC 4443 §2.3) given the pseudo-header sum the network layer computed
     * with {@code InternetChecksum.pseudoHeaderV6(src, dst, 58, length())}. Allocates nothing.
     */
    public boolean verifyChecksum(int pseudoHeaderSum) {
        return InternetChecksum.isValid(InternetChecksum.add(pseudoHeaderSum, InternetChecksum.sum(seg, off, len)));
    }

    /** Computes the checksum over the whole message and the pseudo-header sum, and stores it. */
    public void fillChecksum(int pseudoHeaderSum) {
        setChecksum(0);
        setChecksum(InternetChecksum.compute(pseudoHeaderSum, seg, off, len));
    }

    /** Echo: the identifier. */
    public int identifier() {
        return NetOrder.u16(seg, off + Icmpv6Layout.IDENTIFIER_OFFSET);
    }

    /** Echo: the sequence number. */
    public int sequenceNumber() {
        return NetOrder.u16(seg, off + Icmpv6Layout.SEQUENCE_OFFSET);
    }

    /** Echo: where the data starts in {@link #segment()}. */
    public long echoDataOffset() {
        return off + Icmpv6Layout.ECHO_DATA_OFFSET;
    }

    /** Echo: the data length. */
    public int echoDataLength() {
        return len - Icmpv6Layout.ECHO_DATA_OFFSET;
    }

    /** Errors: the raw 32-bit word after the checksum (unused for types 1 and 3). */
    public int errorWord() {
        return NetOrder.i32(seg, off + Icmpv6Layout.ERROR_WORD_OFFSET);
    }

    /** Packet Too Big: the MTU of the next-hop link (RFC 4443 §3.2), raw 32 bits. */
    public int mtu() {
        return errorWord();
    }

    /** Parameter Problem: the offset in the invoking packet of the offending byte (RFC 4443 §3.4), raw 32 bits. */
    public int pointer() {
        return errorWord();
    }

    /** Errors: where the invoking packet starts in {@link #segment()}. */
    public long invokingPacketOffset() {
        return off + Icmpv6Layout.INVOKING_PACKET_OFFSET;
    }

    /** Errors: the length of the invoking packet as quoted (usually cut short). */
    public int invokingPacketLength() {
        return len - Icmpv6Layout.INVOKING_PACKET_OFFSET;
    }

    /** Any type: where the bytes after the 4-byte header start in {@link #segment()}. */
    public long bodyOffset() {
        return off + Icmpv6Layout.HEADER_LENGTH;
    }

    /** Any type: the length of the bytes after the 4-byte header. */
    public int bodyLength() {
        return len - Icmpv6Layout.HEADER_LENGTH;
    }

    /** Sets the type. Voids an earlier check. */
    public void setType(int type) {
        NetOrder.setU8(seg, off + Icmpv6Layout.TYPE_OFFSET, type);
    }

    /** Sets the code. */
    public void setCode(int code) {
        NetOrder.setU8(seg, off + Icmpv6Layout.CODE_OFFSET, code);
    }

    /** Sets the checksum field. */
    public void setChecksum(int checksum) {
        NetOrder.setU16(seg, off + Icmpv6Layout.CHECKSUM_OFFSET, checksum);
    }

    /** Echo: sets the identifier. */
    public void setIdentifier(int identifier) {
        NetOrder.setU16(seg, off + Icmpv6Layout.IDENTIFIER_OFFSET, identifier);
    }

    /** Echo: sets the sequence number. */
    public void setSequenceNumber(int sequenceNumber) {
        NetOrder.setU16(seg, off + Icmpv6Layout.SEQUENCE_OFFSET, sequenceNumber);
    }

    /** Errors: sets the word after the checksum (zero for types 1 and 3, the MTU, or the pointer). */
    public void setErrorWord(int word) {
        NetOrder.setI32(seg, off + Icmpv6Layout.ERROR_WORD_OFFSET, word);
    }
}
