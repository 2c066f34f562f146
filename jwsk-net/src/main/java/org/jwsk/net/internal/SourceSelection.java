package org.jwsk.net.internal;

/**
 * IPv6 source address selection among one interface's addresses (RFC 6724 §5), the rules that matter once the
 * outgoing interface is chosen: never a tentative or duplicate address (§4), prefer the destination's own scope
 * (rule 2: link-local for link-local and link-scoped multicast destinations, global otherwise), avoid deprecated
 * addresses (rule 3), then the longest matching prefix (rule 8).
 */
final class SourceSelection {

    private SourceSelection() {
    }

    /** The best source on {@code out} for {@code (dstHi, dstLo)}, or null if the interface has no usable address. */
    static Addr6 select(Nic out, long dstHi, long dstLo) {
        boolean linkScope = Ipv6Layer.isLinkLocal(dstHi)
                || ((dstHi >>> 56) == 0xff && ((dstHi >>> 48) & 0xf) <= 2); // interface- or link-local multicast
        Addr6 best = null;
        for (Addr6 a : out.addrs6()) {
            if (a.isAssigned() && (best == null || better(a, best, linkScope, dstHi, dstLo))) {
                best = a;
            }
        }
        return best;
    }

    private static boolean better(Addr6 a, Addr6 b, boolean linkScope, long dHi, long dLo) {
        boolean aLink = Ipv6Layer.isLinkLocal(a.hi());
        boolean bLink = Ipv6Layer.isLinkLocal(b.hi());
        if (aLink != bLink) {
            return aLink == linkScope; // rule 2: the matching scope
        }
        boolean aDep = a.state() == Addr6.State.DEPRECATED;
        boolean bDep = b.state() == Addr6.State.DEPRECATED;
        if (aDep != bDep) {
            return !aDep; // rule 3
        }
        return commonPrefix(a, dHi, dLo) > commonPrefix(b, dHi, dLo); // rule 8
    }

    private static int commonPrefix(Addr6 a, long dHi, long dLo) {
        long x = a.hi() ^ dHi;
        return x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(a.lo() ^ dLo);
    }
}
