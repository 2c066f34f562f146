package org.jwsk.net.internal.neighbor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.link.LinkCaps;
import org.jwsk.net.AddressConflict;
import org.jwsk.net.NeighborCounter;
import org.jwsk.net.NetDrop;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.arp.ArpLayout;
import org.jwsk.wire.arp.ArpOperation;
import org.jwsk.wire.arp.ArpView;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.EthernetLayout;
import org.jwsk.wire.icmpv4.Icmpv4Layout;

/**
 * ARP on one interface (RFC 826, RFC 1122 §2.3.2, RFC 5227), driving the shared {@link NeighborCache}: requests
 * (broadcast while resolving, unicast while probing, as RFC 1122 §2.3.2.1's "unicast poll"), replies to requests for
 * our addresses, RFC 826's merge rule, RFC 5227 announcements when an address is added, and conflict detection
 * with one defence per DEFEND_INTERVAL.
 *
 * <p>Owned by the stack's thread.
 */
final class ArpProtocol implements NeighborProtocol {

    /** RFC 5227 §1.1: ANNOUNCE_NUM announcements, ANNOUNCE_INTERVAL apart. */
    static final int ANNOUNCE_NUM = 2;
    static final long ANNOUNCE_INTERVAL_NANOS = 2_000_000_000L;
    /** RFC 5227 §1.1: DEFEND_INTERVAL, the least time between two defences of one address. */
    static final long DEFEND_INTERVAL_NANOS = 10_000_000_000L;
    /** How many conflicts an interface remembers for {@link #conflicts()}. */
    static final int CONFLICTS_KEPT = 16;
    /** An ARP packet padded to the 46 bytes of payload of a minimum Ethernet frame (IEEE 802.3 §3.2.8). */
    private static final int PADDED_LENGTH = 46;
    private static final int HEADROOM = EthernetLayout.MAX_HEADER_LENGTH + LinkCaps.MAX_DRIVER_HEADROOM;
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final long MASK32 = 0xffff_ffffL;

    /** An address being announced: how many announcements are left and when the next is due. */
    private static final class Announcement {
        final int address;
        int left;
        long due;

        Announcement(int address, int left, long due) {
            this.address = address;
            this.left = left;
            this.due = due;
        }
    }

    private final StackCore core;
    private final Nic nic;
    private final NeighborCache cache;
    private final CounterSet<NeighborCounter> counters;
    private final Redirects redirects;
    private final ArpView out = new ArpView();
    private final List<Announcement> announcements = new ArrayList<>();
    private final TimerQueue.Timer announceTimer;
    private final Map<Integer, Long> lastDefence = new HashMap<>();
    private final ArrayDeque<AddressConflict> conflicts = new ArrayDeque<>();

    ArpProtocol(StackCore core, NeighborCache cache, Redirects redirects) {
        this.core = core;
        this.nic = cache.nic();
        this.cache = cache;
        this.counters = cache.counters();
        this.redirects = redirects;
        this.announceTimer = core.timers().newTimer(this::announceDue);
    }

    @Override
    public int etherType() {
        return EtherType.IPV4;
    }

    // ------------------------------------------------------------------------------------------------ output

    /**
     * A request for {@code n}: from the address that sent the waiting packet when it is one of this interface's
     * (Linux arp_announce 0), else from the interface's address on the target's subnet, else its primary address.
     */
    @Override
    public boolean solicit(Neighbor n, boolean unicast, long now) {
        int target = (int) n.lo;
        int src = nic.find4((int) n.srcLo) != null ? (int) n.srcLo : sourceFor(target);
        if (src == 0) {
            return false; // an address-less request would read as an RFC 5227 probe: send nothing
        }
        return send(ArpOperation.REQUEST, src, 0, target, unicast ? n.mac : BROADCAST, now);
    }

    private int sourceFor(int target) {
        for (Nic.Addr4 a : nic.addrs4()) {
            if (a.onLink(target)) {
                return a.address();
            }
        }
        return nic.addrs4().isEmpty() ? 0 : nic.addrs4().getFirst().address();
    }

    /** Builds and sends one ARP packet, padded to the Ethernet minimum with zeros. */
    private boolean send(ArpOperation op, int senderIp, long targetMac, int targetIp, long dstMac, long now) {
        PacketBuf p = core.pool().tryAllocate(HEADROOM, PADDED_LENGTH);
        if (p == null) {
            core.drop(NetDrop.NO_BUFFER);
            return false;
        }
        out.wrap(p.segment(), p.offset(), PADDED_LENGTH);
        out.setHardwareType(ArpLayout.HTYPE_ETHERNET);
        out.setProtocolType(ArpLayout.PTYPE_IPV4);
        out.setHardwareLength(ArpLayout.HLEN_ETHERNET);
        out.setProtocolLength(ArpLayout.PLEN_IPV4);
        out.setOperation(op.code());
        out.setSenderMac(nic.mac());
        out.setSenderIp(senderIp);
        out.setTargetMac(targetMac);
        out.setTargetIp(targetIp);
        p.segment().asSlice(p.offset() + ArpLayout.LENGTH, PADDED_LENGTH - ArpLayout.LENGTH).fill((byte) 0);
        return nic.sendEthernet(p, dstMac, EtherType.ARP, now).isOk();
    }

    /** RFC 1812 §5.2.7.1 (and Linux for local packets too): host unreachable to the source of the packet. */
    @Override
    public void reportUnreachable(PacketBuf packet, long now) {
        core.icmp4().sendError(Icmpv4Layout.TYPE_DEST_UNREACHABLE, Icmpv4Layout.UNREACH_HOST, 0, nic, packet, now);
    }

    @Override
    public void onUnreachable(long hi, long lo, long now) {
        redirects.gatewayFailed(nic, 4, hi, lo);
    }

    @Override
    public void onRouterLost(long hi, long lo, long now) {
        // ARP carries no router flag
    }

    @Override
    public void onFlush(long now) {
        announcements.clear();
        announceTimer.cancel();
        if (!nic.isUp()) {
            redirects.forget(nic);
        }
    }

    // ------------------------------------------------------------------------------------------------ input

    /** A checked ARP packet on this interface ({@code view} wraps it, borrowed for the call). */
    void input(ArpView view, long now) {
        long sha = view.senderMac();
        int spa = view.senderIp();
        int tpa = view.targetIp();
        if (sha == nic.mac()) {
            counters.increment(NeighborCounter.IN_IGNORED); // our own frame, reflected by the medium
            return;
        }
        if ((sha & 0x0100_0000_0000L) != 0 || sha == 0 || impossible(spa) || impossible(tpa)) {
            // RFC 1812 §3.3.2: never believe a multicast or broadcast link address; RFC 1122 §3.2.1.3 addresses
            counters.increment(NeighborCounter.IN_INVALID);
            core.drop(NetDrop.ARP_INVALID);
            return;
        }
        boolean forUs = ours(tpa);
        if (spa == 0) {
            probe(view, sha, tpa, forUs, now);
        } else if (nic.find4(spa) != null) {
            conflict(spa, sha, now);
        } else if (view.isRequest()) {
            request(sha, spa, tpa, forUs, now);
        } else {
            reply(view, sha, spa, forUs, now);
        }
    }

    /** Multicast, limited or subnet broadcast, or loopback: never an ARP sender or target (0.0.0.0 is a probe). */
    private boolean impossible(int a) {
        return (a >>> 28) == 0xe || a == -1 || (a >>> 24) == 127 || (a != 0 && nic.isBroadcast4(a));
    }

    /**
     * Whether {@code a} is ours to answer for: an address of this interface, or under the weak host model any of the
     * compartment's (Linux answers for any local address by default, arp_ignore 0; jwsk follows the interface's
     * host model, as the Next Generation stack does).
     */
    private boolean ours(int a) {
        if (a == 0) {
            return false;
        }
        if (nic.find4(a) != null) {
            return true;
        }
        Nic owner = nic.hostModel().weakReceive() ? nic.compartment().owner4(a) : null;
        return owner != null && !owner.isLoopback();
    }

    /**
     * RFC 5227 §2.1.1: a probe (sender 0.0.0.0) must not touch the cache. The holder of the probed address answers as
     * to any request, so the prober sees the address is taken (the reply goes to the prober's MAC, target address
     * 0.0.0.0, as Linux sends it).
     */
    private void probe(ArpView view, long sha, int tpa, boolean forUs, long now) {
        counters.increment(NeighborCounter.IN_PROBES);
        if (view.isRequest() && forUs && send(ArpOperation.REPLY, tpa, sha, 0, sha, now)) {
            counters.increment(NeighborCounter.OUT_ADVERTS);
        }
    }

    /**
     * RFC 826 "Packet Reception": update an entry for the sender if there is one (the merge rule); if we are the
     * target, make one if there was none (STALE: RFC 4861 §7.2.3 is what a request teaches) and reply.
     */
    private void request(long sha, int spa, int tpa, boolean forUs, long now) {
        if (!forUs) {
            counters.increment(NeighborCounter.IN_IGNORED);
            cache.learn(0, spa & MASK32, sha, false, now); // a gratuitous ARP lands here: merge only
            return;
        }
        counters.increment(NeighborCounter.IN_SOLICITS);
        cache.learn(0, spa & MASK32, sha, true, now);
        if (send(ArpOperation.REPLY, tpa, sha, spa, sha, now)) {
            counters.increment(NeighborCounter.OUT_ADVERTS);
        }
    }

    /**
     * A reply addressed to us (our IP and MAC as its target) answers our request: a solicited, overriding
     * advertisement (REACHABLE). Any other reply only updates an existing entry (the merge rule; STALE when the
     * address changed), as Linux treats broadcast replies. Unsolicited replies make no entries, as in Linux with
     * arp_accept 0 (RFC 826 would add one).
     */
    private void reply(ArpView view, long sha, int spa, boolean forUs, long now) {
        boolean toUs = forUs && view.targetMac() == nic.mac();
        boolean known = toUs
                ? cache.onAdvertisement(0, spa & MASK32, sha, true, true, NeighborCache.ROUTER_UNCHANGED, now)
                : cache.learn(0, spa & MASK32, sha, false, now);
        counters.increment(known ? NeighborCounter.IN_ADVERTS : NeighborCounter.IN_IGNORED);
    }

    // ------------------------------------------------------------------------------------ RFC 5227 announcing

    /** RFC 5227 §2.3: announce a new address, ANNOUNCE_NUM times ANNOUNCE_INTERVAL apart, the first at once. */
    void announce(int address, long now) {
        boolean pending = false;
        for (Announcement a : announcements) {
            if (a.address == address) {
                a.left = ANNOUNCE_NUM;
                a.due = now;
                pending = true;
            }
        }
        if (!pending) {
            announcements.add(new Announcement(address, ANNOUNCE_NUM, now));
        }
        announceDue(now);
    }

    private void announceDue(long now) {
        long next = Deadlines.NONE;
        for (int i = 0; i < announcements.size(); i++) {
            Announcement a = announcements.get(i);
            if (a.due - now <= 0) {
                if (nic.find4(a.address) != null && sendAnnouncement(a.address, now)) {
                    counters.increment(NeighborCounter.OUT_ANNOUNCEMENTS);
                }
                a.left--;
                a.due = now + ANNOUNCE_INTERVAL_NANOS;
            }
            if (a.left <= 0 || nic.find4(a.address) == null) {
                announcements.remove(i--);
            } else {
                next = Deadlines.earliest(next, a.due);
            }
        }
        announceTimer.schedule(next);
    }

    /** RFC 5227 §2.3: a request with sender and target protocol address both ours, target MAC zero, broadcast. */
    private boolean sendAnnouncement(int address, long now) {
        return send(ArpOperation.REQUEST, address, 0, address, BROADCAST, now);
    }

    /**
     * RFC 5227 §2.4: another MAC claims one of our addresses. Counted and reported ({@link #conflicts()}); the
     * address is defended with one announcement unless it was defended within DEFEND_INTERVAL. jwsk keeps the address
     * even then (option (b) would give it up; Linux neither defends nor gives up), leaving the decision to its owner.
     */
    private void conflict(int address, long claimant, long now) {
        counters.increment(NeighborCounter.CONFLICTS);
        Long last = lastDefence.get(address);
        boolean defend = last == null || now - last >= DEFEND_INTERVAL_NANOS;
        if (defend) {
            lastDefence.put(address, now);
            if (sendAnnouncement(address, now)) {
                counters.increment(NeighborCounter.DEFENSES);
            }
        }
        if (conflicts.size() == CONFLICTS_KEPT) {
            conflicts.removeFirst();
        }
        conflicts.addLast(new AddressConflict(nic.id(), new Ipv4Address(address), new MacAddress(claimant), now,
                defend));
    }

    /** The most recent conflicts on this interface, oldest first. */
    List<AddressConflict> conflicts() {
        return List.copyOf(conflicts);
    }
}
