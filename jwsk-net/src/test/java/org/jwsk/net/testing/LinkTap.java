package org.jwsk.net.testing;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.link.ForwardingLinkDriver;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.tap.testing.TestFrames;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.arp.ArpOperation;
import org.jwsk.wire.arp.ArpRepr;
import org.jwsk.wire.arp.ArpView;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.EthernetRepr;
import org.jwsk.wire.ethernet.EthernetView;
import org.jwsk.wire.icmpv4.Icmpv4Repr;
import org.jwsk.wire.icmpv4.Icmpv4View;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6Repr;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * A test decorator between a stack and its link: it records every frame the stack sends (and still sends it on),
 * delivers frames the test injects as if they had arrived from the link (at the stack's next poll), and can play
 * scripted hosts on the link that answer ARP requests and Neighbor Solicitations for their addresses. With it a
 * test speaks to a stack in raw frames, built with jwsk-wire's records, inside a {@link SimNet} run.
 *
 * <p>Frames the stack sends are checked before they are decoded ({@link #arp}, {@link #ndp}, {@link #ipv4}).
 */
public final class LinkTap extends ForwardingLinkDriver {

    /** A frame the stack sent, and when. */
    public record Sent(long at, byte[] bytes) {
    }

    /** A decoded ICMPv6/NDP frame: the Ethernet header, the IPv6 header and the message. */
    public record Ndp(EthernetRepr eth, Ipv6Repr ip, Icmpv6Repr message) {
    }

    /** A decoded ARP frame. */
    public record Arp(EthernetRepr eth, ArpRepr arp) {
    }

    /** A decoded IPv4 frame with its ICMP message, if it carries one. */
    public record Ip4(EthernetRepr eth, Ipv4Repr ip, Icmpv4Repr icmp) {
    }

    private final BufPool pool;
    private final List<Sent> sent = new ArrayList<>();
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private final Map<Ipv4Address, MacAddress> hosts4 = new HashMap<>();
    private final Map<Ipv6Address, MacAddress> hosts6 = new HashMap<>();
    private LinkReceiver receiver;
    private long lastNow;

    /** A tap over {@code inner}; injected frames are copied into buffers from {@code pool} (the stack's). */
    public LinkTap(LinkDriver inner, BufPool pool) {
        super(inner);
        this.pool = pool;
    }

    /** Plays a host on the link that answers ARP requests for {@code ip}. */
    public LinkTap host(Ipv4Address ip, MacAddress mac) {
        hosts4.put(ip, mac);
        return this;
    }

    /** Plays a host on the link that answers Neighbor Solicitations for {@code ip}. */
    public LinkTap host(Ipv6Address ip, MacAddress mac) {
        hosts6.put(ip, mac);
        return this;
    }

    /** Delivers {@code frame} to the stack at its next poll, as if it came from the link. */
    public void inject(byte[] frame) {
        pending.add(frame.clone());
    }

    /** Every frame the stack sent, oldest first. */
    public List<Sent> sent() {
        return sent;
    }

    /** Forgets the frames recorded so far. */
    public void clear() {
        sent.clear();
    }

    /** The ARP frames the stack sent. */
    public List<Arp> arps() {
        return sent.stream().map(s -> arp(s.bytes())).flatMap(Optional::stream).toList();
    }

    /** The ICMPv6 frames the stack sent. */
    public List<Ndp> icmp6() {
        return sent.stream().map(s -> ndp(s.bytes())).flatMap(Optional::stream).toList();
    }

    /** The IPv4 frames the stack sent. */
    public List<Ip4> ipv4s() {
        return sent.stream().map(s -> ipv4(s.bytes())).flatMap(Optional::stream).toList();
    }

    @Override
    public void start(LinkReceiver r, Runnable wakeup) {
        this.receiver = r;
        super.start(r, wakeup);
    }

    @Override
    public int poll(long now, int budget) {
        lastNow = now;
        int n = 0;
        while (n < budget && !pending.isEmpty()) {
            receiver.onFrame(pool.copyOf(pending.poll()), now);
            n++;
        }
        return n + super.poll(now, budget - n);
    }

    @Override
    public long nextDeadline() {
        return pending.isEmpty() ? super.nextDeadline() : lastNow;
    }

    @Override
    public int send(PacketBuf[] frames, int count, long now) {
        lastNow = now;
        for (int i = 0; i < count; i++) {
            byte[] bytes = frames[i].toByteArray();
            sent.add(new Sent(now, bytes));
            answer(bytes);
        }
        return super.send(frames, count, now);
    }

    /** The scripted hosts answer requests and solicitations for their addresses (RFC 826, RFC 4861 §7.2.4). */
    private void answer(byte[] frame) {
        arp(frame).filter(a -> a.arp().operation() == ArpOperation.REQUEST).ifPresent(a -> {
            MacAddress mac = hosts4.get(a.arp().targetIp());
            if (mac != null && !a.arp().senderIp().isUnspecified()) {
                ArpRepr reply = ArpRepr.replyTo(a.arp(), mac);
                inject(TestFrames.ethernet(a.arp().senderMac(), mac, EtherType.ARP, TestFrames.arp(reply)));
            }
        });
        ndp(frame).filter(d -> d.message() instanceof NdpRepr.NeighborSolicitation).ifPresent(d -> {
            NdpRepr.NeighborSolicitation ns = (NdpRepr.NeighborSolicitation) d.message();
            MacAddress mac = hosts6.get(ns.target());
            if (mac != null && !d.ip().src().isUnspecified()) {
                NdpRepr.NeighborAdvertisement na = new NdpRepr.NeighborAdvertisement(false, true, true, ns.target(),
                        List.of(NdpOption.TargetLinkLayerAddress.of(mac)));
                inject(TestFrames.ethernet(d.eth().src(), mac, EtherType.IPV6,
                        TestFrames.ipv6Icmp(ns.target(), d.ip().src(), 255, na)));
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ decoding

    private static Optional<EthernetRepr> eth(byte[] frame, int etherType) {
        MemorySegment seg = MemorySegment.ofArray(frame);
        if (EthernetView.check(seg, 0, frame.length) != DropReason.NONE) {
            return Optional.empty();
        }
        EthernetRepr e = EthernetRepr.parse(new EthernetView().wrap(seg, 0, frame.length));
        return e.etherType() == etherType ? Optional.of(e) : Optional.empty();
    }

    /** The ARP packet in {@code frame}, if it is a well-formed one. */
    public static Optional<Arp> arp(byte[] frame) {
        return eth(frame, EtherType.ARP).flatMap(e -> {
            MemorySegment seg = MemorySegment.ofArray(frame);
            int len = frame.length - e.headerLength();
            if (ArpView.check(seg, e.headerLength(), len) != DropReason.NONE) {
                return Optional.empty();
            }
            return Optional.of(new Arp(e, ArpRepr.parse(new ArpView().wrap(seg, e.headerLength(), len))));
        });
    }

    /** The ICMPv6 message in {@code frame} (no extension headers), if it is a well-formed one. */
    public static Optional<Ndp> ndp(byte[] frame) {
        return eth(frame, EtherType.IPV6).flatMap(e -> {
            MemorySegment seg = MemorySegment.ofArray(frame);
            int off = e.headerLength();
            if (Ipv6View.check(seg, off, frame.length - off) != DropReason.NONE) {
                return Optional.empty();
            }
            Ipv6View ip = new Ipv6View().wrap(seg, off, frame.length - off);
            Ipv6Repr repr = Ipv6Repr.parse(ip);
            int len = repr.payloadLength();
            if (repr.nextHeader() != IpProtocol.ICMPV6 || Icmpv6View.check(seg, off + 40, len) != DropReason.NONE) {
                return Optional.empty();
            }
            return Optional.of(new Ndp(e, repr, Icmpv6Repr.parse(new Icmpv6View().wrap(seg, off + 40, len))));
        });
    }

    /** The IPv4 datagram in {@code frame}, with its ICMP message if it is ICMP, if it is a well-formed one. */
    public static Optional<Ip4> ipv4(byte[] frame) {
        return eth(frame, EtherType.IPV4).flatMap(e -> {
            MemorySegment seg = MemorySegment.ofArray(frame);
            int off = e.headerLength();
            if (Ipv4View.check(seg, off, frame.length - off) != DropReason.NONE) {
                return Optional.empty();
            }
            Ipv4View ip = new Ipv4View().wrap(seg, off, frame.length - off);
            Ipv4Repr repr = Ipv4Repr.parse(ip);
            Icmpv4Repr icmp = null;
            int body = off + ip.headerLength();
            int len = ip.totalLength() - ip.headerLength();
            if (repr.protocol() == IpProtocol.ICMP && Icmpv4View.check(seg, body, len) == DropReason.NONE) {
                icmp = Icmpv4Repr.parse(new Icmpv4View().wrap(seg, body, len));
            }
            return Optional.of(new Ip4(e, repr, icmp));
        });
    }
}
