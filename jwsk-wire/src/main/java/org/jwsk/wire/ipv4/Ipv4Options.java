package org.jwsk.wire.ipv4;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;

/**
 * The IPv4 options codec (RFC 791 §3.1, RFC 2113): the syntax check, parsing into {@link Ipv4Option} records,
 * emission, and the allocation-free walk. The rules live here once, so that what the check accepts and what the
 * record constructors accept are the same set.
 */
final class Ipv4Options {

    private Ipv4Options() {
    }

    /** Whether {@code type} is an option this codec interprets rather than keeping as {@link Ipv4Option.Unknown}. */
    static boolean isInterpreted(int type) {
        return switch (type) {
            case Ipv4Layout.OPT_EOL, Ipv4Layout.OPT_NOP, Ipv4Layout.OPT_RR, Ipv4Layout.OPT_TS, Ipv4Layout.OPT_LSRR,
                    Ipv4Layout.OPT_SSRR, Ipv4Layout.OPT_RA -> true;
            default -> false;
        };
    }

    /**
     * Route option syntax: whole addresses after the pointer (RFC 791 §3.1: length 3 + 4n), a pointer of at least
     * 4 that either lies past the option (full) or leaves room for one address (Linux {@code ip_options_compile}).
     */
    static boolean routeValid(int length, int pointer) {
        return length >= Ipv4Layout.OPT_ROUTE_DATA_OFFSET
                && (length - Ipv4Layout.OPT_ROUTE_DATA_OFFSET) % 4 == 0
                && pointer >= Ipv4Layout.OPT_ROUTE_MIN_POINTER && pointer <= 0xff
                && (pointer > length || pointer + 3 <= length);
    }

    /**
     * Timestamp option syntax: a flag of 0, 1 or 3, whole slots, a pointer of at least 5 that either lies past
     * the option or leaves room for one slot (RFC 791 §3.1; Linux {@code ip_options_compile}).
     */
    static boolean timestampValid(int length, int pointer, int flag) {
        if (flag != Ipv4Layout.TS_FLAG_TIMESTAMPS && flag != Ipv4Layout.TS_FLAG_ADDRESSES
                && flag != Ipv4Layout.TS_FLAG_PRESPECIFIED) {
            return false;
        }
        int slot = flag == Ipv4Layout.TS_FLAG_TIMESTAMPS ? 4 : 8;
        return length >= Ipv4Layout.OPT_TS_DATA_OFFSET
                && (length - Ipv4Layout.OPT_TS_DATA_OFFSET) % slot == 0
                && pointer >= Ipv4Layout.OPT_TS_MIN_POINTER && pointer <= 0xff
                && (pointer > length || pointer + slot - 1 <= length);
    }

    /** Validates a route record's components; returns an unmodifiable copy of the route. */
    static List<Ipv4Address> checkRoute(int pointer, List<Ipv4Address> route) {
        List<Ipv4Address> copy = List.copyOf(route);
        if (copy.size() > Ipv4Option.Route.MAX_ADDRESSES) {
            throw new IllegalArgumentException("at most 9 route addresses, not " + copy.size());
        }
        int length = Ipv4Layout.OPT_ROUTE_DATA_OFFSET + 4 * copy.size();
        if (!routeValid(length, pointer)) {
            throw new IllegalArgumentException("route pointer " + pointer + " invalid for option length " + length);
        }
        return copy;
    }

    /** Validates a timestamp record's components. */
    static void checkTimestamp(int pointer, int overflow, int slots, int maxSlots, int slotLength) {
        if (overflow < 0 || overflow > 15) {
            throw new IllegalArgumentException("timestamp overflow must be 0-15, not " + overflow);
        }
        if (slots > maxSlots) {
            throw new IllegalArgumentException("at most " + maxSlots + " timestamp slots, not " + slots);
        }
        int length = Ipv4Layout.OPT_TS_DATA_OFFSET + slotLength * slots;
        int flag = slotLength == 4 ? Ipv4Layout.TS_FLAG_TIMESTAMPS : Ipv4Layout.TS_FLAG_ADDRESSES;
        if (!timestampValid(length, pointer, flag)) {
            throw new IllegalArgumentException("timestamp pointer " + pointer + " invalid for option length " + length);
        }
    }

    /**
     * A bit for each option that may appear at most once, or 0. Linux ({@code ip_options_compile}) refuses a
     * second Record Route, a second Timestamp and a second source route of either kind; RFC 1122 §3.2.1.8 leaves
     * the effect of several source routes implementation-specific.
     */
    static int onceBit(int type) {
        return switch (type) {
            case Ipv4Layout.OPT_RR -> 1;
            case Ipv4Layout.OPT_TS -> 2;
            case Ipv4Layout.OPT_LSRR, Ipv4Layout.OPT_SSRR -> 4;
            default -> 0;
        };
    }

    /**
     * Checks the options in {@code [start, end)}: every option up to an EOL (or the end) has a length octet
     * inside the area, a length of at least 2 that stays inside it, and the syntax of its type; Record Route,
     * Timestamp and a source route appear at most once each ({@link #onceBit}).
     */
    static DropReason check(MemorySegment seg, long start, long end) {
        long p = start;
        int seen = 0;
        while (p < end) {
            int type = NetOrder.u8(seg, p);
            if (type == Ipv4Layout.OPT_EOL) {
                return DropReason.NONE;
            }
            if (type == Ipv4Layout.OPT_NOP) {
                p++;
                continue;
            }
            if (p + 1 >= end) {
                return DropReason.IPV4_BAD_OPTION; // RFC 791 §3.1: no room for the length octet
            }
            int length = NetOrder.u8(seg, p + Ipv4Layout.OPT_LENGTH_OFFSET);
            if (length < 2 || length > end - p || !syntaxValid(seg, p, type, length) || (seen & onceBit(type)) != 0) {
                return DropReason.IPV4_BAD_OPTION;
            }
            seen |= onceBit(type);
            p += length;
        }
        return DropReason.NONE;
    }

    private static boolean syntaxValid(MemorySegment seg, long p, int type, int length) {
        return switch (type) {
            case Ipv4Layout.OPT_RR, Ipv4Layout.OPT_LSRR, Ipv4Layout.OPT_SSRR ->
                    length > Ipv4Layout.OPT_POINTER_OFFSET && routeValid(length, pointer(seg, p));
            case Ipv4Layout.OPT_TS -> length > Ipv4Layout.OPT_TS_FLAGS_OFFSET
                    && timestampValid(length, pointer(seg, p), NetOrder.u8(seg, p + Ipv4Layout.OPT_TS_FLAGS_OFFSET) & 0x0f);
            case Ipv4Layout.OPT_RA -> length == Ipv4Layout.OPT_RA_LENGTH; // RFC 2113 §2.1
            default -> true;
        };
    }

    private static int pointer(MemorySegment seg, long p) {
        return NetOrder.u8(seg, p + Ipv4Layout.OPT_POINTER_OFFSET);
    }

    /**
     * The absolute offset of the first option of {@code type} in {@code [start, end)}, or -1. EOL and NOP are
     * never found. Never reads outside the area, even over unchecked bytes.
     */
    static long find(MemorySegment seg, long start, long end, int type) {
        long p = start;
        while (p < end) {
            int t = NetOrder.u8(seg, p);
            if (t == Ipv4Layout.OPT_EOL) {
                return -1;
            }
            if (t == Ipv4Layout.OPT_NOP) {
                p++;
                continue;
            }
            if (p + 1 >= end) {
                return -1;
            }
            int length = NetOrder.u8(seg, p + Ipv4Layout.OPT_LENGTH_OFFSET);
            if (length < 2 || length > end - p) {
                return -1;
            }
            if (t == type) {
                return p;
            }
            p += length;
        }
        return -1;
    }

    /**
     * Reads the options in {@code [start, end)}, which {@link #check} accepted. From the first EOL on, every
     * octet of the area is padding and becomes an EOL record (RFC 791 §3.1: the padding is zero, which is EOL),
     * so the list encodes to exactly the area's length and the header length survives a round trip. Non-zero
     * octets after an EOL are thereby read as zero.
     */
    static List<Ipv4Option> parse(MemorySegment seg, long start, long end) {
        List<Ipv4Option> options = new ArrayList<>();
        long p = start;
        while (p < end) {
            int type = NetOrder.u8(seg, p);
            if (type == Ipv4Layout.OPT_EOL) {
                for (; p < end; p++) {
                    options.add(new Ipv4Option.Eol());
                }
                break;
            }
            if (type == Ipv4Layout.OPT_NOP) {
                options.add(new Ipv4Option.Nop());
                p++;
                continue;
            }
            int length = NetOrder.u8(seg, p + Ipv4Layout.OPT_LENGTH_OFFSET);
            options.add(parseOne(seg, p, type, length));
            p += length;
        }
        return options;
    }

    private static Ipv4Option parseOne(MemorySegment seg, long p, int type, int length) {
        return switch (type) {
            case Ipv4Layout.OPT_RR -> new Ipv4Option.RecordRoute(pointer(seg, p), addresses(seg, p, length));
            case Ipv4Layout.OPT_LSRR -> new Ipv4Option.LooseSourceRoute(pointer(seg, p), addresses(seg, p, length));
            case Ipv4Layout.OPT_SSRR -> new Ipv4Option.StrictSourceRoute(pointer(seg, p), addresses(seg, p, length));
            case Ipv4Layout.OPT_TS -> parseTimestamp(seg, p, length);
            case Ipv4Layout.OPT_RA -> new Ipv4Option.RouterAlert(NetOrder.u16(seg, p + Ipv4Layout.OPT_RA_VALUE_OFFSET));
            default -> new Ipv4Option.Unknown(type, Octets.copyOf(seg, p + 2, length - 2));
        };
    }

    private static List<Ipv4Address> addresses(MemorySegment seg, long p, int length) {
        int n = (length - Ipv4Layout.OPT_ROUTE_DATA_OFFSET) / 4;
        List<Ipv4Address> route = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            route.add(Ipv4Address.read(seg, p + Ipv4Layout.OPT_ROUTE_DATA_OFFSET + 4L * i));
        }
        return route;
    }

    private static Ipv4Option parseTimestamp(MemorySegment seg, long p, int length) {
        int flags = NetOrder.u8(seg, p + Ipv4Layout.OPT_TS_FLAGS_OFFSET);
        int overflow = flags >>> 4;
        int flag = flags & 0x0f;
        long data = p + Ipv4Layout.OPT_TS_DATA_OFFSET;
        if (flag == Ipv4Layout.TS_FLAG_TIMESTAMPS) {
            int n = (length - Ipv4Layout.OPT_TS_DATA_OFFSET) / 4;
            List<Integer> stamps = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                stamps.add(NetOrder.i32(seg, data + 4L * i));
            }
            return new Ipv4Option.TimestampsOnly(pointer(seg, p), overflow, stamps);
        }
        int n = (length - Ipv4Layout.OPT_TS_DATA_OFFSET) / 8;
        List<Ipv4Option.TimestampEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            entries.add(new Ipv4Option.TimestampEntry(Ipv4Address.read(seg, data + 8L * i), NetOrder.i32(seg, data + 8L * i + 4)));
        }
        return flag == Ipv4Layout.TS_FLAG_ADDRESSES
                ? new Ipv4Option.TimestampsAndAddresses(pointer(seg, p), overflow, entries)
                : new Ipv4Option.TimestampsPrespecified(pointer(seg, p), overflow, entries);
    }

    /** The summed encoded lengths of {@code options}, before padding. */
    static int encodedLength(List<Ipv4Option> options) {
        int total = 0;
        for (Ipv4Option o : options) {
            total += o.length();
        }
        return total;
    }

    /**
     * The canonical form of an option list for a header: an unmodifiable copy padded with EOLs to whole 32-bit
     * words, the form {@link #parse} returns (RFC 791 §3.1: the padding is zero octets, that is, EOLs).
     *
     * @throws IllegalArgumentException if anything but EOL follows an EOL, an option that may appear once
     *     ({@link #onceBit}) appears again, or the options exceed 40 bytes
     */
    static List<Ipv4Option> canonical(List<Ipv4Option> options) {
        List<Ipv4Option> copy = List.copyOf(options);
        boolean ended = false;
        int seen = 0;
        for (int i = 0; i < copy.size(); i++) {
            Ipv4Option o = copy.get(i);
            boolean eol = o instanceof Ipv4Option.Eol;
            if (ended && !eol) {
                throw new IllegalArgumentException("only EOL may follow an EOL, found " + o + " at index " + i);
            }
            if ((seen & onceBit(o.type())) != 0) {
                throw new IllegalArgumentException("option type " + o.type() + " may appear only once: " + o);
            }
            seen |= onceBit(o.type());
            ended |= eol;
        }
        int length = encodedLength(copy);
        if (length > Ipv4Layout.MAX_OPTIONS_LENGTH) {
            throw new IllegalArgumentException("options take " + length + " bytes, at most 40 fit");
        }
        if (length % 4 == 0) {
            return copy;
        }
        List<Ipv4Option> padded = new ArrayList<>(copy);
        for (; length % 4 != 0; length++) {
            padded.add(new Ipv4Option.Eol());
        }
        return List.copyOf(padded);
    }

    /** Writes {@code options}, which are in {@link #canonical} form, at {@code off}. */
    static void emit(List<Ipv4Option> options, MemorySegment seg, long off) {
        long p = off;
        for (Ipv4Option o : options) {
            emitOne(o, seg, p);
            p += o.length();
        }
    }

    private static void emitOne(Ipv4Option option, MemorySegment seg, long p) {
        NetOrder.setU8(seg, p, option.type());
        switch (option) {
            case Ipv4Option.Eol eol -> { }
            case Ipv4Option.Nop nop -> { }
            case Ipv4Option.Route r -> {
                emitTypeLengthPointer(seg, p, r, r.pointer());
                for (int i = 0; i < r.route().size(); i++) {
                    r.route().get(i).write(seg, p + Ipv4Layout.OPT_ROUTE_DATA_OFFSET + 4L * i);
                }
            }
            case Ipv4Option.TimestampsOnly t -> {
                emitTimestampHeader(seg, p, t);
                for (int i = 0; i < t.timestamps().size(); i++) {
                    NetOrder.setI32(seg, p + Ipv4Layout.OPT_TS_DATA_OFFSET + 4L * i, t.timestamps().get(i));
                }
            }
            case Ipv4Option.TimestampsAndAddresses t -> emitEntries(seg, p, t, t.entries());
            case Ipv4Option.TimestampsPrespecified t -> emitEntries(seg, p, t, t.entries());
            case Ipv4Option.RouterAlert ra -> {
                NetOrder.setU8(seg, p + Ipv4Layout.OPT_LENGTH_OFFSET, ra.length());
                NetOrder.setU16(seg, p + Ipv4Layout.OPT_RA_VALUE_OFFSET, ra.value());
            }
            case Ipv4Option.Unknown u -> {
                NetOrder.setU8(seg, p + Ipv4Layout.OPT_LENGTH_OFFSET, u.length());
                u.data().copyTo(seg, p + 2);
            }
        }
    }

    private static void emitTypeLengthPointer(MemorySegment seg, long p, Ipv4Option option, int pointer) {
        NetOrder.setU8(seg, p + Ipv4Layout.OPT_LENGTH_OFFSET, option.length());
        NetOrder.setU8(seg, p + Ipv4Layout.OPT_POINTER_OFFSET, pointer);
    }

    private static void emitTimestampHeader(MemorySegment seg, long p, Ipv4Option.Timestamp t) {
        emitTypeLengthPointer(seg, p, t, t.pointer());
        NetOrder.setU8(seg, p + Ipv4Layout.OPT_TS_FLAGS_OFFSET, t.overflow() << 4 | t.flag());
    }

    private static void emitEntries(MemorySegment seg, long p, Ipv4Option.Timestamp t, List<Ipv4Option.TimestampEntry> entries) {
        emitTimestampHeader(seg, p, t);
        for (int i = 0; i < entries.size(); i++) {
            long at = p + Ipv4Layout.OPT_TS_DATA_OFFSET + 8L * i;
            entries.get(i).address().write(seg, at);
            NetOrder.setI32(seg, at + 4, entries.get(i).timestamp());
        }
    }
}
