package org.jwsk.wire.crosscheck;

import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;

/**
 * The hosts the cross-check frames travel between, all on documentation addresses: MACs from 00-00-5E-00-53-00/24
 * (RFC 7042 §2.1.1), IPv4 from 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24 (RFC 5737), IPv6 from
 * 2001:db8::/32 (RFC 3849) and link-local addresses built from those MACs.
 *
 * <p>Host A (192.0.2.10, 2001:db8::a) sits on a LAN with router R (192.0.2.1, 2001:db8::1) and a second router
 * R2; host B (198.51.100.20, 2001:db8:1::b) is remote; host C (192.0.2.77, 2001:db8::c) is joining the LAN.
 * Every IPv4 address keeps one MAC throughout, so tshark's ARP table never sees a conflict.
 */
final class Hosts {

    static final MacAddress A_MAC = MacAddress.parse("00:00:5e:00:53:0a");
    static final MacAddress R_MAC = MacAddress.parse("00:00:5e:00:53:01");
    static final MacAddress R2_MAC = MacAddress.parse("00:00:5e:00:53:02");
    static final MacAddress C_MAC = MacAddress.parse("00:00:5e:00:53:0c");

    static final Ipv4Address A4 = Ipv4Address.parse("192.0.2.10");
    static final Ipv4Address R4 = Ipv4Address.parse("192.0.2.1");
    static final Ipv4Address R2_4 = Ipv4Address.parse("192.0.2.2");
    static final Ipv4Address C4 = Ipv4Address.parse("192.0.2.77");
    static final Ipv4Address B4 = Ipv4Address.parse("198.51.100.20");
    /** Routers on the path between the LAN and B. */
    static final Ipv4Address HOP1 = Ipv4Address.parse("203.0.113.1");
    static final Ipv4Address HOP2 = Ipv4Address.parse("203.0.113.2");
    static final Ipv4Address HOP3 = Ipv4Address.parse("198.51.100.1");

    static final Ipv6Address A6 = Ipv6Address.parse("2001:db8::a");
    static final Ipv6Address A6_LL = Ipv6Address.linkLocal(A_MAC.modifiedEui64());
    static final Ipv6Address R6 = Ipv6Address.parse("2001:db8::1");
    static final Ipv6Address R6_LL = Ipv6Address.linkLocal(R_MAC.modifiedEui64());
    static final Ipv6Address R2_6_LL = Ipv6Address.linkLocal(R2_MAC.modifiedEui64());
    static final Ipv6Address C6 = Ipv6Address.parse("2001:db8::c");
    static final Ipv6Address B6 = Ipv6Address.parse("2001:db8:1::b");
    static final Ipv6Address HOP6 = Ipv6Address.parse("2001:db8:2::1");
    static final Ipv6Address PREFIX6 = Ipv6Address.parse("2001:db8::");
    static final Ipv6Address DNS1 = Ipv6Address.parse("2001:db8::53");
    static final Ipv6Address DNS2 = Ipv6Address.parse("2001:db8::35");

    private Hosts() {
    }
}
