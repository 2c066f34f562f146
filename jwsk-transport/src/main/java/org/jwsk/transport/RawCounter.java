package org.jwsk.transport;

import org.jwsk.common.counter.CounterDescriptor;

/** Raw IP's counters, in the style of Linux's raw socket statistics; the counter set named {@code raw}. */
public enum RawCounter implements CounterDescriptor {
    IN_DELIVERS("rawInDelivers", "packets queued to raw endpoints (one per endpoint)"),
    RCVBUF_ERRORS("rawRcvbufErrors", "packets not queued because an endpoint's receive buffer was full"),
    IN_CSUM_ERRORS("rawInCsumErrors", "packets for checksumming IPv6 endpoints whose checksum failed"),
    IN_FILTERED("rawInFiltered", "packets a filter refused at DATAGRAM_DATA, per endpoint"),
    IN_NO_BUFFER("rawInNoBuffer", "packets no endpoint got for want of a buffer to copy them into"),
    OUT_REQUESTS("rawOutRequests", "packets raw endpoints asked to send"),
    OUT_ERRORS("rawOutErrors", "packets the IP layer could not send"),
    OUT_FILTERED("rawOutFiltered", "packets a filter refused at DATAGRAM_DATA before sending"),
    OUT_NO_BUFFER("rawOutNoBuffer", "packets not sent for want of a buffer");

    private final String counterName;
    private final String description;

    RawCounter(String counterName, String description) {
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
