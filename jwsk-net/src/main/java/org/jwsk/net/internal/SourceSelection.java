package org.jwsk.net.internal;

/**
 * Choosing the source address of a packet this host originates, once the route has chosen the outgoing interface.
 * Allocation-free: the data path calls it for every packet sent without a bound source.
 *
 * <h2>IPv4: RFC 1122 §3.3.4.3 with the primary-address rule</h2>
 * <ol>
 *   <li>An address of the outgoing interface on the subnet of the next hop (the destination itself when on-link, the
 *       gateway otherwise): the "corresponding source address" of RFC 1122 §3.3.4.3. Among several addresses on that
 *       subnet, the <em>primary</em> one, the first added; the others are secondaries and are never chosen, as in
 *       Linux ({@code IFA_F_SECONDARY} addresses are skipped by {@code inet_select_addr}). When the primary goes,
 *       the next one added becomes primary (Linux's {@code promote_secondaries}).</li>
 *   <li>Otherwise the interface's own primary address (its first).</li>
 *   <li>Otherwise, for an interface without IPv4 addresses (unnumbered), the primary address of another interface
 *       of the compartment that allows weak host sends ({@link org.jwsk.net.HostModel#weakSend()}): Linux falls back
 *       to any device's address; a strong host never sends a source its interface does not own.</li>
 * </ol>
 *
 * <h2>IPv6: RFC 6724 §5</h2>
 * The candidate set (RFC 6724 §4) is every assigned (preferred or deprecated, never tentative or duplicate) address
 * of the outgoing interface, plus, from interfaces that allow weak host sends, their assigned addresses other than
 * {@code ::1} and their link-local ones (a link-local address is meaningful only on its own link, RFC 4007 §6). Candidates are compared pairwise by the rules that apply to a host without mobility or temporary
 * addresses, the first rule that decides winning:
 * <ol>
 *   <li>Rule 1, prefer the same address as the destination.</li>
 *   <li>Rule 2, prefer the appropriate scope: the smallest scope that is at least the destination's.</li>
 *   <li>Rule 3, avoid deprecated addresses.</li>
 *   <li>Rule 4 (home addresses, Mobile IPv6) does not apply.</li>
 *   <li>Rule 5, prefer the outgoing interface (decides only between a weak-send candidate and one of the outgoing
 *       interface).</li>
 *   <li>Rule 5.5 (prefer addresses in a prefix advertised by the chosen next hop) is optional and not applied: the
 *       stack does not remember which router advertised which prefix.</li>
 *   <li>Rule 6, prefer a matching label in the default policy table (RFC 6724 §2.1, {@link AddressPolicy}).</li>
 *   <li>Rule 7 (prefer temporary addresses) does not apply: the stack forms no temporary addresses (RFC 8981).</li>
 *   <li>Rule 8, use the longest matching prefix, {@code CommonPrefixLen} capped at the source's prefix length
 *       (RFC 6724 §2.2).</li>
 * </ol>
 * A tie leaves the earlier candidate: the outgoing interface's addresses in the order they were added come first.
 */
final class SourceSelection {

    private SourceSelection() {
    }

    // ------------------------------------------------------------------------------------------------------ IPv4

    /**
     * The source for a datagram leaving {@code out} towards {@code nextHop}, or 0 if there is none (see the class
     * description).
     */
    static int select4(Compartment c, Nic out, int nextHop) {
        int own = primaryFor(out, nextHop);
        if (own != 0) {
            return own;
        }
        for (Nic n : c.nics()) {
            if (n != out && !n.isLoopback() && n.hostModel().weakSend() && !n.addrs4().isEmpty()) {
                return n.addrs4().getFirst().address();
            }
        }
        return 0;
    }

    /** Rules 1 and 2 for one interface: its primary address on {@code nextHop}'s subnet, else its first; or 0. */
    static int primaryFor(Nic out, int nextHop) {
        var addrs = out.addrs4();
        for (int i = 0, n = addrs.size(); i < n; i++) {
            Nic.Addr4 a = addrs.get(i);
            if (a.onLink(nextHop)) {
                return a.address();
            }
        }
        return addrs.isEmpty() ? 0 : addrs.getFirst().address();
    }

    // ------------------------------------------------------------------------------------------------------ IPv6

    /** The best source for {@code (dHi, dLo)} leaving {@code out}, or null if there is no candidate. */
    static Addr6 select6(Compartment c, Nic out, long dHi, long dLo) {
        Addr6 best = null;
        boolean bestOnOut = false;
        var own = out.addrs6();
        for (int i = 0, n = own.size(); i < n; i++) {
            Addr6 a = own.get(i);
            if (a.isAssigned() && (best == null || compare(a, true, best, bestOnOut, dHi, dLo) < 0)) {
                best = a;
                bestOnOut = true;
            }
        }
        var nics = c.nics();
        for (int k = 0, m = nics.size(); k < m; k++) {
            Nic x = nics.get(k);
            if (x == out || !x.hostModel().weakSend()) {
                continue;
            }
            var addrs = x.addrs6();
            for (int i = 0, n = addrs.size(); i < n; i++) {
                Addr6 a = addrs.get(i);
                boolean loopbackAddress = a.hi() == 0 && a.lo() == 1; // RFC 4291 §2.5.3: never leaves the node
                if (a.isAssigned() && !loopbackAddress && !Ipv6Layer.isLinkLocal(a.hi())
                        && (best == null || compare(a, false, best, bestOnOut, dHi, dLo) < 0)) {
                    best = a;
                    bestOnOut = false;
                }
            }
        }
        return best;
    }

    /**
     * RFC 6724 §5: negative if {@code a} is the better source for the destination, positive if {@code b} is, 0 if no
     * rule decides.
     *
     * @param aOnOut whether {@code a} is assigned to the outgoing interface (rule 5)
     */
    static int compare(Addr6 a, boolean aOnOut, Addr6 b, boolean bOnOut, long dHi, long dLo) {
        boolean aSame = a.hi() == dHi && a.lo() == dLo;
        boolean bSame = b.hi() == dHi && b.lo() == dLo;
        if (aSame != bSame) {
            return aSame ? -1 : 1; // rule 1
        }
        int sa = AddressPolicy.scope(a.hi(), a.lo());
        int sb = AddressPolicy.scope(b.hi(), b.lo());
        if (sa != sb) { // rule 2: the smaller scope if it reaches the destination's, else the larger
            int sd = AddressPolicy.scope(dHi, dLo);
            int smaller = Math.min(sa, sb);
            boolean preferSmaller = smaller >= sd;
            return (sa < sb) == preferSmaller ? -1 : 1;
        }
        boolean aDep = a.state() == Addr6.State.DEPRECATED;
        boolean bDep = b.state() == Addr6.State.DEPRECATED;
        if (aDep != bDep) {
            return aDep ? 1 : -1; // rule 3
        }
        if (aOnOut != bOnOut) {
            return aOnOut ? -1 : 1; // rule 5
        }
        int ld = AddressPolicy.label(dHi, dLo);
        boolean aLabel = AddressPolicy.label(a.hi(), a.lo()) == ld;
        boolean bLabel = AddressPolicy.label(b.hi(), b.lo()) == ld;
        if (aLabel != bLabel) {
            return aLabel ? -1 : 1; // rule 6
        }
        int ca = AddressPolicy.commonPrefixLength(a.hi(), a.lo(), a.prefixLength(), dHi, dLo);
        int cb = AddressPolicy.commonPrefixLength(b.hi(), b.lo(), b.prefixLength(), dHi, dLo);
        return Integer.compare(cb, ca); // rule 8: the longer match first
    }
}
