package org.jwsk.net.testing;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.IcmpCounter;
import org.jwsk.net.IpCounter;
import org.jwsk.net.NetStack;

/**
 * The IP-MIB relations every stack keeps at every step of a simulation (RFC 4293 §5, ipSystemStatsTable):
 * <ul>
 *   <li>every counter of {@code ipv4}, {@code ipv6}, {@code icmp} and {@code icmp6} only rises;</li>
 *   <li>{@code InDelivers + InForwDatagrams <= InReceives}: a received datagram is delivered or forwarded at most
 *       once (a reassembled one counts as many receives as it had fragments);</li>
 *   <li>{@code OutTransmits <= OutRequests + OutForwDatagrams + OutFragCreates}: whatever reaches a link was handed
 *       down by a local protocol (ICMP and Neighbor Discovery included), forwarded, or is a fragment.</li>
 * </ul>
 * Reads the counters without allocating, so it can run after every step.
 */
final class MibInvariants implements SimNet.Invariant {

    private static final IpCounter[] IP = IpCounter.values();
    private static final IcmpCounter[] ICMP = IcmpCounter.values();

    private final Map<NetStack, long[]> previous = new IdentityHashMap<>();

    @Override
    public void check(SimNet net) {
        for (NetStack s : net.stacks()) {
            long[] last = previous.computeIfAbsent(s, k -> new long[2 * (IP.length + ICMP.length)]);
            int i = 0;
            for (int version = 4; version <= 6; version += 2) {
                CounterSet<IpCounter> ip = ip(s, version);
                for (IpCounter c : IP) {
                    i = rising(s, version, c.counterName(), ip.get(c), last, i);
                }
                CounterSet<IcmpCounter> icmp = icmp(s, version);
                for (IcmpCounter c : ICMP) {
                    i = rising(s, version, c.counterName(), icmp.get(c), last, i);
                }
                relations(s, version, ip);
            }
        }
    }

    private static int rising(NetStack s, int version, String name, long value, long[] last, int i) {
        if (value < last[i]) {
            throw new AssertionError("IPv" + version + " " + name + " fell from " + last[i] + " to " + value + " on "
                    + s);
        }
        last[i] = value;
        return i + 1;
    }

    private static void relations(NetStack s, int version, CounterSet<IpCounter> c) {
        long in = c.get(IpCounter.IN_RECEIVES);
        long handled = c.get(IpCounter.IN_DELIVERS) + c.get(IpCounter.IN_FORW_DATAGRAMS);
        if (handled > in) {
            throw new AssertionError("IPv" + version + " InDelivers + InForwDatagrams = " + handled
                    + " > InReceives = " + in + " on " + s);
        }
        long sent = c.get(IpCounter.OUT_TRANSMITS);
        long offered = c.get(IpCounter.OUT_REQUESTS) + c.get(IpCounter.OUT_FORW_DATAGRAMS)
                + c.get(IpCounter.OUT_FRAG_CREATES);
        if (sent > offered) {
            throw new AssertionError("IPv" + version + " OutTransmits = " + sent
                    + " > OutRequests + OutForwDatagrams + OutFragCreates = " + offered + " on " + s);
        }
    }

    @SuppressWarnings("unchecked")
    private static CounterSet<IpCounter> ip(NetStack s, int version) {
        return (CounterSet<IpCounter>) s.counters().find(version == 4 ? "ipv4" : "ipv6").orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static CounterSet<IcmpCounter> icmp(NetStack s, int version) {
        return (CounterSet<IcmpCounter>) s.counters().find(version == 4 ? "icmp" : "icmp6").orElseThrow();
    }
}
