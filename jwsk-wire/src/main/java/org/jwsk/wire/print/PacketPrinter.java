package org.jwsk.wire.print;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.arp.ArpView;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.EthernetView;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6View;
import org.jwsk.wire.pcap.LinkType;

/**
 * Describes a frame in one line, in the manner of {@code tcpdump -nn} (and {@code -e} for the link header):
 * {@code IP 192.0.2.1.34554 > 192.0.2.2.8080: Flags [S], seq 418788153, win 64240, options [mss 1460,...],
 * length 0}. Sequence numbers are absolute (as with {@code tcpdump -S}).
 *
 * <p>Every header goes through its format's {@code check} first, so any bytes at all can be described: what fails
 * a check is shown as {@code [malformed REASON]} at the point it failed, and nothing throws. Checksums are not
 * verified: captures taken where checksums are offloaded carry partial ones, and the line is about content.
 *
 * <p>An instance reuses its views and buffer: one per thread.
 */
public final class PacketPrinter {

    private final boolean linkHeader;
    private final StringBuilder sb = new StringBuilder(256);
    private final EthernetView eth = new EthernetView();
    private final ArpView arp = new ArpView();
    private final Ipv4View ip4 = new Ipv4View();
    private final Ipv6View ip6 = new Ipv6View();
    private final Ipv6HeaderWalker walker = new Ipv6HeaderWalker();
    private final TransportPrinter transport = new TransportPrinter();
    private final IcmpPrinter icmp = new IcmpPrinter();

    /**
     * A printer.
     *
     * @param linkHeader whether to show Ethernet addresses, VLAN tags and the EtherType ({@code tcpdump -e})
     */
    public PacketPrinter(boolean linkHeader) {
        this.linkHeader = linkHeader;
    }

    /**
     * One line describing the frame of {@code len} bytes at {@code off}, whose link type is a pcap {@link LinkType}
     * ({@link LinkType#ETHERNET}, {@link LinkType#RAW}, {@link LinkType#IPV4}, {@link LinkType#IPV6}).
     */
    public String describe(int linkType, MemorySegment seg, long off, int len) {
        sb.setLength(0);
        switch (linkType) {
            case LinkType.ETHERNET -> ethernet(seg, off, len);
            case LinkType.RAW -> rawIp(seg, off, len);
            case LinkType.IPV4 -> ipv4(seg, off, len);
            case LinkType.IPV6 -> ipv6(seg, off, len);
            default -> sb.append("link type ").append(LinkType.name(linkType)).append(", length ").append(len);
        }
        return sb.toString();
    }

    /** {@link #describe(int, MemorySegment, long, int)} over a heap array. */
    public String describe(int linkType, byte[] frame) {
        return describe(linkType, MemorySegment.ofArray(frame), 0, frame.length);
    }

    private void ethernet(MemorySegment seg, long off, int len) {
        DropReason r = EthernetView.check(seg, off, len);
        if (r.isDrop()) {
            malformed("Ethernet", r).append(", length ").append(len);
            return;
        }
        eth.wrap(seg, off, len);
        int type = eth.etherType();
        boolean known = type == EtherType.IPV4 || type == EtherType.IPV6 || type == EtherType.ARP;
        if (linkHeader) {
            sb.append(new MacAddress(eth.src())).append(" > ").append(new MacAddress(eth.dst()));
            for (int i = 0; i < eth.vlanCount(); i++) {
                int tci = eth.vlanTci(i);
                sb.append(", ").append(EtherType.name(eth.vlanTpid(i))).append(" vlan ").append(tci & 0xfff)
                        .append(", p ").append(tci >>> 13);
            }
            if (type < EtherType.MIN_ETHERTYPE) {
                sb.append(", 802.3, length ").append(type);
                return;
            }
            sb.append(", ethertype ").append(known ? EtherType.name(type) : "Unknown")
                    .append(String.format(" (0x%04x), length %d", type, len));
            if (!known) {
                return;
            }
            sb.append(": ");
        } else if (eth.vlanCount() > 0) {
            sb.append("vlan ").append(eth.vlanTci(eth.vlanCount() - 1) & 0xfff).append(' ');
        }
        long p = eth.payloadOffset();
        int plen = eth.payloadLength();
        switch (type) {
            case EtherType.IPV4 -> ipv4(seg, p, plen);
            case EtherType.IPV6 -> ipv6(seg, p, plen);
            case EtherType.ARP -> arp(seg, p, plen);
            default -> sb.append(type < EtherType.MIN_ETHERTYPE ? String.format("802.3, length %d", type)
                    : String.format("ethertype Unknown (0x%04x), length %d", type, len));
        }
    }

    private void rawIp(MemorySegment seg, long off, int len) {
        int version = len == 0 ? 0 : NetOrder.u8(seg, off) >>> 4;
        switch (version) {
            case 4 -> ipv4(seg, off, len);
            case 6 -> ipv6(seg, off, len);
            default -> sb.append("IP version ").append(version).append(" (not an IP packet), length ").append(len);
        }
    }

    private void arp(MemorySegment seg, long off, int len) {
        DropReason r = ArpView.check(seg, off, len);
        if (r.isDrop()) {
            malformed("ARP", r);
            return;
        }
        arp.wrap(seg, off, len);
        sb.append("ARP, ");
        if (arp.isRequest()) {
            sb.append("Request who-has ").append(new Ipv4Address(arp.targetIp()));
            if (arp.targetMac() != 0) {
                sb.append(" (").append(new MacAddress(arp.targetMac())).append(')');
            }
            sb.append(" tell ").append(new Ipv4Address(arp.senderIp()));
        } else {
            sb.append("Reply ").append(new Ipv4Address(arp.senderIp())).append(" is-at ")
                    .append(new MacAddress(arp.senderMac()));
        }
        sb.append(", length 28");
    }

    private void ipv4(MemorySegment seg, long off, int len) {
        DropReason r = Ipv4View.check(seg, off, len);
        if (r.isDrop()) {
            malformed("IP", r);
            return;
        }
        ip4.wrap(seg, off, len);
        sb.append("IP ");
        Ipv4Address src = new Ipv4Address(ip4.src());
        Ipv4Address dst = new Ipv4Address(ip4.dst());
        if (ip4.fragmentOffset() != 0) {
            sb.append(src).append(" > ").append(dst).append(": ").append(IpProtocol.name(ip4.protocol()));
            fragment(ip4.identification(), ip4.fragmentByteOffset(), ip4.payloadLength(), ip4.moreFragments());
            return;
        }
        upper(ip4.protocol(), src.toString(), dst.toString(), seg, ip4.payloadOffset(), ip4.payloadLength(),
                "", ip4.moreFragments());
        if (ip4.moreFragments()) {
            fragment(ip4.identification(), 0, ip4.payloadLength(), true);
        }
    }

    private void ipv6(MemorySegment seg, long off, int len) {
        DropReason r = Ipv6View.check(seg, off, len);
        if (r.isDrop()) {
            malformed("IP6", r);
            return;
        }
        ip6.wrap(seg, off, len);
        sb.append("IP6 ");
        String src = ip6.src().toString();
        String dst = ip6.dst().toString();
        DropReason chain = walker.walk(seg, off, len);
        if (chain.isDrop()) {
            sb.append(src).append(" > ").append(dst).append(": ");
            malformed("IPv6 extension headers", chain);
            return;
        }
        StringBuilder ext = new StringBuilder();
        for (int i = 0; i < walker.extensionHeaderCount(); i++) {
            ext.append(switch (walker.extensionHeaderProtocol(i)) {
                case IpProtocol.HOPOPT -> "HBH ";
                case IpProtocol.IPV6_OPTS -> "DSTOPT ";
                case IpProtocol.IPV6_ROUTE -> "srcrt (type " + walker.routingType() + ", segleft "
                        + walker.segmentsLeft() + ") ";
                case IpProtocol.IPV6_FRAG -> "frag (" + walker.fragmentIdentification() + ":"
                        + walker.fragmentOffsetBytes() + "|" + (walker.payloadEnd() - walker.fragmentDataOffset())
                        + (walker.moreFragments() ? "+" : "") + ") ";
                default -> IpProtocol.name(walker.extensionHeaderProtocol(i)) + " ";
            });
        }
        if (walker.isFragment() && !walker.isFirstFragment()) {
            sb.append(src).append(" > ").append(dst).append(": ").append(ext)
                    .append(IpProtocol.name(walker.fragmentNextHeader()));
            return;
        }
        int upperLength = walker.payloadEnd() - walker.upperOffset();
        upper(walker.upperProtocol(), src, dst, seg, off + walker.upperOffset(), upperLength, ext,
                walker.isFirstFragment());
    }

    /** The upper layer: {@code src > dst: ext...} or, for TCP and UDP, {@code src.port > dst.port: ext...}. */
    private void upper(int protocol, String src, String dst, MemorySegment seg, long off, int len,
                       CharSequence ext, boolean firstFragment) {
        if (protocol == IpProtocol.TCP || protocol == IpProtocol.UDP) {
            transport.describe(sb, protocol, src, dst, ext, seg, off, len, firstFragment);
            return;
        }
        sb.append(src).append(" > ").append(dst).append(": ").append(ext);
        switch (protocol) {
            case IpProtocol.ICMP -> icmp.describeV4(sb, seg, off, len);
            case IpProtocol.ICMPV6 -> icmp.describeV6(sb, seg, off, len);
            default -> sb.append(IpProtocol.name(protocol)).append(", length ").append(len);
        }
    }

    private void fragment(int id, int offset, int length, boolean more) {
        sb.append(" (frag ").append(id).append(':').append(length).append('@').append(offset)
                .append(more ? "+" : "").append(')');
    }

    private StringBuilder malformed(String what, DropReason reason) {
        return sb.append(what).append(" [malformed ").append(reason).append(']');
    }
}
