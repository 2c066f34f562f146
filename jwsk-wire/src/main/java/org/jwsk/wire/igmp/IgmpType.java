package org.jwsk.wire.igmp;

/** IGMP message types (IANA "IGMP Type Numbers"): the ones hosts and queriers exchange. */
public final class IgmpType {

    /** Membership Query, in its IGMPv1 (RFC 1112), IGMPv2 (RFC 2236 §2) and IGMPv3 (RFC 3376 §4.1) forms. */
    public static final int MEMBERSHIP_QUERY = 0x11;
    /** Version 1 Membership Report (RFC 1112 appendix I). */
    public static final int V1_MEMBERSHIP_REPORT = 0x12;
    /** Version 2 Membership Report (RFC 2236 §2.1). */
    public static final int V2_MEMBERSHIP_REPORT = 0x16;
    /** Version 2 Leave Group (RFC 2236 §2.1). */
    public static final int V2_LEAVE_GROUP = 0x17;
    /** Version 3 Membership Report (RFC 3376 §4.2). */
    public static final int V3_MEMBERSHIP_REPORT = 0x22;

    private IgmpType() {
    }

    /** A short name for printing: {@code query}, {@code v2-report}, ... or the number in hex. */
    public static String name(int type) {
        return switch (type) {
            case MEMBERSHIP_QUERY -> "query";
            case V1_MEMBERSHIP_REPORT -> "v1-report";
            case V2_MEMBERSHIP_REPORT -> "v2-report";
            case V2_LEAVE_GROUP -> "v2-leave";
            case V3_MEMBERSHIP_REPORT -> "v3-report";
            default -> String.format("0x%02x", type);
        };
    }
}
