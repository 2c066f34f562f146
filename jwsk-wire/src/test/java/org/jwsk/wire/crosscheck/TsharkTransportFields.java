package org.jwsk.wire.crosscheck;

import static org.jwsk.wire.crosscheck.Expect.bit;
import static org.jwsk.wire.crosscheck.Expect.hex16;
import static org.jwsk.wire.crosscheck.Expect.hex8;
import static org.jwsk.wire.crosscheck.Expect.u32;

import java.util.List;
import org.jwsk.wire.Octets;
import org.jwsk.wire.icmpv4.Icmpv4Layout;
import org.jwsk.wire.icmpv4.Icmpv4Repr;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.icmpv6.MldRecord;
import org.jwsk.wire.icmpv6.MldRepr;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.jwsk.wire.tcp.SackBlock;
import org.jwsk.wire.tcp.TcpOption;
import org.jwsk.wire.tcp.TcpOptionKind;
import org.jwsk.wire.tcp.TcpOptions;
import org.jwsk.wire.tcp.TcpRepr;

/**
 * The field values tshark must show for TCP, ICMPv4 and ICMPv6 records (see {@link TsharkFields}). Sequence and
 * acknowledgment numbers are absolute: the test runs tshark with {@code tcp.relative_sequence_numbers:FALSE}.
 */
final class TsharkTransportFields {

    private TsharkTransportFields() {
    }

    static void tcp(TcpRepr r, boolean complete, Expect e) {
        e.add("tcp > tcp.srcport", r.srcPort()).add("tcp > tcp.dstport", r.dstPort());
        e.add("tcp > tcp.seq", u32(r.seqNumber())).add("tcp > tcp.ack", u32(r.ackNumber()));
        e.add("tcp > tcp.hdr_len", r.headerLength()).add("tcp > tcp.flags", hex16(r.flags().bits()));
        e.add("tcp > tcp.window_size_value", r.window()).add("tcp > tcp.urgent_pointer", r.urgentPointer());
        e.add("tcp > tcp.len", r.payload().length());
        if (complete) {
            e.add("tcp > tcp.checksum.status", 1);
            e.orAbsent("tcp > tcp.payload", r.payload().isEmpty() ? null : colonHex(r.payload(), 0));
        }
        if (r.options().isEmpty()) {
            e.add("tcp > tcp.options");
            return;
        }
        // tshark lists each zero octet that pads the option area to a word as an EOL of its own.
        r.options().forEach(o -> e.add("tcp > tcp.options / tcp.option_kind", o.kind()));
        for (int i = TcpOptions.length(r.options()); i < TcpOptions.paddedLength(r.options()); i++) {
            e.add("tcp > tcp.options / tcp.option_kind", TcpOptionKind.EOL);
        }
        r.options().forEach(o -> tcpOption(o, e));
    }

    private static void tcpOption(TcpOption option, Expect e) {
        String p = "tcp > tcp.options / tcp.options.";
        switch (option) {
            case TcpOption.Mss mss -> e.add(p + "mss_val", mss.mss());
            case TcpOption.WindowScale ws -> e.add(p + "wscale.shift", ws.shift());
            case TcpOption.Sack sack -> {
                for (SackBlock block : sack.blocks()) {
                    e.add(p + "sack_le", u32(block.left())).add(p + "sack_re", u32(block.right()));
                }
            }
            case TcpOption.Timestamps ts -> e.add(p + "timestamp.tsval", u32(ts.tsVal()))
                    .add(p + "timestamp.tsecr", u32(ts.tsEcr()));
            case TcpOption.Unknown u when isExperiment(u.kind()) && u.data().length() >= 2 -> {
                // RFC 6994: the first two data octets of an experimental option are its ExID.
                e.add(p + "experimental.exid", hex16(u.data().get(0) << 8 | u.data().get(1)));
                e.add(p + "experimental.data", colonHex(u.data(), 2));
            }
            case TcpOption.Unknown u -> e.add(p + "unknown.payload", colonHex(u.data(), 0));
            default -> { }
        }
    }

    private static boolean isExperiment(int kind) {
        return kind == TcpOptionKind.EXPERIMENTAL_1 || kind == TcpOptionKind.EXPERIMENTAL_2;
    }

    static void icmpv4(Icmpv4Repr r, Built quoted, Expect e) {
        e.add("icmp > icmp.type", r.type()).add("icmp > icmp.code", r.code()).add("icmp > icmp.checksum.status", 1);
        switch (r) {
            case Icmpv4Repr.EchoRequest echo -> e.add("icmp > icmp.ident", echo.identifier())
                    .add("icmp > icmp.seq", echo.sequence());
            case Icmpv4Repr.EchoReply echo -> e.add("icmp > icmp.ident", echo.identifier())
                    .add("icmp > icmp.seq", echo.sequence());
            case Icmpv4Repr.DestinationUnreachable du when du.code() == Icmpv4Layout.UNREACH_FRAG_NEEDED ->
                    e.add("icmp > icmp.mtu", du.nextHopMtu());
            case Icmpv4Repr.Redirect redirect -> e.add("icmp > icmp.redir_gw", redirect.gateway());
            case Icmpv4Repr.ParameterProblem pp -> e.add("icmp > icmp.pointer", pp.pointer());
            default -> { }
        }
        quoted(quoted, e);
    }

    static void icmpv6(Icmpv6Repr r, Built quoted, Expect e) {
        e.add("icmpv6 > icmpv6.type", r.type()).add("icmpv6 > icmpv6.code", r.code());
        e.add("icmpv6 > icmpv6.checksum.status", 1);
        String p = "icmpv6 > icmpv6.";
        switch (r) {
            case Icmpv6Repr.EchoRequest echo -> e.add(p + "echo.identifier", hex16(echo.identifier()))
                    .add(p + "echo.sequence_number", echo.sequenceNumber());
            case Icmpv6Repr.EchoReply echo -> e.add(p + "echo.identifier", hex16(echo.identifier()))
                    .add(p + "echo.sequence_number", echo.sequenceNumber());
            case Icmpv6Repr.PacketTooBig ptb -> e.add(p + "mtu", ptb.mtu());
            case Icmpv6Repr.ParameterProblem pp -> e.add(p + "pointer", pp.pointer());
            case NdpRepr ndp -> ndp(ndp, e);
            case MldRepr mld -> mld(mld, e);
            default -> { }
        }
        quoted(quoted, e);
    }

    private static void quoted(Built quoted, Expect e) {
        if (quoted != null) {
            TsharkFields.expect(quoted.layers(), quoted.complete(), e);
        }
    }

    private static void ndp(NdpRepr r, Expect e) {
        String p = "icmpv6 > icmpv6.nd.";
        switch (r) {
            case NdpRepr.RouterSolicitation rs -> { }
            case NdpRepr.RouterAdvertisement ra -> {
                e.add(p + "ra.cur_hop_limit", ra.curHopLimit()).add(p + "ra.flag", hex8(ra.flags()));
                e.add(p + "ra.router_lifetime", ra.routerLifetime()).add(p + "ra.reachable_time", ra.reachableTime());
                e.add(p + "ra.retrans_timer", ra.retransTimer());
            }
            case NdpRepr.NeighborSolicitation ns -> e.add(p + "ns.target_address", ns.target());
            case NdpRepr.NeighborAdvertisement na -> {
                e.add(p + "na.flag > icmpv6.nd.na.flag.r", bit(na.router()));
                e.add(p + "na.flag > icmpv6.nd.na.flag.s", bit(na.solicited()));
                e.add(p + "na.flag > icmpv6.nd.na.flag.o", bit(na.override()));
                e.add(p + "na.target_address", na.target());
            }
            case NdpRepr.Redirect rd -> e.add(p + "rd.target_address", rd.target())
                    .add("icmpv6 > icmpv6.rd.na.destination_address", rd.destination());
        }
        for (NdpOption option : r.options()) {
            ndpOption(option, e);
        }
    }

    /**
     * The option's type and length in the list of all options, its fields within the options of its type (tshark
     * shows, for one, RFC 4191 Route Information with the Prefix Information field names).
     */
    private static void ndpOption(NdpOption option, Expect e) {
        e.add("icmpv6 > icmpv6.opt > icmpv6.opt.type", option.type());
        e.add("icmpv6 > icmpv6.opt > icmpv6.opt.length", option.length() / 8);
        String p = "icmpv6 > icmpv6.opt[icmpv6.opt.type=" + option.type() + "] > icmpv6.opt.";
        switch (option) {
            case NdpOption.SourceLinkLayerAddress slla -> e.add(p + "linkaddr", slla.mac());
            case NdpOption.TargetLinkLayerAddress tlla -> e.add(p + "linkaddr", tlla.mac());
            case NdpOption.PrefixInformation pi -> {
                e.add(p + "prefix.length", pi.prefixLength()).add(p + "prefix.flag", hex8(pi.flags()));
                e.add(p + "prefix.valid_lifetime", pi.validLifetime());
                e.add(p + "prefix.preferred_lifetime", pi.preferredLifetime()).add(p + "prefix", pi.prefix());
            }
            case NdpOption.Mtu mtu -> e.add(p + "mtu", mtu.mtu());
            case NdpOption.RecursiveDnsServer rdnss -> {
                e.add(p + "rdnss.lifetime", rdnss.lifetime());
                rdnss.servers().forEach(s -> e.add(p + "rdnss", s));
            }
            case NdpOption.Nonce nonce -> e.add(p + "nonce", colonHex(nonce.nonce(), 0));
            default -> { }
        }
    }

    private static void mld(MldRepr r, Expect e) {
        String p = "icmpv6 > icmpv6.mld";
        switch (r) {
            case MldRepr.V1Query q -> e.add(p + ".maximum_response_delay", q.maxResponseDelay())
                    .add(p + ".multicast_address", q.group());
            case MldRepr.V1Report report -> e.add(p + ".multicast_address", report.group());
            case MldRepr.V1Done done -> e.add(p + ".multicast_address", done.group());
            case MldRepr.V2Query q -> {
                // tshark shows the decoded delay and interval (RFC 3810 §5.1.3, §5.1.9) under the field names
                // of the codes.
                e.add(p + ".maximum_response_code", q.maxResponseDelay()).add(p + ".multicast_address", q.group());
                e.add(p + ".flag > icmpv6.mld.flag.s", bit(q.suppressRouterProcessing()));
                e.add(p + ".flag > icmpv6.mld.flag.qrv", q.robustness()).add(p + ".qqi", q.queryInterval());
                e.add(p + ".nb_sources", q.sources().size());
                q.sources().forEach(s -> e.add(p + ".source_address", s));
            }
            case MldRepr.V2Report report -> v2Report(report.records(), e);
        }
    }

    private static void v2Report(List<MldRecord> records, Expect e) {
        e.add("icmpv6 > icmpv6.mldr.nb_mcast_records", records.size());
        String p = "icmpv6 > icmpv6.mldr.mar > icmpv6.mldr.mar.";
        for (MldRecord record : records) {
            e.add(p + "record_type", record.recordType()).add(p + "aux_data_len", record.auxData().length() / 4);
            e.add(p + "nb_sources", record.sources().size()).add(p + "multicast_address", record.group());
            record.sources().forEach(s -> e.add(p + "source_address", s));
        }
    }

    /** Bytes from {@code from} as tshark shows byte fields: {@code 01:02:03}. */
    static String colonHex(Octets bytes, int from) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < bytes.length(); i++) {
            b.append(i == from ? "" : ":").append(String.format("%02x", bytes.get(i)));
        }
        return b.toString();
    }
}
