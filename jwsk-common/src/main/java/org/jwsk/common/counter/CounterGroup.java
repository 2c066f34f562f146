package org.jwsk.common.counter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named group of counters that diagnostics can read ({@code ip}, {@code icmp}, {@code tcp}, a link's
 * statistics). Readers may run on any thread; they see each counter's latest published value, not a snapshot
 * taken atomically across the group.
 */
public interface CounterGroup {

    /** The group's name, such as {@code ipv4} or {@code link.tap0}. */
    String groupName();

    /** Visits every counter in the group's order. */
    void forEach(CounterVisitor visitor);

    /** The counters' current values by name, in the group's order. */
    default Map<String, Long> snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        forEach((name, description, value) -> values.put(name, value));
        return values;
    }
}
