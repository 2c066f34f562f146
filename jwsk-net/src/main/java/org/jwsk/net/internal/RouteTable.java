package org.jwsk.net.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwsk.net.Route;
import org.jwsk.net.RouteListener;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * One family's routes in one compartment, with longest-prefix-match lookup (RFC 1812 §5.2.4.3; RFC 4861 §5.2 for
 * IPv6's conceptual prefix list and default router list).
 *
 * <h2>Selection</h2>
 * <ol>
 *   <li>The longest prefix containing the destination wins (RFC 1812 §5.2.4.3 "longest match"); a default route is
 *       simply the prefix of length 0.</li>
 *   <li>Among routes to the same prefix the lowest metric wins (RFC 1812 §5.2.4.3 "best metric").</li>
 *   <li>Among equal metrics the route added first wins, as Linux's FIB appends a new route after the existing ones
 *       of equal metric; there is no multipath.</li>
 *   <li>A route whose interface is down or without carrier is skipped ({@link Nic#isRunning()}), so a route of
 *       higher metric or shorter prefix takes over; it is used again when the interface comes back.</li>
 * </ol>
 *
 * <h2>Representation</h2>
 * Routes are kept per prefix length in hash maps keyed by the masked destination, and a lookup tries the lengths in
 * use from longest to shortest: at most 33 (129) probes, usually a handful, and no allocation.
 *
 * <h2>Compartments and notifications</h2>
 * A table belongs to one compartment: a route through an interface of another compartment is refused. Every change
 * is reported to the stack's {@link RouteListener}s, and bumps {@link #generation()}.
 *
 * <p>Owned by the stack's thread.
 */
public final class RouteTable {

    private static final Comparator<Route> LISTING = Comparator.<Route>comparingInt(r -> -r.destination().length())
            .thenComparing(r -> r.destination().address(), RouteTable::compareAddresses);

    private final Compartment owner;
    private final int version;
    private final int bits;
    @SuppressWarnings("unchecked")
    private final Map<Key, List<RouteEntry>>[] byLength;
    private final int[] lengthsInUse;
    private int lengthCount;
    private final Key probe = new Key();
    private long generation;

    /** A route as the data path uses it: the record plus the interface it resolves to. */
    public static final class RouteEntry {
        final Route route;
        final Nic nic;
        final long gatewayHi;
        final long gatewayLo;

        RouteEntry(Route route, Nic nic) {
            this.route = route;
            this.nic = nic;
            this.gatewayHi = route.gateway() == null ? 0 : hi(route.gateway());
            this.gatewayLo = route.gateway() == null ? 0 : lo(route.gateway());
        }

        /** The route. */
        public Route route() {
            return route;
        }

        /** The outgoing interface. */
        public Nic nic() {
            return nic;
        }

        /** Whether the destination is itself the next hop. */
        public boolean onLink() {
            return route.gateway() == null;
        }

        /** The gateway's first 64 bits (IPv6), 0 for an on-link route or IPv4. */
        public long gatewayHi() {
            return gatewayHi;
        }

        /** The gateway's last 64 bits, or the IPv4 gateway in the low 32 bits; 0 for an on-link route. */
        public long gatewayLo() {
            return gatewayLo;
        }
    }

    /** A mutable key: a masked address, compared as two longs. */
    private static final class Key {
        long hi;
        long lo;

        Key() {
        }

        Key(long hi, long lo) {
            this.hi = hi;
            this.lo = lo;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hi == hi && k.lo == lo;
        }

        @Override
        public int hashCode() {
            long h = hi * 0x9e37_79b9_7f4a_7c15L ^ lo * 0xc2b2_ae3d_27d4_eb4fL;
            return (int) (h ^ (h >>> 32));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    RouteTable(Compartment owner, int version) {
        this.owner = owner;
        this.version = version;
        this.bits = version == 4 ? 32 : 128;
        this.byLength = new Map[bits + 1];
        this.lengthsInUse = new int[bits + 1];
    }

    /** 4 or 6. */
    public int version() {
        return version;
    }

    /**
     * Adds a route through {@code nic}. A route equal to one present is ignored.
     *
     * @throws IllegalArgumentException if the route is of the other family, or {@code nic} is not the route's
     *                                  interface or belongs to another compartment (a route never leads out of its
     *                                  compartment)
     */
    public void add(Route route, Nic nic) {
        IpPrefix p = route.destination();
        if (p.version() != version) {
            throw new IllegalArgumentException(route + " is not an IPv" + version + " route");
        }
        if (!nic.id().equals(route.interfaceId())) {
            throw new IllegalArgumentException(route + " does not go through " + nic);
        }
        if (nic.compartment() != owner) {
            throw new IllegalArgumentException("route " + route + " in " + owner + " through " + nic
                    + ": an interface of another compartment");
        }
        Map<Key, List<RouteEntry>> map = byLength[p.length()];
        if (map == null) {
            map = new HashMap<>();
            byLength[p.length()] = map;
            addLength(p.length());
        }
        List<RouteEntry> list = map.computeIfAbsent(new Key(hi(p.address()), lo(p.address())), k -> new ArrayList<>(1));
        for (RouteEntry e : list) {
            if (e.route.equals(route)) {
                return;
            }
        }
        list.add(new RouteEntry(route, nic));
        list.sort(Comparator.comparingInt(e -> e.route.metric())); // stable: equal metrics keep insertion order
        generation++;
        owner.routeChanged(route, RouteListener.Change.ADDED);
    }

    /** Removes a route; returns whether it was there. */
    public boolean remove(Route route) {
        IpPrefix p = route.destination();
        if (p.version() != version) {
            return false;
        }
        Map<Key, List<RouteEntry>> map = byLength[p.length()];
        if (map == null) {
            return false;
        }
        Key k = new Key(hi(p.address()), lo(p.address()));
        List<RouteEntry> list = map.get(k);
        if (list == null || !list.removeIf(e -> e.route.equals(route))) {
            return false;
        }
        if (list.isEmpty()) {
            map.remove(k);
            if (map.isEmpty()) {
                byLength[p.length()] = null;
                removeLength(p.length());
            }
        }
        generation++;
        owner.routeChanged(route, RouteListener.Change.REMOVED);
        return true;
    }

    /** Removes every route through {@code nic} (the interface went away). */
    void removeAll(Nic nic) {
        for (RouteEntry e : entries()) {
            if (e.nic == nic) {
                remove(e.route);
            }
        }
    }

    /** The interface went down or came back: the routes through it change usability (reported, not removed). */
    void interfaceStateChanged(Nic nic) {
        generation++;
        RouteListener.Change change = nic.isRunning() ? RouteListener.Change.USABLE : RouteListener.Change.UNUSABLE;
        for (RouteEntry e : entries()) {
            if (e.nic == nic) {
                owner.routeChanged(e.route, change);
            }
        }
    }

    /**
     * The best usable route to {@code (hi, lo)} (an IPv4 address in the low 32 bits of {@code lo}), or null.
     * Allocation-free.
     *
     * @param only when not null, consider only routes out of this interface (strong host send, or a scoped send)
     */
    public RouteEntry lookup(long hi, long lo, Nic only) {
        for (int i = 0; i < lengthCount; i++) {
            int len = lengthsInUse[i];
            mask(hi, lo, len);
            List<RouteEntry> list = byLength[len].get(probe);
            if (list != null) {
                for (int j = 0, n = list.size(); j < n; j++) {
                    RouteEntry e = list.get(j);
                    if ((only == null || e.nic == only) && e.nic.isRunning()) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    private void mask(long hi, long lo, int len) {
        if (bits == 32) {
            probe.hi = 0;
            probe.lo = len == 0 ? 0 : lo & (0xffff_ffffL << (32 - len)) & 0xffff_ffffL;
        } else if (len <= 64) {
            probe.hi = len == 0 ? 0 : hi & (-1L << (64 - len));
            probe.lo = 0;
        } else {
            probe.hi = hi;
            probe.lo = lo & (-1L << (128 - len));
        }
    }

    /**
     * All routes in a stable order: longest prefixes first, then by destination address, then in selection order
     * (metric, then age). Allocates; for configuration and diagnostics.
     */
    public List<Route> routes() {
        return entries().stream().map(e -> e.route).toList();
    }

    /** Every entry, in the order of {@link #routes()}. */
    List<RouteEntry> entries() {
        List<RouteEntry> all = new ArrayList<>();
        for (int i = 0; i < lengthCount; i++) {
            byLength[lengthsInUse[i]].values().forEach(all::addAll);
        }
        all.sort((a, b) -> LISTING.compare(a.route, b.route)); // stable: each prefix's entries stay in order
        return all;
    }

    /** Bumped by every change, interface state changes included, so caches of lookups know to refresh. */
    public long generation() {
        return generation;
    }

    private void addLength(int len) {
        int i = lengthCount++;
        while (i > 0 && lengthsInUse[i - 1] < len) {
            lengthsInUse[i] = lengthsInUse[i - 1];
            i--;
        }
        lengthsInUse[i] = len;
    }

    private void removeLength(int len) {
        int i = 0;
        while (lengthsInUse[i] != len) {
            i++;
        }
        System.arraycopy(lengthsInUse, i + 1, lengthsInUse, i, lengthCount - i - 1);
        lengthCount--;
    }

    private static int compareAddresses(IpAddress a, IpAddress b) {
        int c = Long.compareUnsigned(hi(a), hi(b));
        return c != 0 ? c : Long.compareUnsigned(lo(a), lo(b));
    }

    static long hi(IpAddress a) {
        return a instanceof Ipv6Address v6 ? v6.hi() : 0;
    }

    static long lo(IpAddress a) {
        return switch (a) {
            case Ipv4Address v4 -> v4.value() & 0xffff_ffffL;
            case Ipv6Address v6 -> v6.lo();
        };
    }
}
