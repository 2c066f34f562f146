package org.jwsk.common.counter;

/**
 * What a counter is: its name as diagnostics show it and what it counts. Implemented by the enums that name a
 * layer's counters, so a {@link CounterSet} over such an enum is a fixed, allocation-free table.
 *
 * <p>Names follow the MIBs: the MIB object's own name where one exists ({@code ipInHdrErrors} from RFC 4293,
 * {@code tcpActiveOpens} from RFC 4022, {@code udpNoPorts} from RFC 4113), otherwise a jwsk name in the same
 * style ({@code ipv4InBadOptions}).
 */
public interface CounterDescriptor {

    /** Whether a counter only rises or is a gauge that may fall. */
    enum Kind {
        /** Rises monotonically until the set is discarded. */
        COUNTER,
        /** A current level (such as {@code tcpCurrEstab}); may rise and fall. */
        GAUGE
    }

    /** The counter's MIB-style name, unique within its set. */
    String counterName();

    /** One line saying what is counted. */
    String description();

    /** Counter or gauge; counters by default. */
    default Kind kind() {
        return Kind.COUNTER;
    }

    /**
     * Whether the descriptor is a real counter. An enum of reasons may include a member meaning "nothing to
     * count" (such as a parse result of no drop); a {@link CounterSet} gives it no slot in its listings.
     */
    default boolean counted() {
        return true;
    }
}
