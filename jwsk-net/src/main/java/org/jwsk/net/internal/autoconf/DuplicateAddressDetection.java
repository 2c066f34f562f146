package org.jwsk.net.internal.autoconf;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.net.Ipv6Options;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.net.internal.mcast.LinkScopeSender;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv6.NdpOption;
import org.jwsk.wire.icmpv6.NdpRepr;

/**
 * Duplicate Address Detection (RFC 4862 §5.4) with the loop-back detection of Enhanced DAD (RFC 7527). A new address
 * on an interface that asks for DAD ({@link Ipv6Options#dadTransmits()} above 0) is tentative: after a random delay
 * of up to MAX_RTR_SOLICITATION_DELAY, DupAddrDetectTransmits Neighbor Solicitations go from :: to its solicited-node
 * group (RFC 4862 §5.4.2), each with a fresh random Nonce option (RFC 7527 §4.1), RetransTimer apart. If RetransTimer
 * after the last one nothing conflicting came, the address is assigned (preferred, or deprecated if its preferred
 * lifetime ended meanwhile). A Neighbor Advertisement for it, or a DAD solicitation for it from another node, makes it
 * duplicate: never used (RFC 4862 §5.4.3-5.4.5). A solicitation carrying one of our own nonces is our probe looped
 * back by the link and is ignored (RFC 7527 §4.2).
 *
 * <p>The neighbour layer hands this class the NS and NA about tentative targets ({@link StackCore.DadHook}). Only
 * Ethernet interfaces run DAD: like Linux on IFF_NOARP devices (TUN), an IP link has nothing to detect with.
 *
 * <p>Detection runs only while the interface runs ({@link Nic#isRunning()}). When it stops, every run on it stops and
 * its addresses stay as they are; when it runs again, detection starts over for every address of it, assigned and
 * duplicate ones included ({@link #restart}): RFC 4862 §5.4 asks for it on an interface that becomes enabled (§5.3
 * lists the cases: reinitialized after a failure, enabled again by management, attached to a link), since the link
 * may have changed meanwhile; Linux likewise runs DAD again on every address when a device comes back.
 * Deliberate deviation from RFC 4862 §5.4.5's SHOULD: a duplicate link-local address does not disable IPv6 on the
 * interface, as Linux does not unless {@code accept_dad} is 2.
 *
 * <p>Owned by the stack's thread.
 */
final class DuplicateAddressDetection implements StackCore.DadHook {

    /** RFC 4861 §10 MAX_RTR_SOLICITATION_DELAY: the random delay before the first probe (RFC 4862 §5.4.2). */
    static final long MAX_FIRST_PROBE_DELAY = 1_000_000_000L;
    /** RFC 7527 §4.1: a 6-byte nonce, as Linux sends. */
    private static final int NONCE_LENGTH = 6;

    /** Told when detection ends. */
    interface Outcome {
        /** {@code address} passed: it is now preferred (or deprecated). */
        void passed(Nic nic, Addr6 address, long now);

        /** {@code address} is a duplicate: it is now {@link Addr6.State#DUPLICATE}. */
        void failed(Nic nic, Addr6 address, long now);
    }

    private final StackCore core;
    private final TimerQueue timers;
    private final RandomGenerator random;
    private final LinkScopeSender sender;
    private final CounterSet<AutoconfCounter> counters;
    private final Outcome outcome;
    private final Map<Addr6, Probe> probes = new IdentityHashMap<>();

    DuplicateAddressDetection(StackCore core, LinkScopeSender sender, CounterSet<AutoconfCounter> counters,
                              Outcome outcome) {
        this.core = core;
        this.timers = core.timers();
        this.random = core.random();
        this.sender = sender;
        this.counters = counters;
        this.outcome = outcome;
    }

    /** One run of detection for one address. */
    private final class Probe {
        final Nic nic;
        final Addr6 address;
        final long[] nonces;
        final TimerQueue.Timer timer;
        int sent;

        Probe(Nic nic, Addr6 address, int transmits) {
            this.nic = nic;
            this.address = address;
            this.nonces = new long[transmits];
            this.timer = timers.newTimer(now -> step(this, now));
        }

        boolean sentNonce(long nonce) {
            for (int i = 0; i < sent; i++) {
                if (nonces[i] == nonce) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Whether {@code nic} detects duplicates: IPv6 on, DupAddrDetectTransmits above 0, on Ethernet. */
    static boolean runsOn(Nic nic) {
        Ipv6Options o = nic.ipv6Options();
        return o.enabled() && o.dadTransmits() > 0 && nic.isEthernet() && !nic.isLoopback();
    }

    /**
     * Starts detection for an address just added to {@code nic}, if the interface runs DAD: the address becomes
     * tentative. Returns whether it did. On an interface that is down the address waits, tentative, for {@link
     * #restart}.
     */
    boolean start(Nic nic, Addr6 address, long now) {
        if (!runsOn(nic)) {
            return false;
        }
        stop(address);
        address.setState(Addr6.State.TENTATIVE);
        if (!nic.isRunning()) {
            return true;
        }
        Probe p = new Probe(nic, address, nic.ipv6Options().dadTransmits());
        probes.put(address, p);
        counters.increment(AutoconfCounter.DAD_STARTED);
        p.timer.schedule(now + random.nextLong(MAX_FIRST_PROBE_DELAY)); // RFC 4862 §5.4.2
        return true;
    }

    /**
     * {@code nic} runs again: detection starts over for each of its addresses (RFC 4862 §5.4; see the class
     * description), which become tentative. Returns the addresses that did, in the interface's order.
     */
    List<Addr6> restart(Nic nic, long now) {
        if (!runsOn(nic)) {
            return List.of();
        }
        List<Addr6> restarted = new ArrayList<>();
        for (Addr6 a : List.copyOf(nic.addrs6())) {
            start(nic, a, now);
            restarted.add(a);
        }
        return restarted;
    }

    /** {@code nic} stopped running: its runs stop, and its tentative addresses wait for {@link #restart}. */
    void suspend(Nic nic) {
        for (Probe p : List.copyOf(probes.values())) {
            if (p.nic == nic) {
                stop(p.address);
            }
        }
    }

    /** The address was removed: detection stops. */
    void stop(Addr6 address) {
        Probe p = probes.remove(address);
        if (p != null) {
            p.timer.cancel();
        }
    }

    private void step(Probe p, long now) {
        if (probes.get(p.address) != p) {
            return;
        }
        if (!core.nics().contains(p.nic)) {
            probes.remove(p.address); // the interface went away
            return;
        }
        if (!p.nic.isRunning()) { // no probe could go out, so none may count; restart() begins again
            probes.remove(p.address);
            return;
        }
        if (p.sent < p.nonces.length) {
            solicit(p, now);
            p.timer.schedule(now + p.nic.hostVariables6().retransTimer()); // RFC 4862 §5.4.2: RetransTimer apart
            return;
        }
        probes.remove(p.address); // RFC 4862 §5.4.3 / §5.4.4: RetransTimer after the last probe, nothing came
        boolean deprecated = Deadlines.isDue(p.address.preferredUntil(), now);
        p.address.setState(deprecated ? Addr6.State.DEPRECATED : Addr6.State.PREFERRED);
        counters.increment(AutoconfCounter.DAD_SUCCEEDED);
        outcome.passed(p.nic, p.address, now);
    }

    /** RFC 4862 §5.4.2: from ::, to the solicited-node group, hop limit 255, no source link-layer option. */
    private void solicit(Probe p, long now) {
        long nonce = 1 + random.nextLong(0xffff_ffff_ffffL); // 48 bits, never 0: NO_NONCE means none
        p.nonces[p.sent++] = nonce;
        byte[] bytes = new byte[NONCE_LENGTH];
        NetOrder.setU48(MemorySegment.ofArray(bytes), 0, nonce);
        Ipv6Address target = p.address.address();
        Ipv6Address group = target.solicitedNode();
        NdpRepr.NeighborSolicitation ns = new NdpRepr.NeighborSolicitation(target,
                List.of(new NdpOption.Nonce(Octets.of(bytes))));
        if (sender.sendIcmp6(p.nic, 0, 0, group.hi(), group.lo(), 255, false, ns, now).isOk()) {
            counters.increment(AutoconfCounter.DAD_PROBES_OUT);
        }
    }

    /**
     * RFC 4862 §5.4.3: a solicitation for a tentative address. From a unicast source it is address resolution and is
     * ignored; from :: it is another node's DAD probe (a duplicate), unless it carries one of our nonces (RFC 7527
     * §4.2: our own probe, looped back).
     */
    @Override
    public void onSolicitation(Nic nic, Addr6 target, boolean fromUnspecified, long nonce, long now) {
        Probe p = probes.get(target);
        if (p == null || p.nic != nic || !fromUnspecified) {
            return;
        }
        if (nonce != NO_NONCE && p.sentNonce(nonce)) {
            counters.increment(AutoconfCounter.DAD_LOOPED_BACK);
            return;
        }
        duplicate(p, now);
    }

    /** RFC 4862 §5.4.4: an advertisement for a tentative address: another node has it. */
    @Override
    public void onAdvertisement(Nic nic, Addr6 target, long now) {
        Probe p = probes.get(target);
        if (p != null && p.nic == nic) {
            duplicate(p, now);
        }
    }

    /** RFC 4862 §5.4.5: the address is not assigned, and never will be. */
    private void duplicate(Probe p, long now) {
        probes.remove(p.address);
        p.timer.cancel();
        p.address.setState(Addr6.State.DUPLICATE);
        counters.increment(AutoconfCounter.DAD_DUPLICATES);
        outcome.failed(p.nic, p.address, now);
    }
}
