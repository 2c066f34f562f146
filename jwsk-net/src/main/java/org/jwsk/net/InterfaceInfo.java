package org.jwsk.net;

import java.util.List;
import org.jwsk.wire.addr.MacAddress;

/**
 * A snapshot of an interface, for diagnostics ({@code jwsk netstat -i}, the IF-MIB view).
 *
 * @param id          its index
 * @param name        its name
 * @param compartment the compartment it belongs to
 * @param mac         its MAC, or null on an IP link
 * @param mtu         the link MTU
 * @param loopback    whether it is a compartment's loopback interface
 * @param up          whether it is up
 * @param ipv4        its IPv4 addresses, the primary first
 * @param ipv6        its IPv6 addresses (tentative and deprecated ones included)
 * @param hostModel   its host model
 * @param forwardingV4 whether it forwards IPv4
 * @param forwardingV6 whether it forwards IPv6
 */
public record InterfaceInfo(InterfaceId id, String name, CompartmentId compartment, MacAddress mac, int mtu,
                            boolean loopback, boolean up, List<InterfaceAddress> ipv4, List<InterfaceAddress> ipv6,
                            HostModel hostModel, boolean forwardingV4, boolean forwardingV6) {

    public InterfaceInfo {
        ipv4 = List.copyOf(ipv4);
        ipv6 = List.copyOf(ipv6);
    }
}
