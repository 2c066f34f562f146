package org.jwsk.wire.ipv4;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.testing.WireTesting;

/** Random valid IPv4 headers and options for the property tests. */
final class Ipv4Samples {

    private static final int[] UNINTERPRETED = {130, 133, 134, 136, 142, 145, 149, 150, 30, 94, 158, 222, 255, 2, 3};

    private Ipv4Samples() {
    }

    /** A random header, options included about half the time. */
    static Ipv4Repr header(RandomGenerator r) {
        List<Ipv4Option> options = r.nextBoolean() ? List.of() : options(r);
        int headerLength = 20 + ((Ipv4Options.encodedLength(options) + 3) & ~3); // the canonical padding
        int payload = r.nextInt(8) == 0 ? 0xffff - headerLength - (r.nextBoolean() ? 0 : r.nextInt(100)) : r.nextInt(1500);
        return new Ipv4Repr(r.nextInt(64), r.nextInt(4), r.nextInt(0x10000), r.nextBoolean(), r.nextBoolean(),
                r.nextInt(4) == 0 ? r.nextInt(8192) : 0, r.nextInt(256), r.nextInt(256), WireTesting.randomIpv4(r),
                WireTesting.randomIpv4(r), options, payload);
    }

    /** Random options that fit in 40 bytes, sometimes ending with an explicit EOL. */
    static List<Ipv4Option> options(RandomGenerator r) {
        List<Ipv4Option> options = new ArrayList<>();
        int room = Ipv4Layout.MAX_OPTIONS_LENGTH;
        int count = 1 + r.nextInt(4);
        int seen = 0;
        for (int i = 0; i < count && room > 0; i++) {
            Ipv4Option o = option(r, room);
            if (o.length() <= room && (seen & Ipv4Options.onceBit(o.type())) == 0) {
                options.add(o);
                room -= o.length();
                seen |= Ipv4Options.onceBit(o.type());
            }
        }
        if (room > 0 && r.nextInt(4) == 0) {
            int eols = 1 + r.nextInt(room);
            for (int i = 0; i < eols; i++) {
                options.add(new Ipv4Option.Eol());
            }
        }
        return options;
    }

    /** One random option, trying to stay within {@code room} bytes. */
    static Ipv4Option option(RandomGenerator r, int room) {
        return switch (r.nextInt(7)) {
            case 0 -> new Ipv4Option.Nop();
            case 1 -> route(r, room, r.nextInt(3));
            case 2 -> {
                int n = slots(r, room, 4, 4);
                List<Integer> stamps = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    stamps.add(r.nextInt());
                }
                yield new Ipv4Option.TimestampsOnly(timestampPointer(r, 4 + 4 * n, 4), r.nextInt(16), stamps);
            }
            case 3 -> {
                int n = slots(r, room, 4, 8);
                yield new Ipv4Option.TimestampsAndAddresses(timestampPointer(r, 4 + 8 * n, 8), r.nextInt(16), entries(r, n));
            }
            case 4 -> {
                int n = slots(r, room, 4, 8);
                yield new Ipv4Option.TimestampsPrespecified(timestampPointer(r, 4 + 8 * n, 8), r.nextInt(16), entries(r, n));
            }
            case 5 -> new Ipv4Option.RouterAlert(r.nextInt(3) == 0 ? r.nextInt(0x10000) : 0);
            default -> new Ipv4Option.Unknown(UNINTERPRETED[r.nextInt(UNINTERPRETED.length)],
                    Octets.of(RandomCases.bytesUpTo(r, Math.max(0, Math.min(room - 2, 12)))));
        };
    }

    private static Ipv4Option route(RandomGenerator r, int room, int kind) {
        int n = slots(r, room, 3, 4);
        int pointer = routePointer(r, n);
        List<Ipv4Address> route = addresses(r, n);
        return switch (kind) {
            case 0 -> new Ipv4Option.RecordRoute(pointer, route);
            case 1 -> new Ipv4Option.LooseSourceRoute(pointer, route);
            default -> new Ipv4Option.StrictSourceRoute(pointer, route);
        };
    }

    /** A random slot count that fits {@code room} after a header of {@code fixed} bytes, at least 0. */
    private static int slots(RandomGenerator r, int room, int fixed, int slot) {
        int max = Math.max(0, (room - fixed) / slot);
        return r.nextInt(max + 1);
    }

    private static int routePointer(RandomGenerator r, int slots) {
        int length = 3 + 4 * slots;
        int pointer;
        do {
            pointer = r.nextBoolean() ? 4 + 4 * r.nextInt(slots + 1) : 4 + r.nextInt(252);
        } while (!Ipv4Options.routeValid(length, pointer));
        return pointer;
    }

    private static int timestampPointer(RandomGenerator r, int length, int slot) {
        int flag = slot == 4 ? Ipv4Layout.TS_FLAG_TIMESTAMPS : Ipv4Layout.TS_FLAG_ADDRESSES;
        int pointer;
        do {
            pointer = r.nextBoolean() ? 5 + slot * r.nextInt((length - 4) / slot + 1) : 5 + r.nextInt(251);
        } while (!Ipv4Options.timestampValid(length, pointer, flag));
        return pointer;
    }

    private static List<Ipv4Address> addresses(RandomGenerator r, int n) {
        List<Ipv4Address> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(r.nextInt(3) == 0 ? Ipv4Address.ANY : WireTesting.randomIpv4(r));
        }
        return list;
    }

    private static List<Ipv4Option.TimestampEntry> entries(RandomGenerator r, int n) {
        List<Ipv4Option.TimestampEntry> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Ipv4Option.TimestampEntry(WireTesting.randomIpv4(r), r.nextInt()));
        }
        return list;
    }
}
