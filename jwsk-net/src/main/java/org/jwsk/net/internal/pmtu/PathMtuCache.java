package org.jwsk.net.internal.pmtu;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.net.internal.Compartment;
import org.jwsk.net.internal.RouteTable;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.ipv6.Ipv6Layout;

/**
 * Path MTU discovery's memory (RFC 1191 for IPv4, RFC 8201 for IPv6): per compartment, the MTU learned for each
 * destination from ICMP fragmentation-needed and Packet Too Big messages. The IP layers ask it before sending
 * ({@link StackCore.PathMtu}); transports see it in {@code PathInfo.mtu}.
 *
 * <ul>
 *   <li>A report is believed only if it lowers the current estimate (RFC 1191 §6.3, RFC 8201 §4: never raise the
 *       estimate on a Packet Too Big), so the path MTU never exceeds the first link's MTU.</li>
 *   <li>IPv4: a next-hop MTU below 68 is ignored (RFC 1191 §3, RFC 791: 68 is the least every link carries). An
 *       old router's zero MTU is ignored too, as Linux ignores one below its floor; RFC 1191 §5's plateau guess is
 *       not made.</li>
 *   <li>IPv6: a report below 1280 is discarded (RFC 8201 §4: "If a node receives a Packet Too Big message reporting
 *       a next-hop MTU that is less than the IPv6 minimum link MTU, it must discard it"; Linux does so since 5.10).</li>
 *   <li>An estimate ages out {@link #AGE} after it was last lowered and the path is as wide as its link again
 *       (RFC 1191 §6.3, RFC 8201 §4: attempts to detect an increase no sooner than 5 minutes, 10 recommended).</li>
 *   <li>At most {@link #MAX_ENTRIES} destinations per compartment; the oldest estimate makes room (the errors that
 *       feed the cache come from the network, so it must be bounded).</li>
 * </ul>
 *
 * <p>Owned by the stack's thread.
 */
public final class PathMtuCache implements StackCore.PathMtu {

    /** How long a lowered estimate lasts (RFC 1191 §6.3, RFC 8201 §4). */
    public static final Duration AGE = Duration.ofMinutes(10);
    /** Destinations remembered per compartment. */
    public static final int MAX_ENTRIES = 4096;
    /** The smallest MTU an IPv4 path may have (RFC 791, RFC 1191 §3). */
    public static final int MIN_MTU_V4 = 68;

    private final StackCore core;
    private final Map<Integer, Table> tables = new HashMap<>();
    private final Destination probe;

    private PathMtuCache(StackCore core) {
        this.core = core;
        this.probe = new Destination(core.random().nextLong());
    }

    /** Makes the cache of {@code core}, listens to both ICMPs' too-big errors, and installs it for the IP layers. */
    public static PathMtuCache install(StackCore core) {
        PathMtuCache cache = new PathMtuCache(core);
        core.setPathMtu(cache);
        core.icmp4().setPacketTooBigListener(cache::onPacketTooBig4);
        core.icmp6().setPacketTooBigListener(cache::onPacketTooBig6);
        core.registerModule(PathMtuCache.class, cache);
        return cache;
    }

    @Override
    public int mtu4(Compartment c, int dst, int linkMtu) {
        return lookup(c, probe.set(4, 0, dst & 0xffff_ffffL), linkMtu);
    }

    @Override
    public int mtu6(Compartment c, long dstHi, long dstLo, int linkMtu) {
        return lookup(c, probe.set(6, dstHi, dstLo), linkMtu);
    }

    private int lookup(Compartment c, Destination d, int linkMtu) {
        Table t = tables.get(c.id().value());
        if (t == null || t.isEmpty()) {
            return linkMtu; // the common case: nothing learned, nothing hashed
        }
        int learned = t.mtu(d);
        return learned < 0 ? linkMtu : Math.min(learned, linkMtu);
    }

    /** RFC 1191 §4: a router could not forward a DF datagram to {@code dst} bigger than {@code mtu}. */
    void onPacketTooBig4(Compartment c, int dst, int mtu, long now) {
        if (mtu < MIN_MTU_V4) {
            return;
        }
        RouteTable.RouteEntry r = c.routes(4).lookup(0, dst & 0xffff_ffffL, null);
        if (r != null) {
            lower(c, probe.set(4, 0, dst & 0xffff_ffffL), mtu, r.nic().mtu4(), now);
        }
    }

    /** RFC 8201 §4: a Packet Too Big about a packet to {@code (dHi, dLo)}. */
    void onPacketTooBig6(Compartment c, long dHi, long dLo, long mtu, long now) {
        if (mtu < Ipv6Layout.MIN_MTU) {
            return;
        }
        RouteTable.RouteEntry r = c.routes(6).lookup(dHi, dLo, null);
        if (r != null) {
            lower(c, probe.set(6, dHi, dLo), (int) Math.min(mtu, Integer.MAX_VALUE), r.nic().mtu6(), now);
        }
    }

    private void lower(Compartment c, Destination d, int mtu, int linkMtu, long now) {
        if (mtu >= lookup(c, d, linkMtu)) {
            return; // never raised by a report, so never above the link (RFC 8201 §4)
        }
        Table t = tables.computeIfAbsent(c.id().value(), k -> new Table(core.timers()));
        t.put(d, mtu, Deadlines.after(now, AGE.toNanos()));
    }

    /** Destinations with a learned MTU in a compartment, for tests and diagnostics. */
    public int size(Compartment c) {
        Table t = tables.get(c.id().value());
        return t == null ? 0 : t.size();
    }

    /** One compartment's estimates, in order of their expiry, with the timer that ages them out. */
    private static final class Table {
        private final Map<Destination, Entry> entries = new HashMap<>();
        private final TimerQueue.Timer timer;
        private Entry oldest;
        private Entry newest;

        Table(TimerQueue timers) {
            this.timer = timers.newTimer(this::age);
        }

        boolean isEmpty() {
            return entries.isEmpty();
        }

        int size() {
            return entries.size();
        }

        int mtu(Destination d) {
            Entry e = entries.get(d);
            return e == null ? -1 : e.mtu;
        }

        void put(Destination d, int mtu, long expires) {
            Entry e = entries.get(d);
            if (e != null) {
                unlink(e);
            } else {
                if (entries.size() >= MAX_ENTRIES) {
                    remove(oldest);
                }
                e = new Entry(d.copy());
                entries.put(e.destination, e);
            }
            e.mtu = mtu;
            e.expires = expires;
            append(e);
            timer.schedule(oldest.expires);
        }

        private void age(long now) {
            while (oldest != null && Deadlines.isDue(oldest.expires, now)) {
                remove(oldest); // RFC 1191 §6.3: back to the first hop's MTU
            }
            if (oldest != null) {
                timer.schedule(oldest.expires);
            }
        }

        private void remove(Entry e) {
            unlink(e);
            entries.remove(e.destination);
        }

        private void append(Entry e) {
            e.older = newest;
            if (newest != null) {
                newest.newer = e;
            } else {
                oldest = e;
            }
            newest = e;
        }

        private void unlink(Entry e) {
            if (e.older != null) {
                e.older.newer = e.newer;
            } else {
                oldest = e.newer;
            }
            if (e.newer != null) {
                e.newer.older = e.older;
            } else {
                newest = e.older;
            }
            e.older = null;
            e.newer = null;
        }
    }

    private static final class Entry {
        final Destination destination;
        int mtu;
        long expires;
        Entry older;
        Entry newer;

        Entry(Destination destination) {
            this.destination = destination;
        }
    }

    /**
     * A destination address of either family; one mutable instance probes the tables without allocating. The hash is
     * keyed with a secret per stack: the addresses come from ICMP errors anyone can forge.
     */
    private static final class Destination {
        private final long secret;
        private int version;
        private long hi;
        private long lo;

        Destination(long secret) {
            this.secret = secret;
        }

        Destination set(int v, long h, long l) {
            version = v;
            hi = h;
            lo = l;
            return this;
        }

        Destination copy() {
            return new Destination(secret).set(version, hi, lo);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Destination d && d.lo == lo && d.hi == hi && d.version == version;
        }

        @Override
        public int hashCode() {
            long h = ((lo ^ secret) * 0x9e37_79b9_7f4a_7c15L) ^ (hi * 0xc2b2_ae3d_27d4_eb4fL) ^ version;
            h = (h ^ (h >>> 29) ^ secret) * 0xbf58_476d_1ce4_e5b9L;
            return (int) (h ^ h >>> 32);
        }
    }
}
