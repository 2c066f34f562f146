package org.jwsk.wire.ipv4;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Objects;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.addr.Ipv4Address;

/**
 * The validated meaning of an IPv4 header: every field but the version, IHL, total length and checksum, which
 * follow from the rest. The payload stays in the buffer; the record carries its length.
 *
 * @param dscp           differentiated services codepoint, 0-63 (RFC 2474 §3)
 * @param ecn            ECN field, 0-3 (RFC 3168 §5)
 * @param identification identification, 0-65535
 * @param dontFragment   the DF flag
 * @param moreFragments  the MF flag
 * @param fragmentOffset fragment offset in 8-byte units, 0-8191
 * @param ttl            time to live, 0-255
 * @param protocol       payload protocol, 0-255 ({@link org.jwsk.wire.IpProtocol})
 * @param src            source address
 * @param dst            destination address
 * @param options        options in order, at most 40 bytes, in canonical form: padded with EOLs to whole 32-bit
 *                       words (RFC 791 §3.1: the padding is zero octets), and nothing but EOL after an EOL.
 *                       Parsing lists every octet from the first EOL to the end of the header as an EOL, so
 *                       the header length survives a round trip
 * @param payloadLength  bytes after the header; header and payload together at most 65535
 */
public record Ipv4Repr(int dscp, int ecn, int identification, boolean dontFragment, boolean moreFragments,
        int fragmentOffset, int ttl, int protocol, Ipv4Address src, Ipv4Address dst, List<Ipv4Option> options,
        int payloadLength) {

    public Ipv4Repr {
        checkRange("DSCP", dscp, 63);
        checkRange("ECN", ecn, 3);
        checkRange("identification", identification, 0xffff);
        checkRange("fragment offset", fragmentOffset, Ipv4Layout.MAX_FRAGMENT_OFFSET);
        checkRange("TTL", ttl, 0xff);
        checkRange("protocol", protocol, 0xff);
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        options = Ipv4Options.canonical(options);
        int headerLength = Ipv4Layout.MIN_HEADER_LENGTH + Ipv4Options.encodedLength(options);
        if (payloadLength < 0 || payloadLength > Ipv4Layout.MAX_TOTAL_LENGTH - headerLength) {
            throw new IllegalArgumentException("payload length out of range: " + payloadLength);
        }
    }

    /** An unfragmented datagram without options, DSCP 0, Not-ECT and identification 0. */
    public Ipv4Repr(Ipv4Address src, Ipv4Address dst, int protocol, int ttl, int payloadLength) {
        this(0, Ipv4Layout.ECN_NOT_ECT, 0, false, false, 0, ttl, protocol, src, dst, List.of(), payloadLength);
    }

    private static void checkRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " out of range 0-" + max + ": " + value);
        }
    }

    /**
     * Reads a header whose {@link Ipv4View#check check} (or {@link Ipv4View#checkQuoted checkQuoted}) passed.
     * The checksum is not verified here, and the reserved flag is ignored.
     */
    public static Ipv4Repr parse(Ipv4View view) {
        List<Ipv4Option> options = Ipv4Options.parse(view.segment(), view.optionsOffset(),
                view.offset() + view.headerLength());
        return new Ipv4Repr(view.dscp(), view.ecn(), view.identification(), view.dontFragment(), view.moreFragments(),
                view.fragmentOffset(), view.ttl(), view.protocol(), new Ipv4Address(view.src()),
                new Ipv4Address(view.dst()), options, view.payloadLength());
    }

    /** The header length: 20 plus the options, which the canonical form pads to whole 32-bit words. */
    public int headerLength() {
        return Ipv4Layout.MIN_HEADER_LENGTH + Ipv4Options.encodedLength(options);
    }

    /** The total length field: header plus payload. */
    public int totalLength() {
        return headerLength() + payloadLength;
    }

    /** Whether this header describes a fragment: MF set or a non-zero offset (RFC 791 §3.2). */
    public boolean isFragment() {
        return moreFragments || fragmentOffset != 0;
    }

    /** The fragment offset in bytes. */
    public int fragmentByteOffset() {
        return fragmentOffset * 8;
    }

    /**
     * The options a fragment other than the first carries: those with the copied flag set (RFC 791 §3.1 and
     * §3.2, "Fragmentation"). NOP and EOL are dropped; a record built with the result pads them again.
     */
    public List<Ipv4Option> copiedOptions() {
        return options.stream().filter(Ipv4Option::copied).toList();
    }

    /**
     * Writes the header through {@code view}, which must wrap at least {@link #headerLength()} bytes; the
     * payload is not touched. With {@link ChecksumPolicy#COMPUTE} the header checksum is filled in; with {@link
     * ChecksumPolicy#OFFLOAD} it is stored as zero for the link to fill.
     */
    public void emit(Ipv4View view, ChecksumPolicy policy) {
        int headerLength = headerLength();
        if (view.length() < headerLength) {
            throw new IndexOutOfBoundsException("header needs " + headerLength + " bytes, view has " + view.length());
        }
        view.setVersionAndHeaderLength(headerLength);
        view.setDscpEcn(dscp, ecn);
        view.setTotalLength(headerLength + payloadLength);
        view.setIdentification(identification);
        view.setFlagsAndFragmentOffset(dontFragment, moreFragments, fragmentOffset);
        view.setTtl(ttl);
        view.setProtocol(protocol);
        view.setChecksum(0);
        view.setSrc(src.value());
        view.setDst(dst.value());
        Ipv4Options.emit(options, view.segment(), view.optionsOffset());
        if (policy == ChecksumPolicy.COMPUTE) {
            view.fillChecksum();
        }
    }

    /** Writes the header at {@code off} of {@code seg}; convenience for control-plane code. */
    public void emit(MemorySegment seg, long off, ChecksumPolicy policy) {
        emit(new Ipv4View().wrap(seg, off, headerLength()), policy);
    }
}
