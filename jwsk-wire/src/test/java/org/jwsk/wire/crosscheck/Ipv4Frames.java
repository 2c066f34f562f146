package org.jwsk.wire.crosscheck;

import static org.jwsk.wire.crosscheck.Headers.counting;
import static org.jwsk.wire.crosscheck.Headers.text;
import static org.jwsk.wire.crosscheck.Headers.v4;
import static org.jwsk.wire.crosscheck.Headers.v4Fragment;
import static org.jwsk.wire.crosscheck.Hosts.A4;
import static org.jwsk.wire.crosscheck.Hosts.A_MAC;
import static org.jwsk.wire.crosscheck.Hosts.B4;
import static org.jwsk.wire.crosscheck.Hosts.HOP1;
import static org.jwsk.wire.crosscheck.Hosts.HOP2;
import static org.jwsk.wire.crosscheck.Hosts.HOP3;
import static org.jwsk.wire.crosscheck.Hosts.R4;
import static org.jwsk.wire.crosscheck.Hosts.R_MAC;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.icmpv4.Icmpv4Repr;
import org.jwsk.wire.ipv4.Ipv4Option;
import org.jwsk.wire.ipv4.Ipv4Option.TimestampEntry;

/**
 * IPv4 with every option kind jwsk interprets (RFC 791 §3.1, RFC 2113) and a fragmented datagram (RFC 791
 * §3.2), as ping -R, ping -T, traceroute -g and RSVP-style senders make them.
 */
final class Ipv4Frames {

    /** Milliseconds since midnight UT, 12:34:56.789 (RFC 791 §3.1, Internet Timestamp). */
    static final int TS = 45_296_789;

    private Ipv4Frames() {
    }

    static List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        frames.add(echo("ipv4-record-route-request", A4, B4, 0x1001, false, List.of(new Ipv4Option.Nop(),
                new Ipv4Option.RecordRoute(4, Collections.nCopies(9, Ipv4Address.ANY)))));
        List<Ipv4Address> recorded = new ArrayList<>(List.of(HOP1, HOP2, B4, HOP3, HOP2, R4));
        recorded.addAll(Collections.nCopies(3, Ipv4Address.ANY));
        frames.add(echo("ipv4-record-route-reply", B4, A4, 0x7001, true, List.of(new Ipv4Option.Nop(),
                new Ipv4Option.RecordRoute(28, recorded))));
        frames.add(echo("ipv4-timestamps-only-full", A4, B4, 0x1002, false, List.of(
                new Ipv4Option.TimestampsOnly(41, 3, Collections.nCopies(9, TS)))));
        frames.add(echo("ipv4-timestamps-with-addresses", A4, B4, 0x1003, false, List.of(
                new Ipv4Option.TimestampsAndAddresses(21, 0, List.of(new TimestampEntry(R4, TS),
                        new TimestampEntry(HOP1, TS + 2), new TimestampEntry(Ipv4Address.ANY, 0),
                        new TimestampEntry(Ipv4Address.ANY, 0))))));
        frames.add(echo("ipv4-timestamps-prespecified", A4, B4, 0x1004, false, List.of(
                new Ipv4Option.TimestampsPrespecified(13, 0, List.of(new TimestampEntry(HOP1, TS + 3),
                        new TimestampEntry(B4, 0))))));
        // traceroute -g: sent to the first hop, the route holding the next hop and the final destination.
        frames.add(new Frame("ipv4-lsrr-udp", new FrameBuilder().eth(R_MAC, A_MAC)
                .ipv4(v4(A4, R4, 0x1005, false, Headers.TTL, List.of(new Ipv4Option.Nop(),
                        new Ipv4Option.LooseSourceRoute(4, List.of(HOP1, B4)))))
                .udp(49170, 4041, text("loose source route")).build(), "eth:ethertype:ip:udp:data"));
        // As HOP1 receives it: R4 put its address in the first slot and sent it on to HOP1.
        frames.add(echo("ipv4-ssrr-request", A4, HOP1, 0x1006, false, List.of(new Ipv4Option.Nop(),
                new Ipv4Option.StrictSourceRoute(8, List.of(R4, B4)))));
        frames.add(new Frame("ipv4-router-alert-nop-eol-udp", new FrameBuilder().eth(R_MAC, A_MAC)
                .ipv4(v4(A4, B4, 0x1007, false, Headers.TTL, List.of(new Ipv4Option.RouterAlert(0),
                        new Ipv4Option.Nop(), new Ipv4Option.Eol())))
                .udp(49171, 4041, text("router alert")).build(), "eth:ethertype:ip:udp:data"));
        // An RFC 4727 experimental option (type 94: not copied, class 2, number 30), kept uninterpreted.
        frames.add(new Frame("ipv4-experimental-option-udp", new FrameBuilder().eth(R_MAC, A_MAC)
                .ipv4(v4(A4, B4, 0x1008, false, Headers.TTL, List.of(new Ipv4Option.Unknown(94, text("jw")))))
                .udp(49173, 4041, text("experimental option")).build(), "eth:ethertype:ip:udp:data"));
        frames.addAll(fragments());
        return frames;
    }

    /** An echo request from A (or reply to A) with IPv4 options. */
    private static Frame echo(String name, Ipv4Address src, Ipv4Address dst, int id, boolean reply,
                              List<Ipv4Option> options) {
        Icmpv4Repr.EchoRequest request = new Icmpv4Repr.EchoRequest(0x2a2a, id & 0xff, counting(0x10, 40));
        Icmpv4Repr message = reply ? request.reply() : request;
        Built packet = new FrameBuilder().eth(src.equals(A4) ? R_MAC : A_MAC, src.equals(A4) ? A_MAC : R_MAC)
                .ipv4(v4(src, dst, id, false, Headers.TTL, options)).icmpv4(message).build();
        return new Frame(name, packet, "eth:ethertype:ip:icmp:data");
    }

    /** A 72-byte UDP datagram in two fragments of 40 and 32 bytes; tshark reassembles it in the second frame. */
    private static List<Frame> fragments() {
        int id = 0x5a5a;
        Built whole = udpDatagram(A4, B4, id, 49172, counting(0x20, 64));
        int headerLength = 20;
        Octets first = whole.slice(headerLength, 40);
        Octets last = whole.slice(headerLength + 40, 32);
        List<Layer> transport = whole.layers().subList(1, whole.layers().size());
        return List.of(
                new Frame("ipv4-fragment-first", new FrameBuilder().eth(R_MAC, A_MAC)
                        .ipv4(v4Fragment(A4, B4, id, true, 0, IpProtocol.UDP)).data(first, List.of()).build(),
                        "eth:ethertype:ip:data"),
                new Frame("ipv4-fragment-last", new FrameBuilder().eth(R_MAC, A_MAC)
                        .ipv4(v4Fragment(A4, B4, id, false, 5, IpProtocol.UDP)).data(last, transport).build(),
                        "eth:ethertype:ip:udp:data"));
    }

    /** An IPv4 header and UDP datagram without Ethernet: what an ICMP error quotes, or a fragmenter cuts. */
    static Built udpDatagram(Ipv4Address src, Ipv4Address dst, int id, int srcPort, Octets payload) {
        return new FrameBuilder().ipv4(v4(src, dst, id, false)).udp(srcPort, 4041, payload).build();
    }
}
