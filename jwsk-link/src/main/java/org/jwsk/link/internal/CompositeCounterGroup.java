package org.jwsk.link.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jwsk.common.counter.CounterGroup;
import org.jwsk.common.counter.CounterVisitor;

/**
 * Several counter groups shown as one, such as a driver's {@code LinkCounter} set followed by the counters of
 * its fault model. A part may carry a prefix that is joined to each of its names in camel case ({@code tx} and
 * {@code faultDropped} give {@code txFaultDropped}), so two sets of the same enum can share a group.
 *
 * <p>Reading is safe from any thread, as for the parts.
 */
public final class CompositeCounterGroup implements CounterGroup {

    private record Part(String prefix, CounterGroup group) {
    }

    private final String groupName;
    private final List<Part> parts;

    private CompositeCounterGroup(String groupName, List<Part> parts) {
        this.groupName = groupName;
        this.parts = List.copyOf(parts);
    }

    /** A builder for a group named {@code groupName}. */
    public static Builder named(String groupName) {
        return new Builder(Objects.requireNonNull(groupName, "groupName"));
    }

    @Override
    public String groupName() {
        return groupName;
    }

    @Override
    public void forEach(CounterVisitor visitor) {
        for (Part part : parts) {
            if (part.prefix.isEmpty()) {
                part.group.forEach(visitor);
            } else {
                part.group.forEach((name, description, value) ->
                        visitor.visit(prefixed(part.prefix, name), description, value));
            }
        }
    }

    private static String prefixed(String prefix, String name) {
        return name.isEmpty() ? prefix : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(groupName).append('{');
        forEach((name, description, value) -> {
            if (value != 0) {
                sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ", ").append(name).append('=').append(value);
            }
        });
        return sb.append('}').toString();
    }

    /** Collects the parts in order. */
    public static final class Builder {

        private final String groupName;
        private final List<Part> parts = new ArrayList<>();

        private Builder(String groupName) {
            this.groupName = groupName;
        }

        /** Adds a group whose names are shown as they are. */
        public Builder add(CounterGroup group) {
            return add("", group);
        }

        /** Adds a group whose names are shown behind {@code prefix}, camel-cased. */
        public Builder add(String prefix, CounterGroup group) {
            parts.add(new Part(Objects.requireNonNull(prefix, "prefix"), Objects.requireNonNull(group, "group")));
            return this;
        }

        /** The group. */
        public CompositeCounterGroup build() {
            return new CompositeCounterGroup(groupName, parts);
        }
    }
}
