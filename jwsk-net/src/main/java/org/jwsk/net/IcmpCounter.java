package org.jwsk.net;

import org.jwsk.common.counter.CounterDescriptor;

/**
 * The IP-MIB {@code icmpStatsTable} columns (RFC 4293 §5), once per family ({@code icmp} and {@code icmp6}), and the
 * jwsk counters for what the stack did with ICMP. Per-type counts ({@code icmpMsgStatsTable}) are kept beside them.
 */
public enum IcmpCounter implements CounterDescriptor {
    IN_MSGS("icmpStatsInMsgs", "ICMP messages received, errors included"),
    IN_ERRORS("icmpStatsInErrors", "ICMP messages received with errors (checksum, length)"),
    OUT_MSGS("icmpStatsOutMsgs", "ICMP messages this stack sent"),
    OUT_ERRORS("icmpStatsOutErrors", "ICMP messages this stack failed to send"),
    OUT_RATE_LIMITED("icmpOutRateLimited", "ICMP errors not sent because of the rate limit"),
    IN_ERRORS_DELIVERED("icmpInErrorsDelivered", "ICMP errors passed to the transport that caused them");

    private final String counterName;
    private final String description;

    IcmpCounter(String counterName, String description) {
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
