package org.jwsk.wire.arp;

/** The ARP operations jwsk speaks (RFC 826 {@code ar$op}). */
public enum ArpOperation {
    /** {@code ares_op$REQUEST}: who has the target protocol address? */
    REQUEST(1),
    /** {@code ares_op$REPLY}: the sender protocol address is at the sender hardware address. */
    REPLY(2);

    private final int code;

    ArpOperation(int code) {
        this.code = code;
    }

    /** The value of the operation field. */
    public int code() {
        return code;
    }

    /**
     * The operation with field value {@code code}.
     *
     * @throws IllegalArgumentException if the value is neither 1 nor 2
     */
    public static ArpOperation of(int code) {
        return switch (code) {
            case 1 -> REQUEST;
            case 2 -> REPLY;
            default -> throw new IllegalArgumentException("not an ARP request or reply: " + code);
        };
    }
}
