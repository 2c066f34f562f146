package org.jwsk.net;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jwsk.wire.addr.MacAddress;

/**
 * A consistent picture of a stack's network layer at one instant, for diagnostics: what {@code jwsk netstat -r},
 * {@code ip addr}, {@code ip route} and {@code netstat -s} print. Taken by {@link NetStack#snapshot(long)} on the
 * stack's thread in one call, so the routes, interfaces and counters in it are from the same moment; it is an
 * immutable copy and never changes afterwards, so any thread may read it.
 *
 * <p>Ordering is stable, so two snapshots of the same state are equal: compartments by id (the default first),
 * interfaces in the order they were added (each compartment's loopback first), addresses in the order they were
 * added, routes longest prefix first, then by destination, then in selection order (metric, then age).
 *
 * @param takenAt      the stack time of the snapshot (monotonic nanoseconds, as passed to {@code poll})
 * @param compartments every compartment
 * @param counters     every counter group of the stack by group name ({@code ipv4}, {@code ipv6}, {@code icmp},
 *                     {@code icmp6}, {@code netdrops}, {@code wiredrops}, ...), each counter by its MIB-style name
 */
public record NetSnapshot(long takenAt, List<Compartment> compartments, Map<String, Map<String, Long>> counters) {

    /** A lifetime that never ends (an address configured by hand, a route without expiry). */
    public static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    public NetSnapshot {
        compartments = List.copyOf(compartments);
        counters = copy(counters);
    }

    /** The compartment with this id. */
    public Compartment compartment(CompartmentId id) {
        return compartments.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + id + " in the snapshot"));
    }

    /** One counter's value, or 0 if there is no such group or counter. */
    public long counter(String group, String name) {
        return counters.getOrDefault(group, Map.of()).getOrDefault(name, 0L);
    }

    /**
     * A routing compartment.
     *
     * @param id         its id
     * @param interfaces its interfaces, loopback first
     * @param routes4    its IPv4 routes
     * @param routes6    its IPv6 routes
     */
    public record Compartment(CompartmentId id, List<Interface> interfaces, List<RouteEntry> routes4,
                              List<RouteEntry> routes6) {

        public Compartment {
            Objects.requireNonNull(id, "id");
            interfaces = List.copyOf(interfaces);
            routes4 = List.copyOf(routes4);
            routes6 = List.copyOf(routes6);
        }

        /** The routes of one family. */
        public List<RouteEntry> routes(int version) {
            return version == 4 ? routes4 : routes6;
        }
    }

    /**
     * An interface.
     *
     * @param id                          its index
     * @param name                        its name
     * @param mac                         its MAC, or null on an IP link
     * @param mtu                         the link MTU (IPv4's)
     * @param mtu6                        the IPv6 link MTU (lower if a router advertised less)
     * @param loopback                    whether it is the compartment's loopback interface
     * @param adminUp                     whether it is administratively up
     * @param carrier                     whether its link reports carrier
     * @param hostModel                   its strong or weak host model
     * @param forwardingV4                whether it forwards IPv4
     * @param forwardingV6                whether it forwards IPv6
     * @param sendRedirects               whether it sends redirects when forwarding back out of itself
     * @param directedBroadcastForwarding whether datagrams to its subnet-directed broadcast address are forwarded
     * @param addresses                   its addresses, IPv4 then IPv6, each family in the order added
     * @param linkCounters                its link driver's counters (IF-MIB style), by name
     */
    public record Interface(InterfaceId id, String name, MacAddress mac, int mtu, int mtu6, boolean loopback,
                            boolean adminUp, boolean carrier, HostModel hostModel, boolean forwardingV4,
                            boolean forwardingV6, boolean sendRedirects, boolean directedBroadcastForwarding,
                            List<Address> addresses, Map<String, Long> linkCounters) {

        public Interface {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(hostModel, "hostModel");
            addresses = List.copyOf(addresses);
            linkCounters = Collections.unmodifiableMap(new LinkedHashMap<>(linkCounters));
        }

        /** Whether it sends and receives and its routes are used: administratively up and with carrier. */
        public boolean running() {
            return adminUp && carrier;
        }
    }

    /** The RFC 4862 §5.5.4 state of an address; IPv4 addresses are always {@link #PREFERRED}. */
    public enum AddressStatus {
        /** Usable for new communication. */
        PREFERRED,
        /** Kept for existing communication, never chosen for new. */
        DEPRECATED,
        /** Being checked by duplicate address detection. */
        TENTATIVE,
        /** Another node has it: never used. */
        DUPLICATE
    }

    /** Where an address came from. */
    public enum AddressOrigin {
        /** Configured by API or configuration. */
        MANUAL,
        /** The interface's IPv6 link-local address. */
        LINK_LOCAL,
        /** Formed from a router-advertised prefix. */
        SLAAC
    }

    /**
     * An address of an interface.
     *
     * @param address           the address and its on-link prefix length
     * @param status            its state
     * @param origin            where it came from
     * @param secondary         for IPv4, whether an earlier address of the interface is on the same subnet: a
     *                          secondary address is never chosen as a source (the primary-address rule)
     * @param preferredLifetime how long it stays preferred, {@link #FOREVER} if it does not expire
     * @param validLifetime     how long it stays on the interface, {@link #FOREVER} if it does not expire
     */
    public record Address(InterfaceAddress address, AddressStatus status, AddressOrigin origin, boolean secondary,
                          Duration preferredLifetime, Duration validLifetime) {

        public Address {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(preferredLifetime, "preferredLifetime");
            Objects.requireNonNull(validLifetime, "validLifetime");
        }
    }

    /**
     * A route.
     *
     * @param route  the route
     * @param usable whether route selection considers it now (its interface is up and has carrier)
     */
    public record RouteEntry(Route route, boolean usable) {

        public RouteEntry {
            Objects.requireNonNull(route, "route");
        }
    }

    private static Map<String, Map<String, Long>> copy(Map<String, Map<String, Long>> counters) {
        Map<String, Map<String, Long>> m = new LinkedHashMap<>();
        counters.forEach((group, values) -> m.put(group, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        return Collections.unmodifiableMap(m);
    }
}
