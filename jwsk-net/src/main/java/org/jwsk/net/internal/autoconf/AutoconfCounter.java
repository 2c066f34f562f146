package org.jwsk.net.internal.autoconf;

import org.jwsk.common.counter.CounterDescriptor;

/**
 * What IPv6 autoconfiguration did: duplicate address detection (RFC 4862 §5.4, RFC 7527), router discovery and
 * advertisement (RFC 4861 §6), stateless address autoconfiguration (RFC 4862 §5.5). The {@code autoconf6} counter
 * set. No standard MIB covers these; the names follow the IP-MIB's style.
 */
public enum AutoconfCounter implements CounterDescriptor {
    DAD_STARTED("ipv6DadStarted", "addresses made tentative while duplicate address detection runs"),
    DAD_PROBES_OUT("ipv6DadProbesOut", "DAD neighbour solicitations sent from :: with a nonce"),
    DAD_SUCCEEDED("ipv6DadSucceeded", "tentative addresses found unique and assigned"),
    DAD_DUPLICATES("ipv6DadDuplicates", "tentative addresses another node uses: marked duplicate, never used"),
    DAD_LOOPED_BACK("ipv6DadLoopedBackProbes", "our own DAD probes seen again, known by their nonce (RFC 7527)"),
    RS_OUT("ipv6RouterSolicitsOut", "router solicitations sent"),
    RS_IN("ipv6RouterSolicitsIn", "valid router solicitations received on advertising interfaces"),
    RS_IN_INVALID("ipv6RouterSolicitsInInvalid", "router solicitations failing RFC 4861 §6.1.1"),
    RA_OUT("ipv6RouterAdvertsOut", "router advertisements sent"),
    RA_IN("ipv6RouterAdvertsIn", "valid router advertisements processed"),
    RA_IN_IGNORED("ipv6RouterAdvertsInIgnored",
            "valid router advertisements on interfaces that take none (forwarding, or not accepting them)"),
    RA_IN_BAD_SOURCE("ipv6RouterAdvertsInBadSource", "router advertisements not from a link-local address (RFC 4861 §6.1.2)"),
    RA_IN_BAD_HOP_LIMIT("ipv6RouterAdvertsInBadHopLimit", "router advertisements with a hop limit other than 255"),
    RA_IN_BAD_CODE("ipv6RouterAdvertsInBadCode", "router advertisements with an ICMP code other than 0"),
    DEFAULT_ROUTERS_ADDED("ipv6DefaultRoutersAdded", "default routers learned (a default route added)"),
    DEFAULT_ROUTERS_REMOVED("ipv6DefaultRoutersRemoved", "default routers whose lifetime ended or was advertised as 0"),
    PREFIXES_ADDED("ipv6OnLinkPrefixesAdded", "on-link prefixes learned (an on-link route added)"),
    PREFIXES_REMOVED("ipv6OnLinkPrefixesRemoved", "on-link prefixes whose valid lifetime ended"),
    PREFIXES_IGNORED("ipv6PrefixOptionsIgnored",
            "prefix options ignored: link-local prefix, preferred beyond valid, or no /64 for an interface identifier"),
    SLAAC_FORMED("ipv6SlaacAddressesFormed", "addresses formed from advertised prefixes"),
    SLAAC_DEPRECATED("ipv6SlaacAddressesDeprecated", "autoconfigured addresses whose preferred lifetime ended"),
    SLAAC_REMOVED("ipv6SlaacAddressesRemoved", "autoconfigured addresses whose valid lifetime ended"),
    MTU_SET("ipv6LinkMtuSet", "MTU options taken as the link MTU"),
    MTU_IGNORED("ipv6LinkMtuIgnored", "MTU options below 1280 or above the link's MTU (RFC 4861 §6.3.4)");

    private final String counterName;
    private final String description;

    AutoconfCounter(String counterName, String description) {
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
