package org.jwsk.wire.icmpv6;

/**
 * The ICMPv6 message (RFC 4443 §2.1) and the bodies of its error (§3) and echo (§4) messages. NDP bodies are
 * in {@link NdpLayout}, MLD bodies in {@link MldLayout}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Message Body ...                      |
 *
 * error messages (types 1-4, RFC 4443 §3.1-3.4):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Unused (1, 3) / MTU (2, Packet Too Big) / Pointer (4)       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |    As much of the invoking packet as possible without the     |
 * +    ICMPv6 packet exceeding the minimum IPv6 MTU               +
 *
 * echo request and reply (types 128, 129, RFC 4443 §4):
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Identifier          |        Sequence Number        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Data ...
 * </pre>
 *
 * <p>The checksum covers the IPv6 pseudo-header (RFC 8200 §8.1, next header 58) and the whole message (RFC
 * 4443 §2.3).
 */
public final class Icmpv6Layout {

    /** Type, 8 bits. */
    public static final int TYPE_OFFSET = 0;
    /** Code, 8 bits. */
    public static final int CODE_OFFSET = 1;
    /** Checksum, 16 bits. */
    public static final int CHECKSUM_OFFSET = 2;
    /** The common header: type, code, checksum. */
    public static final int HEADER_LENGTH = 4;
    /** Errors: the 32-bit word after the checksum (unused, MTU or pointer). */
    public static final int ERROR_WORD_OFFSET = 4;
    /** Errors: where the invoking packet starts. */
    public static final int INVOKING_PACKET_OFFSET = 8;
    /** Echo: identifier, 16 bits. */
    public static final int IDENTIFIER_OFFSET = 4;
    /** Echo: sequence number, 16 bits. */
    public static final int SEQUENCE_OFFSET = 6;
    /** Echo: where the data starts. */
    public static final int ECHO_DATA_OFFSET = 8;
    /** The shortest error or echo message. */
    public static final int MIN_ERROR_OR_ECHO_LENGTH = 8;
    /**
     * The longest error message: an error must not make its IPv6 packet exceed the minimum MTU (RFC 4443
     * §2.4(c)), so 1280 minus the 40-byte IPv6 header.
     */
    public static final int MAX_ERROR_LENGTH = 1280 - 40;

    private Icmpv6Layout() {
    }
}
