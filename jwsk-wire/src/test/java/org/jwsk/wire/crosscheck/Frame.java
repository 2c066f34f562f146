package org.jwsk.wire.crosscheck;

import java.util.HashSet;
import java.util.Set;

/**
 * One frame of the cross-check capture.
 *
 * @param name           a short name that says what the frame is, for failure messages
 * @param packet         the Ethernet frame and the records it was emitted from
 * @param protocols      what tshark's {@code frame.protocols} must say, such as {@code eth:ethertype:ip:tcp}
 * @param allowedExperts expert info fields (such as {@code tcp.connection.rst}) that may reach warning
 *                       severity in this frame; each allowance is explained where the frame is built
 */
record Frame(String name, Built packet, String protocols, Set<String> allowedExperts) {

    Frame {
        allowedExperts = Set.copyOf(allowedExperts);
    }

    /** A frame that must raise no expert info of warning or error severity. */
    Frame(String name, Built packet, String protocols) {
        this(name, packet, protocols, Set.of());
    }

    /** This frame, with a warning from {@code expertField} allowed. */
    Frame allowing(String expertField) {
        Set<String> allowed = new HashSet<>(allowedExperts);
        allowed.add(expertField);
        return new Frame(name, packet, protocols, allowed);
    }
}
