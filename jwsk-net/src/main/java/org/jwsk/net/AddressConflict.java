package org.jwsk.net;

import java.util.Objects;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.MacAddress;

/**
 * Another host claimed one of this interface's addresses (RFC 5227 §2.4: an ARP packet whose sender IP address is
 * ours and whose sender hardware address is not).
 *
 * @param interfaceId the interface the claim arrived on
 * @param address     our address that was claimed
 * @param claimant    the MAC of the host that claimed it
 * @param at          when, on the stack's clock (nanoseconds)
 * @param defended    whether the stack answered with an announcement of its own (at most once per
 *                    DEFEND_INTERVAL, RFC 5227 §2.4 (b))
 */
public record AddressConflict(InterfaceId interfaceId, IpAddress address, MacAddress claimant, long at,
                              boolean defended) {

    public AddressConflict {
        Objects.requireNonNull(interfaceId, "interfaceId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(claimant, "claimant");
    }
}
