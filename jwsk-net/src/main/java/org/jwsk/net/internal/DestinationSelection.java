package org.jwsk.net.internal;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;

/**
 * RFC 6724 §6, destination address selection: orders the addresses a name resolved to, IPv6 and IPv4 together, so
 * that a socket layer tries the most promising first. Each destination is paired with the source the stack would
 * use for it ({@code Source(D)}, from the same route and source selection as the send path) and the pairs are
 * compared by the rules that apply here, the first rule that decides winning:
 * <ol>
 *   <li>Rule 1, avoid unusable destinations: no route, or no source.</li>
 *   <li>Rule 2, prefer matching scope: {@code Scope(D) = Scope(Source(D))}.</li>
 *   <li>Rule 3, avoid deprecated sources.</li>
 *   <li>Rule 4 (home addresses) does not apply.</li>
 *   <li>Rule 5, prefer matching label: {@code Label(Source(D)) = Label(D)}.</li>
 *   <li>Rule 6, prefer higher precedence (the default policy table: IPv6 above IPv4 above 6to4, ...).</li>
 *   <li>Rule 7 (prefer native transport) does not apply: the stack has no tunnel interfaces.</li>
 *   <li>Rule 8, prefer smaller scope.</li>
 *   <li>Rule 9, use the longest matching prefix, between two destinations of the same family:
 *       {@code CommonPrefixLen(Source(D), D)}, capped at the source's prefix length (for IPv4 too, as glibc does).</li>
 *   <li>Rule 10, otherwise keep the original order (the sort is stable).</li>
 * </ol>
 * IPv4 addresses take part as IPv4-mapped addresses (§6: "MUST be represented as an IPv4-mapped address").
 *
 * <p>Owner thread; allocates (control plane: once per name resolution).
 */
public final class DestinationSelection {

    /** A destination with what the rules need to know about it and its source. */
    record Candidate(IpAddress destination, long dHi, long dLo, boolean usable, long sHi, long sLo,
                     int sourcePrefixLength, boolean sourceDeprecated) {

        int scope() {
            return AddressPolicy.scope(dHi, dLo);
        }

        int sourceScope() {
            return AddressPolicy.scope(sHi, sLo);
        }

        boolean isV4() {
            return AddressPolicy.isV4Mapped(dHi, dLo);
        }
    }

    private DestinationSelection() {
    }

    /**
     * {@code destinations} in the order to try them; unusable ones last. The list is not changed.
     *
     * @param scope the interface for link-local and multicast destinations, or null
     */
    public static List<IpAddress> sort(Compartment c, List<? extends IpAddress> destinations, Nic scope) {
        List<Candidate> candidates = new ArrayList<>(destinations.size());
        for (IpAddress d : destinations) {
            candidates.add(candidate(c, d, scope));
        }
        return order(candidates).stream().map(Candidate::destination).toList();
    }

    /** A stable insertion sort by {@link #compare}: the pairwise rules need not form a total order (rule 9). */
    static List<Candidate> order(List<Candidate> in) {
        List<Candidate> out = new ArrayList<>(in.size());
        for (Candidate x : in) {
            int i = out.size();
            while (i > 0 && compare(x, out.get(i - 1)) < 0) {
                i--;
            }
            out.add(i, x);
        }
        return out;
    }

    private static Candidate candidate(Compartment c, IpAddress d, Nic scope) {
        return switch (d) {
            case Ipv4Address v4 -> candidate4(c, v4);
            case Ipv6Address v6 -> candidate6(c, v6, scope);
        };
    }

    private static Candidate candidate4(Compartment c, Ipv4Address d) {
        long dLo = AddressPolicy.mappedLo(d.value());
        Ipv4Layer.Path4 p = c.stack().ipv4().route(c, 0, d.value());
        if (p.status != null || p.src == 0) {
            return new Candidate(d, 0, dLo, false, 0, 0, 0, false);
        }
        int src = p.src;
        Nic owner = (src >>> 24) == 127 ? c.loopback() : c.owner4(src);
        Nic.Addr4 a = owner == null ? null : owner.find4(src);
        int prefix = a == null ? 32 : a.prefixLength();
        return new Candidate(d, 0, dLo, true, 0, AddressPolicy.mappedLo(src), prefix, false);
    }

    private static Candidate candidate6(Compartment c, Ipv6Address d, Nic scope) {
        Ipv6Layer.Path p = c.stack().ipv6().route(c, 0, 0, d.hi(), d.lo(), scope);
        if (p.status != null) {
            return new Candidate(d, d.hi(), d.lo(), false, 0, 0, 0, false);
        }
        long sHi = p.srcHi;
        long sLo = p.srcLo;
        Nic owner = c.owner6(sHi, sLo);
        Addr6 a = owner == null ? null : owner.find6(sHi, sLo);
        int prefix = a == null ? 128 : a.prefixLength();
        boolean deprecated = a != null && a.state() == Addr6.State.DEPRECATED;
        return new Candidate(d, d.hi(), d.lo(), true, sHi, sLo, prefix, deprecated);
    }

    /** RFC 6724 §6: negative if {@code a} should be tried before {@code b}, positive if after, 0 if no rule decides. */
    static int compare(Candidate a, Candidate b) {
        if (a.usable() != b.usable()) {
            return a.usable() ? -1 : 1; // rule 1
        }
        if (!a.usable()) {
            return 0; // neither has a source: no later rule can say anything
        }
        boolean aScope = a.scope() == a.sourceScope();
        boolean bScope = b.scope() == b.sourceScope();
        if (aScope != bScope) {
            return aScope ? -1 : 1; // rule 2
        }
        if (a.sourceDeprecated() != b.sourceDeprecated()) {
            return a.sourceDeprecated() ? 1 : -1; // rule 3
        }
        boolean aLabel = AddressPolicy.label(a.sHi(), a.sLo()) == AddressPolicy.label(a.dHi(), a.dLo());
        boolean bLabel = AddressPolicy.label(b.sHi(), b.sLo()) == AddressPolicy.label(b.dHi(), b.dLo());
        if (aLabel != bLabel) {
            return aLabel ? -1 : 1; // rule 5
        }
        int pa = AddressPolicy.precedence(a.dHi(), a.dLo());
        int pb = AddressPolicy.precedence(b.dHi(), b.dLo());
        if (pa != pb) {
            return pa > pb ? -1 : 1; // rule 6
        }
        if (a.scope() != b.scope()) {
            return a.scope() < b.scope() ? -1 : 1; // rule 8
        }
        if (a.isV4() == b.isV4()) { // rule 9
            int ca = AddressPolicy.commonPrefixLength(a.sHi(), a.sLo(), a.sourcePrefixLength(), a.dHi(), a.dLo());
            int cb = AddressPolicy.commonPrefixLength(b.sHi(), b.sLo(), b.sourcePrefixLength(), b.dHi(), b.dLo());
            return Integer.compare(cb, ca);
        }
        return 0; // rule 10
    }
}
