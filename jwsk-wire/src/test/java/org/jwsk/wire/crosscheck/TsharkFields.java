package org.jwsk.wire.crosscheck;

import static org.jwsk.wire.crosscheck.Expect.bit;
import static org.jwsk.wire.crosscheck.Expect.hex16;
import static org.jwsk.wire.crosscheck.Expect.hex32;
import static org.jwsk.wire.crosscheck.Expect.hex8;
import static org.jwsk.wire.crosscheck.Expect.u32;

import java.util.List;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.arp.ArpOperation;
import org.jwsk.wire.arp.ArpRepr;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.EthernetRepr;
import org.jwsk.wire.ethernet.VlanTag;
import org.jwsk.wire.ipv4.Ipv4Option;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv6.Ipv6ExtensionRepr;
import org.jwsk.wire.ipv6.Ipv6FragmentRepr;
import org.jwsk.wire.ipv6.Ipv6Option;
import org.jwsk.wire.ipv6.Ipv6OptionsRepr;
import org.jwsk.wire.ipv6.Ipv6Repr;
import org.jwsk.wire.ipv6.Ipv6RoutingRepr;
import org.jwsk.wire.udp.UdpRepr;

/**
 * The field values tshark must show for the records jwsk emitted: jwsk's view of a frame, written in tshark's
 * field names ({@link Pdml} paths). Link, network and UDP layers are here; {@link TsharkTransportFields} has
 * TCP, ICMPv4 and ICMPv6.
 *
 * <p>Where tshark's names or forms are surprising they are noted: Wireshark names the EtherType of an 802.1ad
 * tag {@code ieee8021ah.etype}, and shows the destination of an IPv4 header that carries an unfinished source
 * route as {@code ip.cur_rt}, keeping {@code ip.dst} for the route's final hop.
 */
final class TsharkFields {

    private TsharkFields() {
    }

    /** The values for every layer, outermost first; {@code complete} says whether checksums can be verified. */
    static void expect(List<Layer> layers, boolean complete, Expect e) {
        for (Layer layer : layers) {
            switch (layer) {
                case Layer.Eth eth -> ethernet(eth.repr(), e);
                case Layer.Arp arp -> arp(arp.repr(), e);
                case Layer.V4 v4 -> ipv4(v4.repr(), e);
                case Layer.V6 v6 -> ipv6(v6.repr(), e);
                case Layer.V6Ext x -> extension(x.repr(), e);
                case Layer.Udp udp -> udp(udp, complete, e);
                case Layer.Tcp tcp -> TsharkTransportFields.tcp(tcp.repr(), complete, e);
                case Layer.Icmp4 icmp -> TsharkTransportFields.icmpv4(icmp.repr(), icmp.quoted(), e);
                case Layer.Icmp6 icmp -> TsharkTransportFields.icmpv6(icmp.repr(), icmp.quoted(), e);
                case Layer.Data data -> expect(data.reassembled(), true, e);
            }
        }
    }

    static void ethernet(EthernetRepr r, Expect e) {
        List<VlanTag> tags = r.vlanTags();
        e.add("eth > eth.dst", r.dst()).add("eth > eth.src", r.src());
        e.add("eth > eth.type", hex16(tags.isEmpty() ? r.etherType() : tags.getFirst().tpid()));
        for (int i = 0; i < tags.size(); i++) {
            VlanTag tag = tags.get(i);
            int next = i + 1 < tags.size() ? tags.get(i + 1).tpid() : r.etherType();
            String p = tag.tpid() == EtherType.VLAN ? "vlan > vlan." : "ieee8021ad > ieee8021ad.";
            e.add(p + "priority", tag.pcp()).add(p + "dei", bit(tag.dei())).add(p + "id", tag.vid());
            // Wireshark registers the 802.1ad tag's EtherType field under the 802.1ah name.
            e.add(tag.tpid() == EtherType.VLAN ? "vlan > vlan.etype" : "ieee8021ad > ieee8021ah.etype", hex16(next));
        }
    }

    static void arp(ArpRepr r, Expect e) {
        e.add("arp > arp.hw.type", 1).add("arp > arp.proto.type", hex16(EtherType.IPV4));
        e.add("arp > arp.opcode", r.operation().code());
        e.add("arp > arp.src.hw_mac", r.senderMac()).add("arp > arp.src.proto_ipv4", r.senderIp());
        e.add("arp > arp.dst.hw_mac", r.targetMac()).add("arp > arp.dst.proto_ipv4", r.targetIp());
        e.flagOrAbsent("arp > arp.isprobe", r.isProbe());
        e.flagOrAbsent("arp > arp.isgratuitous", r.isGratuitous());
        // RFC 5227 §2.3: an announcement is a gratuitous request.
        e.flagOrAbsent("arp > arp.isannouncement", r.isGratuitous() && r.operation() == ArpOperation.REQUEST);
    }

    static void ipv4(Ipv4Repr r, Expect e) {
        e.add("ip > ip.version", 4).add("ip > ip.hdr_len", r.headerLength());
        e.add("ip > ip.dsfield > ip.dsfield.dscp", r.dscp()).add("ip > ip.dsfield > ip.dsfield.ecn", r.ecn());
        e.add("ip > ip.len", r.totalLength()).add("ip > ip.id", hex16(r.identification()));
        e.add("ip > ip.flags > ip.flags.df", bit(r.dontFragment()));
        e.add("ip > ip.flags > ip.flags.mf", bit(r.moreFragments()));
        e.add("ip > ip.frag_offset", r.fragmentOffset()).add("ip > ip.ttl", r.ttl()).add("ip > ip.proto", r.protocol());
        e.add("ip > ip.checksum.status", 1);
        e.add("ip > ip.src", r.src()).add("ip > ip.dst|ip.cur_rt", r.dst());
        ipv4Options(r.options(), e);
    }

    /**
     * The options up to the first EOL: tshark shows that EOL and stops, the rest of the area being padding
     * (RFC 791 §3.1), where jwsk's canonical list spells every padding octet as an EOL. Options neither
     * interprets tshark shows as unnamed text ("Unknown (0x5e) (4 bytes)"), which no path can name; the header
     * length and checksum still cover them.
     */
    private static void ipv4Options(List<Ipv4Option> options, Expect e) {
        for (Ipv4Option option : options) {
            if (option instanceof Ipv4Option.Unknown) {
                continue;
            }
            e.add("ip / ip.opt.type", option.type());
            if (option instanceof Ipv4Option.Eol) {
                return;
            }
            if (!(option instanceof Ipv4Option.Nop)) {
                e.add("ip / ip.opt.len", option.length());
            }
            switch (option) {
                case Ipv4Option.Route route -> route(route, e);
                case Ipv4Option.Timestamp ts -> timestamp(ts, e);
                case Ipv4Option.RouterAlert ra -> e.add("ip / ip.options.routeralert > ip.opt.ra", ra.value());
                default -> { }
            }
        }
    }

    /** Every slot in order; tshark names them by their state (recorded, to visit, empty, the final hop). */
    private static void route(Ipv4Option.Route route, Expect e) {
        String name = switch (route) {
            case Ipv4Option.RecordRoute rr -> "ip.options.record_route";
            case Ipv4Option.LooseSourceRoute lsrr -> "ip.options.route";
            case Ipv4Option.StrictSourceRoute ssrr -> "ip.options.source_route";
        };
        e.add("ip / " + name + " > ip.opt.ptr", route.pointer());
        for (var address : route.route()) {
            e.add("ip / " + name + " > ip.rec_rt|ip.src_rt|ip.empty_rt|ip.dst", address);
        }
    }

    private static void timestamp(Ipv4Option.Timestamp ts, Expect e) {
        String p = "ip / ip.options.timestamp > ip.opt.";
        e.add(p + "ptr", ts.pointer()).add(p + "overflow", ts.overflow()).add(p + "flag", hex8(ts.flag()));
        switch (ts) {
            case Ipv4Option.TimestampsOnly only -> only.timestamps().forEach(t -> e.add(p + "time_stamp", u32(t)));
            case Ipv4Option.TimestampsAndAddresses a -> timestampEntries(a.entries(), p, e);
            case Ipv4Option.TimestampsPrespecified a -> timestampEntries(a.entries(), p, e);
        }
    }

    private static void timestampEntries(List<Ipv4Option.TimestampEntry> entries, String p, Expect e) {
        for (Ipv4Option.TimestampEntry entry : entries) {
            e.add(p + "time_stamp_addr", entry.address()).add(p + "time_stamp", u32(entry.timestamp()));
        }
    }

    static void ipv6(Ipv6Repr r, Expect e) {
        e.add("ipv6 > ipv6.version", 6).add("ipv6 > ipv6.tclass", hex32(r.trafficClass()));
        e.add("ipv6 > ipv6.tclass > ipv6.tclass.dscp", r.dscp()).add("ipv6 > ipv6.tclass > ipv6.tclass.ecn", r.ecn());
        e.add("ipv6 > ipv6.flow", String.format("0x%06x", r.flowLabel()));
        e.add("ipv6 > ipv6.plen", r.payloadLength()).add("ipv6 > ipv6.nxt", r.nextHeader());
        e.add("ipv6 > ipv6.hlim", r.hopLimit()).add("ipv6 > ipv6.src", r.src()).add("ipv6 > ipv6.dst", r.dst());
    }

    static void extension(Ipv6ExtensionRepr x, Expect e) {
        switch (x) {
            case Ipv6OptionsRepr o -> options(o, e);
            case Ipv6RoutingRepr r -> {
                String p = "ipv6.routing > ipv6.routing.";
                e.add(p + "nxt", r.nextHeader()).add(p + "len", r.headerLength() / 8 - 1);
                e.add(p + "type", r.routingType()).add(p + "segleft", r.segmentsLeft());
            }
            case Ipv6FragmentRepr f -> {
                String p = "ipv6.fraghdr > ipv6.fraghdr.";
                e.add(p + "nxt", f.nextHeader()).add(p + "offset", f.fragmentOffset());
                e.add(p + "more", bit(f.moreFragments())).add(p + "ident", hex32(f.identification()));
            }
        }
    }

    private static void options(Ipv6OptionsRepr o, Expect e) {
        String proto = o.protocol() == IpProtocol.HOPOPT ? "ipv6.hopopts" : "ipv6.dstopts";
        e.add(proto + " > " + proto + ".nxt", o.nextHeader()).add(proto + " > " + proto + ".len", o.headerLength() / 8 - 1);
        String p = proto + " > ipv6.opt > ipv6.opt.";
        for (Ipv6Option option : o.options()) {
            e.add(p + "type", hex8(option.type()));
            if (!(option instanceof Ipv6Option.Pad1)) {
                e.add(p + "length", option.length() - 2);
            }
            if (option instanceof Ipv6Option.RouterAlert ra) {
                e.add(p + "router_alert", ra.value());
            }
        }
    }

    static void udp(Layer.Udp udp, boolean complete, Expect e) {
        UdpRepr r = udp.repr();
        e.add("udp > udp.srcport", r.srcPort()).add("udp > udp.dstport", r.dstPort());
        e.add("udp > udp.length", r.bufferLength());
        if (complete) {
            e.add("udp > udp.checksum.status", 1);
            e.orAbsent("udp > udp.payload",
                    udp.payload().isEmpty() ? null : TsharkTransportFields.colonHex(udp.payload(), 0));
        }
    }
}
