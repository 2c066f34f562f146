package org.jwsk.wire.pcap;

/**
 * Which way a captured frame went, as bits 0-1 of the pcapng epb_flags word say (draft-ietf-opsawg-pcapng
 * §4.3.1): 00 not available, 01 inbound, 10 outbound.
 */
public enum Direction {
    /** The capture does not say (classic pcap, an Enhanced Packet Block without epb_flags). */
    UNKNOWN(0),
    /** Received by the interface. */
    INBOUND(1),
    /** Sent by the interface. */
    OUTBOUND(2);

    /** The mask of the direction bits in an epb_flags word. */
    public static final int FLAGS_MASK = 0x3;

    private final int flagBits;

    Direction(int flagBits) {
        this.flagBits = flagBits;
    }

    /** This direction's bits in an epb_flags word. */
    public int flagBits() {
        return flagBits;
    }

    /**
     * The direction an epb_flags (or pack_flags) word gives. The value 11, which the draft leaves undefined, reads
     * as {@link #UNKNOWN}, as does a missing flags word.
     */
    public static Direction fromFlags(int flags) {
        return switch (flags & FLAGS_MASK) {
            case 1 -> INBOUND;
            case 2 -> OUTBOUND;
            default -> UNKNOWN;
        };
    }
}
