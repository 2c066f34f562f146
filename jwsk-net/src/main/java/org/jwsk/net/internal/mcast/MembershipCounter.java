package org.jwsk.net.internal.mcast;

import org.jwsk.common.counter.CounterDescriptor;

/**
 * What multicast membership reporting did, once per family: the {@code mld} set (MLD-MIB, RFC 3019) and the {@code
 * igmp} set (IGMP-STD-MIB, RFC 2933), with the interface-table names of those MIBs where they have one.
 */
public enum MembershipCounter implements CounterDescriptor {
    JOINS("interfaceJoins", "groups an interface started listening to (mldInterfaceJoins, igmpInterfaceJoins)"),
    LEAVES("interfaceLeaves", "groups an interface stopped listening to"),
    IN_QUERIES("inQueries", "valid queries received"),
    IN_WRONG_VERSION_QUERIES("interfaceWrongVersionQueries",
            "queries of an older version, which put the interface in host compatibility mode (RFC 3810 §8.2, RFC 3376 §7.2)"),
    IN_INVALID("inInvalid",
            "queries dropped by the validity rules (RFC 3810 §6.2: link-local source, hop limit 1, Router Alert; RFC 3376 §9.1)"),
    IN_REPORTS_SUPPRESSING("inReportsSuppressing",
            "older-version reports of other hosts that made this host cancel its own (RFC 2236 §3, RFC 2710 §4)"),
    OUT_STATE_CHANGE_REPORTS("outStateChangeReports", "MLDv2 / IGMPv3 State Change Reports sent, retransmissions included"),
    OUT_CURRENT_STATE_REPORTS("outCurrentStateReports", "MLDv2 / IGMPv3 Current State Reports sent in answer to queries"),
    OUT_LEGACY_REPORTS("outLegacyReports", "MLDv1 or IGMPv1/v2 reports sent in host compatibility mode"),
    OUT_LEAVES("outLeaves", "MLDv1 Done or IGMPv2 Leave Group messages sent"),
    OUT_FAILED("outFailed", "reports that could not be sent (no buffer, filtered, link refused)");

    private final String counterName;
    private final String description;

    MembershipCounter(String counterName, String description) {
        this.counterName = counterName;
        this.description = description;
    }

    @Override
    public String counterName() {
        return counterName;
    }

    @Override
    public String description() {
        return description;
    }
}
