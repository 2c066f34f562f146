package org.jwsk.net.internal.mcast;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.IpRx;
import org.jwsk.net.NetDrop;
import org.jwsk.net.SendStatus;
import org.jwsk.net.TransportHandler;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.igmp.IgmpLayout;
import org.jwsk.wire.igmp.IgmpRecord;
import org.jwsk.wire.igmp.IgmpRepr;
import org.jwsk.wire.igmp.IgmpType;
import org.jwsk.wire.igmp.IgmpView;

/**
 * The Internet Group Management Protocol on hosts: IGMPv3 (RFC 3376) with IGMPv1 and IGMPv2 compatibility (RFC 3376
 * §7, RFC 1112, RFC 2236). Reports the first join and the last leave of every IPv4 group an Ethernet interface
 * listens to, and answers queries, through the shared {@link MembershipReporter}; this class is IGMP's side of it:
 * the transport handler of IP protocol 2, validating queries and building reports.
 *
 * <p>Messages go from the interface's primary address, or 0.0.0.0 without one (RFC 3376 §4.2.13), with TTL 1 and a
 * Router Alert (RFC 3376 §4). Version 3 reports go to 224.0.0.22 (§4.2.14), older reports to the group, Leave Group to
 * 224.0.0.2 (RFC 2236 §3). 224.0.0.1 is never reported (RFC 3376 §5).
 *
 * <p>Owned by the stack's thread.
 */
final class Igmp implements StackCore.MembershipObserver, TransportHandler, MembershipReporter.Channel {

    /** IPv4 header with the 4-byte Router Alert option, and the report header. */
    private static final int REPORT_OVERHEAD = 24 + IgmpLayout.RECORDS_OFFSET;
    private static final long NANOS_PER_TENTH = 100_000_000L;
    /** RFC 2236 §4 (RFC 3376 §7.1): an IGMPv1 query's Max Resp Time of 0 means 10 seconds. */
    private static final long V1_MAX_RESPONSE = 10_000_000_000L;

    private final StackCore core;
    private final LinkScopeSender sender;
    private final CounterSet<MembershipCounter> counters;
    private final MembershipReporter reporter;
    private final IgmpView view = new IgmpView();

    Igmp(StackCore core, LinkScopeSender sender) {
        this.core = core;
        this.sender = sender;
        this.counters = core.counters().register(CounterSet.of("igmp", MembershipCounter.class));
        this.reporter = new MembershipReporter(core, this, counters);
    }

    MembershipReporter reporter() {
        return reporter;
    }

    @Override
    public void onJoined4(Nic nic, int group, long now) {
        reporter.onJoined(nic, key(group), now);
    }

    @Override
    public void onLeft4(Nic nic, int group, long now) {
        reporter.onLeft(nic, key(group), now);
    }

    // ------------------------------------------------------------------------------------------- receiving

    /**
     * An IGMP message: queries are answered, older reports may suppress ours, the rest is for routers. <b>Takes
     * ownership</b> of the payload on every path, and always returns true: IGMP never draws a port unreachable.
     */
    @Override
    public boolean onPacket(IpRx rx, PacketBuf payload, long now) {
        try {
            DropReason r = IgmpView.check(payload.segment(), payload.offset(), payload.length());
            if (r.isDrop()) {
                core.wireDrop(r);
                return true;
            }
            view.wrap(payload.segment(), payload.offset(), payload.length());
            if (!rx.checksumVerified() && !view.verifyChecksum()) { // RFC 3376 §4.1.2: verified before anything
                core.wireDrop(DropReason.IGMP_BAD_CHECKSUM);
                return true;
            }
            Nic nic = core.nic(rx.ingress());
            if (!eligible(nic)) {
                return true;
            }
            switch (view.type()) {
                case IgmpType.MEMBERSHIP_QUERY -> query(nic, rx, now);
                case IgmpType.V1_MEMBERSHIP_REPORT, IgmpType.V2_MEMBERSHIP_REPORT ->
                        reporter.onOtherReport(nic, key(view.group()), now);
                default -> {
                    // Version 3 reports and leaves are for routers; unknown types are ignored (RFC 3376 §4)
                }
            }
            return true;
        } finally {
            payload.release();
        }
    }

    /**
     * A query: its version by length and code (RFC 3376 §7.1); a general query only to 224.0.0.1 when sent to a
     * multicast address (RFC 3376 §9.1), a group-specific one about a multicast group. A query to a unicast address
     * of ours is accepted (RFC 3376 §4.1.12).
     */
    private void query(Nic nic, IpRx rx, long now) {
        int group = view.group();
        int dst = rx.dstV4();
        boolean general = group == 0;
        if ((general && (dst >>> 28) == 0xe && dst != IgmpLayout.ALL_SYSTEMS) || (!general && (group >>> 28) != 0xe)) {
            counters.increment(MembershipCounter.IN_INVALID);
            core.drop(NetDrop.IGMP_INVALID);
            return;
        }
        int version = view.queryVersion();
        long maxResponse = version == 1 ? V1_MAX_RESPONSE : view.maxResponseTime() * NANOS_PER_TENTH;
        if (version < 3) {
            reporter.onQuery(nic, new MembershipReporter.Query(version, key(group), maxResponse, 0, 0, List.of()), now);
            return;
        }
        List<MembershipReporter.GroupKey> sources = new ArrayList<>(view.numberOfSources());
        for (int i = 0; i < view.numberOfSources(); i++) {
            sources.add(key(view.source(i)));
        }
        reporter.onQuery(nic, new MembershipReporter.Query(3, key(group), maxResponse, view.robustness(),
                view.queryInterval() * 1_000_000_000L, sources), now);
    }

    // -------------------------------------------------------------------------------------------- channel

    @Override
    public int newestVersion() {
        return 3;
    }

    @Override
    public boolean eligible(Nic nic) {
        return nic.isEthernet() && !nic.isLoopback();
    }

    /** RFC 3376 §5: the all-systems group 224.0.0.1 is never reported. */
    @Override
    public boolean reportable(MembershipReporter.GroupKey g) {
        return (int) g.lo() != IgmpLayout.ALL_SYSTEMS;
    }

    @Override
    public boolean joined(Nic nic, MembershipReporter.GroupKey g) {
        return nic.joined4((int) g.lo());
    }

    @Override
    public List<MembershipReporter.GroupKey> groups(Nic nic) {
        return nic.groups4().stream().map(Igmp::key).toList();
    }

    /** Version 3 reports to 224.0.0.22, as many as the MTU needs (RFC 3376 §4.2.16). */
    @Override
    public void sendReport(Nic nic, List<MembershipReporter.Record> records, boolean stateChange, long now) {
        MembershipCounter counter = stateChange ? MembershipCounter.OUT_STATE_CHANGE_REPORTS
                : MembershipCounter.OUT_CURRENT_STATE_REPORTS;
        int room = nic.mtu4() - REPORT_OVERHEAD;
        List<IgmpRecord> batch = new ArrayList<>();
        int used = 0;
        for (MembershipReporter.Record r : records) {
            IgmpRecord record = new IgmpRecord(r.type(), address(r.group()),
                    r.sources().stream().map(Igmp::address).toList());
            if (!batch.isEmpty() && used + record.length() > room) {
                send(nic, IgmpLayout.ALL_V3_ROUTERS, new IgmpRepr.V3Report(batch), counter, now);
                batch = new ArrayList<>();
                used = 0;
            }
            batch.add(record);
            used += record.length();
        }
        send(nic, IgmpLayout.ALL_V3_ROUTERS, new IgmpRepr.V3Report(batch), counter, now);
    }

    @Override
    public void sendLegacyReport(Nic nic, int version, MembershipReporter.GroupKey group, long now) {
        Ipv4Address g = address(group);
        IgmpRepr report = version == 1 ? new IgmpRepr.V1Report(g) : new IgmpRepr.V2Report(g);
        send(nic, g.value(), report, MembershipCounter.OUT_LEGACY_REPORTS, now);
    }

    /** IGMPv2 Leave Group to 224.0.0.2; IGMPv1 has none (RFC 2236 §3, RFC 3376 §7.2.1). */
    @Override
    public void sendLegacyLeave(Nic nic, int version, MembershipReporter.GroupKey group, long now) {
        if (version == 2) {
            send(nic, IgmpLayout.ALL_ROUTERS, new IgmpRepr.V2Leave(address(group)), MembershipCounter.OUT_LEAVES, now);
        }
    }

    private void send(Nic nic, int dst, IgmpRepr message, MembershipCounter counter, long now) {
        int src = nic.addrs4().isEmpty() ? 0 : nic.addrs4().getFirst().address();
        SendStatus s = sender.sendIgmp(nic, src, dst, message, now);
        counters.increment(s.isOk() ? counter : MembershipCounter.OUT_FAILED);
    }

    private static MembershipReporter.GroupKey key(int group) {
        return new MembershipReporter.GroupKey(0, group & 0xffff_ffffL);
    }

    private static Ipv4Address address(MembershipReporter.GroupKey g) {
        return new Ipv4Address((int) g.lo());
    }
}
