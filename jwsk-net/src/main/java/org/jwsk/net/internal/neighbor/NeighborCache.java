package org.jwsk.net.internal.neighbor;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.IpCounter;
import org.jwsk.net.NeighborCounter;
import org.jwsk.net.NeighborInfo;
import org.jwsk.net.NeighborInfo.State;
import org.jwsk.net.NetConfig;
import org.jwsk.net.NetDrop;
import org.jwsk.net.SendStatus;
import org.jwsk.net.internal.Ipv6HostVariables;
import org.jwsk.net.internal.LinkResolver;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;

/**
 * The neighbour cache of one interface and family, and its Neighbour Unreachability Detection (RFC 4861 §7.3): one
 * engine for ARP and Neighbor Discovery, as the Next Generation TCP/IP stack has. The {@link NeighborProtocol} it is
 * given sends the family's solicitations; the protocol's input feeds {@link #learn} and {@link #onAdvertisement}.
 *
 * <p>States and timers follow RFC 4861 §7.3.2-§7.3.3 and Appendix C: a packet for an unknown neighbour makes an
 * INCOMPLETE entry, queues the packet and solicits every RetransTimer up to MAX_MULTICAST_SOLICIT times; an answer
 * makes it REACHABLE (solicited) or STALE and sends the queue; REACHABLE decays to STALE after ReachableTime (drawn
 * per entry from 0.5-1.5 × BaseReachableTime, §6.3.2) without confirmation; the first packet to a STALE entry moves
 * it to DELAY, and after DELAY_FIRST_PROBE_TIME without confirmation to PROBE, which sends up to MAX_UNICAST_SOLICIT
 * unicast probes. Failure drops the queue with an ICMP error per packet (§7.2.2) and leaves a FAILED entry, as Linux
 * does, so the next packet starts over. Unused STALE and FAILED entries go after {@code staleLifetime}.
 *
 * <p>RetransTimer and ReachableTime are read at each use, never copied: for IPv6 from the interface's RFC 4861
 * §6.3.2 host variables ({@link Nic#hostVariables6()}), which router advertisements change (§6.3.4), so an
 * advertised Reachable Time or Retrans Timer takes effect at the next solicitation or reachability check; ReachableTime
 * is then the interface's one draw, as in RFC 4861 and Linux. ARP has no router advertisements: an IPv4 cache takes
 * both from the stack's {@link NetConfig.NeighborConfig}, each entry drawing its own ReachableTime from the base when it
 * becomes REACHABLE.
 *
 * <p>Lookups are allocation-free ({@link NeighborTable}); entries are recycled. Owned by the stack's thread.
 */
public final class NeighborCache implements LinkResolver {

    /** {@link #onAdvertisement}'s {@code router} when the message says nothing about it (ARP). */
    static final int ROUTER_UNCHANGED = -1;

    private final StackCore core;
    private final Nic nic;
    private final int version;
    private final NeighborTable table = new NeighborTable();
    private final CounterSet<NeighborCounter> counters;
    private final CounterSet<IpCounter> ipCounters;
    private final List<Neighbor> free = new ArrayList<>();
    private final long delayNanos;
    private final long staleNanos;
    private final int maxMulticastSolicit;
    private final int maxUnicastSolicit;
    private final int maxQueued;
    private final int maxQueuedBytes;
    private final int maxEntries;
    /** The interface's host variables for an IPv6 cache; null for ARP, which uses the two fields below. */
    private final Ipv6HostVariables hostVariables;
    private final long baseReachableNanos4;
    private final long retransNanos4;
    private NeighborProtocol protocol;
    private long lastNow;

    NeighborCache(StackCore core, Nic nic, int version, CounterSet<NeighborCounter> counters) {
        this.core = core;
        this.nic = nic;
        this.version = version;
        this.counters = counters;
        this.ipCounters = core.ipCounters(version);
        NetConfig.NeighborConfig c = core.config().neighbors();
        this.hostVariables = version == 6 ? nic.hostVariables6() : null;
        this.baseReachableNanos4 = c.baseReachableTime().toNanos();
        this.retransNanos4 = c.retransTimer().toNanos();
        this.delayNanos = c.delayFirstProbe().toNanos();
        this.staleNanos = c.staleLifetime().toNanos();
        this.maxMulticastSolicit = c.maxMulticastSolicit();
        this.maxUnicastSolicit = c.maxUnicastSolicit();
        this.maxQueued = c.maxQueued();
        this.maxQueuedBytes = c.maxQueuedBytes();
        this.maxEntries = c.maxEntries();
    }

    void setProtocol(NeighborProtocol p) {
        this.protocol = p;
    }

    NeighborProtocol protocol() {
        return protocol;
    }

    /** The interface this cache resolves on. */
    public Nic nic() {
        return nic;
    }

    /** 4 (ARP) or 6 (Neighbor Discovery). */
    public int version() {
        return version;
    }

    CounterSet<NeighborCounter> counters() {
        return counters;
    }

    // ------------------------------------------------------------------------------------------------- send

    @Override
    public SendStatus send(PacketBuf packet, long hi, long lo, long now) {
        lastNow = now;
        Neighbor n = table.get(hi, lo);
        if (n == null) {
            n = create(hi, lo, now);
            if (n == null) {
                counters.increment(NeighborCounter.TABLE_FULLS);
                drop(packet, NetDrop.NEIGHBOR_TABLE_FULL);
                return SendStatus.LINK_DROPPED;
            }
            SendStatus s = queue(n, packet);
            startResolution(n, now);
            return s;
        }
        table.touch(n);
        return switch (n.state) {
            case REACHABLE, DELAY, PROBE, PERMANENT -> transmit(n, packet, now);
            case STALE -> { // RFC 4861 §7.3.3: sending to a STALE entry starts the DELAY timer
                noteSource(n, packet); // probes, if they follow, come from the address this packet uses
                enterDelay(n, now);
                yield transmit(n, packet, now);
            }
            case INCOMPLETE -> queue(n, packet);
            case FAILED -> { // Linux restarts resolution on the next packet; RFC 4861 would have deleted the entry
                SendStatus s = queue(n, packet);
                startResolution(n, now);
                yield s;
            }
        };
    }

    private SendStatus transmit(Neighbor n, PacketBuf packet, long now) {
        return nic.sendEthernet(packet, n.mac, protocol.etherType(), now);
    }

    /**
     * RFC 4861 §7.2.2: queue while resolving, bounded per entry in packets and in bytes (as Linux's unres_qlen and
     * unres_qlen_bytes), the oldest dropped first.
     */
    private SendStatus queue(Neighbor n, PacketBuf packet) {
        noteSource(n, packet);
        if (maxQueued == 0 || packet.length() > maxQueuedBytes) {
            counters.increment(NeighborCounter.QUEUE_OVERFLOWS);
            drop(packet, NetDrop.NEIGHBOR_QUEUE_FULL);
            return SendStatus.LINK_DROPPED;
        }
        counters.increment(NeighborCounter.QUEUED);
        for (PacketBuf oldest = n.enqueue(packet, maxQueued, maxQueuedBytes); oldest != null;
             oldest = n.overLimit(maxQueuedBytes)) {
            counters.increment(NeighborCounter.QUEUE_OVERFLOWS);
            drop(oldest, NetDrop.NEIGHBOR_QUEUE_FULL);
        }
        return SendStatus.QUEUED;
    }

    /** Remembers the source of the packet prompting resolution: the solicitation should come from it (§7.2.2). */
    private void noteSource(Neighbor n, PacketBuf packet) {
        long off = packet.offset();
        if (version == 4 && packet.length() >= 20) {
            n.srcHi = 0;
            n.srcLo = NetOrder.i32(packet.segment(), off + 12) & 0xffff_ffffL;
        } else if (version == 6 && packet.length() >= 40) {
            n.srcHi = NetOrder.i64(packet.segment(), off + 8);
            n.srcLo = NetOrder.i64(packet.segment(), off + 16);
        }
    }

    private void drop(PacketBuf packet, NetDrop reason) {
        ipCounters.increment(IpCounter.OUT_DISCARDS);
        core.drop(reason);
        packet.release();
    }

    /** Sends what waited for resolution; sending from STALE moves the entry to DELAY (RFC 4861 Appendix C). */
    private void sendQueue(Neighbor n, long now) {
        boolean sent = false;
        for (PacketBuf p = n.dequeue(); p != null; p = n.dequeue()) {
            transmit(n, p, now);
            sent = true;
        }
        if (sent && n.state == State.STALE) {
            enterDelay(n, now);
        }
    }

    // ------------------------------------------------------------------------------------------- solicitation

    /**
     * Starts (or restarts) resolution: solicit at once unless the last solicitation for this address was less than
     * RetransTimer ago, the per-destination rate limit of RFC 1122 §2.3.2.1 and RFC 4861 §7.2.2.
     */
    private void startResolution(Neighbor n, long now) {
        n.state = State.INCOMPLETE;
        n.mac = Neighbor.NO_MAC;
        n.probes = 0;
        long retrans = retransTimer();
        if (!n.solicitedBefore || now - n.lastSolicitAt >= retrans) {
            solicit(n, false, now);
        } else {
            n.timer.schedule(n.lastSolicitAt + retrans);
        }
    }

    private void solicit(Neighbor n, boolean unicast, long now) {
        n.probes++;
        n.lastSolicitAt = now;
        n.solicitedBefore = true;
        n.timer.schedule(now + retransTimer());
        if (protocol.solicit(n, unicast, now)) {
            counters.increment(unicast ? NeighborCounter.OUT_PROBES : NeighborCounter.OUT_SOLICITS);
        } else {
            counters.increment(NeighborCounter.OUT_NO_SOURCE);
        }
    }

    /** An entry's timer fired: the transitions of RFC 4861 §7.3.3 that time drives. */
    void onTimer(Neighbor n, long now) {
        lastNow = now;
        switch (n.state) {
            case INCOMPLETE -> {
                if (n.probes >= maxMulticastSolicit) {
                    resolutionFailed(n, now);
                } else {
                    solicit(n, false, now);
                }
            }
            case REACHABLE -> {
                long due = n.confirmedAt + reachableTime(n, now);
                if (due - now > 0) {
                    n.timer.schedule(due); // confirmed since the timer was set
                } else {
                    enterStale(n, now);
                }
            }
            case DELAY -> {
                n.state = State.PROBE;
                n.probes = 0;
                solicit(n, true, now);
            }
            case PROBE -> {
                if (n.probes >= maxUnicastSolicit) {
                    probingFailed(n, now);
                } else {
                    solicit(n, true, now);
                }
            }
            case STALE, FAILED -> remove(n); // unused for staleLifetime
            case PERMANENT -> {
            }
        }
    }

    /**
     * RFC 4861 §7.2.2: no answer after MAX_MULTICAST_SOLICIT solicitations. Every queued packet is dropped with an
     * ICMP destination unreachable to its source. The queue is taken off the entry first, because the errors go
     * out through the IP layer and may come back into this cache.
     */
    private void resolutionFailed(Neighbor n, long now) {
        counters.increment(NeighborCounter.RES_FAILED);
        PacketBuf[] waiting = new PacketBuf[n.queueCount];
        for (int i = 0; i < waiting.length; i++) {
            waiting[i] = n.dequeue();
        }
        long hi = n.hi;
        long lo = n.lo;
        enterFailed(n, now);
        protocol.onUnreachable(hi, lo, now);
        for (PacketBuf p : waiting) {
            counters.increment(NeighborCounter.UNRESOLVED_DISCARDS);
            protocol.reportUnreachable(p, now);
            drop(p, NetDrop.NEIGHBOR_UNREACHABLE);
        }
    }

    /** RFC 4861 §7.3.3: no answer to MAX_UNICAST_SOLICIT probes; next-hop determination must start over. */
    private void probingFailed(Neighbor n, long now) {
        counters.increment(NeighborCounter.NUD_FAILED);
        enterFailed(n, now);
        protocol.onUnreachable(n.hi, n.lo, now);
    }

    private void enterFailed(Neighbor n, long now) {
        n.state = State.FAILED;
        n.mac = Neighbor.NO_MAC;
        n.probes = 0;
        n.timer.schedule(now + staleNanos);
    }

    private void enterReachable(Neighbor n, long now) {
        n.state = State.REACHABLE;
        n.probes = 0;
        if (hostVariables == null) {
            // RFC 4861 §6.3.2: ReachableTime is uniformly distributed between 0.5 and 1.5 times BaseReachableTime.
            n.reachableNanos = core.random().nextLong(baseReachableNanos4 / 2, baseReachableNanos4 / 2 * 3 + 1);
        }
        n.confirmedAt = now;
        n.timer.schedule(now + reachableTime(n, now));
    }

    /** RetransTimer now: the interface's host variable for IPv6, the stack's setting for ARP. */
    private long retransTimer() {
        return hostVariables != null ? hostVariables.retransTimer() : retransNanos4;
    }

    /** How long {@code n} stays REACHABLE after a confirmation: the interface's ReachableTime, or the entry's draw. */
    private long reachableTime(Neighbor n, long now) {
        return hostVariables != null ? hostVariables.reachableTime(now) : n.reachableNanos;
    }

    private void enterStale(Neighbor n, long now) {
        n.state = State.STALE;
        n.probes = 0;
        n.timer.schedule(now + staleNanos);
    }

    private void enterDelay(Neighbor n, long now) {
        n.state = State.DELAY;
        n.probes = 0;
        n.timer.schedule(now + delayNanos);
    }

    // ------------------------------------------------------------------------------------------------- input

    /**
     * What a solicitation carrying the sender's link address teaches (RFC 4861 §7.2.3, RFC 826's merge): a new entry
     * is STALE; an entry without a link address gets it, becomes STALE and sends its queue; a different address
     * replaces the cached one and makes the entry STALE; the same address changes nothing. Permanent entries never
     * change.
     *
     * @param create whether to make an entry when there is none (a request addressed to us), or only update one
     * @return whether there was an entry
     */
    boolean learn(long hi, long lo, long mac, boolean create, long now) {
        lastNow = now;
        Neighbor n = table.get(hi, lo);
        if (n == null) {
            if (!create) {
                return false;
            }
            n = create(hi, lo, now);
            if (n == null) {
                counters.increment(NeighborCounter.TABLE_FULLS);
                return false;
            }
            n.mac = mac;
            enterStale(n, now);
            return false;
        }
        if (n.state == State.PERMANENT || n.mac == mac) {
            return true;
        }
        boolean resolving = n.mac == Neighbor.NO_MAC;
        n.mac = mac;
        enterStale(n, now);
        if (resolving) {
            counters.increment(NeighborCounter.RESOLVED);
            sendQueue(n, now);
        }
        return true;
    }

    /**
     * A Neighbor Advertisement, or an ARP reply, about {@code (hi, lo)}: the rules of RFC 4861 §7.2.5.
     *
     * @param mac    the Target Link-layer Address, or {@link Neighbor#NO_MAC} when the message has none
     * @param router 1 or 0 from the R flag, or {@link #ROUTER_UNCHANGED}
     * @return whether an entry existed (without one the advertisement is discarded)
     */
    boolean onAdvertisement(long hi, long lo, long mac, boolean solicited, boolean override, int router, long now) {
        lastNow = now;
        Neighbor n = table.get(hi, lo);
        if (n == null) {
            return false;
        }
        if (n.state == State.PERMANENT) {
            return true;
        }
        if (n.mac == Neighbor.NO_MAC) { // INCOMPLETE (or FAILED, which Linux also lets an answer revive)
            if (mac == Neighbor.NO_MAC) {
                return true; // no link address: nothing to learn
            }
            n.mac = mac;
            setRouter(n, router, now);
            if (solicited) {
                enterReachable(n, now);
            } else {
                enterStale(n, now);
            }
            counters.increment(NeighborCounter.RESOLVED);
            sendQueue(n, now);
            return true;
        }
        boolean differs = mac != Neighbor.NO_MAC && mac != n.mac;
        if (!override && differs) { // §7.2.5 I: keep the address; a REACHABLE entry only becomes STALE
            if (n.state == State.REACHABLE) {
                enterStale(n, now);
            }
            return true;
        }
        if (differs) {
            n.mac = mac;
        }
        if (solicited) {
            enterReachable(n, now);
        } else if (differs) {
            enterStale(n, now);
        }
        setRouter(n, router, now);
        return true;
    }

    private void setRouter(Neighbor n, int router, long now) {
        if (router == ROUTER_UNCHANGED) {
            return;
        }
        boolean was = n.router;
        n.router = router == 1;
        if (was && !n.router) {
            protocol.onRouterLost(n.hi, n.lo, now); // §7.2.5: remove it from the Default Router List
        }
    }

    /**
     * What a Router Advertisement or Router Solicitation teaches about its sender (RFC 4861 §6.3.4 for advertisements,
     * §6.2.6 for solicitations a router receives): a Source Link-layer Address creates the entry as STALE or, if it
     * differs from the cached one, replaces it and makes the entry STALE ({@link #learn}: an entry that was resolving
     * sends its queue); then the entry's IsRouter flag becomes {@code router}, with or without the option. An
     * advertisement's sender becomes a router; a solicitation's sender is a host, and a router turned host is lost as a
     * router (§7.2.5). Permanent entries never change, as in Linux.
     *
     * @param mac the Source Link-layer Address, or {@link Neighbor#NO_MAC} when the message carried none
     */
    void onRouterMessage(long hi, long lo, long mac, boolean router, long now) {
        if (mac != Neighbor.NO_MAC) {
            learn(hi, lo, mac, true, now);
        }
        Neighbor n = table.get(hi, lo);
        if (n != null && n.state != State.PERMANENT) {
            setRouter(n, router ? 1 : 0, now);
        }
    }

    /** Marks {@code (hi, lo)} as a router, if it has an entry (a redirect's target, RFC 4861 §8.3). */
    void markRouter(long hi, long lo) {
        Neighbor n = table.get(hi, lo);
        if (n != null) {
            n.router = true;
        }
    }

    @Override
    public void confirmReachable(long hi, long lo, long now) {
        lastNow = now;
        Neighbor n = table.get(hi, lo);
        if (n == null || n.mac == Neighbor.NO_MAC || n.state == State.PERMANENT) {
            return;
        }
        counters.increment(NeighborCounter.UPPER_CONFIRMS);
        if (n.state == State.REACHABLE) {
            n.confirmedAt = now; // the timer checks this when it fires, so no timer work per confirmation
        } else {
            enterReachable(n, now);
        }
    }

    // ---------------------------------------------------------------------------------------------- entries

    /**
     * A new entry, after evicting the least recently used one if the cache is full: never a permanent entry, and
     * one with packets waiting only when no other will do. Null when every entry is permanent.
     */
    private Neighbor create(long hi, long lo, long now) {
        if (table.size() >= maxEntries && !evict()) {
            return null;
        }
        Neighbor n = free.isEmpty() ? new Neighbor(core.timers(), this) : free.removeLast();
        n.reset(hi, lo);
        table.add(n);
        return n;
    }

    private boolean evict() {
        Neighbor victim = null;
        for (Neighbor x = table.oldest(); x != null && victim == null; x = x.newer) {
            if (x.state != State.PERMANENT && x.queueCount == 0) {
                victim = x;
            }
        }
        for (Neighbor x = table.oldest(); x != null && victim == null; x = x.newer) {
            if (x.state != State.PERMANENT) {
                victim = x;
            }
        }
        if (victim == null) {
            return false;
        }
        counters.increment(NeighborCounter.EVICTIONS);
        dropQueue(victim, NetDrop.NEIGHBOR_TABLE_FULL);
        remove(victim);
        return true;
    }

    private void dropQueue(Neighbor n, NetDrop reason) {
        for (PacketBuf p = n.dequeue(); p != null; p = n.dequeue()) {
            drop(p, reason);
        }
    }

    private void remove(Neighbor n) {
        n.timer.cancel();
        table.remove(n);
        free.add(n);
    }

    /**
     * Adds a permanent entry, or makes an existing one permanent; anything queued for it leaves at once. Permanent
     * entries may take the cache beyond maxEntries: configuration wins over the limit.
     */
    @Override
    public void addPermanent(long hi, long lo, long mac) {
        Neighbor n = table.get(hi, lo);
        if (n == null) {
            if (table.size() >= maxEntries) {
                evict();
            }
            n = free.isEmpty() ? new Neighbor(core.timers(), this) : free.removeLast();
            n.reset(hi, lo);
            table.add(n);
        }
        n.timer.cancel();
        n.state = State.PERMANENT;
        n.mac = mac;
        n.probes = 0;
        sendQueue(n, lastNow);
    }

    /** Forgets every dynamic entry; their queued packets are dropped. Permanent entries stay. */
    @Override
    public void flush(long now) {
        Neighbor x = table.oldest();
        while (x != null) {
            Neighbor next = x.newer;
            if (x.state != State.PERMANENT) {
                dropQueue(x, NetDrop.INTERFACE_DOWN);
                remove(x);
            }
            x = next;
        }
        protocol.onFlush(now);
    }

    @Override
    public List<NeighborInfo> neighbors() {
        List<NeighborInfo> list = new ArrayList<>(table.size());
        for (Neighbor n = table.newest(); n != null; n = n.older) {
            list.add(new NeighborInfo(nic.id(), version == 4 ? new Ipv4Address((int) n.lo)
                    : new Ipv6Address(n.hi, n.lo), n.mac == Neighbor.NO_MAC ? null : new MacAddress(n.mac),
                    n.state, n.router, n.queueCount));
        }
        return list;
    }

    @Override
    public String toString() {
        return (version == 4 ? "arp " : "ndp ") + nic.name() + " (" + table.size() + " entries)";
    }
}
