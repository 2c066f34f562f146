package org.jwsk.wire.tcp;

/**
 * TCP option kinds and lengths (IANA "TCP Option Kind Numbers"). Every option but EOL and NOP is kind, length,
 * data, where the length counts the kind and length bytes (RFC 9293 §3.1, MUST-68).
 *
 * <p>jwsk decodes the kinds with a record in {@link TcpOption}; the others named here are only printed, and
 * kept as {@link TcpOption.Unknown}.
 */
public final class TcpOptionKind {

    /** End of Option List (RFC 9293 §3.2): one byte, ends the list; what follows in the header is padding. */
    public static final int EOL = 0;
    /** No-Operation (RFC 9293 §3.2): one byte, aligns the next option. */
    public static final int NOP = 1;
    /** Maximum Segment Size (RFC 9293 §3.2, §3.7.1): length 4, a 16-bit size; only sent with SYN (MUST-65). */
    public static final int MSS = 2;
    /** Window Scale (RFC 7323 §2.2): length 3, a shift count; only sent with SYN. */
    public static final int WINDOW_SCALE = 3;
    /** SACK-Permitted (RFC 2018 §2): length 2; only sent with SYN. */
    public static final int SACK_PERMITTED = 4;
    /** SACK (RFC 2018 §3): length 2 + 8n for n = 1 to 4 blocks of left and right edges. */
    public static final int SACK = 5;
    /** Timestamps (RFC 7323 §3.2): length 10, TSval and TSecr. */
    public static final int TIMESTAMPS = 8;
    /** TCP MD5 signature (RFC 2385, obsoleted by TCP-AO); kept raw. */
    public static final int MD5_SIGNATURE = 19;
    /** User Timeout (RFC 5482); kept raw. */
    public static final int USER_TIMEOUT = 28;
    /** TCP Authentication Option (RFC 5925); kept raw. */
    public static final int AUTHENTICATION = 29;
    /** Multipath TCP (RFC 8684); kept raw. */
    public static final int MPTCP = 30;
    /** TCP Fast Open cookie (RFC 7413); kept raw. */
    public static final int FAST_OPEN = 34;
    /** Experimental option 1 (RFC 4727, with the ExID of RFC 6994); kept raw. */
    public static final int EXPERIMENTAL_1 = 253;
    /** Experimental option 2 (RFC 4727, with the ExID of RFC 6994); kept raw. */
    public static final int EXPERIMENTAL_2 = 254;

    /** The length of EOL and NOP, which have no length byte. */
    public static final int SINGLE_BYTE_LENGTH = 1;
    /** The length of an option's kind and length bytes. */
    public static final int TLV_HEADER_LENGTH = 2;
    /** The length of the MSS option. */
    public static final int MSS_LENGTH = 4;
    /** The length of the Window Scale option. */
    public static final int WINDOW_SCALE_LENGTH = 3;
    /** The length of the SACK-Permitted option. */
    public static final int SACK_PERMITTED_LENGTH = 2;
    /** The length of the Timestamps option. */
    public static final int TIMESTAMPS_LENGTH = 10;
    /** The bytes one SACK block adds: two 32-bit edges. */
    public static final int SACK_BLOCK_LENGTH = 8;
    /** The most SACK blocks that fit in 40 option bytes (RFC 2018 §3). */
    public static final int MAX_SACK_BLOCKS = 4;
    /** The largest data an unknown option can carry: 40 option bytes less its kind and length. */
    public static final int MAX_DATA_LENGTH = TcpLayout.MAX_OPTIONS_LENGTH - TLV_HEADER_LENGTH;

    private TcpOptionKind() {
    }

    /** The length of a SACK option with {@code blocks} blocks. */
    public static int sackLength(int blocks) {
        return TLV_HEADER_LENGTH + blocks * SACK_BLOCK_LENGTH;
    }

    /**
     * Whether an option of {@code kind} with total length {@code length} has the shape its definition gives: 1
     * for EOL and NOP, the RFC length for the kinds jwsk decodes, and at least 2 for every other kind.
     * Receivers ignore a known kind of the wrong length, as Linux does ({@code tcp_parse_options} checks {@code
     * opsize} per kind and skips the option otherwise).
     */
    public static boolean isWellFormed(int kind, int length) {
        return switch (kind) {
            case EOL, NOP -> length == SINGLE_BYTE_LENGTH;
            case MSS -> length == MSS_LENGTH;
            case WINDOW_SCALE -> length == WINDOW_SCALE_LENGTH;
            case SACK_PERMITTED -> length == SACK_PERMITTED_LENGTH;
            case TIMESTAMPS -> length == TIMESTAMPS_LENGTH;
            case SACK -> length >= sackLength(1) && length <= sackLength(MAX_SACK_BLOCKS)
                    && (length - TLV_HEADER_LENGTH) % SACK_BLOCK_LENGTH == 0;
            default -> length >= TLV_HEADER_LENGTH;
        };
    }

    /** Whether jwsk decodes {@code kind} into its own record rather than keeping it raw. */
    public static boolean isDecoded(int kind) {
        return switch (kind) {
            case EOL, NOP, MSS, WINDOW_SCALE, SACK_PERMITTED, SACK, TIMESTAMPS -> true;
            default -> false;
        };
    }

    /** tcpdump's short name for {@code kind}: {@code mss}, {@code wscale}, {@code sackOK}, ... or {@code opt-N}. */
    public static String name(int kind) {
        return switch (kind) {
            case EOL -> "eol";
            case NOP -> "nop";
            case MSS -> "mss";
            case WINDOW_SCALE -> "wscale";
            case SACK_PERMITTED -> "sackOK";
            case SACK -> "sack";
            case TIMESTAMPS -> "TS";
            case MD5_SIGNATURE -> "md5";
            case USER_TIMEOUT -> "uto";
            case AUTHENTICATION -> "tcp-ao";
            case MPTCP -> "mptcp";
            case FAST_OPEN -> "tfo";
            case EXPERIMENTAL_1, EXPERIMENTAL_2 -> "exp";
            default -> "opt-" + kind;
        };
    }
}
