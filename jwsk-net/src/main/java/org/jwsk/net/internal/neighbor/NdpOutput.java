package org.jwsk.net.internal.neighbor;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.link.LinkCaps;
import org.jwsk.net.IcmpCounter;
import org.jwsk.net.IpCounter;
import org.jwsk.net.NetDrop;
import org.jwsk.net.NetLayer;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.ethernet.EthernetLayout;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.icmpv6.NdpLayout;
import org.jwsk.wire.icmpv6.NdpOptionType;
import org.jwsk.wire.icmpv6.NdpView;
import org.jwsk.wire.ipv6.Ipv6Layout;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * Builds and sends Neighbor Solicitations and Advertisements (RFC 4861 §4.3, §4.4): IPv6 header with hop limit 255
 * (§7.1), the message with its target, and one link-layer address option. Every byte is written (buffers come from
 * the pool with old contents). Packets pass the outbound IPv6 filter and are counted as the IP layer counts its own.
 *
 * <p>Shared by the interfaces of a stack; owned by its thread.
 */
final class NdpOutput {

    /** The IPv6 header, an NS or NA with its target, and one 8-byte link-layer address option. */
    static final int PACKET_LENGTH = Ipv6Layout.HEADER_LENGTH + NdpLayout.NS_NA_OPTIONS_OFFSET + NdpLayout.OPTION_UNIT;
    private static final int MESSAGE_LENGTH = PACKET_LENGTH - Ipv6Layout.HEADER_LENGTH;
    private static final int HEADROOM = EthernetLayout.MAX_HEADER_LENGTH + LinkCaps.MAX_DRIVER_HEADROOM;
    private static final int HOP_LIMIT = 255;
    /** ff02::1, all nodes. */
    static final long ALL_NODES_HI = 0xff02_0000_0000_0000L;
    static final long ALL_NODES_LO = 1;

    private final StackCore core;
    private final CounterSet<IpCounter> ipCounters;
    private final CounterSet<IcmpCounter> icmpCounters;
    private final Ipv6View ip = new Ipv6View();
    private final Icmpv6View icmp = new Icmpv6View();
    private final NdpView ndp = new NdpView();

    NdpOutput(StackCore core) {
        this.core = core;
        this.ipCounters = core.ipCounters(6);
        this.icmpCounters = core.icmpCounters(6);
    }

    /**
     * A Neighbor Solicitation for {@code target} from {@code src} with our Source Link-layer Address (RFC 4861 §7.2.2):
     * to the target's solicited-node group when resolving, to the target itself at {@code unicastMac} when probing
     * (§7.3.3).
     *
     * @param unicastMac the cached link address to probe, or -1 to resolve by multicast
     */
    boolean solicit(Nic nic, long tHi, long tLo, long srcHi, long srcLo, long unicastMac, long now) {
        boolean unicast = unicastMac >= 0;
        long dHi = unicast ? tHi : ALL_NODES_HI;
        long dLo = unicast ? tLo : 0x0000_0001_ff00_0000L | (tLo & 0xff_ffffL); // RFC 4291 §2.7.1 ff02::1:ffXX:XXXX
        PacketBuf p = build(nic, Icmpv6Type.NEIGHBOR_SOLICITATION, 0, tHi, tLo, srcHi, srcLo, dHi, dLo,
                NdpOptionType.SOURCE_LINK_LAYER_ADDRESS);
        if (p == null) {
            return false;
        }
        if (unicast) { // straight to the cached address: going through the cache would be circular
            ipCounters.increment(IpCounter.OUT_TRANSMITS);
            ipCounters.add(IpCounter.OUT_OCTETS, p.length());
            return nic.sendIp(p, 6, dHi, dLo, unicastMac, now).isOk();
        }
        return core.ipv6().transmitFinished(nic, p, dHi, dLo, multicastMac(dLo), now).isOk();
    }

    /**
     * A Neighbor Advertisement for our address {@code target} (RFC 4861 §7.2.4, §7.2.6) from that address, with our
     * Target Link-layer Address: multicast to all nodes, or unicast to {@code (dHi, dLo)} through the neighbour cache
     * (which resolves the destination if the solicitation did not say where it is).
     */
    boolean advertise(Nic nic, long tHi, long tLo, long dHi, long dLo, boolean router, boolean solicited,
                      boolean override, long now) {
        int flags = (router ? NdpLayout.NA_FLAG_ROUTER : 0) | (solicited ? NdpLayout.NA_FLAG_SOLICITED : 0)
                | (override ? NdpLayout.NA_FLAG_OVERRIDE : 0);
        PacketBuf p = build(nic, Icmpv6Type.NEIGHBOR_ADVERTISEMENT, flags << 24, tHi, tLo, tHi, tLo, dHi, dLo,
                NdpOptionType.TARGET_LINK_LAYER_ADDRESS);
        if (p == null) {
            return false;
        }
        long mac = (dHi >>> 56) == 0xff ? multicastMac(dLo) : -1;
        return core.ipv6().transmitFinished(nic, p, dHi, dLo, mac, now).isOk();
    }

    /** RFC 2464 §7: 33:33 and the last 32 bits of the group. */
    private static long multicastMac(long groupLo) {
        return 0x3333_0000_0000L | (groupLo & 0xffff_ffffL);
    }

    /** The whole packet, or null (counted) when there is no buffer or the filter refuses it. */
    private PacketBuf build(Nic nic, int type, int word, long tHi, long tLo, long sHi, long sLo, long dHi, long dLo,
                            int optionType) {
        ipCounters.increment(IpCounter.OUT_REQUESTS);
        PacketBuf p = core.pool().tryAllocate(HEADROOM, PACKET_LENGTH);
        if (p == null) {
            ipCounters.increment(IpCounter.OUT_DISCARDS);
            core.drop(NetDrop.NO_BUFFER);
            return null;
        }
        MemorySegment seg = p.segment();
        long off = p.offset();
        ip.wrap(seg, off, PACKET_LENGTH);
        ip.setVersionClassFlow(0, 0);
        ip.setPayloadLength(MESSAGE_LENGTH);
        ip.setNextHeader(IpProtocol.ICMPV6);
        ip.setHopLimit(HOP_LIMIT);
        ip.setSrc(sHi, sLo);
        ip.setDst(dHi, dLo);
        long m = off + Ipv6Layout.HEADER_LENGTH;
        icmp.wrap(seg, m, MESSAGE_LENGTH);
        icmp.setType(type);
        icmp.setCode(0);
        ndp.wrap(seg, m, MESSAGE_LENGTH);
        ndp.setReservedOrFlags(word);
        ndp.setTarget(tHi, tLo);
        long o = m + NdpLayout.NS_NA_OPTIONS_OFFSET;
        NetOrder.setU8(seg, o + NdpLayout.OPTION_TYPE_OFFSET, optionType);
        NetOrder.setU8(seg, o + NdpLayout.OPTION_LENGTH_OFFSET, 1);
        NetOrder.setU48(seg, o + NdpLayout.OPTION_DATA_OFFSET, nic.mac());
        icmp.fillChecksum(InternetChecksum.pseudoHeaderV6(sHi, sLo, dHi, dLo, IpProtocol.ICMPV6, MESSAGE_LENGTH));
        if (!core.filter().permit(NetLayer.OUTBOUND_IPPACKET_V6, nic.compartment().id(), nic.id(), seg, off,
                PACKET_LENGTH)) {
            ipCounters.increment(IpCounter.OUT_DISCARDS);
            core.drop(NetDrop.FILTERED);
            p.release();
            return null;
        }
        icmpCounters.increment(IcmpCounter.OUT_MSGS);
        return p;
    }
}
