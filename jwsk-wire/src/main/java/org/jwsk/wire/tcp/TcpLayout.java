package org.jwsk.wire.tcp;

/**
 * The TCP header (RFC 9293 §3.1), with the ECN bits of RFC 3168 §6.1 and the AE bit of Accurate ECN
 * (draft-ietf-tcpm-accurate-ecn; the bit RFC 3540 called NS, now historic per RFC 8311).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |  0
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |  4
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     Acknowledgment Number                     |  8
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |     |A|C|E|U|A|P|R|S|F|                               |
 * | Offset|Rsrvd|E|W|C|R|C|S|S|Y|I|            Window             | 12
 * |       |     | |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |        Urgent Pointer         | 16
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Options (0 to 40 bytes, kind / length / data)      | 20
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |  padding: zeros to 32 bits    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      Data (payload) ...                       |  4 * Data Offset
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The Data Offset counts 32-bit words, 5 to 15, so the header is 20 to 60 bytes and the options take at most
 * 40 (RFC 9293 §3.1). The checksum covers a pseudo-header (IPv4: RFC 9293 §3.1; IPv6: RFC 8200 §8.1), the
 * header and the data; this package takes the pseudo-header sum as an {@code int} from the caller, which
 * computes it with {@code InternetChecksum.pseudoHeaderV4/V6}, so the format is the same for both families.
 *
 * <p>Implementation limits and choices:
 * <ul>
 *   <li>The three reserved bits are readable and writable through {@link TcpView} but are not part of {@link
 *       TcpRepr}: RFC 9293 §3.1 says they are zero in generated segments and ignored on receipt.</li>
 *   <li>Options jwsk decodes: EOL, NOP, MSS, Window Scale, SACK-Permitted, SACK and Timestamps (see {@link
 *       TcpOptionKind}). Every other option, and a known kind with a length its RFC does not allow, is kept as
 *       kind plus data ({@link TcpOption.Unknown}) and otherwise ignored (RFC 9293 §3.1 MUST-6).</li>
 *   <li>A malformed option list (a length below 2, an option running past the header, a kind byte with no room
 *       for its length) does not make {@link TcpView#check} drop the segment: like Linux's {@code
 *       tcp_parse_options}, the options before the bad one are used and the rest of the list is ignored (RFC 9293
 *       §3.1 MUST-7 asks only that such a length be handled). {@link TcpView#checkOptions()} reports it as
 *       {@code TCP_BAD_OPTION} for callers that want to count or drop it.</li>
 *   <li>No Extended Data Offset (draft-ietf-tcpm-tcp-edo): options beyond 40 bytes are not supported.</li>
 * </ul>
 */
public final class TcpLayout {

    /** Source port, 16 bits. */
    public static final int SRC_PORT_OFFSET = 0;
    /** Destination port, 16 bits. */
    public static final int DST_PORT_OFFSET = 2;
    /** Sequence number, 32 bits. */
    public static final int SEQ_OFFSET = 4;
    /** Acknowledgment number, 32 bits. */
    public static final int ACK_OFFSET = 8;
    /**
     * The 16-bit word holding the data offset (top 4 bits), the reserved bits ({@link #RESERVED_MASK}) and the
     * control bits ({@link #FLAGS_MASK}).
     */
    public static final int DATA_OFFSET_OFFSET = 12;
    /** The byte holding CWR, ECE, URG, ACK, PSH, RST, SYN and FIN (AE is in the byte before). */
    public static final int FLAGS_OFFSET = 13;
    /** Window, 16 bits. */
    public static final int WINDOW_OFFSET = 14;
    /** Checksum, 16 bits. */
    public static final int CHECKSUM_OFFSET = 16;
    /** Urgent pointer, 16 bits. */
    public static final int URGENT_POINTER_OFFSET = 18;
    /** Where options start. */
    public static final int OPTIONS_OFFSET = 20;

    /** The header without options. */
    public static final int HEADER_LENGTH = 20;
    /** The header with the most options. */
    public static final int MAX_HEADER_LENGTH = 60;
    /** The most option bytes a header holds (RFC 9293 §3.1). */
    public static final int MAX_OPTIONS_LENGTH = MAX_HEADER_LENGTH - HEADER_LENGTH;
    /** The smallest legal data offset, in 32-bit words. */
    public static final int MIN_DATA_OFFSET = 5;
    /** The largest data offset the 4-bit field holds, in 32-bit words. */
    public static final int MAX_DATA_OFFSET = 15;

    /** The shift of the data offset within the 16-bit word at {@link #DATA_OFFSET_OFFSET}. */
    public static final int DATA_OFFSET_SHIFT = 12;
    /** The reserved bits within that word: three bits, zero when sent (RFC 9293 §3.1). */
    public static final int RESERVED_MASK = 0x0e00;
    /** The shift of the reserved bits within that word. */
    public static final int RESERVED_SHIFT = 9;
    /** The nine control bits within that word, AE to FIN; see {@link TcpFlags}. */
    public static final int FLAGS_MASK = 0x01ff;

    private TcpLayout() {
    }

    /** The header length in bytes for a data offset in 32-bit words. */
    public static int headerLength(int dataOffset) {
        return dataOffset * 4;
    }

    /** {@code length} rounded up to a multiple of 4: where the padding after {@code length} option bytes ends. */
    public static int align4(int length) {
        return (length + 3) & ~3;
    }
}
