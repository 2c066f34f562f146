package org.jwsk.net.internal.autoconf;

import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.internal.Addresses;
import org.jwsk.net.internal.Nic;
import org.jwsk.wire.addr.IpPrefix;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv6.NdpLayout;

/**
 * Stateless address autoconfiguration from one Prefix Information option with the A flag (RFC 4862 §5.5.3): form
 * prefix + modified EUI-64 interface identifier (RFC 4291 §2.5.1, appendix A) for a /64 on an Ethernet interface, or
 * renew the lifetimes of the address formed before, with the two-hour rule against shortening attacks. The new
 * address goes through duplicate address detection like any other; deprecation and removal are the lifetime timer's
 * ({@link RouterDiscovery}).
 */
final class Slaac {

    /** The interface identifier length of modified EUI-64 (RFC 4291 §2.5.1): the prefix must be /64. */
    static final int PREFIX_LENGTH = 64;

    private Slaac() {
    }

    /**
     * RFC 4862 §5.5.3 c) to e) for {@code prefix} with lifetimes in seconds (all ones: infinity). Steps a) and b)
     * (the A flag, the link-local prefix) are the caller's.
     */
    static void onPrefix(RouterDiscovery discovery, Nic nic, IpPrefix prefix, long valid, long preferred, long now) {
        CounterSet<AutoconfCounter> counters = discovery.counters();
        if (preferred > valid) { // c)
            counters.increment(AutoconfCounter.PREFIXES_IGNORED);
            return;
        }
        if (!nic.isEthernet() || prefix.length() != PREFIX_LENGTH) { // d): prefix + identifier must make 128 bits
            counters.increment(AutoconfCounter.PREFIXES_IGNORED);
            return;
        }
        long hi = ((Ipv6Address) prefix.address()).hi();
        long lo = nic.macAddress().modifiedEui64();
        Addr6 existing = nic.find6(hi, lo);
        if (existing == null) {
            if (valid != 0) { // d): a new address with the advertised lifetimes
                Addr6 a = Addresses.add6(nic, hi, lo, PREFIX_LENGTH, Addr6.Origin.SLAAC, now);
                a.setLifetimes(RouterDiscovery.lifetime(now, preferred), RouterDiscovery.lifetime(now, valid));
                counters.increment(AutoconfCounter.SLAAC_FORMED);
                discovery.owner().addressChanged(nic, a, false, now);
            }
            return;
        }
        if (existing.origin() == Addr6.Origin.SLAAC) {
            renew(discovery, nic, existing, valid, preferred, now);
        }
    }

    /**
     * RFC 4862 §5.5.3 e): the preferred lifetime is always reset; the valid lifetime is set to the advertised one if
     * that exceeds two hours or the remaining lifetime, left alone if at most two hours remain (no authenticated
     * advertisements here), and set to two hours otherwise.
     */
    private static void renew(RouterDiscovery discovery, Nic nic, Addr6 a, long valid, long preferred, long now) {
        long preferredUntil = RouterDiscovery.lifetime(now, preferred);
        long remaining = a.validUntil() == Deadlines.NONE ? Long.MAX_VALUE : a.validUntil() - now;
        long advertised = valid == NdpLayout.INFINITE_LIFETIME ? Long.MAX_VALUE : valid * 1_000_000_000L;
        long validUntil;
        if (advertised > RouterDiscovery.TWO_HOURS || advertised > remaining) {
            validUntil = RouterDiscovery.lifetime(now, valid);
        } else if (remaining <= RouterDiscovery.TWO_HOURS) {
            validUntil = a.validUntil();
        } else {
            validUntil = now + RouterDiscovery.TWO_HOURS;
        }
        a.setLifetimes(preferredUntil, validUntil);
        if (a.state() == Addr6.State.DEPRECATED && !Deadlines.isDue(preferredUntil, now)) {
            a.setState(Addr6.State.PREFERRED); // a renewed preferred lifetime makes it preferred again
            discovery.owner().addressChanged(nic, a, false, now);
        }
    }
}
