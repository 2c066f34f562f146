package org.jwsk.net.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwsk.net.Route;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * One family's routes in one compartment, with longest-prefix-match lookup (RFC 1812 §5.2.4.3; RFC 4861 §5.2 for
 * IPv6's conceptual prefix list and default router list).
 *
 * <p>Routes are kept per prefix length in hash maps keyed by the masked destination, and a lookup tries the lengths
 * in use from longest to shortest: at most 33 (129) probes, usually a handful, and no allocation. Among routes to the
 * same prefix the lowest metric wins, then the one added first.
 *
 * <p>Owned by the stack's thread.
 */
public final class RouteTable {

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

    @SuppressWarnings("unchecked")
    RouteTable(int version) {
        this.bits = version == 4 ? 32 : 128;
        this.byLength = new Map[bits + 1];
        this.lengthsInUse = new int[bits + 1];
    }

    /** Adds a route through {@code nic}. A route equal to one present is ignored. */
    public void add(Route route, Nic nic) {
        IpPrefix p = route.destination();
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
        list.sort(Comparator.comparingInt(e -> e.route.metric()));
        generation++;
    }

    /** Removes a route; returns whether it was there. */
    public boolean remove(Route route) {
        IpPrefix p = route.destination();
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
        return true;
    }

    /** Removes every route through {@code nic} (the interface went away). */
    void removeAll(Nic nic) {
        for (Route r : routes()) {
            if (find(r).nic == nic) {
                remove(r);
            }
        }
    }

    private RouteEntry find(Route r) {
        IpPrefix p = r.destination();
        for (RouteEntry e : byLength[p.length()].get(new Key(hi(p.address()), lo(p.address())))) {
            if (e.route.equals(r)) {
                return e;
            }
        }
        throw new IllegalStateException("route vanished: " + r);
    }

    /**
     * The best route to {@code (hi, lo)} (an IPv4 address in the low 32 bits of {@code lo}), or null.
     *
     * @param only when not null, consider only routes out of this interface (strong host send)
     */
    public RouteEntry lookup(long hi, long lo, Nic only) {
        for (int i = 0; i < lengthCount; i++) {
            int len = lengthsInUse[i];
            mask(hi, lo, len);
            List<RouteEntry> list = byLength[len].get(probe);
            if (list != null) {
                for (RouteEntry e : list) {
                    if ((only == null || e.nic == only) && e.nic.isUp()) {
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

    /** All routes, longest prefixes first. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>();
        for (int i = 0; i < lengthCount; i++) {
            byLength[lengthsInUse[i]].values().forEach(l -> l.forEach(e -> all.add(e.route)));
        }
        return all;
    }

    /** Bumped by every change, so caches of lookups know to refresh. */
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
