package org.jwsk.common.counter;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The counter groups of one stack (or any other component), in registration order: what diagnostics (MIB
 * tables, JMX, {@code jwsk stats}) read. Registering and reading are safe from any thread.
 */
public final class CounterRegistry {

    private final CopyOnWriteArrayList<CounterGroup> groups = new CopyOnWriteArrayList<>();

    /**
     * Adds a group.
     *
     * @return the group, for chaining into a field initialiser
     * @throws IllegalArgumentException if a group of the same name is already registered
     */
    public <G extends CounterGroup> G register(G group) {
        synchronized (groups) {
            if (find(group.groupName()).isPresent()) {
                throw new IllegalArgumentException("counter group '" + group.groupName() + "' is already registered");
            }
            groups.add(group);
        }
        return group;
    }

    /** Removes a group (an interface that went away); absent groups are ignored. */
    public void unregister(CounterGroup group) {
        groups.remove(group);
    }

    /** The groups in registration order. */
    public List<CounterGroup> groups() {
        return List.copyOf(groups);
    }

    /** The group with this name. */
    public Optional<CounterGroup> find(String groupName) {
        return groups.stream().filter(g -> g.groupName().equals(groupName)).findFirst();
    }
}
