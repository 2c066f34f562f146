package org.jwsk.wire.icmpv4;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.DropReason;

/**
 * A zero-copy view of an ICMPv4 message ({@link Icmpv4Layout}): one instance is {@link #wrap wrapped} over
 * message after message and allocates nothing.
 *
 * <p><b>Contract.</b> Wrap exactly the message: the IP payload ({@code Ipv4View.payloadLength()} bytes), which
 * the checksum covers. Call {@link #check(MemorySegment, long, int)} on untrusted bytes first; only when it
 * returns {@link DropReason#NONE} may the accessors run, and then none of them reads outside the wrapped range.
 * The checksum is verified separately ({@link #checksumValid()}). {@link #setType(int)} can make a checked
 * message fail the check again. For emitting, wrap the buffer without checking and write through {@link
 * Icmpv4Repr#emit}.
 *
 * <p>The body of an error message is the invoking datagram's IPv4 header and leading bytes; check it with
 * {@code Ipv4View.checkQuoted(segment(), bodyOffset(), bodyLength())} before reading it.
 *
 * <p>A view belongs to one thread at a time and must not be kept beyond the buffer it wraps, which the caller
 * owns throughout.
 */
public final class Icmpv4View {

    private MemorySegment seg;
    private long off;
    private int len;

    /**
     * Checks that {@code len} bytes at {@code off} hold an ICMP message: the 8-byte header, and for the error
     * types ({@link Icmpv4Layout#isError}) a body long enough for the invoking datagram's IPv4 header (RFC 792;
     * Linux {@code icmp_unreach} likewise needs the inner header before it reads it), and no more than an IPv4
     * datagram can carry ({@link Icmpv4Layout#MAX_MESSAGE_LENGTH}).
     *
     * @return {@link DropReason#NONE}, or why the message must be dropped; never throws for malformed input
     */
    public static DropReason check(MemorySegment seg, long off, int len) {
        if (len < Icmpv4Layout.HEADER_LENGTH) {
            return DropReason.ICMPV4_TRUNCATED;
        }
        if (len > Icmpv4Layout.MAX_MESSAGE_LENGTH) {
            return DropReason.ICMPV4_BAD_LENGTH; // longer than any IPv4 datagram can carry
        }
        if (Icmpv4Layout.isError(NetOrder.u8(seg, off + Icmpv4Layout.TYPE_OFFSET))
                && len < Icmpv4Layout.HEADER_LENGTH + Icmpv4Layout.MIN_QUOTED_LENGTH) {
            return DropReason.ICMPV4_BAD_LENGTH;
        }
        return DropReason.NONE;
    }

    /**
     * Points this view at {@code len} bytes of {@code seg} from {@code off}: the whole message.
     *
     * @return this view
     */
    public Icmpv4View wrap(MemorySegment seg, long off, int len) {
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

    /** The message length, which the checksum covers. */
    public int length() {
        return len;
    }

    /** The type. */
    public int type() {
        return NetOrder.u8(seg, off + Icmpv4Layout.TYPE_OFFSET);
    }

    /** The code. */
    public int code() {
        return NetOrder.u8(seg, off + Icmpv4Layout.CODE_OFFSET);
    }

    /** The checksum field. */
    public int checksum() {
        return NetOrder.u16(seg, off + Icmpv4Layout.CHECKSUM_OFFSET);
    }

    /** The rest-of-header word, raw. */
    public int restOfHeader() {
        return NetOrder.i32(seg, off + Icmpv4Layout.REST_OFFSET);
    }

    /** The echo identifier (echo and echo reply). */
    public int identifier() {
        return NetOrder.u16(seg, off + Icmpv4Layout.IDENTIFIER_OFFSET);
    }

    /** The echo sequence number (echo and echo reply). */
    public int sequence() {
        return NetOrder.u16(seg, off + Icmpv4Layout.SEQUENCE_OFFSET);
    }

    /** The next-hop MTU (destination unreachable, code 4; RFC 1191 §4). Zero from a pre-RFC 1191 router. */
    public int nextHopMtu() {
        return NetOrder.u16(seg, off + Icmpv4Layout.NEXT_HOP_MTU_OFFSET);
    }

    /** The gateway address of a redirect, as a raw network-order {@code int}. */
    public int gateway() {
        return NetOrder.i32(seg, off + Icmpv4Layout.GATEWAY_OFFSET);
    }

    /** The pointer of a parameter problem: the octet of the invoking datagram's header in error. */
    public int pointer() {
        return NetOrder.u8(seg, off + Icmpv4Layout.POINTER_OFFSET);
    }

    /** Where the body (echo data, or the quoted datagram) starts in {@link #segment()}. */
    public long bodyOffset() {
        return off + Icmpv4Layout.BODY_OFFSET;
    }

    /** The body length. */
    public int bodyLength() {
        return len - Icmpv4Layout.BODY_OFFSET;
    }

    /** Whether the checksum verifies over the whole message (RFC 792). */
    public boolean checksumValid() {
        return InternetChecksum.isValid(InternetChecksum.sum(seg, off, len));
    }

    /** Computes and stores the checksum over the whole wrapped message. */
    public void fillChecksum() {
        setChecksum(0);
        setChecksum(InternetChecksum.compute(0, seg, off, len));
    }

    /**
     * Turns the echo request this view wraps into its echo reply in place (RFC 792 "Echo or Echo Reply Message":
     * identifier, sequence number and data are returned unchanged; RFC 1122 §3.2.2.6): the type becomes 0 and
     * the checksum is updated incrementally (RFC 1624 eqn. 3), so a valid checksum stays valid without summing
     * the data again. The IP header is the caller's business ({@code Ipv4View.swapAddresses()}).
     *
     * @throws IllegalStateException if the message is not an echo request
     */
    public void echoRequestToReply() {
        if (type() != Icmpv4Layout.TYPE_ECHO_REQUEST) {
            throw new IllegalStateException("not an echo request: type " + type());
        }
        int oldWord = NetOrder.u16(seg, off + Icmpv4Layout.TYPE_OFFSET);
        int newWord = Icmpv4Layout.TYPE_ECHO_REPLY << 8 | (oldWord & 0xff);
        NetOrder.setU16(seg, off + Icmpv4Layout.TYPE_OFFSET, newWord);
        setChecksum(InternetChecksum.update(checksum(), oldWord, newWord));
    }

    /** Sets the type. */
    public void setType(int type) {
        NetOrder.setU8(seg, off + Icmpv4Layout.TYPE_OFFSET, type);
    }

    /** Sets the code. */
    public void setCode(int code) {
        NetOrder.setU8(seg, off + Icmpv4Layout.CODE_OFFSET, code);
    }

    /** Sets the checksum field. */
    public void setChecksum(int checksum) {
        NetOrder.setU16(seg, off + Icmpv4Layout.CHECKSUM_OFFSET, checksum);
    }

    /** Sets the whole rest-of-header word. */
    public void setRestOfHeader(int word) {
        NetOrder.setI32(seg, off + Icmpv4Layout.REST_OFFSET, word);
    }
}
