package org.jwsk.net;

import org.jwsk.common.counter.CounterDescriptor;

/**
 * What neighbour discovery did, once per family: the stack registers the set {@code arp} (IPv4: ARP, and ICMP
 * redirects) and the set {@code ndp} (IPv6: Neighbor Discovery and its redirects). The names follow Linux's
 * {@code /proc/net/stat/arp_cache} where it has one.
 */
public enum NeighborCounter implements CounterDescriptor {
    IN_SOLICITS("inSolicits", "ARP requests or Neighbor Solicitations for one of our addresses, accepted"),
    IN_ADVERTS("inAdverts", "ARP replies or Neighbor Advertisements accepted"),
    IN_PROBES("inProbes", "ARP probes from 0.0.0.0 (RFC 5227 §2.1.1) and solicitations from :: (DAD) received"),
    IN_INVALID("inInvalid", "messages failing validity checks (RFC 4861 §7.1 and §8.1, impossible ARP senders)"),
    IN_IGNORED("inIgnored", "valid messages needing nothing: about other hosts, or advertisements without an entry"),
    IN_TO_DAD("inToDad", "solicitations and advertisements about tentative addresses, handed to duplicate address"
            + " detection"),
    OUT_SOLICITS("outSolicits", "broadcast ARP requests or multicast solicitations sent, retransmissions included"),
    OUT_PROBES("outProbes", "unicast reachability probes sent from the PROBE state (RFC 4861 §7.3.3)"),
    OUT_ADVERTS("outAdverts", "ARP replies or solicited Neighbor Advertisements sent"),
    OUT_ANNOUNCEMENTS("outAnnouncements", "gratuitous ARP announcements or unsolicited Neighbor Advertisements sent"),
    OUT_NO_SOURCE("outNoSource", "solicitations not sent: the interface had no usable source address"),
    RESOLVED("resolved", "entries that learned a link address after INCOMPLETE"),
    RES_FAILED("resFailed", "resolutions that failed after MAX_MULTICAST_SOLICIT solicitations"),
    NUD_FAILED("nudFailed", "neighbours found unreachable after MAX_UNICAST_SOLICIT probes"),
    QUEUED("queued", "packets queued awaiting resolution"),
    QUEUE_OVERFLOWS("queueOverflows", "queued packets dropped, oldest first, to make room for newer ones"),
    UNRESOLVED_DISCARDS("unresolvedDiscards", "queued packets dropped because resolution failed"),
    EVICTIONS("evictions", "entries evicted, least recently used first, to stay within maxEntries"),
    TABLE_FULLS("tableFulls", "packets dropped because no entry could be made (every entry permanent)"),
    UPPER_CONFIRMS("upperConfirms", "reachability confirmations from upper layers (RFC 4861 §7.3.1)"),
    CONFLICTS("conflicts", "ARP packets from another MAC claiming one of our addresses (RFC 5227 §2.4)"),
    DEFENSES("defenses", "announcements sent to defend a claimed address (RFC 5227 §2.4 (b))"),
    REDIRECTS_ACCEPTED("redirectsAccepted", "redirects acted upon (RFC 1122 §3.2.2.2, RFC 4861 §8.3)"),
    REDIRECTS_IGNORED("redirectsIgnored", "valid redirects not acted upon: forwarding interface, turned off, or not"
            + " from the current first hop");

    private final String counterName;
    private final String description;

    NeighborCounter(String counterName, String description) {
        this.counterName = counterName;
        this.description = description;
    }

    @Override
    public String counterName() {
        return counterName;
    }

    @Override
    public String description() {
        return description;
    }
}
