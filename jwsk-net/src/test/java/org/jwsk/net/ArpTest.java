package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jwsk.net.NeighborFixture.MAC_A;
import static org.jwsk.net.NeighborFixture.MAC_B;
import static org.jwsk.net.NeighborFixture.MAC_X;
import static org.jwsk.net.NeighborFixture.counter;
import static org.jwsk.net.NeighborFixture.entry;

import java.time.Duration;
import java.util.List;
import org.jwsk.link.tap.testing.TestFrames;
import org.jwsk.net.NeighborInfo.State;
import org.jwsk.net.testing.LinkTap;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.arp.ArpOperation;
import org.jwsk.wire.arp.ArpRepr;
import org.jwsk.wire.ethernet.EtherType;
import org.junit.jupiter.api.Test;

/** ARP on a stack's interface, spoken to in raw frames: RFC 826, RFC 1122 §2.3.2, RFC 5227. */
class ArpTest {

    private static final Ipv4Address A = Ipv4Address.parse("192.0.2.1");
    private static final Ipv4Address X = Ipv4Address.parse("192.0.2.77");

    private static void inject(NeighborFixture f, MacAddress ethDst, MacAddress ethSrc, ArpRepr arp) {
        f.tap.inject(TestFrames.ethernet(ethDst, ethSrc, EtherType.ARP, TestFrames.arp(arp)));
    }

    private static List<LinkTap.Arp> announcements(NeighborFixture f, Ipv4Address address) {
        return f.tap.arps().stream().filter(x -> x.arp().isGratuitous() && x.arp().senderIp().equals(address))
                .toList();
    }

    @Test
    void addingAnAddress_announcesItTwice_twoSecondsApart() {
        try (NeighborFixture f = new NeighborFixture(21)) {
            f.quiet();
            Ipv4Address added = Ipv4Address.parse("192.0.2.50");
            long t0 = f.net.now();
            f.a.addAddress(f.ia, InterfaceAddress.parse("192.0.2.50/24"), f.net.now());
            f.net.run(Duration.ofSeconds(5));

            List<LinkTap.Arp> sent = announcements(f, added);
            assertEquals(2, sent.size(), "RFC 5227 §2.3: ANNOUNCE_NUM");
            for (LinkTap.Arp a : sent) {
                assertEquals(ArpRepr.announcement(MAC_A, added), a.arp(), "a request, target MAC zero");
                assertEquals(MacAddress.BROADCAST, a.eth().dst());
            }
            List<Long> at = f.tap.sent().stream().filter(s -> LinkTap.arp(s.bytes()).isPresent()).map(s -> s.at())
                    .toList();
            assertEquals(2, at.size());
            assertEquals(t0, at.get(0));
            assertEquals(t0 + 2_000_000_000L, at.get(1), "ANNOUNCE_INTERVAL");
            assertTrue(counter(f.a, "arp", "outAnnouncements") >= 4, "192.0.2.1 was announced too");
        }
    }

    @Test
    void announcement_updatesAnExistingEntry_butCreatesNone() {
        try (NeighborFixture f = new NeighborFixture(22)) {
            f.quiet();
            f.send(f.a, "192.0.2.2", "x");
            f.net.settle();
            assertEquals(MAC_B, entry(f.a, f.ia, "192.0.2.2").mac());
            // b's address moves to another NIC, which announces it (RFC 826 merge: update the existing entry)
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.announcement(MAC_X, Ipv4Address.parse("192.0.2.2")));
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.announcement(MAC_X, X));
            f.net.settle();
            NeighborInfo moved = entry(f.a, f.ia, "192.0.2.2");
            assertEquals(MAC_X, moved.mac());
            assertEquals(State.STALE, moved.state(), "a new address is not yet confirmed");
            assertNull(entry(f.a, f.ia, X.toString()), "a gratuitous ARP makes no entry (Linux arp_accept 0)");
        }
    }

    @Test
    void requestForUs_isAnswered_andTeachesTheSender() {
        try (NeighborFixture f = new NeighborFixture(23)) {
            f.quiet();
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.request(MAC_X, X, A));
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.request(MAC_X, X, Ipv4Address.parse("192.0.2.200")));
            f.net.settle();
            List<LinkTap.Arp> replies = f.tap.arps().stream().filter(x -> x.arp().operation() == ArpOperation.REPLY)
                    .toList();
            assertEquals(1, replies.size(), "only for our own address");
            assertEquals(new ArpRepr(ArpOperation.REPLY, MAC_A, A, MAC_X, X), replies.getFirst().arp());
            assertEquals(MAC_X, replies.getFirst().eth().dst(), "unicast to the asker");
            assertEquals(State.STALE, entry(f.a, f.ia, X.toString()).state(), "RFC 4861 §7.2.3's rule for ARP");
            assertEquals(MAC_X, entry(f.a, f.ia, X.toString()).mac());
            assertEquals(1L, counter(f.a, "arp", "inSolicits"));
            assertEquals(1L, counter(f.a, "arp", "outAdverts"));
        }
    }

    @Test
    void unsolicitedReply_makesNoEntry() {
        try (NeighborFixture f = new NeighborFixture(24)) {
            f.quiet();
            long ignored = counter(f.a, "arp", "inIgnored");
            inject(f, MAC_A, MAC_X, new ArpRepr(ArpOperation.REPLY, MAC_X, X, MAC_A, A));
            f.net.settle();
            assertNull(entry(f.a, f.ia, X.toString()));
            assertEquals(ignored + 1, counter(f.a, "arp", "inIgnored"));
        }
    }

    @Test
    void conflictingArp_isCountedReportedAndDefendedOncePerDefendInterval() {
        try (NeighborFixture f = new NeighborFixture(25)) {
            f.quiet();
            ArpRepr claim = ArpRepr.announcement(MAC_X, A); // another host says 192.0.2.1 is at its MAC
            inject(f, MacAddress.BROADCAST, MAC_X, claim);
            f.net.settle();
            inject(f, MacAddress.BROADCAST, MAC_X, claim);
            f.net.run(Duration.ofSeconds(9));
            assertEquals(1, announcements(f, A).size(), "RFC 5227 §2.4 (b): one defence within DEFEND_INTERVAL");
            inject(f, MAC_A, MAC_X, new ArpRepr(ArpOperation.REPLY, MAC_X, A, MAC_A, A)); // a reply claims it too
            f.net.settle();

            assertEquals(2, announcements(f, A).size(), "defended again after DEFEND_INTERVAL");
            assertEquals(ArpRepr.announcement(MAC_A, A), announcements(f, A).getFirst().arp());
            assertEquals(3L, counter(f.a, "arp", "conflicts"));
            assertEquals(2L, counter(f.a, "arp", "defenses"));
            List<AddressConflict> report = f.a.addressConflicts(f.ia);
            assertEquals(List.of(true, false, true), report.stream().map(AddressConflict::defended).toList());
            assertEquals(MAC_X, report.getFirst().claimant());
            assertEquals(A, report.getFirst().address());
            assertNull(entry(f.a, f.ia, A.toString()), "our own address never enters the cache");
        }
    }

    @Test
    void probeForOurAddress_isAnsweredWithoutTouchingTheCache() {
        try (NeighborFixture f = new NeighborFixture(26)) {
            f.quiet();
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.probe(MAC_X, A));
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.probe(MAC_X, X));
            f.net.settle();
            List<LinkTap.Arp> replies = f.tap.arps();
            assertEquals(1, replies.size(), "the holder answers; a probe for a free address gets nothing");
            assertEquals(new ArpRepr(ArpOperation.REPLY, MAC_A, A, MAC_X, Ipv4Address.ANY), replies.getFirst().arp());
            assertEquals(MAC_X, replies.getFirst().eth().dst());
            assertTrue(f.a.neighbors(f.ia).stream().noneMatch(e -> e.address().version() == 4),
                    "RFC 5227 §2.1.1: probes never enter a cache");
            assertEquals(2L, counter(f.a, "arp", "inProbes"));
            assertEquals(0L, counter(f.a, "arp", "conflicts"));
        }
    }

    @Test
    void impossibleSenders_areDroppedAndCounted() {
        try (NeighborFixture f = new NeighborFixture(27)) {
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.request(MacAddress.BROADCAST, X, A));
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.request(MacAddress.parse("01:00:5e:00:00:01"), X, A));
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.request(MAC_X, Ipv4Address.parse("224.0.0.1"), A));
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.request(MAC_X, Ipv4Address.parse("192.0.2.255"), A));
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.request(MAC_X, Ipv4Address.parse("127.0.0.1"), A));
            byte[] shortArp = java.util.Arrays.copyOf(TestFrames.arp(ArpRepr.request(MAC_X, X, A)), 20);
            f.tap.inject(TestFrames.ethernet(MacAddress.BROADCAST, MAC_X, EtherType.ARP, shortArp));
            f.net.settle();
            assertEquals(5L, counter(f.a, "netdrops", "ipArpInvalid"));
            assertEquals(5L, counter(f.a, "arp", "inInvalid"));
            assertEquals(1L, counter(f.a, "wiredrops", "arpInTruncated"));
            assertTrue(f.a.neighbors(f.ia).isEmpty());
            assertEquals(0L, counter(f.a, "arp", "outAdverts"));
        }
    }

    @Test
    void weakHostInterface_answersForTheCompartmentsOtherAddresses_strongHostDoesNot() {
        try (NeighborFixture f = new NeighborFixture(28)) {
            var w = f.net.wire(org.jwsk.link.virt.WireConfig.ethernet("e2"));
            f.a.addInterface(w.endA(), InterfaceConfig.of("e2", MacAddress.parse("02:00:00:00:00:0c"),
                    "198.51.100.1/24").withIpv6(Ipv6Options.DISABLED), f.net.now());
            Ipv4Address other = Ipv4Address.parse("198.51.100.1");
            f.quiet();
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.request(MAC_X, X, other));
            f.net.settle();
            assertEquals(0, f.tap.arps().size(), "strong host: not this interface's address");
            f.a.setHostModel(f.ia, HostModel.WEAK);
            inject(f, MacAddress.BROADCAST, MAC_X, ArpRepr.request(MAC_X, X, other));
            f.net.settle();
            assertEquals(1, f.tap.arps().size(), "weak host, as Linux's arp_ignore 0");
        }
    }
}
