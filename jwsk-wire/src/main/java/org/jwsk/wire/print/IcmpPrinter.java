package org.jwsk.wire.print;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.icmpv4.Icmpv4Layout;
import org.jwsk.wire.icmpv4.Icmpv4View;
import org.jwsk.wire.icmpv6.Icmpv6Code;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.icmpv6.MldView;
import org.jwsk.wire.icmpv6.NdpView;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6View;

/** The ICMP and ICMPv6 parts of a {@link PacketPrinter} line, in tcpdump's words. One per printer. */
final class IcmpPrinter {

    private final Icmpv4View icmp4 = new Icmpv4View();
    private final Icmpv6View icmp6 = new Icmpv6View();
    private final NdpView ndp = new NdpView();
    private final MldView mld = new MldView();
    private final Ipv4View quoted4 = new Ipv4View();
    private final Ipv6View quoted6 = new Ipv6View();
    private final Ipv6HeaderWalker quotedWalker = new Ipv6HeaderWalker();

    void describeV4(StringBuilder sb, MemorySegment seg, long off, int len) {
        DropReason r = Icmpv4View.check(seg, off, len);
        if (r.isDrop()) {
            sb.append("ICMP [malformed ").append(r).append(']');
            return;
        }
        icmp4.wrap(seg, off, len);
        sb.append("ICMP ");
        int code = icmp4.code();
        switch (icmp4.type()) {
            case Icmpv4Layout.TYPE_ECHO_REQUEST, Icmpv4Layout.TYPE_ECHO_REPLY -> sb
                    .append(icmp4.type() == Icmpv4Layout.TYPE_ECHO_REQUEST ? "echo request" : "echo reply")
                    .append(", id ").append(icmp4.identifier()).append(", seq ").append(icmp4.sequence());
            case Icmpv4Layout.TYPE_DEST_UNREACHABLE -> unreachable4(sb, code);
            case Icmpv4Layout.TYPE_TIME_EXCEEDED -> sb.append(code == 0 ? "time exceeded in-transit"
                    : code == 1 ? "ip reassembly time exceeded" : "time exceeded, code " + code);
            case Icmpv4Layout.TYPE_PARAMETER_PROBLEM -> sb.append("parameter problem - octet ").append(icmp4.pointer());
            case Icmpv4Layout.TYPE_REDIRECT -> {
                sb.append("redirect ");
                quotedDst4(sb);
                sb.append(code == 0 || code == 2 ? " to net " : " to host ").append(new Ipv4Address(icmp4.gateway()));
            }
            default -> sb.append("type ").append(icmp4.type()).append(", code ").append(code);
        }
        sb.append(", length ").append(len);
    }

    private void unreachable4(StringBuilder sb, int code) {
        switch (code) {
            case Icmpv4Layout.UNREACH_NET -> quotedDst4(sb.append("net ")).append(" unreachable");
            case Icmpv4Layout.UNREACH_HOST -> quotedDst4(sb.append("host ")).append(" unreachable");
            case Icmpv4Layout.UNREACH_PROTOCOL -> quotedDst4(sb).append(" protocol ")
                    .append(quotedValid4() ? IpProtocol.name(quoted4.protocol()) : "?").append(" unreachable");
            case Icmpv4Layout.UNREACH_PORT -> {
                quotedDst4(sb);
                if (quotedValid4() && (quoted4.protocol() == IpProtocol.UDP || quoted4.protocol() == IpProtocol.TCP)
                        && quoted4.length() - quoted4.headerLength() >= 4) {
                    sb.append(quoted4.protocol() == IpProtocol.UDP ? " udp port " : " tcp port ")
                            .append(NetOrder.u16(quoted4.segment(), quoted4.offset() + quoted4.headerLength() + 2));
                } else {
                    sb.append(" port");
                }
                sb.append(" unreachable");
            }
            case Icmpv4Layout.UNREACH_FRAG_NEEDED -> quotedDst4(sb).append(" unreachable - need to frag (mtu ")
                    .append(icmp4.nextHopMtu()).append(')');
            default -> quotedDst4(sb).append(" unreachable, code ").append(code);
        }
    }

    /** The destination of the quoted datagram, or {@code ?} when it cannot be read. */
    private StringBuilder quotedDst4(StringBuilder sb) {
        return sb.append(quotedValid4() ? new Ipv4Address(quoted4.dst()).toString() : "?");
    }

    private boolean quotedValid4() {
        MemorySegment s = icmp4.segment();
        if (Ipv4View.checkQuoted(s, icmp4.bodyOffset(), icmp4.bodyLength()).isDrop()) {
            return false;
        }
        quoted4.wrap(s, icmp4.bodyOffset(), icmp4.bodyLength());
        return true;
    }

    void describeV6(StringBuilder sb, MemorySegment seg, long off, int len) {
        DropReason r = Icmpv6View.check(seg, off, len);
        if (r.isDrop()) {
            sb.append("ICMP6 [malformed ").append(r).append(']');
            return;
        }
        icmp6.wrap(seg, off, len);
        sb.append("ICMP6, ");
        int type = icmp6.type();
        switch (type) {
            case Icmpv6Type.ECHO_REQUEST, Icmpv6Type.ECHO_REPLY -> sb
                    .append(type == Icmpv6Type.ECHO_REQUEST ? "echo request" : "echo reply")
                    .append(", id ").append(icmp6.identifier()).append(", seq ").append(icmp6.sequenceNumber());
            case Icmpv6Type.DESTINATION_UNREACHABLE -> unreachable6(sb);
            case Icmpv6Type.PACKET_TOO_BIG -> sb.append("packet too big, mtu ").append(icmp6.mtu());
            case Icmpv6Type.TIME_EXCEEDED -> sb.append(icmp6.code() == Icmpv6Code.REASSEMBLY_TIME_EXCEEDED
                    ? "time exceeded in-reassembly" : "time exceeded in-transit");
            case Icmpv6Type.PARAMETER_PROBLEM -> sb.append("parameter problem, code ").append(icmp6.code())
                    .append(", pointer ").append(icmp6.pointer());
            case Icmpv6Type.ROUTER_SOLICITATION, Icmpv6Type.ROUTER_ADVERTISEMENT, Icmpv6Type.NEIGHBOR_SOLICITATION,
                    Icmpv6Type.NEIGHBOR_ADVERTISEMENT, Icmpv6Type.REDIRECT -> ndp(sb, type);
            case Icmpv6Type.MLD_QUERY, Icmpv6Type.MLD_V1_REPORT, Icmpv6Type.MLD_V1_DONE, Icmpv6Type.MLD_V2_REPORT ->
                    mld(sb, type);
            default -> sb.append(Icmpv6Type.name(type)).append(", code ").append(icmp6.code());
        }
        sb.append(", length ").append(len);
    }

    private void unreachable6(StringBuilder sb) {
        sb.append("destination unreachable, code ").append(icmp6.code());
        MemorySegment s = icmp6.segment();
        long q = icmp6.invokingPacketOffset();
        int qlen = icmp6.invokingPacketLength();
        if (Ipv6View.check(s, q, Math.min(qlen, 40)).isDrop() || quotedWalker.walkQuoted(s, q, qlen).isDrop()) {
            return;
        }
        quoted6.wrap(s, q, qlen);
        sb.append(", ").append(quoted6.dst());
        int proto = quotedWalker.upperProtocol();
        if ((proto == IpProtocol.UDP || proto == IpProtocol.TCP) && quotedWalker.upperOffset() + 4 <= qlen) {
            sb.append(proto == IpProtocol.UDP ? " udp port " : " tcp port ")
                    .append(NetOrder.u16(s, q + quotedWalker.upperOffset() + 2));
        }
    }

    private void ndp(StringBuilder sb, int type) {
        ndp.wrap(icmp6.segment(), icmp6.offset(), icmp6.length());
        switch (type) {
            case Icmpv6Type.ROUTER_SOLICITATION -> sb.append("router solicitation");
            case Icmpv6Type.ROUTER_ADVERTISEMENT -> sb.append("router advertisement, hop limit ")
                    .append(ndp.curHopLimit()).append(", lifetime ").append(ndp.routerLifetime()).append('s');
            case Icmpv6Type.NEIGHBOR_SOLICITATION -> sb.append("neighbor solicitation, who has ").append(ndp.target());
            case Icmpv6Type.NEIGHBOR_ADVERTISEMENT -> {
                sb.append("neighbor advertisement, tgt is ").append(ndp.target());
                if (ndp.router() || ndp.solicited() || ndp.override()) {
                    sb.append(" [").append(ndp.router() ? "R" : "").append(ndp.solicited() ? "S" : "")
                            .append(ndp.override() ? "O" : "").append(']');
                }
            }
            default -> sb.append("redirect, ").append(ndp.destination()).append(" to ").append(ndp.target());
        }
    }

    private void mld(StringBuilder sb, int type) {
        mld.wrap(icmp6.segment(), icmp6.offset(), icmp6.length());
        switch (type) {
            case Icmpv6Type.MLD_QUERY -> sb.append("multicast listener query ").append(mld.isV2Query() ? "v2" : "v1")
                    .append(" [gaddr ").append(mld.multicastAddress()).append(']');
            case Icmpv6Type.MLD_V1_REPORT -> sb.append("multicast listener report, ").append(mld.multicastAddress());
            case Icmpv6Type.MLD_V1_DONE -> sb.append("multicast listener done, ").append(mld.multicastAddress());
            default -> sb.append("multicast listener report v2, ").append(mld.numberOfRecords())
                    .append(" group record(s)");
        }
    }
}
