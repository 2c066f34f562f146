package org.jwsk.wire.ipv6;

/**
 * The IPv6 Fragment header (RFC 8200 §4.5, next header 44): always 8 bytes.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |   Reserved    |      Fragment Offset    |Res|M|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Identification                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The fragment offset counts 8-byte units of the fragmentable part. A first fragment has offset 0 and M set;
 * offset 0 with M clear is an atomic fragment (RFC 6946), a whole packet. The reserved fields are sent as zero
 * and ignored on receipt.
 */
public final class Ipv6FragmentLayout {

    /** Next header of the fragmentable part, 8 bits. */
    public static final int NEXT_HEADER_OFFSET = 0;
    /** Reserved, 8 bits. */
    public static final int RESERVED_OFFSET = 1;
    /** Fragment offset (13 bits), two reserved bits and the M flag, in one 16-bit word. */
    public static final int OFFSET_FLAGS_OFFSET = 2;
    /** Identification, 32 bits. */
    public static final int IDENTIFICATION_OFFSET = 4;
    /** The header length. */
    public static final int HEADER_LENGTH = 8;
    /** The fragment offset's bits in the offset/flags word. */
    public static final int OFFSET_MASK = 0xfff8;
    /** The M (more fragments) flag in the offset/flags word. */
    public static final int MORE_FRAGMENTS = 0x1;
    /** The unit of the fragment offset. */
    public static final int UNIT = 8;
    /** The largest fragment offset in units. */
    public static final int MAX_OFFSET = 0x1fff;

    private Ipv6FragmentLayout() {
    }
}
