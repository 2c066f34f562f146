package org.jwsk.wire.icmpv6;

/** NDP option types jwsk knows (RFC 4861 §4.6 and later RFCs), and the lengths their layouts need. */
public final class NdpOptionType {

    /** Source Link-layer Address (RFC 4861 §4.6.1). */
    public static final int SOURCE_LINK_LAYER_ADDRESS = 1;
    /** Target Link-layer Address (RFC 4861 §4.6.1). */
    public static final int TARGET_LINK_LAYER_ADDRESS = 2;
    /** Prefix Information (RFC 4861 §4.6.2). */
    public static final int PREFIX_INFORMATION = 3;
    /** Redirected Header (RFC 4861 §4.6.3). */
    public static final int REDIRECTED_HEADER = 4;
    /** MTU (RFC 4861 §4.6.4). */
    public static final int MTU = 5;
    /** Nonce (RFC 3971 §5.3.2; used by enhanced DAD, RFC 7527). */
    public static final int NONCE = 14;
    /** Recursive DNS Server (RFC 8106 §5.1). */
    public static final int RECURSIVE_DNS_SERVER = 25;

    private NdpOptionType() {
    }

    /**
     * Whether an option of {@code type} and {@code units} 8-byte units has the layout of its type, so that it
     * parses as its own record: Prefix Information is 4 units, MTU 1, RDNSS an odd number of at least 3 (RFC
     * 8106 §5.1); the others any non-zero length. An option that does not fit is kept as unknown, and the
     * network layer ignores it as it ignores unrecognised options (RFC 4861 §4.6); Linux likewise skips a
     * short prefix option ({@code addrconf_prefix_rcv}).
     */
    public static boolean fits(int type, int units) {
        return switch (type) {
            case PREFIX_INFORMATION -> units == 4;
            case MTU -> units == 1;
            case RECURSIVE_DNS_SERVER -> units >= 3 && (units & 1) == 1;
            default -> units >= 1;
        };
    }

    /** Whether {@code type} is one of the types above, with a record of its own. */
    public static boolean isKnown(int type) {
        return switch (type) {
            case SOURCE_LINK_LAYER_ADDRESS, TARGET_LINK_LAYER_ADDRESS, PREFIX_INFORMATION, REDIRECTED_HEADER, MTU,
                    NONCE, RECURSIVE_DNS_SERVER -> true;
            default -> false;
        };
    }

    /** A short name for printing. */
    public static String name(int type) {
        return switch (type) {
            case SOURCE_LINK_LAYER_ADDRESS -> "SourceLinkLayerAddress";
            case TARGET_LINK_LAYER_ADDRESS -> "TargetLinkLayerAddress";
            case PREFIX_INFORMATION -> "PrefixInformation";
            case REDIRECTED_HEADER -> "RedirectedHeader";
            case MTU -> "Mtu";
            case NONCE -> "Nonce";
            case RECURSIVE_DNS_SERVER -> "RecursiveDnsServer";
            default -> "ndopt-" + type;
        };
    }
}
