package org.jwsk.wire.crosscheck;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The whole frame table of the tshark cross-check, in capture order. */
final class CrossCheckFrames {

    private CrossCheckFrames() {
    }

    /** Every frame; names are unique. */
    static List<Frame> all() {
        List<Frame> frames = new ArrayList<>();
        frames.addAll(LinkFrames.frames());
        frames.addAll(Ipv4Frames.frames());
        frames.addAll(Icmpv4Frames.frames());
        frames.addAll(Ipv6Frames.frames());
        frames.addAll(NeighborFrames.frames());
        frames.addAll(TransportFrames.frames());
        Set<String> names = new HashSet<>();
        for (Frame f : frames) {
            if (!names.add(f.name())) {
                throw new IllegalStateException("two frames named " + f.name());
            }
        }
        return frames;
    }
}
