package org.jwsk.wire.crosscheck;

import static org.jwsk.wire.crosscheck.Headers.text;
import static org.jwsk.wire.crosscheck.Headers.v4;
import static org.jwsk.wire.crosscheck.Headers.v6;
import static org.jwsk.wire.crosscheck.Hosts.A4;
import static org.jwsk.wire.crosscheck.Hosts.A6;
import static org.jwsk.wire.crosscheck.Hosts.A_MAC;
import static org.jwsk.wire.crosscheck.Hosts.B4;
import static org.jwsk.wire.crosscheck.Hosts.B6;
import static org.jwsk.wire.crosscheck.Hosts.C4;
import static org.jwsk.wire.crosscheck.Hosts.C_MAC;
import static org.jwsk.wire.crosscheck.Hosts.R4;
import static org.jwsk.wire.crosscheck.Hosts.R_MAC;

import java.util.List;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.arp.ArpRepr;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.VlanTag;

/** ARP in its four uses (RFC 826, RFC 5227), and Ethernet with an 802.1Q tag and with 802.1ad + 802.1Q tags. */
final class LinkFrames {

    private LinkFrames() {
    }

    static List<Frame> frames() {
        ArpRepr request = ArpRepr.request(A_MAC, A4, R4);
        return List.of(
                arp("arp-request", MacAddress.BROADCAST, request),
                arp("arp-reply", A_MAC, ArpRepr.replyTo(request, R_MAC)),
                arp("arp-probe", MacAddress.BROADCAST, ArpRepr.probe(C_MAC, C4)),
                arp("arp-announcement", MacAddress.BROADCAST, ArpRepr.announcement(C_MAC, C4)),
                new Frame("udp-ipv4-8021q", new FrameBuilder()
                        .eth(R_MAC, A_MAC, new VlanTag(EtherType.VLAN, 5, false, 100))
                        .ipv4(v4(A4, B4, 0x4e21, true))
                        .udp(49160, 4041, text("jwsk over an 802.1Q VLAN"))
                        .build(), "eth:ethertype:vlan:ethertype:ip:udp:data"),
                new Frame("udp-ipv6-8021ad-8021q", new FrameBuilder()
                        .eth(R_MAC, A_MAC, new VlanTag(EtherType.QINQ, 3, true, 3000),
                                new VlanTag(EtherType.VLAN, 0, false, 100))
                        .ipv6(v6(A6, B6, Headers.TTL))
                        .udp(49161, 4041, text("jwsk over Q-in-Q"))
                        .build(), "eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:ipv6:udp:data"));
    }

    private static Frame arp(String name, MacAddress dst, ArpRepr arp) {
        return new Frame(name, new FrameBuilder().eth(dst, arp.senderMac()).arp(arp).build(), "eth:ethertype:arp");
    }
}
