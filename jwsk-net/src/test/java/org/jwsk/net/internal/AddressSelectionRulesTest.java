package org.jwsk.net.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.junit.jupiter.api.Test;

/**
 * RFC 6724 rule by rule, on the pure comparisons: the policy table and scopes (§2.1, §3), CommonPrefixLen (§2.2),
 * source selection (§5) and destination selection (§6). Each case makes the earlier rules tie, so the rule under
 * test decides, and where it can, sets up a later rule to point the other way.
 */
class AddressSelectionRulesTest {

    private static Ipv6Address v6(String s) {
        return Ipv6Address.parse(s);
    }

    private static Addr6 addr(String s, int prefix) {
        Ipv6Address a = v6(s);
        return new Addr6(a.hi(), a.lo(), prefix, Addr6.Origin.MANUAL, Addr6.State.PREFERRED);
    }

    private static Addr6 deprecated(String s, int prefix) {
        Addr6 a = addr(s, prefix);
        a.setState(Addr6.State.DEPRECATED);
        return a;
    }

    /** compare(a, b) from the destination's point of view, with both on the outgoing interface unless said. */
    private static int source(Addr6 a, Addr6 b, String dst) {
        return source(a, true, b, true, dst);
    }

    private static int source(Addr6 a, boolean aOut, Addr6 b, boolean bOut, String dst) {
        Ipv6Address d = v6(dst);
        int ab = SourceSelection.compare(a, aOut, b, bOut, d.hi(), d.lo());
        int ba = SourceSelection.compare(b, bOut, a, aOut, d.hi(), d.lo());
        assertEquals(-Integer.signum(ab), Integer.signum(ba), "the comparison is antisymmetric");
        return ab;
    }

    // ------------------------------------------------------------- policy table, scopes, CommonPrefixLen

    private int precedence(String a) {
        Ipv6Address x = v6(a);
        return AddressPolicy.precedence(x.hi(), x.lo());
    }

    private int label(String a) {
        Ipv6Address x = v6(a);
        return AddressPolicy.label(x.hi(), x.lo());
    }

    @Test
    void defaultPolicyTable_rfc6724Section2_1() {
        assertEquals(50, precedence("::1"));
        assertEquals(0, label("::1"));
        assertEquals(40, precedence("2001:db8::1"));
        assertEquals(1, label("2001:db8::1"));
        assertEquals(35, precedence("::ffff:192.0.2.1"));
        assertEquals(4, label("::ffff:192.0.2.1"));
        assertEquals(30, precedence("2002:c000:201::1"));
        assertEquals(2, label("2002:c000:201::1"));
        assertEquals(5, precedence("2001:0:4136:e378::1"));
        assertEquals(5, label("2001:0:4136:e378::1"));
        assertEquals(3, precedence("fd12:3456::1"));
        assertEquals(13, label("fd12:3456::1"));
        assertEquals(1, precedence("::192.0.2.1"));
        assertEquals(3, label("::192.0.2.1"));
        assertEquals(1, precedence("fec0::1"));
        assertEquals(11, label("fec0::1"));
        assertEquals(1, precedence("3ffe::1"));
        assertEquals(12, label("3ffe::1"));
        assertEquals(1, label("fe80::1"), "link-local falls under ::/0");
    }

    @Test
    void scopes_rfc6724Section3() {
        assertEquals(AddressPolicy.SCOPE_LINK_LOCAL, scope("fe80::1"));
        assertEquals(AddressPolicy.SCOPE_LINK_LOCAL, scope("::1"), "§3.1: loopback is link-local scope");
        assertEquals(AddressPolicy.SCOPE_SITE_LOCAL, scope("fec0::1"));
        assertEquals(AddressPolicy.SCOPE_GLOBAL, scope("2001:db8::1"));
        assertEquals(AddressPolicy.SCOPE_GLOBAL, scope("fd00::1"), "§3.1: unique local addresses are global");
        assertEquals(0x5, scope("ff05::2"), "multicast: its scope field");
        assertEquals(AddressPolicy.SCOPE_INTERFACE_LOCAL, scope("ff01::1"));
        assertEquals(AddressPolicy.SCOPE_LINK_LOCAL, scope("::ffff:127.0.0.1"), "§3.2");
        assertEquals(AddressPolicy.SCOPE_LINK_LOCAL, scope("::ffff:169.254.1.1"), "§3.2");
        assertEquals(AddressPolicy.SCOPE_GLOBAL, scope("::ffff:10.1.2.3"), "§3.2: private IPv4 is global");
    }

    private int scope(String a) {
        Ipv6Address x = v6(a);
        return AddressPolicy.scope(x.hi(), x.lo());
    }

    @Test
    void commonPrefixLength_isCappedAtTheSourcesPrefix_rfc6724Section2_2() {
        Ipv6Address s = v6("fe80::1");
        Ipv6Address d = v6("fe80::2");
        assertEquals(64, AddressPolicy.commonPrefixLength(s.hi(), s.lo(), 64, d.hi(), d.lo()), "the RFC's example");
        Ipv6Address s2 = v6("2001:db8:1:2::1");
        Ipv6Address d2 = v6("2001:db8:1:2::1:1");
        assertEquals(48, AddressPolicy.commonPrefixLength(s2.hi(), s2.lo(), 48, d2.hi(), d2.lo()));
        assertEquals(111, AddressPolicy.commonPrefixLength(s2.hi(), s2.lo(), 128, d2.hi(), d2.lo()));
        long m1 = AddressPolicy.mappedLo(Ipv4Address.parse("192.0.2.1").value());
        long m2 = AddressPolicy.mappedLo(Ipv4Address.parse("192.0.2.200").value());
        assertEquals(96 + 24, AddressPolicy.commonPrefixLength(0, m1, 24, 0, m2), "IPv4: 96 + the IPv4 prefix");
    }

    // ------------------------------------------------------------------- source selection, RFC 6724 §5

    @Test
    void source_rule1_preferTheSameAddress() {
        Addr6 same = deprecated("2001:db8::5", 64); // rule 3 would reject it
        Addr6 other = addr("2001:db8::6", 64);
        assertTrue(source(same, other, "2001:db8::5") < 0);
    }

    @Test
    void source_rule2_preferAppropriateScope() {
        Addr6 link = addr("fe80::1", 64);
        Addr6 global = addr("2001:db8::1", 64);
        assertTrue(source(global, link, "2001:db8:9::1") < 0, "global destination: global source");
        assertTrue(source(link, global, "fe80::99") < 0, "link-local destination: the smaller scope that reaches");
        assertTrue(source(global, link, "fec0::1") < 0, "site-local destination: link-local is too small");
        assertTrue(source(link, global, "ff02::1") < 0, "link-scope multicast: link-local");
        assertTrue(source(global, link, "ff0e::1") < 0, "global multicast: global");
        Addr6 deprecatedGlobal = deprecated("2001:db8::2", 64);
        assertTrue(source(deprecatedGlobal, link, "2001:db8:9::1") < 0, "rule 2 decides before rule 3");
    }

    @Test
    void source_rule3_avoidDeprecatedAddresses() {
        Addr6 old = deprecated("2001:db8:1::1", 64); // rule 8 would prefer it
        Addr6 fresh = addr("2001:db8:2::1", 64);
        assertTrue(source(fresh, old, "2001:db8:1::99") < 0);
    }

    @Test
    void source_rule5_preferTheOutgoingInterface() {
        Addr6 onOut = addr("2001:db8:2::1", 64);
        Addr6 elsewhere = addr("2001:db8:1::1", 64); // rule 8 would prefer it
        assertTrue(source(onOut, true, elsewhere, false, "2001:db8:1::99") < 0);
        assertTrue(source(elsewhere, false, onOut, true, "2001:db8:1::99") > 0);
    }

    @Test
    void source_rule6_preferMatchingLabel() {
        Addr6 sixToFour = addr("2002:c000:201::1", 48);
        Addr6 native6 = addr("2001:db8::1", 64);
        assertTrue(source(sixToFour, native6, "2002:c633:6401::1") < 0, "6to4 destination, 6to4 source");
        Addr6 ula = addr("fd00:1::1", 64);
        assertTrue(source(ula, native6, "fd00:2::1") < 0, "ULA destination, ULA source");
        assertTrue(source(native6, ula, "2001:db8:77::1") < 0, "native destination, native source");
    }

    @Test
    void source_rule8_longestMatchingPrefix_cappedAtTheSourcesPrefixLength() {
        Addr6 near = addr("2001:db8:1::1", 64);
        Addr6 far = addr("2001:db8:2::1", 64);
        assertTrue(source(near, far, "2001:db8:1::99") < 0);
        Addr6 shortPrefix = addr("2001:db8:1:5::1", 48); // shares 64+ bits, but counts only 48
        Addr6 longPrefix = addr("2001:db8:1:6::1", 62);  // shares 62 bits, counts 62
        assertTrue(source(longPrefix, shortPrefix, "2001:db8:1:5::99") < 0);
    }

    @Test
    void source_noRuleDecides_theEarlierCandidateStays() {
        Addr6 a = addr("2001:db8:1::1", 64);
        Addr6 b = addr("2001:db8:1::2", 64);
        assertEquals(0, source(a, b, "2001:db8:1::99"));
    }

    // -------------------------------------------------------------- destination selection, RFC 6724 §6

    private DestinationSelection.Candidate cand(String dst, String src, int srcPrefix, boolean deprecated) {
        IpAddress d = IpAddress.parse(dst);
        long dHi = d instanceof Ipv6Address v ? v.hi() : 0;
        long dLo = d instanceof Ipv6Address v ? v.lo() : AddressPolicy.mappedLo(((Ipv4Address) d).value());
        if (src == null) {
            return new DestinationSelection.Candidate(d, dHi, dLo, false, 0, 0, 0, false);
        }
        IpAddress s = IpAddress.parse(src);
        long sHi = s instanceof Ipv6Address v ? v.hi() : 0;
        long sLo = s instanceof Ipv6Address v ? v.lo() : AddressPolicy.mappedLo(((Ipv4Address) s).value());
        return new DestinationSelection.Candidate(d, dHi, dLo, true, sHi, sLo, srcPrefix, deprecated);
    }

    private List<String> order(DestinationSelection.Candidate... in) {
        return DestinationSelection.order(List.of(in)).stream().map(c -> c.destination().toString()).toList();
    }

    @Test
    void destination_rule1_avoidUnusableDestinations() {
        assertEquals(List.of("192.0.2.9", "2001:db8::9"),
                order(cand("2001:db8::9", null, 0, false), cand("192.0.2.9", "192.0.2.1", 24, false)));
    }

    @Test
    void destination_rule2_preferMatchingScope() {
        assertEquals(List.of("fe80::9", "2001:db8::9"), order(
                cand("2001:db8::9", "fe80::1", 64, false), cand("fe80::9", "fe80::1", 64, false)));
    }

    @Test
    void destination_rule3_avoidDeprecatedSources() {
        assertEquals(List.of("2001:db8:2::9", "2001:db8:1::9"), order(
                cand("2001:db8:1::9", "2001:db8:1::1", 64, true), cand("2001:db8:2::9", "2001:db8:2::1", 64,
                        false)));
    }

    @Test
    void destination_rule5_preferMatchingLabel() {
        assertEquals(List.of("2001:db8::9", "2002:c633:6401::9"), order(
                cand("2002:c633:6401::9", "2001:db8::1", 64, false), cand("2001:db8::9", "2001:db8::1", 64,
                        false)));
    }

    @Test
    void destination_rule6_preferHigherPrecedence_ipv6BeforeIpv4() {
        assertEquals(List.of("2001:db8::9", "192.0.2.9"), order(
                cand("192.0.2.9", "192.0.2.1", 24, false), cand("2001:db8::9", "2001:db8::1", 64, false)));
        assertEquals(List.of("192.0.2.9", "fd00::9"), order(
                cand("fd00::9", "fd00::1", 64, false), cand("192.0.2.9", "192.0.2.1", 24, false)),
                "RFC 6724: ULA (3) below IPv4 (35)");
    }

    @Test
    void destination_rule8_preferSmallerScope() {
        assertEquals(List.of("fe80::9", "2001:db8::9"), order(
                cand("2001:db8::9", "2001:db8::1", 64, false), cand("fe80::9", "fe80::1", 64, false)));
    }

    @Test
    void destination_rule9_longestMatchingPrefix_withinOneFamilyOnly() {
        assertEquals(List.of("2001:db8:1::9", "2001:db8:2::9"), order(
                cand("2001:db8:2::9", "2001:db8:1::1", 64, false), cand("2001:db8:1::9", "2001:db8:1::1", 64,
                        false)));
        assertEquals(List.of("198.51.100.9", "203.0.113.9"), order(
                cand("203.0.113.9", "198.51.100.1", 24, false), cand("198.51.100.9", "198.51.100.1", 24,
                        false)), "IPv4 by the mapped form, capped at the IPv4 prefix");
    }

    @Test
    void destination_rule10_otherwiseTheOriginalOrderStays() {
        assertEquals(List.of("2001:db8:3::9", "2001:db8:2::9"), order(
                cand("2001:db8:3::9", "2001:db8:1::1", 64, false), cand("2001:db8:2::9", "2001:db8:1::1", 64,
                        false)));
    }
}
