package org.jwsk.net;

import java.util.List;
import java.util.Objects;
import org.jwsk.wire.addr.MacAddress;

/**
 * How an interface is set up when it is added to a stack. Everything here can later be changed while the stack runs.
 *
 * @param name            a short name for diagnostics, unique in the stack ({@code eth0}, {@code tap0})
 * @param compartment     the compartment the interface belongs to, for good
 * @param mac             the interface's own MAC address on an Ethernet link; ignored (may be null) on an IP link
 * @param addresses       addresses with their on-link prefix lengths ({@code 192.0.2.2/24}, {@code 2001:db8::2/64})
 * @param hostModel       strong or weak host behaviour for sending and receiving
 * @param forwardingV4    route IPv4 packets not addressed to this host that arrive here (router mode)
 * @param forwardingV6    route IPv6 packets likewise
 * @param ipv6            IPv6 host behaviour: link-local address, duplicate address detection, router discovery
 */
public record InterfaceConfig(String name, CompartmentId compartment, MacAddress mac, List<InterfaceAddress> addresses,
                              HostModel hostModel, boolean forwardingV4, boolean forwardingV6, Ipv6Options ipv6) {

    public InterfaceConfig {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 32) {
            throw new IllegalArgumentException("interface name must be 1-32 characters: '" + name + "'");
        }
        Objects.requireNonNull(compartment, "compartment");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(hostModel, "hostModel");
        Objects.requireNonNull(ipv6, "ipv6");
    }

    /** An interface in the default compartment with a strong host model, no forwarding, default IPv6 behaviour. */
    public static InterfaceConfig of(String name, MacAddress mac, InterfaceAddress... addresses) {
        return new InterfaceConfig(name, CompartmentId.DEFAULT, mac, List.of(addresses), HostModel.STRONG, false, false,
                Ipv6Options.HOST);
    }

    /** This configuration in another compartment. */
    public InterfaceConfig inCompartment(CompartmentId id) {
        return new InterfaceConfig(name, id, mac, addresses, hostModel, forwardingV4, forwardingV6, ipv6);
    }

    /** This configuration with forwarding of both families on or off. */
    public InterfaceConfig withForwarding(boolean on) {
        return new InterfaceConfig(name, compartment, mac, addresses, hostModel, on, on, ipv6);
    }

    /** This configuration with another host model. */
    public InterfaceConfig withHostModel(HostModel model) {
        return new InterfaceConfig(name, compartment, mac, addresses, model, forwardingV4, forwardingV6, ipv6);
    }

    /** An interface in the default compartment with the addresses given as text ({@code "192.0.2.2/24"}). */
    public static InterfaceConfig of(String name, MacAddress mac, String... addresses) {
        return of(name, mac, java.util.Arrays.stream(addresses).map(InterfaceAddress::parse)
                .toArray(InterfaceAddress[]::new));
    }

    /** This configuration with other IPv6 options. */
    public InterfaceConfig withIpv6(Ipv6Options options) {
        return new InterfaceConfig(name, compartment, mac, addresses, hostModel, forwardingV4, forwardingV6, options);
    }
}
