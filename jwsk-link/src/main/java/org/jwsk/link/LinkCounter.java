package org.jwsk.link;

import org.jwsk.common.counter.CounterDescriptor;

/** The counters every driver keeps, named after IF-MIB (RFC 2863) where it has a name for them. */
public enum LinkCounter implements CounterDescriptor {
    IN_OCTETS("ifHCInOctets", "bytes of frames received"),
    IN_FRAMES("ifHCInFrames", "frames received and delivered to the receiver"),
    IN_DISCARDS("ifInDiscards", "frames received but dropped for want of buffers or queue space"),
    IN_ERRORS("ifInErrors", "receive errors (short reads, oversize frames, device errors)"),
    OUT_OCTETS("ifHCOutOctets", "bytes of frames accepted for sending"),
    OUT_FRAMES("ifHCOutFrames", "frames accepted for sending"),
    OUT_DISCARDS("ifOutDiscards", "frames handed to send but dropped (queue full, link down)"),
    OUT_ERRORS("ifOutErrors", "send errors reported by the device");

    private final String counterName;
    private final String description;

    LinkCounter(String counterName, String description) {
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
