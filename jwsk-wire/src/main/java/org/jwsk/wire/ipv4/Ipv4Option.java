package org.jwsk.wire.ipv4;

import java.util.List;
import java.util.Objects;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;

/**
 * One IPv4 option (RFC 791 §3.1, RFC 2113) as a validated record: every record encodes to bytes that {@link
 * Ipv4View#check} accepts, and parsing those bytes gives the record back. Options jwsk does not interpret are
 * kept as {@link Unknown} type and data.
 *
 * <p>Control plane and tests: the data path reads options through {@link Ipv4OptionCursor} or {@link
 * Ipv4View#findOption(int)} instead.
 */
public sealed interface Ipv4Option {

    /** The option type octet. */
    int type();

    /** The encoded length in bytes, type octet included. */
    int length();

    /** Whether this option is copied into every fragment (the high bit of the type). */
    default boolean copied() {
        return Ipv4Layout.isCopied(type());
    }

    /**
     * End of Option List: the rest of the options area is padding, and every padding octet is an EOL too
     * (RFC 791 §3.1). Only EOLs may follow an EOL.
     */
    record Eol() implements Ipv4Option {
        @Override
        public int type() {
            return Ipv4Layout.OPT_EOL;
        }

        @Override
        public int length() {
            return 1;
        }
    }

    /** No Operation: one octet, used to align the option after it. */
    record Nop() implements Ipv4Option {
        @Override
        public int type() {
            return Ipv4Layout.OPT_NOP;
        }

        @Override
        public int length() {
            return 1;
        }
    }

    /** The three route options: a pointer and a list of address slots (RFC 791 §3.1). */
    sealed interface Route extends Ipv4Option permits RecordRoute, LooseSourceRoute, StrictSourceRoute {

        /** The most addresses that fit in 40 option bytes. */
        int MAX_ADDRESSES = 9;

        /** The octet offset, from the option's type octet, of the next slot; beyond the option when full. */
        int pointer();

        /** Every slot, filled or not. */
        List<Ipv4Address> route();

        @Override
        default int length() {
            return Ipv4Layout.OPT_ROUTE_DATA_OFFSET + 4 * route().size();
        }

        /** Whether every slot has been used: the pointer lies past the option. */
        default boolean isFull() {
            return pointer() > length();
        }

        /** The slot the pointer names, or -1 when the route is full. */
        default int nextIndex() {
            return isFull() ? -1 : (pointer() - Ipv4Layout.OPT_ROUTE_MIN_POINTER) / 4;
        }
    }

    /** Record Route (type 7): each module that forwards the datagram writes its address into the next slot. */
    record RecordRoute(int pointer, List<Ipv4Address> route) implements Route {
        public RecordRoute {
            route = Ipv4Options.checkRoute(pointer, route);
        }

        @Override
        public int type() {
            return Ipv4Layout.OPT_RR;
        }
    }

    /** Loose Source and Record Route (type 131): the datagram must pass the listed addresses in order. */
    record LooseSourceRoute(int pointer, List<Ipv4Address> route) implements Route {
        public LooseSourceRoute {
            route = Ipv4Options.checkRoute(pointer, route);
        }

        @Override
        public int type() {
            return Ipv4Layout.OPT_LSRR;
        }
    }

    /** Strict Source and Record Route (type 137): the listed addresses, directly connected hop by hop. */
    record StrictSourceRoute(int pointer, List<Ipv4Address> route) implements Route {
        public StrictSourceRoute {
            route = Ipv4Options.checkRoute(pointer, route);
        }

        @Override
        public int type() {
            return Ipv4Layout.OPT_SSRR;
        }
    }

    /**
     * The three forms of the Internet Timestamp option (type 68, RFC 791 §3.1). Timestamps are raw 32-bit
     * values: milliseconds since midnight UT, or any value with the high bit set when that is not available.
     */
    sealed interface Timestamp extends Ipv4Option permits TimestampsOnly, TimestampsAndAddresses, TimestampsPrespecified {

        /** The octet offset, from the option's type octet, of the next slot; beyond the option when full. */
        int pointer();

        /** The overflow count: modules that could not register a timestamp for lack of room, 0-15. */
        int overflow();

        /** The flag value: {@link Ipv4Layout#TS_FLAG_TIMESTAMPS}, {@code _ADDRESSES} or {@code _PRESPECIFIED}. */
        int flag();

        /** Bytes per slot: 4 for timestamps only, 8 with addresses. */
        default int slotLength() {
            return flag() == Ipv4Layout.TS_FLAG_TIMESTAMPS ? 4 : 8;
        }

        @Override
        default int type() {
            return Ipv4Layout.OPT_TS;
        }

        /** Whether every slot has been used: the pointer lies past the option. */
        default boolean isFull() {
            return pointer() > length();
        }
    }

    /** A timestamp slot with its internet address. */
    record TimestampEntry(Ipv4Address address, int timestamp) {
        public TimestampEntry {
            Objects.requireNonNull(address, "address");
        }
    }

    /** Timestamp option with flag 0: a list of timestamps. */
    record TimestampsOnly(int pointer, int overflow, List<Integer> timestamps) implements Timestamp {
        /** The most timestamps that fit in 40 option bytes. */
        public static final int MAX_SLOTS = 9;

        public TimestampsOnly {
            timestamps = List.copyOf(timestamps);
            Ipv4Options.checkTimestamp(pointer, overflow, timestamps.size(), MAX_SLOTS, 4);
        }

        @Override
        public int flag() {
            return Ipv4Layout.TS_FLAG_TIMESTAMPS;
        }

        @Override
        public int length() {
            return Ipv4Layout.OPT_TS_DATA_OFFSET + 4 * timestamps.size();
        }
    }

    /** Timestamp option with flag 1: each registering module writes its address and a timestamp. */
    record TimestampsAndAddresses(int pointer, int overflow, List<TimestampEntry> entries) implements Timestamp {
        /** The most entries that fit in 40 option bytes. */
        public static final int MAX_SLOTS = 4;

        public TimestampsAndAddresses {
            entries = List.copyOf(entries);
            Ipv4Options.checkTimestamp(pointer, overflow, entries.size(), MAX_SLOTS, 8);
        }

        @Override
        public int flag() {
            return Ipv4Layout.TS_FLAG_ADDRESSES;
        }

        @Override
        public int length() {
            return Ipv4Layout.OPT_TS_DATA_OFFSET + 8 * entries.size();
        }
    }

    /** Timestamp option with flag 3: only the prespecified modules write their timestamps. */
    record TimestampsPrespecified(int pointer, int overflow, List<TimestampEntry> entries) implements Timestamp {
        /** The most entries that fit in 40 option bytes. */
        public static final int MAX_SLOTS = 4;

        public TimestampsPrespecified {
            entries = List.copyOf(entries);
            Ipv4Options.checkTimestamp(pointer, overflow, entries.size(), MAX_SLOTS, 8);
        }

        @Override
        public int flag() {
            return Ipv4Layout.TS_FLAG_PRESPECIFIED;
        }

        @Override
        public int length() {
            return Ipv4Layout.OPT_TS_DATA_OFFSET + 8 * entries.size();
        }
    }

    /**
     * Router Alert (type 148, RFC 2113 §2.1): routers should examine this datagram (used by IGMP and RSVP).
     *
     * @param value 0 ("router shall examine packet"); 1-65535 are reserved and kept as they are
     */
    record RouterAlert(int value) implements Ipv4Option {
        /** The only defined value: examine the packet. */
        public static final int EXAMINE = 0;

        public RouterAlert {
            if (value < 0 || value > 0xffff) {
                throw new IllegalArgumentException("router alert value out of range: " + value);
            }
        }

        @Override
        public int type() {
            return Ipv4Layout.OPT_RA;
        }

        @Override
        public int length() {
            return Ipv4Layout.OPT_RA_LENGTH;
        }
    }

    /**
     * An option jwsk does not interpret (Security, Stream ID, CIPSO, experiments), kept as type and data.
     *
     * @param type a type octet that is none of the interpreted ones
     * @param data the bytes after the length octet, at most 38
     */
    record Unknown(int type, Octets data) implements Ipv4Option {
        public Unknown {
            Objects.requireNonNull(data, "data");
            if (type < 0 || type > 0xff || Ipv4Options.isInterpreted(type)) {
                throw new IllegalArgumentException("not an uninterpreted option type: " + type);
            }
            if (data.length() > Ipv4Layout.MAX_OPTIONS_LENGTH - 2) {
                throw new IllegalArgumentException("option data too long: " + data.length());
            }
        }

        @Override
        public int length() {
            return 2 + data.length();
        }
    }
}
