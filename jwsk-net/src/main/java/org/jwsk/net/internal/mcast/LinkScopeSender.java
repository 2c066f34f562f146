package org.jwsk.net.internal.mcast;

import java.util.List;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.link.LinkCaps;
import org.jwsk.net.IcmpCounter;
import org.jwsk.net.IpCounter;
import org.jwsk.net.NetDrop;
import org.jwsk.net.NetLayer;
import org.jwsk.net.SendStatus;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.ethernet.EthernetLayout;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.igmp.IgmpRepr;
import org.jwsk.wire.ipv4.Ipv4Layout;
import org.jwsk.wire.ipv4.Ipv4Option;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv6.Ipv6Layout;
import org.jwsk.wire.ipv6.Ipv6Option;
import org.jwsk.wire.ipv6.Ipv6OptionType;
import org.jwsk.wire.ipv6.Ipv6OptionsRepr;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * Sends the link-scoped control messages of autoconfiguration and multicast membership out of one named interface,
 * with exactly the IP header their RFCs ask for: any source, the unspecified address included (DAD probes, RFC 4862
 * §5.4.2; MLD reports before a link-local address exists, RFC 3810 §5.2.13), a fixed hop limit or TTL, and a Router
 * Alert (RFC 2711 for MLD, RFC 2113 for IGMP). The ordinary send path chooses sources and routes, which these
 * messages must not have chosen for them; this one writes the header itself and then joins the ordinary path at the
 * outbound filter and {@code transmitFinished}, with the same counters.
 *
 * <p>Owned by the stack's thread. Builds one buffer per message (control plane).
 */
public final class LinkScopeSender {

    /** DSCP CS6, the Internetwork Control precedence RFC 3376 §4 gives IGMP (Linux sends TOS 0xc0). */
    static final int DSCP_CS6 = 48;

    private static final int HEADROOM = EthernetLayout.MAX_HEADER_LENGTH + LinkCaps.MAX_DRIVER_HEADROOM;
    /** The Hop-by-Hop header with the MLD Router Alert (RFC 3810 §5, RFC 2711), padded to 8 bytes. */
    private static final Ipv6OptionsRepr ROUTER_ALERT_MLD = Ipv6OptionsRepr.padded(IpProtocol.HOPOPT, IpProtocol.ICMPV6,
            List.of(new Ipv6Option.RouterAlert(Ipv6OptionType.ROUTER_ALERT_MLD)));
    private static final List<Ipv4Option> ROUTER_ALERT_V4 = List.of(new Ipv4Option.RouterAlert(Ipv4Option.RouterAlert.EXAMINE));

    private final StackCore core;
    private final Ipv6View ip6 = new Ipv6View();

    /** A sender for the stack {@code core}. */
    public LinkScopeSender(StackCore core) {
        this.core = core;
    }

    /**
     * Sends an ICMPv6 message from {@code (srcHi, srcLo)} (:: allowed) to {@code (dstHi, dstLo)} out of {@code nic}.
     *
     * @param hopLimit    255 for Neighbor Discovery (RFC 4861 §6.1), 1 for MLD (RFC 3810 §5)
     * @param routerAlert whether to put the MLD Router Alert in a Hop-by-Hop header
     */
    public SendStatus sendIcmp6(Nic nic, long srcHi, long srcLo, long dstHi, long dstLo, int hopLimit,
                                boolean routerAlert, Icmpv6Repr message, long now) {
        int icmpLength = message.bufferLength();
        int hbh = routerAlert ? ROUTER_ALERT_MLD.headerLength() : 0;
        PacketBuf buf = allocate(6, Ipv6Layout.HEADER_LENGTH + hbh, icmpLength);
        if (buf == null) {
            return SendStatus.NO_BUFFER;
        }
        message.emit(buf.segment(), buf.offset(), InternetChecksum.pseudoHeaderV6(srcHi, srcLo, dstHi, dstLo,
                IpProtocol.ICMPV6, icmpLength), ChecksumPolicy.COMPUTE);
        if (routerAlert) {
            ROUTER_ALERT_MLD.emit(buf.segment(), buf.prepend(hbh));
        }
        long off = buf.prepend(Ipv6Layout.HEADER_LENGTH);
        ip6.wrap(buf.segment(), off, buf.length());
        ip6.setVersionClassFlow(0, 0);
        ip6.setPayloadLength(hbh + icmpLength);
        ip6.setNextHeader(routerAlert ? IpProtocol.HOPOPT : IpProtocol.ICMPV6);
        ip6.setHopLimit(hopLimit);
        ip6.setSrc(srcHi, srcLo);
        ip6.setDst(dstHi, dstLo);
        core.icmpCounters(6).increment(IcmpCounter.OUT_MSGS);
        if (!permitted(6, nic, buf)) {
            return SendStatus.FILTERED;
        }
        long mac = (dstHi >>> 56) == 0xff ? 0x3333_0000_0000L | (dstLo & 0xffff_ffffL) : -1; // RFC 2464 §7
        SendStatus s = core.ipv6().transmitFinished(nic, buf, dstHi, dstLo, mac, now);
        if (!s.isOk()) {
            core.icmpCounters(6).increment(IcmpCounter.OUT_ERRORS);
        }
        return s;
    }

    /**
     * Sends an IGMP message from {@code src} (0.0.0.0 allowed, RFC 3376 §4.2.13) to the group {@code dst} out of
     * {@code nic}: TTL 1, DSCP CS6 and a Router Alert option (RFC 3376 §4), don't-fragment set as Linux does.
     */
    public SendStatus sendIgmp(Nic nic, int src, int dst, IgmpRepr message, long now) {
        int length = message.bufferLength();
        Ipv4Repr header = new Ipv4Repr(DSCP_CS6, Ipv4Layout.ECN_NOT_ECT, 0, true, false, 0, 1, IpProtocol.IGMP,
                new Ipv4Address(src), new Ipv4Address(dst), ROUTER_ALERT_V4, length);
        PacketBuf buf = allocate(4, header.headerLength(), length);
        if (buf == null) {
            return SendStatus.NO_BUFFER;
        }
        message.emit(buf.segment(), buf.offset(), ChecksumPolicy.COMPUTE);
        long off = buf.prepend(header.headerLength());
        header.emit(buf.segment(), off, nic.caps().txChecksumOffload() ? ChecksumPolicy.OFFLOAD : ChecksumPolicy.COMPUTE);
        if (!permitted(4, nic, buf)) {
            return SendStatus.FILTERED;
        }
        return core.ipv4().transmitFinished(nic, buf, dst & 0xffff_ffffL, 0x0100_5e00_0000L | (dst & 0x7f_ffffL), now);
    }

    private PacketBuf allocate(int version, int ipHeaders, int length) {
        core.ipCounters(version).increment(IpCounter.OUT_REQUESTS);
        PacketBuf buf = core.pool().tryAllocate(HEADROOM + ipHeaders, length);
        if (buf == null) {
            core.drop(NetDrop.NO_BUFFER);
            core.ipCounters(version).increment(IpCounter.OUT_DISCARDS);
        }
        return buf;
    }

    /** The outbound IP-packet filter, as for every packet this host originates. Releases what it refuses. */
    private boolean permitted(int version, Nic nic, PacketBuf buf) {
        NetLayer layer = version == 4 ? NetLayer.OUTBOUND_IPPACKET_V4 : NetLayer.OUTBOUND_IPPACKET_V6;
        if (core.filter().permit(layer, nic.compartment().id(), nic.id(), buf.segment(), buf.offset(), buf.length())) {
            return true;
        }
        core.ipCounters(version).increment(IpCounter.OUT_DISCARDS);
        core.drop(NetDrop.FILTERED);
        buf.release();
        return false;
    }
}
