package org.jwsk.net;

import java.util.Locale;
import java.util.Objects;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.MacAddress;

/**
 * One entry of an interface's neighbour cache, for diagnostics: what {@code ip neigh show} prints. ARP (IPv4) and
 * Neighbor Discovery (IPv6) entries share the states of RFC 4861 §7.3.2, as in the Next Generation TCP/IP stack.
 *
 * @param interfaceId the interface the neighbour is on
 * @param address     the neighbour's IP address
 * @param mac         its link-layer address, or null while it is unknown ({@link State#INCOMPLETE}, {@link
 *                    State#FAILED})
 * @param state       the reachability state
 * @param router      whether the neighbour said it is a router (the R flag of RFC 4861 §4.4; never set from ARP)
 * @param queued      packets waiting for the address to resolve
 */
public record NeighborInfo(InterfaceId interfaceId, IpAddress address, MacAddress mac, State state, boolean router,
                           int queued) {

    /** Neighbour Unreachability Detection states (RFC 4861 §7.3.2), plus Linux's FAILED and PERMANENT. */
    public enum State {
        /** Resolution is in progress: solicitations sent, no answer yet. */
        INCOMPLETE,
        /** Positive confirmation of reachability within ReachableTime. */
        REACHABLE,
        /** The link address is known but reachability is not confirmed; nothing happens until a packet is sent. */
        STALE,
        /** A packet was sent to a STALE neighbour; waiting DELAY_FIRST_PROBE_TIME for an upper-layer confirmation. */
        DELAY,
        /** Unicast probes are being sent every RetransTimer. */
        PROBE,
        /** Resolution or probing failed; the next packet starts resolution again (Linux NUD_FAILED). */
        FAILED,
        /** Configured; never probed, changed or evicted ({@code ip neigh add ... nud permanent}). */
        PERMANENT
    }

    public NeighborInfo {
        Objects.requireNonNull(interfaceId, "interfaceId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
    }

    /** The entry as {@code ip neigh} prints it: {@code 192.0.2.1 dev 3 lladdr 02:00:00:00:00:01 router REACHABLE}. */
    @Override
    public String toString() {
        return address + " dev " + interfaceId + (mac == null ? "" : " lladdr " + mac) + (router ? " router " : " ")
                + state.name().toUpperCase(Locale.ROOT) + (queued == 0 ? "" : " (" + queued + " queued)");
    }
}
