package org.jwsk.wire.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpPrefixTest {

    @Test
    void hostBitsAreCleared_soEqualPrefixesAreEqual() {
        assertEquals(IpPrefix.parse("192.0.2.0/24"), IpPrefix.parse("192.0.2.77/24"));
        assertEquals("192.0.2.0/24", IpPrefix.parse("192.0.2.77/24").toString());
        assertEquals("2001:db8::/32", IpPrefix.parse("2001:db8:1:2::5/32").toString());
        assertEquals("2001:db8::4/126", IpPrefix.parse("2001:db8::5/126").toString());
        assertEquals("0.0.0.0/0", IpPrefix.parse("203.0.113.9/0").toString());
        assertEquals("::/0", IpPrefix.parse("2001:db8::1/0").toString());
    }

    @Test
    void bareAddress_isAHostPrefix() {
        assertEquals(32, IpPrefix.parse("198.51.100.1").length());
        assertEquals(128, IpPrefix.parse("2001:db8::1").length());
    }

    @Test
    void contains_addressesAndPrefixes_ofItsFamilyOnly() {
        IpPrefix net = IpPrefix.parse("198.51.100.0/24");
        assertTrue(net.contains(IpAddress.parse("198.51.100.200")));
        assertFalse(net.contains(IpAddress.parse("198.51.101.1")));
        assertFalse(net.contains(IpAddress.parse("::ffff:198.51.100.200")), "an IPv6 address is never in an IPv4 prefix");
        assertTrue(net.contains(IpPrefix.parse("198.51.100.128/25")));
        assertFalse(net.contains(IpPrefix.parse("198.51.0.0/16")));
        assertTrue(IpPrefix.parse("2001:db8::/32").contains(IpAddress.parse("2001:db8:ffff::1")));
        assertTrue(IpPrefix.parse("::/0").contains(IpAddress.parse("2001:db8::1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.0/33", "2001:db8::/129", "192.0.2.0/", "192.0.2.0/-1", "192.0.2.0/2a", "x/3"})
    void malformedText_isRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> IpPrefix.parse(text));
    }
}
