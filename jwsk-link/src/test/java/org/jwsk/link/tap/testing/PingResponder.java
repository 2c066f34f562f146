package org.jwsk.link.tap.testing;

import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.link.LinkDriver;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.tap.TapDriver;
import org.jwsk.wire.ChecksumPolicy;
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
import org.jwsk.wire.icmpv4.Icmpv4Layout;
import org.jwsk.wire.icmpv4.Icmpv4View;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.jwsk.wire.icmpv6.NdpView;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6Repr;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * Plays a host behind a link driver (a TAP device) so that the kernel can ping it, by hand with jwsk-wire's
 * views and records: it answers ARP requests for its IPv4 address (RFC 826), Neighbor Solicitations for its IPv6
 * address (RFC 4861 §7.2.4), and echo requests to either (RFC 792, RFC 4443 §4.2).
 *
 * <p>Every frame is checked before it is read: each header's {@code check}, the IPv6 header chain, the IPv4
 * header checksum, the ICMP and ICMPv6 checksums, and RFC 4861 §7.1.1's validity rules for solicitations. A frame
 * that fails counts as {@link #malformed()} (with a line in {@link #problems()}); a well-formed frame that is not
 * for this host or not a question it answers counts as {@link #ignored()}.
 *
 * <p>A test helper, not a network layer: no neighbour cache (a reply goes to the link-layer address the question
 * came from or named), no timers, no fragments, no IP options. The IPv4 echo reply is the request turned around
 * in place ({@link Ipv4View#swapAddresses()}, {@link Icmpv4View#echoRequestToReply()}); every other answer is
 * built new from records.
 *
 * <p><b>Threads and buffers.</b> One thread: the one that polls the driver (for a TAP device, {@link #serve}).
 * Received frames are released (or, turned around, handed to the driver's {@code send}, which releases them);
 * replies come from the given pool.
 */
public final class PingResponder implements LinkReceiver {

    /** The hop limit of Neighbor Discovery messages (RFC 4861 §7.1.1, §7.1.2). */
    private static final int NDP_HOP_LIMIT = 255;
    /** The hop limit of echo replies, Linux's default. */
    private static final int ECHO_HOP_LIMIT = 64;
    /** ff02::1:ff00:0/104, the solicited-node multicast addresses (RFC 4291 §2.7.1). */
    private static final Ipv6Address SOLICITED_NODE_PREFIX = Ipv6Address.parse("ff02::1:ff00:0");
    private static final int MAX_PROBLEMS = 20;
    private static final int POLL_BUDGET = 16;

    private final LinkDriver link;
    private final BufPool pool;
    private final MacAddress mac;
    private final Ipv4Address ipv4;
    private final Ipv6Address ipv6;

    private final EthernetView eth = new EthernetView();
    private final ArpView arp = new ArpView();
    private final Ipv4View ip = new Ipv4View();
    private final Icmpv4View icmp = new Icmpv4View();
    private final Ipv6View ip6 = new Ipv6View();
    private final Ipv6HeaderWalker walker = new Ipv6HeaderWalker();
    private final Icmpv6View icmp6 = new Icmpv6View();
    private final NdpView ndp = new NdpView();

    private final List<String> problems = new ArrayList<>();
    private int received;
    private int malformed;
    private int ignored;
    private int arpReplies;
    private int neighborAdvertisements;
    private int echoReplies;
    private int echoReplies6;
    private int sendFailures;

    /**
     * A responder for {@code mac}, {@code ipv4} and {@code ipv6} that answers through {@code link}, the driver it
     * is started on, with replies from {@code pool}.
     */
    public PingResponder(LinkDriver link, BufPool pool, MacAddress mac, Ipv4Address ipv4, Ipv6Address ipv6) {
        this.link = Objects.requireNonNull(link, "link");
        this.pool = Objects.requireNonNull(pool, "pool");
        this.mac = Objects.requireNonNull(mac, "mac");
        this.ipv4 = Objects.requireNonNull(ipv4, "ipv4");
        this.ipv6 = Objects.requireNonNull(ipv6, "ipv6");
    }

    /**
     * Polls {@code tap} (whose receiver answers what arrives, such as a responder) until {@code done} says so,
     * sleeping in {@code poll(2)} ({@link TapDriver#awaitReadable}) whenever nothing is queued. Runs on the
     * driver's owner thread.
     *
     * @param maxFrames the most frames read: the bound on a test's traffic
     * @return true when {@code done}; false when {@code timeout} passed or {@code maxFrames} were read first
     */
    public static boolean serve(TapDriver tap, BooleanSupplier done, Duration timeout, int maxFrames) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int frames = 0;
        while (!done.getAsBoolean()) {
            if (frames >= maxFrames || System.nanoTime() - deadline > 0) {
                return false;
            }
            int n = tap.poll(System.nanoTime(), Math.min(POLL_BUDGET, maxFrames - frames));
            frames += n;
            if (n == 0) {
                tap.awaitReadable(Duration.ofMillis(20));
            }
        }
        return true;
    }

    @Override
    public void onFrame(PacketBuf frame, long now) {
        received++;
        PacketBuf reply = null;
        try {
            reply = answer(frame.segment(), frame.offset(), frame.length(), frame);
        } finally {
            if (reply != frame) {
                frame.release();
            }
        }
        if (reply != null && !link.send(reply, now)) {
            sendFailures++;
        }
    }

    /** The reply to the frame at {@code off}: a new buffer, {@code frame} itself turned around, or null. */
    private PacketBuf answer(MemorySegment seg, long off, int len, PacketBuf frame) {
        DropReason reason = EthernetView.check(seg, off, len);
        if (reason != DropReason.NONE) {
            return drop("Ethernet", reason);
        }
        eth.wrap(seg, off, len);
        if (eth.vlanCount() != 0 || !new MacAddress(eth.dst()).isMulticast() && eth.dst() != mac.value()) {
            return ignore(); // tagged, or unicast to another station
        }
        return switch (eth.etherType()) {
            case EtherType.ARP -> onArp(seg, eth.payloadOffset(), eth.payloadLength());
            case EtherType.IPV4 -> onIpv4(seg, eth.payloadOffset(), eth.payloadLength(), frame);
            case EtherType.IPV6 -> onIpv6(seg, eth.payloadOffset(), eth.payloadLength());
            default -> ignore();
        };
    }

    private PacketBuf onArp(MemorySegment seg, long off, int len) {
        DropReason reason = ArpView.check(seg, off, len);
        if (reason != DropReason.NONE) {
            return drop("ARP", reason);
        }
        ArpRepr request = ArpRepr.parse(arp.wrap(seg, off, len));
        if (request.operation() != ArpOperation.REQUEST || !request.targetIp().equals(ipv4)) {
            return ignore();
        }
        // RFC 826, "Packet Reception": swap the sender and target fields, put our hardware address in the sender
        // field, and send the reply back to the requester's hardware address
        ArpRepr reply = ArpRepr.replyTo(request, mac);
        EthernetRepr header = new EthernetRepr(request.senderMac(), mac, EtherType.ARP);
        PacketBuf out = pool.allocate(header.headerLength() + reply.bufferLength());
        header.emit(out.segment(), out.offset());
        reply.emit(out.segment(), out.offset() + header.headerLength());
        arpReplies++;
        return out;
    }

    private PacketBuf onIpv4(MemorySegment seg, long off, int len, PacketBuf frame) {
        DropReason reason = Ipv4View.check(seg, off, len);
        if (reason != DropReason.NONE) {
            return drop("IPv4", reason);
        }
        ip.wrap(seg, off, len);
        if (!ip.checksumValid()) {
            return drop("IPv4", "bad header checksum");
        }
        if (ip.dst() != ipv4.value() || ip.protocol() != IpProtocol.ICMP || ip.isFragment()) {
            return ignore();
        }
        reason = Icmpv4View.check(seg, ip.payloadOffset(), ip.payloadLength());
        if (reason != DropReason.NONE) {
            return drop("ICMP", reason);
        }
        icmp.wrap(seg, ip.payloadOffset(), ip.payloadLength());
        if (!icmp.checksumValid()) {
            return drop("ICMP", "bad checksum");
        }
        if (icmp.type() != Icmpv4Layout.TYPE_ECHO_REQUEST || icmp.code() != 0) {
            return ignore();
        }
        // RFC 792 "Echo or Echo Reply Message", RFC 1122 §3.2.2.6: identifier, sequence number and data return
        // unchanged with the addresses reversed. In place: both checksums stay valid (RFC 1624).
        eth.setDst(eth.src());
        eth.setSrc(mac.value());
        ip.swapAddresses();
        icmp.echoRequestToReply();
        echoReplies++;
        return frame;
    }

    private PacketBuf onIpv6(MemorySegment seg, long off, int len) {
        DropReason reason = walker.walk(seg, off, len); // the fixed header as Ipv6View.check, then the chain
        if (reason != DropReason.NONE) {
            return drop("IPv6", reason);
        }
        ip6.wrap(seg, off, len);
        if (walker.upperProtocol() != IpProtocol.ICMPV6) {
            return ignore();
        }
        long at = off + walker.upperOffset();
        int length = walker.upperLength();
        reason = Icmpv6View.check(seg, at, length);
        if (reason != DropReason.NONE) {
            return drop("ICMPv6", reason);
        }
        icmp6.wrap(seg, at, length);
        if (!icmp6.verifyChecksum(ip6.pseudoHeaderSum(IpProtocol.ICMPV6, length))) {
            return drop("ICMPv6", "bad checksum");
        }
        return switch (icmp6.type()) {
            case Icmpv6Type.NEIGHBOR_SOLICITATION -> onNeighborSolicitation(seg, at, length);
            case Icmpv6Type.ECHO_REQUEST -> onEchoRequest6();
            default -> ignore();
        };
    }

    private PacketBuf onNeighborSolicitation(MemorySegment seg, long at, int length) {
        ndp.wrap(seg, at, length);
        Ipv6Address src = ip6.src();
        boolean fromUnspecified = src.isUnspecified();
        // RFC 4861 §7.1.1: the validity checks a node MUST apply (length and options: Icmpv6View.check)
        if (ip6.hopLimit() != NDP_HOP_LIMIT || icmp6.code() != 0 || ndp.target().isMulticast()
                || fromUnspecified && (!ip6.dst().inPrefix(SOLICITED_NODE_PREFIX, 104)
                        || ndp.sourceLinkLayerAddress() != NdpView.NO_ADDRESS)) {
            return drop("NS", "invalid per RFC 4861 7.1.1");
        }
        if (!ndp.target().equals(ipv6)) {
            return ignore();
        }
        // RFC 4861 §7.2.4: to the solicitation's source, or to all-nodes with S clear when it came from ::; the
        // target link-layer address MUST be included for a multicast solicitation, and is always sent here; O set,
        // since the address is not anycast. The link-layer destination is the source link-layer address option,
        // else (with no neighbour cache to look in) the frame's source.
        Ipv6Address dst = fromUnspecified ? Ipv6Address.ALL_NODES : src;
        long sourceLinkLayer = ndp.sourceLinkLayerAddress();
        MacAddress linkDst = fromUnspecified ? MacAddress.ofIpv6Multicast(dst)
                : new MacAddress(sourceLinkLayer != NdpView.NO_ADDRESS ? sourceLinkLayer : eth.src());
        NdpRepr.NeighborAdvertisement advert = new NdpRepr.NeighborAdvertisement(false, !fromUnspecified, true, ipv6,
                List.of(NdpOption.TargetLinkLayerAddress.of(mac)));
        neighborAdvertisements++;
        return ipv6Frame(linkDst, dst, NDP_HOP_LIMIT, advert);
    }

    private PacketBuf onEchoRequest6() {
        if (!ip6.dst().equals(ipv6) || icmp6.code() != 0) {
            return ignore(); // a multicast echo, or not an echo request as RFC 4443 §4.1 defines it
        }
        // RFC 4443 §4.2: identifier, sequence number and data of the request, back to its source
        Icmpv6Repr.EchoRequest request = (Icmpv6Repr.EchoRequest) Icmpv6Repr.parse(icmp6);
        echoReplies6++;
        return ipv6Frame(new MacAddress(eth.src()), ip6.src(), ECHO_HOP_LIMIT, request.reply());
    }

    /** A new frame from this host to {@code dst} carrying {@code message}, its checksum over the pseudo-header. */
    private PacketBuf ipv6Frame(MacAddress linkDst, Ipv6Address dst, int hopLimit, Icmpv6Repr message) {
        EthernetRepr link = new EthernetRepr(linkDst, mac, EtherType.IPV6);
        Ipv6Repr header = new Ipv6Repr(message.bufferLength(), IpProtocol.ICMPV6, hopLimit, ipv6, dst);
        PacketBuf out = pool.allocate(link.headerLength() + header.packetLength());
        MemorySegment seg = out.segment();
        long ipAt = out.offset() + link.headerLength();
        link.emit(seg, out.offset());
        header.emit(seg, ipAt);
        // RFC 4443 §2.3: the checksum covers the RFC 8200 §8.1 pseudo-header
        int pseudoHeader = InternetChecksum.pseudoHeaderV6(ipv6.hi(), ipv6.lo(), dst.hi(), dst.lo(),
                IpProtocol.ICMPV6, message.bufferLength());
        message.emit(seg, ipAt + header.headerLength(), pseudoHeader, ChecksumPolicy.COMPUTE);
        return out;
    }

    private PacketBuf ignore() {
        ignored++;
        return null;
    }

    private PacketBuf drop(String layer, Object why) {
        malformed++;
        if (problems.size() < MAX_PROBLEMS) {
            problems.add("frame " + received + ": " + layer + " " + why);
        }
        return null;
    }

    /** Frames delivered to this responder. */
    public int received() {
        return received;
    }

    /** Frames that failed a check or a checksum. */
    public int malformed() {
        return malformed;
    }

    /** What was wrong with the first malformed frames. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Well-formed frames that were not questions for this host. */
    public int ignored() {
        return ignored;
    }

    /** ARP replies sent. */
    public int arpReplies() {
        return arpReplies;
    }

    /** Neighbor Advertisements sent. */
    public int neighborAdvertisements() {
        return neighborAdvertisements;
    }

    /** ICMP echo replies sent. */
    public int echoReplies() {
        return echoReplies;
    }

    /** ICMPv6 echo replies sent. */
    public int echoReplies6() {
        return echoReplies6;
    }

    /** Replies the driver did not accept. */
    public int sendFailures() {
        return sendFailures;
    }

    @Override
    public String toString() {
        return "PingResponder[received " + received + ", arp " + arpReplies + ", na " + neighborAdvertisements
                + ", echo " + echoReplies + ", echo6 " + echoReplies6 + ", ignored " + ignored + ", malformed "
                + malformed + " " + problems + ", send failures " + sendFailures + "]";
    }
}
