package org.jwsk.wire.udp;

/**
 * The UDP header (RFC 768).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Length             |           Checksum            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          data octets ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Length counts header and data. The checksum covers a pseudo-header (RFC 768 over IPv4, RFC 8200 §8.1
 * over IPv6), the header and the data; zero means "no checksum", which only IPv4 allows.
 *
 * <p>Implementation limits: IPv6 jumbograms (RFC 2675, length field zero) are not supported and fail the
 * check with {@code UDP_BAD_LENGTH}. Bytes of the IP payload after {@code Length} are ignored, as Linux trims
 * them ({@code udp_rcv} via {@code pskb_trim_rcsum}).
 */
public final class UdpLayout {

    /** Source port, 16 bits (zero: none, RFC 768). */
    public static final int SRC_PORT_OFFSET = 0;
    /** Destination port, 16 bits. */
    public static final int DST_PORT_OFFSET = 2;
    /** Length of header and data, 16 bits. */
    public static final int LENGTH_OFFSET = 4;
    /** Checksum, 16 bits. */
    public static final int CHECKSUM_OFFSET = 6;
    /** The header length. */
    public static final int HEADER_LENGTH = 8;
    /** The largest datagram the length field can describe. */
    public static final int MAX_LENGTH = 0xffff;
    /** The checksum field value that means "no checksum" (IPv4 only). */
    public static final int NO_CHECKSUM = 0;

    private UdpLayout() {
    }
}
