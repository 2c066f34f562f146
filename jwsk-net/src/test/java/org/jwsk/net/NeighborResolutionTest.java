package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.NeighborFixture.MAC_A;
import static org.jwsk.net.NeighborFixture.MAC_B;
import static org.jwsk.net.NeighborFixture.MAC_X;
import static org.jwsk.net.NeighborFixture.counter;
import static org.jwsk.net.NeighborFixture.entry;
import static org.jwsk.net.NeighborFixture.texts;

import java.time.Duration;
import java.util.List;
import org.jwsk.link.fault.FaultConfig;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.link.virt.WireDirection;
import org.jwsk.net.NeighborInfo.State;
import org.jwsk.net.testing.LinkTap;
import org.jwsk.wire.addr.IpAddress;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.arp.ArpOperation;
import org.jwsk.wire.icmpv6.NdpRepr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Address resolution between stacks on an Ethernet wire: ARP and NDP, queues, the table's limits, the snapshot. */
class NeighborResolutionTest {

    @Test
    void unknownNeighbors_areResolved_thenTheQueuedPacketsDelivered_bothFamilies() {
        try (NeighborFixture f = new NeighborFixture(1)) {
            assertEquals(SendStatus.QUEUED, f.send(f.a, "192.0.2.2", "v4"));
            assertEquals(SendStatus.QUEUED, f.send(f.a, "2001:db8::2", "v6"));
            assertEquals(State.INCOMPLETE, f.stateAtA("192.0.2.2"));
            assertEquals(State.INCOMPLETE, f.stateAtA("2001:db8::2"));
            f.net.settle();

            assertEquals(List.of("v4", "v6"), texts(f.tb));
            assertEquals(State.REACHABLE, f.stateAtA("192.0.2.2"), "a solicited answer confirms reachability");
            assertEquals(State.REACHABLE, f.stateAtA("2001:db8::2"));
            assertEquals(MAC_B, entry(f.a, f.ia, "192.0.2.2").mac());
            assertEquals(MAC_B, entry(f.a, f.ia, "2001:db8::2").mac());
            // b learned a from the request and the solicitation (RFC 826; RFC 4861 §7.2.3)
            assertEquals(MAC_A, entry(f.b, f.ib, "192.0.2.1").mac());
            assertEquals(MAC_A, entry(f.b, f.ib, "2001:db8::1").mac());

            LinkTap.Arp request = f.tap.arps().getFirst();
            assertEquals(ArpOperation.REQUEST, request.arp().operation());
            assertEquals(MacAddress.BROADCAST, request.eth().dst());
            assertEquals(IpAddress.parse("192.0.2.1"), request.arp().senderIp());
            LinkTap.Ndp ns = f.tap.icmp6().stream().filter(d -> d.message() instanceof NdpRepr.NeighborSolicitation)
                    .findFirst().orElseThrow();
            assertEquals(IpAddress.parse("ff02::1:ff00:2"), ns.ip().dst(), "to the solicited-node group");
            assertEquals(MacAddress.parse("33:33:ff:00:00:02"), ns.eth().dst());
            assertEquals(255, ns.ip().hopLimit());
            assertEquals(IpAddress.parse("2001:db8::1"), ns.ip().src(), "from the waiting packet's source");
            assertEquals(1L, counter(f.a, "arp", "outSolicits"));
            assertEquals(1L, counter(f.a, "ndp", "outSolicits"));
            assertEquals(1L, counter(f.a, "arp", "resolved"));
        }
    }

    @Test
    void resolvedNeighbor_sendsAtOnce() {
        try (NeighborFixture f = new NeighborFixture(2)) {
            f.send(f.a, "192.0.2.2", "first");
            f.net.settle();
            assertEquals(SendStatus.SENT, f.send(f.a, "192.0.2.2", "second"));
            f.net.settle();
            assertEquals(List.of("first", "second"), texts(f.tb));
            assertEquals(1L, counter(f.a, "arp", "outSolicits"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.2", "2001:db8::2"})
    void queueOverflow_dropsTheOldestFirst_andCountsThem(String dst) {
        try (NeighborFixture f = new NeighborFixture(3, NeighborFixture.limits(3, 1024),
                WireConfig.ethernet("small-queue"))) {
            for (int i = 0; i < 5; i++) {
                assertEquals(SendStatus.QUEUED, f.send(f.a, dst, "p" + i));
            }
            assertEquals(3, entry(f.a, f.ia, dst).queued(), "three wait: the queue's packet limit");
            f.net.settle();
            assertEquals(List.of("p2", "p3", "p4"), texts(f.tb));
            String group = dst.contains(":") ? "ndp" : "arp";
            assertEquals(2L, counter(f.a, group, "queueOverflows"));
            assertEquals(5L, counter(f.a, group, "queued"));
            assertEquals(2L, counter(f.a, "netdrops", "ipNeighborQueueFull"));
            assertEquals(2L, counter(f.a, dst.contains(":") ? "ipv6" : "ipv4", "ipSystemStatsOutDiscards"));
        }
    }

    @Test
    void twentyPercentLoss_resolutionSucceedsThanksToRetransmission() {
        FaultConfig lossy = FaultConfig.NONE.withLoss(0.2);
        try (NeighborFixture f = new NeighborFixture(20, NetConfig.NeighborConfig.DEFAULTS,
                WireConfig.ethernet("lossy").withFaults(lossy))) {
            int n = 20;
            for (int i = 0; i < n; i++) {
                f.b.addAddress(f.ib, InterfaceAddress.parse("192.0.2." + (10 + i) + "/24"), f.net.now());
                f.b.addAddress(f.ib, InterfaceAddress.parse("2001:db8::" + (10 + i) + "/64"), f.net.now());
            }
            f.net.run(Duration.ofSeconds(5)); // b's own announcements, lost or not, change nothing at a
            for (int i = 0; i < n; i++) {
                f.send(f.a, "192.0.2." + (10 + i), "v4-" + i);
                f.send(f.a, "2001:db8::" + (10 + i), "v6-" + i);
            }
            f.net.run(Duration.ofSeconds(10));

            List<NeighborInfo> targets = f.a.neighbors(f.ia).stream().filter(e -> !e.address().equals(
                    IpAddress.parse("192.0.2.2")) && !e.address().equals(IpAddress.parse("2001:db8::2"))
                    && !e.address().toString().startsWith("fe80")).toList();
            long resolved = targets.stream().filter(e -> e.mac() != null).count();
            long failed = targets.stream().filter(e -> e.state() == State.FAILED).count();
            long solicits = counter(f.a, "arp", "outSolicits") + counter(f.a, "ndp", "outSolicits");
            long lost = f.wire.faultCounters(WireDirection.A_TO_B).snapshot().get("faultDropped")
                    + f.wire.faultCounters(WireDirection.B_TO_A).snapshot().get("faultDropped");
            System.out.printf("20%% loss: %d of %d resolved, %d failed, %d solicitations (%d retransmissions),"
                    + " %d frames lost on the wire, %d packets delivered%n", resolved, 2 * n, failed, solicits,
                    solicits - 2 * n, lost, f.tb.received().size());
            assertEquals(2 * n, resolved + failed, "every resolution ended one way or the other");
            assertEquals(failed, counter(f.a, "arp", "resFailed") + counter(f.a, "ndp", "resFailed"));
            // One try succeeds with 0.8 × 0.8 = 64 %; three tries with 95 %.
            assertTrue(resolved >= 36, resolved + " of 40 resolved");
            assertTrue(solicits - 2 * n >= 10, "retransmissions did the work: " + (solicits - 2 * n));
            assertTrue(lost > 0);
        }
    }

    @Test
    void fullTable_evictsTheLeastRecentlyUsedEntry() {
        try (NeighborFixture f = new NeighborFixture(4, NeighborFixture.limits(3, 4), WireConfig.ethernet("e"))) {
            for (int i = 10; i <= 13; i++) {
                f.b.addAddress(f.ib, InterfaceAddress.parse("192.0.2." + i + "/24"), f.net.now());
            }
            f.net.settle();
            for (String dst : List.of("192.0.2.2", "192.0.2.10", "192.0.2.11", "192.0.2.12")) {
                f.send(f.a, dst, dst);
                f.net.settle();
            }
            f.send(f.a, "192.0.2.2", "again"); // .2 is now the most recently used; .10 the least
            f.net.settle();
            f.send(f.a, "192.0.2.13", "new");
            f.net.settle();
            assertNull(entry(f.a, f.ia, "192.0.2.10"), "the least recently used went");
            assertNotNull(entry(f.a, f.ia, "192.0.2.2"));
            assertNotNull(entry(f.a, f.ia, "192.0.2.13"));
            assertEquals(4, f.a.neighbors(f.ia).stream().filter(e -> e.address().version() == 4).count());
            assertEquals(1L, counter(f.a, "arp", "evictions"));
            assertEquals(6, f.tb.received().size());
        }
    }

    @Test
    void eviction_sparesPermanentEntries_andEntriesWithQueuedPackets() {
        try (NeighborFixture f = new NeighborFixture(5, NeighborFixture.limits(3, 4), WireConfig.ethernet("e"))) {
            f.b.addAddress(f.ib, InterfaceAddress.parse("192.0.2.10/24"), f.net.now());
            f.b.addAddress(f.ib, InterfaceAddress.parse("192.0.2.11/24"), f.net.now());
            f.a.addPermanentNeighbor(f.ia, IpAddress.parse("192.0.2.50"), MAC_X); // the oldest entry
            f.send(f.a, "192.0.2.99", "nobody answers"); // INCOMPLETE with a packet waiting: next oldest
            f.send(f.a, "192.0.2.2", "b");
            f.send(f.a, "192.0.2.10", "b10");
            f.net.run(Duration.ofMillis(500));
            f.send(f.a, "192.0.2.11", "b11");
            f.net.run(Duration.ofMillis(100));

            assertEquals(State.PERMANENT, f.stateAtA("192.0.2.50"));
            assertEquals(State.INCOMPLETE, f.stateAtA("192.0.2.99"));
            assertEquals(1, entry(f.a, f.ia, "192.0.2.99").queued());
            assertNull(entry(f.a, f.ia, "192.0.2.2"), "the oldest entry that is neither permanent nor busy");
            assertNotNull(entry(f.a, f.ia, "192.0.2.11"));
            assertEquals(List.of("b", "b10", "b11"), texts(f.tb));
        }
    }

    @Test
    void tableOfPermanentEntriesOnly_dropsPacketsForNewNeighbors() {
        try (NeighborFixture f = new NeighborFixture(6, NeighborFixture.limits(3, 2), WireConfig.ethernet("e"))) {
            f.a.addPermanentNeighbor(f.ia, IpAddress.parse("192.0.2.50"), MAC_X);
            f.a.addPermanentNeighbor(f.ia, IpAddress.parse("192.0.2.51"), MAC_X);
            assertEquals(SendStatus.LINK_DROPPED, f.send(f.a, "192.0.2.2", "no room"));
            assertEquals(1L, counter(f.a, "netdrops", "ipNeighborTableFull"));
            assertEquals(1L, counter(f.a, "arp", "tableFulls"));
        }
    }

    @Test
    void snapshot_showsAddressMacStateAndRouterFlag_likeIpNeigh() {
        try (NeighborFixture f = new NeighborFixture(7)) {
            f.a.addPermanentNeighbor(f.ia, IpAddress.parse("192.0.2.77"), MAC_X);
            f.send(f.a, "192.0.2.2", "x");
            f.send(f.a, "2001:db8::2", "y");
            f.send(f.a, "192.0.2.99", "z");
            f.net.run(Duration.ofMillis(100));

            List<NeighborInfo> all = f.a.neighbors(f.ia);
            assertTrue(all.contains(new NeighborInfo(f.ia, IpAddress.parse("192.0.2.2"), MAC_B, State.REACHABLE, false,
                    0)), all::toString);
            assertTrue(all.contains(new NeighborInfo(f.ia, IpAddress.parse("2001:db8::2"), MAC_B, State.REACHABLE,
                    false, 0)), all::toString);
            assertTrue(all.contains(new NeighborInfo(f.ia, IpAddress.parse("192.0.2.77"), MAC_X, State.PERMANENT,
                    false, 0)), all::toString);
            assertTrue(all.contains(new NeighborInfo(f.ia, IpAddress.parse("192.0.2.99"), null, State.INCOMPLETE,
                    false, 1)), all::toString);
            assertEquals(4, all.size(), all::toString);
            assertTrue(all.indexOf(entry(f.a, f.ia, "192.0.2.2")) < all.indexOf(entry(f.a, f.ia, "2001:db8::2")),
                    "IPv4 first");
            assertEquals("192.0.2.2 dev " + f.ia + " lladdr 02:00:00:00:00:0b REACHABLE",
                    entry(f.a, f.ia, "192.0.2.2").toString());
            assertTrue(f.a.neighbors(f.a.interfaceNamed("lo")).isEmpty(), "no neighbours on loopback");
        }
    }

    @Test
    void permanentNeighbor_addedBeforeAnyAddress_survivesTheTakeOver_andIsUsed() {
        try (NeighborFixture f = new NeighborFixture(8)) {
            var wire = f.net.wire(WireConfig.ethernet("e2"));
            InterfaceId ic = f.a.addInterface(wire.endA(), new InterfaceConfig("e2", CompartmentId.DEFAULT, MAC_A,
                    List.of(), HostModel.STRONG, false, false, Ipv6Options.DISABLED), f.net.now());
            f.a.addPermanentNeighbor(ic, IpAddress.parse("198.51.100.2"), MAC_B);
            InterfaceId id = f.b.addInterface(wire.endB(), InterfaceConfig.of("e2", MAC_B, "198.51.100.2/24")
                    .withIpv6(Ipv6Options.DISABLED), f.net.now());
            f.a.addAddress(ic, InterfaceAddress.parse("198.51.100.1/24"), f.net.now()); // ARP takes over here
            assertEquals(State.PERMANENT, entry(f.a, ic, "198.51.100.2").state());
            assertEquals(SendStatus.SENT, f.send(f.a, "198.51.100.2", "direct"));
            f.net.settle();
            assertEquals(List.of("direct"), texts(f.tb));
            assertNull(entry(f.b, id, "198.51.100.1"), "a's announcement only updates existing entries (RFC 826"
                    + " merge), and a needed no ARP to reach b");
        }
    }
    @Test
    void removingTheInterface_dropsQueuedPackets_andStopsItsTimers() {
        try (NeighborFixture f = new NeighborFixture(9)) {
            f.send(f.a, "192.0.2.99", "waiting");
            f.send(f.a, "2001:db8::99", "waiting");
            f.a.removeInterface(f.ia, f.net.now());
            assertEquals(2L, counter(f.a, "netdrops", "ipInterfaceDown"));
            long solicits = counter(f.a, "arp", "outSolicits");
            f.net.run(Duration.ofSeconds(10)); // no timer of the gone interface fires
            assertEquals(solicits, counter(f.a, "arp", "outSolicits"));
            assertEquals(0L, counter(f.a, "arp", "resFailed"));
        }
    }

    @Test
    void linkDown_flushesDynamicEntries_keepsPermanentOnes() {
        try (NeighborFixture f = new NeighborFixture(10)) {
            f.a.addPermanentNeighbor(f.ia, IpAddress.parse("192.0.2.77"), MAC_X);
            f.send(f.a, "192.0.2.2", "x");
            f.net.settle();
            assertEquals(State.REACHABLE, f.stateAtA("192.0.2.2"));
            f.wire.cut(f.net.now());
            f.net.settle();
            assertEquals(List.of(new NeighborInfo(f.ia, IpAddress.parse("192.0.2.77"), MAC_X, State.PERMANENT, false,
                    0)), f.a.neighbors(f.ia));
        }
    }
}
