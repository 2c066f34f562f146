package org.jwsk.link.fault;

import org.jwsk.common.counter.CounterDescriptor;

/**
 * What a {@link FaultInjector} did to the frames it saw. No MIB defines these; the names follow the MIB style
 * and netem's vocabulary.
 */
public enum FaultCounter implements CounterDescriptor {
    FRAMES("faultFrames", "frames offered to the fault model"),
    QUEUE_DROPS("faultQueueDrops", "frames tail-dropped because the bottleneck queue was full"),
    QUEUED("faultQueued", "frames that waited behind others for the bottleneck"),
    DROPPED("faultDropped", "frames lost on the wire by the loss model"),
    DUPLICATED("faultDuplicated", "extra copies of frames sent on"),
    CORRUPTED("faultCorrupted", "frames sent on with flipped bits"),
    DELAYED("faultDelayed", "frames held back by propagation delay and jitter"),
    REORDERED("faultReordered", "frames sent without the delay, overtaking frames in flight"),
    NO_BUFFERS("faultNoBuffers",
            "copies for duplication or corruption that found no pool buffer (the duplicate is skipped, the shared"
                    + " frame to corrupt is dropped)");

    private final String counterName;
    private final String description;

    FaultCounter(String counterName, String description) {
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
