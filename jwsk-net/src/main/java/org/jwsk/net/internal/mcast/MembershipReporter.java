package org.jwsk.net.internal.mcast;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.net.internal.Nic;
import org.jwsk.net.internal.StackCore;

/**
 * The host side of multicast membership reporting, one engine per family: MLDv2 (RFC 3810 §6) and IGMPv3 (RFC 3376
 * §5) are the same protocol over different messages, and share it, older versions included (MLDv1, RFC 2710; IGMPv1
 * and v2, RFC 1112 and RFC 2236) through the host compatibility modes of RFC 3810 §8.2 and RFC 3376 §7.2. Messages,
 * addresses and validity are the family's {@link Channel}'s.
 *
 * <p>Every membership is EXCLUDE({}), all sources: jwsk has no source-filter API (RFC 3678) yet. So joining reports
 * CHANGE_TO_EXCLUDE_MODE({}) and leaving CHANGE_TO_INCLUDE_MODE({}) (RFC 3810 §6.1 table, RFC 3376 §5.1), a general or
 * group-specific query is answered MODE_IS_EXCLUDE({}), and a group-and-source-specific one MODE_IS_INCLUDE of the
 * queried sources, every one of which this host receives (RFC 3810 §6.3, RFC 3376 §5.2).
 *
 * <p>Per interface: the pending state changes with their retransmission counts, the Interface Timer for general
 * queries, one pending response per queried group (in compatibility mode: the per-group report timers), the
 * Robustness Variable and Query Interval learned from queries, and the Older Version Querier Present timers. Owned by
 * the stack's thread.
 */
final class MembershipReporter {

    /** Record types, the same numbers in MLDv2 (RFC 3810 §5.2.12) and IGMPv3 (RFC 3376 §4.2.12). */
    static final int MODE_IS_INCLUDE = 1;
    static final int MODE_IS_EXCLUDE = 2;
    static final int CHANGE_TO_INCLUDE_MODE = 3;
    static final int CHANGE_TO_EXCLUDE_MODE = 4;
    /** A pending unsolicited report in compatibility mode (not a record type). */
    private static final int LEGACY_REPORT = -1;

    /** RFC 3810 §9.1, RFC 3376 §8.1: the default Robustness Variable. */
    static final int DEFAULT_ROBUSTNESS = 2;
    /** RFC 3810 §9.2, RFC 3376 §8.2: the default Query Interval, 125 s. */
    static final long DEFAULT_QUERY_INTERVAL = 125_000_000_000L;
    /** RFC 3810 §9.11, RFC 3376 §8.11: the Unsolicited Report Interval of MLDv2 and IGMPv3, 1 s. */
    static final long UNSOLICITED_REPORT_INTERVAL = 1_000_000_000L;
    /** RFC 2710 §7.10, RFC 2236 §8.10: the Unsolicited Report Interval of MLDv1 and IGMPv1/v2, 10 s. */
    static final long LEGACY_UNSOLICITED_REPORT_INTERVAL = 10_000_000_000L;

    /** A group or source address: an IPv6 address, or an IPv4 one in the low 32 bits of {@code lo}. */
    record GroupKey(long hi, long lo) {
    }

    /** One record of a report: its type, the group, and the sources. */
    record Record(int type, GroupKey group, List<GroupKey> sources) {
    }

    /**
     * A valid query, as the family's channel decoded it.
     *
     * @param version        the protocol version of the query: 1 or 2 (MLD), 1, 2 or 3 (IGMP)
     * @param group          (0, 0) for a general query
     * @param maxResponse    the Maximum Response Delay in nanoseconds
     * @param robustness     the QRV, 0 when the query has none
     * @param queryInterval  the Querier's Query Interval in nanoseconds, 0 when the query has none
     * @param sources        the sources of a group-and-source-specific query, else empty
     */
    record Query(int version, GroupKey group, long maxResponse, int robustness, long queryInterval,
                 List<GroupKey> sources) {
        boolean isGeneral() {
            return group.hi() == 0 && group.lo() == 0;
        }
    }

    /** What the engine needs of a family: its messages and its rules on groups and interfaces. */
    interface Channel {
        /** The newest protocol version: 2 for MLD, 3 for IGMP. */
        int newestVersion();

        /** Whether the protocol runs on {@code nic} at all. */
        boolean eligible(Nic nic);

        /** Whether the group is ever reported (never the all-nodes or all-systems group). */
        boolean reportable(GroupKey group);

        /** Whether {@code nic} listens to the group. */
        boolean joined(Nic nic, GroupKey group);

        /** The groups {@code nic} listens to. */
        List<GroupKey> groups(Nic nic);

        /** Sends MLDv2 / IGMPv3 reports holding {@code records} (as many as the MTU needs). */
        void sendReport(Nic nic, List<Record> records, boolean stateChange, long now);

        /** Sends an older-version report for {@code group}: MLDv1, IGMPv1 or IGMPv2 as {@code version} says. */
        void sendLegacyReport(Nic nic, int version, GroupKey group, long now);

        /** Sends an MLDv1 Done or IGMPv2 Leave Group for {@code group}, if {@code version} has one. */
        void sendLegacyLeave(Nic nic, int version, GroupKey group, long now);
    }

    private final Channel channel;
    private final StackCore core;
    private final TimerQueue timers;
    private final RandomGenerator random;
    private final CounterSet<MembershipCounter> counters;
    private final Map<Nic, IfState> states = new IdentityHashMap<>();

    MembershipReporter(StackCore core, Channel channel, CounterSet<MembershipCounter> counters) {
        this.channel = channel;
        this.core = core;
        this.timers = core.timers();
        this.random = core.random();
        this.counters = counters;
    }

    /** A pending state change of one group: the record type and how many more reports carry it. */
    private static final class Change {
        final int type;
        int remaining;

        Change(int type, int remaining) {
            this.type = type;
            this.remaining = remaining;
        }
    }

    /** A pending answer to a query about one group: when, and for which sources (null: the whole group). */
    private static final class Response {
        long deadline;
        Set<GroupKey> sources;

        Response(long deadline, Set<GroupKey> sources) {
            this.deadline = deadline;
            this.sources = sources;
        }
    }

    /** One interface's reporting state. */
    private final class IfState {
        final Nic nic;
        final Map<GroupKey, Change> changes = new LinkedHashMap<>();
        final Map<GroupKey, Response> responses = new LinkedHashMap<>();
        final TimerQueue.Timer changeTimer;
        final TimerQueue.Timer generalTimer;
        final TimerQueue.Timer responseTimer;
        final TimerQueue.Timer modeTimer;
        /** Older Version Querier Present deadlines, by version (index 1 and 2). */
        final long[] olderQuerierUntil = {Deadlines.NONE, Deadlines.NONE, Deadlines.NONE};
        int robustness = DEFAULT_ROBUSTNESS;
        long queryInterval = DEFAULT_QUERY_INTERVAL;
        int mode = channel.newestVersion();

        IfState(Nic nic) {
            this.nic = nic;
            this.changeTimer = timers.newTimer(now -> sendChanges(this, now));
            this.generalTimer = timers.newTimer(now -> answerGeneralQuery(this, now));
            this.responseTimer = timers.newTimer(now -> answerGroupQueries(this, now));
            this.modeTimer = timers.newTimer(now -> updateMode(this, now));
        }

        boolean newest() {
            return mode == channel.newestVersion();
        }
    }

    // -------------------------------------------------------------------------------------------- state changes

    /**
     * {@code nic} started listening to a group: RFC 3810 §6.1 / RFC 3376 §5.1, a State Change Report at once and
     * [Robustness Variable] - 1 retransmissions; in compatibility mode an unsolicited older-version report, repeated
     * likewise (RFC 2710 §4, RFC 2236 §3).
     */
    void onJoined(Nic nic, GroupKey group, long now) {
        if (!channel.eligible(nic) || !channel.reportable(group)) {
            return;
        }
        counters.increment(MembershipCounter.JOINS);
        IfState s = state(nic);
        s.changes.put(group, new Change(s.newest() ? CHANGE_TO_EXCLUDE_MODE : LEGACY_REPORT, s.robustness));
        s.changeTimer.schedule(now); // "immediately": at this instant's timer run, with any other change of it
    }

    /**
     * {@code nic} stopped listening to a group: a State Change Report with its retransmissions, or in compatibility
     * mode one Done / Leave Group (none in IGMPv1, RFC 2236 §3 leaves it to the router's timeout).
     */
    void onLeft(Nic nic, GroupKey group, long now) {
        if (!channel.eligible(nic) || !channel.reportable(group)) {
            return;
        }
        counters.increment(MembershipCounter.LEAVES);
        IfState s = state(nic);
        s.responses.remove(group);
        if (s.newest()) {
            s.changes.put(group, new Change(CHANGE_TO_INCLUDE_MODE, s.robustness));
            s.changeTimer.schedule(now);
        } else {
            s.changes.remove(group);
            channel.sendLegacyLeave(nic, s.mode, group, now);
        }
    }

    /**
     * Announces every group of {@code nic} again as a state change, with its retransmissions: for MLD once the
     * interface's link-local address is usable (the reports sent from :: during DAD may have been ignored; Linux does
     * the same), and for both families when the interface runs again after being down (RFC 3810 §6.1, RFC 3376 §5.1:
     * the routers of a link it was away from must learn its memberships anew).
     */
    void announceAll(Nic nic, long now) {
        if (!channel.eligible(nic)) {
            return;
        }
        IfState s = state(nic);
        for (GroupKey g : channel.groups(nic)) {
            if (channel.reportable(g)) {
                s.changes.put(g, new Change(s.newest() ? CHANGE_TO_EXCLUDE_MODE : LEGACY_REPORT, s.robustness));
            }
        }
        if (!s.changes.isEmpty()) {
            s.changeTimer.schedule(now);
        }
    }

    /**
     * {@code nic} stopped running: nothing it would send could leave, so pending state-change reports, their
     * retransmissions and pending answers to queries are dropped and their timers stopped (Linux stops them likewise
     * when a device goes down). The compatibility mode and what queriers taught stay. When the interface runs again,
     * {@link #announceAll} reports every group afresh.
     */
    void suspend(Nic nic) {
        IfState s = states.get(nic);
        if (s == null) {
            return;
        }
        s.changes.clear();
        s.changeTimer.cancel();
        s.generalTimer.cancel();
        s.responses.clear();
        s.responseTimer.cancel();
    }

    private void sendChanges(IfState s, long now) {
        if (gone(s)) {
            return;
        }
        if (!s.nic.isRunning()) { // joined or left while down: announceAll reports the groups once it is up
            s.changes.clear();
            return;
        }
        List<Record> records = new ArrayList<>();
        for (Iterator<Map.Entry<GroupKey, Change>> it = s.changes.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<GroupKey, Change> e = it.next();
            Change c = e.getValue();
            if (c.type == LEGACY_REPORT) {
                channel.sendLegacyReport(s.nic, s.mode, e.getKey(), now);
            } else {
                records.add(new Record(c.type, e.getKey(), List.of()));
            }
            if (--c.remaining <= 0) {
                it.remove();
            }
        }
        if (!records.isEmpty()) {
            channel.sendReport(s.nic, records, true, now);
        }
        if (!s.changes.isEmpty()) { // retransmit within (0, Unsolicited Report Interval]
            long interval = s.newest() ? UNSOLICITED_REPORT_INTERVAL : LEGACY_UNSOLICITED_REPORT_INTERVAL;
            s.changeTimer.schedule(now + 1 + random.nextLong(interval));
        }
    }

    // ------------------------------------------------------------------------------------------------ queries

    /** A valid query arrived on {@code nic} (RFC 3810 §6.2, RFC 3376 §5.2; older versions §8.2 / §7.2). */
    void onQuery(Nic nic, Query q, long now) {
        if (!channel.eligible(nic)) {
            return;
        }
        counters.increment(MembershipCounter.IN_QUERIES);
        IfState s = state(nic);
        if (q.version() < channel.newestVersion()) {
            counters.increment(MembershipCounter.IN_WRONG_VERSION_QUERIES);
            // RFC 3810 §9.12, RFC 3376 §8.12: Older Version Querier Present Timeout
            s.olderQuerierUntil[q.version()] = now + s.robustness * s.queryInterval + q.maxResponse();
            updateMode(s, now);
        } else {
            if (q.robustness() != 0) { // RFC 3810 §5.1.8, RFC 3376 §4.1.6: adopt the querier's QRV
                s.robustness = q.robustness();
            }
            if (q.queryInterval() != 0) { // RFC 3810 §5.1.9, RFC 3376 §4.1.7
                s.queryInterval = q.queryInterval();
            }
        }
        if (s.newest()) {
            scheduleAnswer(s, q, now);
        } else {
            scheduleLegacyAnswers(s, q, now);
        }
    }

    /** The five rules of RFC 3810 §6.2 (RFC 3376 §5.2): when, and about what, to answer. */
    private void scheduleAnswer(IfState s, Query q, long now) {
        long at = now + delay(q.maxResponse());
        if (s.generalTimer.isScheduled() && s.generalTimer.deadline() - at <= 0) {
            return; // 1: a general answer goes sooner anyway
        }
        if (q.isGeneral()) {
            s.generalTimer.schedule(at); // 2: the Interface Timer; an earlier pending general answer is replaced
            return;
        }
        if (!channel.reportable(q.group()) || !channel.joined(s.nic, q.group())) {
            return;
        }
        Response r = s.responses.get(q.group());
        if (r == null) { // 3
            s.responses.put(q.group(), new Response(at, q.sources().isEmpty() ? null : new LinkedHashSet<>(q.sources())));
        } else {
            r.deadline = Math.min(r.deadline, at);
            if (q.sources().isEmpty() || r.sources == null) {
                r.sources = null; // 4: the whole group
            } else {
                r.sources.addAll(q.sources()); // 5: the union of the queried sources
            }
        }
        scheduleResponses(s);
    }

    /**
     * RFC 2710 §4 and RFC 2236 §3: a timer per queried group, drawn from (0, Max Response Time]; a running one is
     * kept if it would fire no later than the new Max Response Time.
     */
    private void scheduleLegacyAnswers(IfState s, Query q, long now) {
        List<GroupKey> groups = q.isGeneral() ? channel.groups(s.nic) : List.of(q.group());
        for (GroupKey g : groups) {
            if (!channel.reportable(g) || !channel.joined(s.nic, g)) {
                continue;
            }
            Response r = s.responses.get(g);
            if (r != null && r.deadline - (now + q.maxResponse()) <= 0) {
                continue;
            }
            long at = now + delay(q.maxResponse());
            if (r == null) {
                s.responses.put(g, new Response(at, null));
            } else {
                r.deadline = at;
            }
        }
        scheduleResponses(s);
    }

    /**
     * Another host reported a group (an older-version report, heard in compatibility mode): cancel our own pending
     * report of it (RFC 2710 §4, RFC 2236 §3). MLDv2 and IGMPv3 hosts never suppress (RFC 3810 §6.2, RFC 3376 §5.2).
     */
    void onOtherReport(Nic nic, GroupKey group, long now) {
        IfState s = states.get(nic);
        if (s != null && !s.newest() && s.responses.remove(group) != null) {
            counters.increment(MembershipCounter.IN_REPORTS_SUPPRESSING);
            scheduleResponses(s);
        }
    }

    private void answerGeneralQuery(IfState s, long now) {
        if (gone(s) || !s.newest()) {
            return;
        }
        List<Record> records = new ArrayList<>();
        for (GroupKey g : channel.groups(s.nic)) {
            if (channel.reportable(g)) {
                records.add(new Record(MODE_IS_EXCLUDE, g, List.of()));
            }
        }
        if (!records.isEmpty()) {
            channel.sendReport(s.nic, records, false, now);
        }
    }

    private void answerGroupQueries(IfState s, long now) {
        if (gone(s)) {
            return;
        }
        List<Record> records = new ArrayList<>();
        for (Iterator<Map.Entry<GroupKey, Response>> it = s.responses.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<GroupKey, Response> e = it.next();
            Response r = e.getValue();
            if (r.deadline - now > 0) {
                continue;
            }
            it.remove();
            GroupKey g = e.getKey();
            if (!channel.joined(s.nic, g)) {
                continue;
            }
            if (!s.newest()) {
                channel.sendLegacyReport(s.nic, s.mode, g, now);
            } else if (r.sources == null) {
                records.add(new Record(MODE_IS_EXCLUDE, g, List.of()));
            } else {
                records.add(new Record(MODE_IS_INCLUDE, g, List.copyOf(r.sources)));
            }
        }
        if (!records.isEmpty()) {
            channel.sendReport(s.nic, records, false, now);
        }
        scheduleResponses(s);
    }

    private void scheduleResponses(IfState s) {
        long next = Deadlines.NONE;
        for (Response r : s.responses.values()) {
            next = Math.min(next, r.deadline);
        }
        s.responseTimer.schedule(next);
    }

    // ------------------------------------------------------------------------------------ compatibility mode

    /**
     * Host Compatibility Mode (RFC 3810 §8.2.1, RFC 3376 §7.2.1): the oldest version whose Older Version Querier
     * Present timer runs, else the newest. A change of mode cancels every pending report and retransmission.
     */
    private void updateMode(IfState s, long now) {
        int mode = channel.newestVersion();
        long next = Deadlines.NONE;
        for (int v = channel.newestVersion() - 1; v >= 1; v--) {
            long until = s.olderQuerierUntil[v];
            if (until != Deadlines.NONE && until - now > 0) {
                mode = v;
                next = Math.min(next, until);
            } else {
                s.olderQuerierUntil[v] = Deadlines.NONE;
            }
        }
        s.modeTimer.schedule(next);
        if (mode != s.mode) {
            s.mode = mode;
            s.changes.clear();
            s.changeTimer.cancel();
            s.generalTimer.cancel();
            s.responses.clear();
            s.responseTimer.cancel();
        }
    }

    /** The compatibility mode of {@code nic}: the protocol version it speaks now. */
    int mode(Nic nic) {
        IfState s = states.get(nic);
        return s == null ? channel.newestVersion() : s.mode;
    }

    /** The Robustness Variable of {@code nic}: the default, or the last querier's QRV. */
    int robustness(Nic nic) {
        IfState s = states.get(nic);
        return s == null ? DEFAULT_ROBUSTNESS : s.robustness;
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private IfState state(Nic nic) {
        IfState s = states.get(nic);
        if (s == null) {
            List.copyOf(states.values()).forEach(this::gone); // forget interfaces removed since
            s = new IfState(nic);
            states.put(nic, s);
        }
        return s;
    }

    /**
     * Whether the interface was removed from the stack: its state is dropped and its timers stopped. (An interface
     * that is only down keeps its state; what it tries to send meanwhile is dropped and counted.)
     */
    private boolean gone(IfState s) {
        if (core.nics().contains(s.nic)) {
            return false;
        }
        s.changeTimer.cancel();
        s.generalTimer.cancel();
        s.responseTimer.cancel();
        s.modeTimer.cancel();
        states.remove(s.nic);
        return true;
    }

    /** A random delay in [0, max] (RFC 3810 §6.2: "chosen from the range (0, [Maximum Response Delay])"). */
    private long delay(long max) {
        return max <= 0 ? 0 : random.nextLong(max + 1);
    }
}
