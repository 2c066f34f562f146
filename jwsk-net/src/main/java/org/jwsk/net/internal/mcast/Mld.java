package org.jwsk.net.internal.mcast;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.net.NetDrop;
import org.jwsk.net.SendStatus;
import org.jwsk.net.internal.Addr6;
import org.jwsk.net.internal.Icmp6;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.icmpv6.Icmpv6Repr;
import org.jwsk.wire.icmpv6.Icmpv6Type;
import org.jwsk.wire.icmpv6.Icmpv6View;
import org.jwsk.wire.icmpv6.MldLayout;
import org.jwsk.wire.icmpv6.MldRecord;
import org.jwsk.wire.icmpv6.MldRepr;
import org.jwsk.wire.icmpv6.MldView;
import org.jwsk.wire.ipv6.Ipv6HeaderWalker;
import org.jwsk.wire.ipv6.Ipv6Layout;
import org.jwsk.wire.ipv6.Ipv6OptionType;
import org.jwsk.wire.ipv6.Ipv6View;

/**
 * Multicast Listener Discovery on hosts: MLDv2 (RFC 3810) with MLDv1 compatibility (RFC 2710, RFC 3810 §8). Reports
 * the first join and the last leave of every group an Ethernet interface listens to, and answers queries, through the
 * shared {@link MembershipReporter}; this class is the ICMPv6 side of it: validating queries, building reports.
 *
 * <p>Reports go from the interface's link-local address, or from :: while it has none usable (during DAD, RFC 3810
 * §5.2.13), with hop limit 1 and a Router Alert (RFC 3810 §5). MLDv2 reports go to ff02::16 (§5.2.14), MLDv1 reports
 * to the group and Dones to ff02::2 (RFC 2710 §3, §5). ff02::1 and groups of interface-local or reserved scope are
 * never reported (RFC 3810 §6). Only Ethernet interfaces run MLD: an IP link (TUN) is point-to-point and has no
 * link-local address in jwsk.
 *
 * <p>Owned by the stack's thread.
 */
final class Mld implements StackCore.MembershipObserver, Icmp6.MessageHandler, MembershipReporter.Channel {

    private static final long ALL_NODES_HI = 0xff02_0000_0000_0000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** IPv6 header, the 8-byte Hop-by-Hop header with the Router Alert, the report header. */
    private static final int REPORT_OVERHEAD = Ipv6Layout.HEADER_LENGTH + 8 + MldLayout.RECORDS_OFFSET;

    private final StackCore core;
    private final LinkScopeSender sender;
    private final CounterSet<MembershipCounter> counters;
    private final MembershipReporter reporter;
    private final MldView mld = new MldView();
    private final Ipv6HeaderWalker walker = new Ipv6HeaderWalker();

    Mld(StackCore core, LinkScopeSender sender) {
        this.core = core;
        this.sender = sender;
        this.counters = core.counters().register(CounterSet.of("mld", MembershipCounter.class));
        this.reporter = new MembershipReporter(core, this, counters);
    }

    MembershipReporter reporter() {
        return reporter;
    }

    // ---------------------------------------------------------------------------------------- memberships

    @Override
    public void onJoined6(Nic nic, long hi, long lo, long now) {
        reporter.onJoined(nic, new MembershipReporter.GroupKey(hi, lo), now);
    }

    @Override
    public void onLeft6(Nic nic, long hi, long lo, long now) {
        reporter.onLeft(nic, new MembershipReporter.GroupKey(hi, lo), now);
    }

    // ------------------------------------------------------------------------------------------- receiving

    /** An MLD message for this host (a query, or another listener's report or done). <b>Takes ownership.</b> */
    @Override
    public void onMessage(Nic nic, PacketBuf packet, int upperOffset, Ipv6View ip, Icmpv6View message, long now) {
        try {
            if (!eligible(nic)) {
                return;
            }
            mld.wrap(message.segment(), message.offset(), message.length());
            switch (message.type()) {
                case Icmpv6Type.MLD_QUERY -> query(nic, packet, ip, now);
                case Icmpv6Type.MLD_V1_REPORT -> {
                    if (isLinkLocal(ip.srcHi()) && ip.hopLimit() == 1) {
                        reporter.onOtherReport(nic, new MembershipReporter.GroupKey(mld.multicastHi(),
                                mld.multicastLo()), now);
                    }
                }
                default -> {
                    // MLDv2 reports and MLDv1 Dones are for routers: a host ignores them (RFC 3810 §6.2)
                }
            }
        } finally {
            packet.release();
        }
    }

    /**
     * RFC 3810 §6.2: a query counts only from a link-local source, with hop limit 1 and a Router Alert in a
     * Hop-by-Hop header (RFC 3810 §5.1.14 for the source); its address is :: or a multicast address.
     */
    private void query(Nic nic, PacketBuf packet, Ipv6View ip, long now) {
        long gHi = mld.multicastHi();
        long gLo = mld.multicastLo();
        boolean groupOk = (gHi == 0 && gLo == 0) || (gHi >>> 56) == 0xff;
        DropReason chain = walker.walk(packet.segment(), packet.offset(), packet.length());
        if (!isLinkLocal(ip.srcHi()) || ip.hopLimit() != 1 || !groupOk || chain.isDrop()
                || walker.routerAlert() != Ipv6OptionType.ROUTER_ALERT_MLD) {
            counters.increment(MembershipCounter.IN_INVALID);
            core.drop(NetDrop.MLD_INVALID);
            return;
        }
        long maxResponse = mld.maxResponseDelay() * NANOS_PER_MILLI;
        if (!mld.isV2Query()) {
            reporter.onQuery(nic, new MembershipReporter.Query(1, new MembershipReporter.GroupKey(gHi, gLo),
                    maxResponse, 0, 0, List.of()), now);
            return;
        }
        List<MembershipReporter.GroupKey> sources = new ArrayList<>(mld.numberOfSources());
        for (int i = 0; i < mld.numberOfSources(); i++) {
            Ipv6Address s = Ipv6Address.read(mld.segment(), mld.sourceOffset(i));
            sources.add(new MembershipReporter.GroupKey(s.hi(), s.lo()));
        }
        reporter.onQuery(nic, new MembershipReporter.Query(2, new MembershipReporter.GroupKey(gHi, gLo), maxResponse,
                mld.robustness(), mld.queryInterval() * 1_000_000_000L, sources), now);
    }

    // -------------------------------------------------------------------------------------------- channel

    @Override
    public int newestVersion() {
        return 2;
    }

    @Override
    public boolean eligible(Nic nic) {
        return nic.isEthernet() && !nic.isLoopback() && nic.ipv6Options().enabled();
    }

    /** RFC 3810 §6: never ff02::1, nor a group of scope 0 (reserved) or 1 (interface-local). */
    @Override
    public boolean reportable(MembershipReporter.GroupKey g) {
        int scope = (int) (g.hi() >>> 48) & 0xf;
        return scope >= 2 && !(g.hi() == ALL_NODES_HI && g.lo() == 1);
    }

    @Override
    public boolean joined(Nic nic, MembershipReporter.GroupKey g) {
        return nic.joined6(g.hi(), g.lo());
    }

    @Override
    public List<MembershipReporter.GroupKey> groups(Nic nic) {
        return nic.groups6().stream().map(g -> new MembershipReporter.GroupKey(g[0], g[1])).toList();
    }

    /** Version 2 reports to ff02::16, as many as the link MTU needs (RFC 3810 §5.2.15). */
    @Override
    public void sendReport(Nic nic, List<MembershipReporter.Record> records, boolean stateChange, long now) {
        int room = nic.mtu6() - REPORT_OVERHEAD;
        List<MldRecord> batch = new ArrayList<>();
        int used = 0;
        for (MembershipReporter.Record r : records) {
            MldRecord record = new MldRecord(r.type(), address(r.group()),
                    r.sources().stream().map(Mld::address).toList());
            if (!batch.isEmpty() && used + record.length() > room) {
                send(nic, Ipv6Address.ALL_MLDV2_ROUTERS, new MldRepr.V2Report(batch), stateChange
                        ? MembershipCounter.OUT_STATE_CHANGE_REPORTS : MembershipCounter.OUT_CURRENT_STATE_REPORTS, now);
                batch = new ArrayList<>();
                used = 0;
            }
            batch.add(record);
            used += record.length();
        }
        send(nic, Ipv6Address.ALL_MLDV2_ROUTERS, new MldRepr.V2Report(batch), stateChange
                ? MembershipCounter.OUT_STATE_CHANGE_REPORTS : MembershipCounter.OUT_CURRENT_STATE_REPORTS, now);
    }

    @Override
    public void sendLegacyReport(Nic nic, int version, MembershipReporter.GroupKey group, long now) {
        Ipv6Address g = address(group);
        send(nic, g, new MldRepr.V1Report(g), MembershipCounter.OUT_LEGACY_REPORTS, now);
    }

    @Override
    public void sendLegacyLeave(Nic nic, int version, MembershipReporter.GroupKey group, long now) {
        send(nic, Ipv6Address.ALL_ROUTERS, new MldRepr.V1Done(address(group)), MembershipCounter.OUT_LEAVES, now);
    }

    private void send(Nic nic, Ipv6Address dst, Icmpv6Repr message, MembershipCounter counter, long now) {
        Addr6 src = linkLocal(nic);
        SendStatus s = sender.sendIcmp6(nic, src == null ? 0 : src.hi(), src == null ? 0 : src.lo(), dst.hi(),
                dst.lo(), 1, true, message, now);
        counters.increment(s.isOk() ? counter : MembershipCounter.OUT_FAILED);
    }

    /** The interface's usable link-local address, or null (RFC 3810 §5.2.13: then the report goes from ::). */
    static Addr6 linkLocal(Nic nic) {
        for (Addr6 a : nic.addrs6()) {
            if (isLinkLocal(a.hi()) && a.isAssigned()) {
                return a;
            }
        }
        return null;
    }

    static boolean isLinkLocal(long hi) {
        return (hi & 0xffc0_0000_0000_0000L) == 0xfe80_0000_0000_0000L;
    }

    private static Ipv6Address address(MembershipReporter.GroupKey g) {
        return new Ipv6Address(g.hi(), g.lo());
    }
}
