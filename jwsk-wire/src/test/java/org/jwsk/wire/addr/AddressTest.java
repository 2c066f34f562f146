package org.jwsk.wire.addr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.testing.WireTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @Test
    void mac_parseFormatAndClassify() {
        MacAddress mac = MacAddress.parse("02:00:00:00:00:01");
        assertEquals(0x0200_0000_0001L, mac.value());
        assertEquals("02:00:00:00:00:01", mac.toString());
        assertEquals(mac, MacAddress.parse("02-00-00-00-00-01"));
        assertTrue(MacAddress.BROADCAST.isBroadcast());
        assertTrue(MacAddress.parse("33:33:00:00:00:16").isMulticast());
        assertTrue(mac.isUnicast());
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("02:00:00:00:00"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("02:00:00:00:00:0g"));
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(1L << 48));
    }

    @Test
    void mac_modifiedEui64_rfc4291AppendixA() {
        // RFC 4291 Appendix A: 34-56-78-9A-BC-DE gives the interface identifier 3656:78FF:FE9A:BCDE.
        assertEquals(0x365678fffe9abcdeL, MacAddress.parse("34:56:78:9a:bc:de").modifiedEui64());
        // And Linux derived fe80::ff:fe00:1 from 02:00:00:00:00:01 in captures/linux-veth.pcap.
        assertEquals(Ipv6Address.parse("fe80::ff:fe00:1"),
                Ipv6Address.linkLocal(MacAddress.parse("02:00:00:00:00:01").modifiedEui64()));
    }

    @Test
    void mac_multicastMappings() {
        assertEquals(MacAddress.parse("33:33:ff:00:00:02"),
                MacAddress.ofIpv6Multicast(Ipv6Address.parse("2001:db8::2").solicitedNode()));
        assertEquals(MacAddress.parse("01:00:5e:7f:00:01"), MacAddress.ofIpv4Multicast(Ipv4Address.parse("239.255.0.1")));
    }

    @Test
    void ipv4_parseFormatAndClassify() {
        Ipv4Address a = Ipv4Address.parse("192.0.2.1");
        assertEquals(0xc000_0201, a.value());
        assertEquals("192.0.2.1", a.toString());
        assertTrue(Ipv4Address.parse("224.0.0.22").isMulticast());
        assertTrue(Ipv4Address.parse("127.1.2.3").isLoopback());
        assertTrue(Ipv4Address.parse("169.254.1.1").isLinkLocal());
        assertTrue(Ipv4Address.BROADCAST.isLimitedBroadcast());
        assertTrue(a.inPrefix(Ipv4Address.parse("192.0.2.0"), 24));
        assertFalse(a.inPrefix(Ipv4Address.parse("198.51.100.0"), 24));
        assertTrue(a.inPrefix(Ipv4Address.ANY, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "a.b.c.d", "1..2.3"})
    void ipv4_rejectsMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv4Address.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
            // RFC 5952 §4.1 leading zeros, §4.2.1 longest run, §4.2.2 no :: for one group, §4.2.3 first of equal runs,
            // §4.3 lowercase, §5 mixed notation for IPv4-mapped addresses.
            "2001:0db8::0001, 2001:db8::1",
            "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:DB8::ABCD, 2001:db8::abcd",
            "::ffff:192.0.2.1, ::ffff:192.0.2.1",
            "0:0:0:0:0:0:0:0, ::",
            "0:0:0:0:0:0:0:1, ::1",
            "fe80::ff:fe00:1, fe80::ff:fe00:1",
            "1:0:0:0:0:0:0:0, 1::",
            "ff02::1:ff00:2, ff02::1:ff00:2",
    })
    void ipv6_formatsCanonicallyPerRfc5952(String input, String canonical) {
        assertEquals(canonical, Ipv6Address.parse(input).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "fe80::1%eth0",
            "::g", "1:2:3:4:5:6:1.2.3.4:5", "::1.2.3", "1.2.3.4::"})
    void ipv6_rejectsMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv6Address.parse(text));
    }

    @Test
    void ipv6_classifiesAndMaps() {
        assertTrue(Ipv6Address.parse("fe80::1").isLinkLocal());
        assertTrue(Ipv6Address.parse("febf::1").isLinkLocal());
        assertFalse(Ipv6Address.parse("fec0::1").isLinkLocal());
        assertTrue(Ipv6Address.ALL_NODES.isMulticast());
        assertEquals(2, Ipv6Address.ALL_NODES.multicastScope());
        assertTrue(Ipv6Address.LOOPBACK.isLoopback());
        assertTrue(Ipv6Address.ANY.isUnspecified());
        Ipv6Address mapped = Ipv6Address.v4Mapped(Ipv4Address.parse("192.0.2.7"));
        assertTrue(mapped.isV4Mapped());
        assertEquals(Ipv4Address.parse("192.0.2.7"), mapped.toV4());
        assertTrue(Ipv6Address.parse("2001:db8::5").inPrefix(Ipv6Address.parse("2001:db8::"), 64));
        assertTrue(Ipv6Address.parse("2001:db8::5").inPrefix(Ipv6Address.parse("2001:db8::4"), 126));
        assertFalse(Ipv6Address.parse("2001:db8::5").inPrefix(Ipv6Address.parse("2001:db8::4"), 128));
    }

    static Stream<Ipv6Address> randomV6() {
        return RandomCases.of(6, 300, WireTesting::randomIpv6);
    }

    @ParameterizedTest
    @MethodSource("randomV6")
    void ipv6_textAndJdkRoundTrip(Ipv6Address a) throws Exception {
        assertEquals(a, Ipv6Address.parse(a.toString()));
        assertEquals(a, IpAddress.of(a.toInetAddress()));
        assertEquals(a, IpAddress.of(InetAddress.getByName(a.toString())), "the JDK agrees with our text");
    }

    @Test
    void ipAddress_parseDispatchesOnFamily() {
        assertEquals(4, IpAddress.parse("198.51.100.1").version());
        assertEquals(6, IpAddress.parse("2001:db8::1").version());
        assertEquals(IpAddress.parse("203.0.113.9"), IpAddress.of(Ipv4Address.parse("203.0.113.9").toInetAddress()));
    }
}
