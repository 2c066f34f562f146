package org.jwsk.wire.ipv6;

/**
 * The Hop-by-Hop Options header (RFC 8200 §4.3, next header 0) and the Destination Options header (§4.6, next
 * header 60): the same layout, a next header, a length in 8-byte units not counting the first 8 bytes, and
 * type-length-value options (§4.2) filling the rest.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Next Header  |  Hdr Ext Len  |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                            Options                            |
 * .                 (8 + 8 * Hdr Ext Len - 2 bytes)               .
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * one option (RFC 8200 §4.2); Pad1 is the single byte 0 with neither length nor data:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+- - - - - - - - -
 * |  Option Type  |  Opt Data Len |  Option Data
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+- - - - - - - - -
 *  |act|c| rest  |
 * </pre>
 *
 * <p>The two high bits of the option type ({@code act}) say what a node that does not recognise the option
 * must do, and {@code c} whether its data may change en route ({@link Ipv6OptionType#action}, {@link
 * Ipv6OptionType#mayChange}).
 */
public final class Ipv6OptionsLayout {

    /** Next header, 8 bits. */
    public static final int NEXT_HEADER_OFFSET = 0;
    /** Header length in 8-byte units, not counting the first 8 bytes. */
    public static final int HDR_EXT_LEN_OFFSET = 1;
    /** Where the options start. */
    public static final int OPTIONS_OFFSET = 2;
    /** The unit of the length field. */
    public static final int UNIT = 8;
    /** The shortest header: 8 bytes. */
    public static final int MIN_LENGTH = 8;
    /** The longest header: 256 units. */
    public static final int MAX_LENGTH = 256 * UNIT;
    /** Within an option: the type byte. */
    public static final int OPTION_TYPE_OFFSET = 0;
    /** Within an option: the data length byte (absent for Pad1). */
    public static final int OPTION_DATA_LENGTH_OFFSET = 1;
    /** Within an option: where its data starts. */
    public static final int OPTION_DATA_OFFSET = 2;
    /** The longest option data. */
    public static final int MAX_OPTION_DATA_LENGTH = 0xff;

    private Ipv6OptionsLayout() {
    }

    /** The header length in bytes for a Hdr Ext Len field value. */
    public static int headerLength(int hdrExtLen) {
        return (hdrExtLen + 1) * UNIT;
    }
}
