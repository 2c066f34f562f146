package org.jwsk.common.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterSetTest {

    enum Sample implements CounterDescriptor {
        NONE("", "not a counter"),
        IN_RECEIVES("ipInReceives", "datagrams received"),
        CURR_ESTAB("tcpCurrEstab", "connections established now");

        private final String name;
        private final String description;

        Sample(String name, String description) {
            this.name = name;
            this.description = description;
        }

        @Override
        public String counterName() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public boolean counted() {
            return this != NONE;
        }

        @Override
        public Kind kind() {
            return this == CURR_ESTAB ? Kind.GAUGE : Kind.COUNTER;
        }
    }

    @Test
    void countsAndListsInDeclarationOrder_skippingUncounted() {
        CounterSet<Sample> set = CounterSet.of("sample", Sample.class);
        set.increment(Sample.IN_RECEIVES);
        set.add(Sample.IN_RECEIVES, 4);
        set.set(Sample.CURR_ESTAB, 3);
        set.add(Sample.CURR_ESTAB, -1);
        assertEquals(5, set.get(Sample.IN_RECEIVES));
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("ipInReceives", 5L);
        expected.put("tcpCurrEstab", 2L);
        assertEquals(expected, set.snapshot());
        assertEquals("sample{ipInReceives=5, tcpCurrEstab=2}", set.toString());
    }

    @Test
    void sharedIncrement_isAtomicAcrossThreads() throws InterruptedException {
        CounterSet<Sample> set = CounterSet.of("shared", Sample.class);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    set.incrementShared(Sample.IN_RECEIVES);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(400_000, set.get(Sample.IN_RECEIVES));
    }

    @Test
    void registry_findsGroupsByName_andRejectsDuplicates() {
        CounterRegistry registry = new CounterRegistry();
        CounterSet<Sample> a = registry.register(CounterSet.of("a", Sample.class));
        registry.register(CounterSet.of("b", Sample.class));
        assertEquals(a, registry.find("a").orElseThrow());
        assertEquals(2, registry.groups().size());
        assertThrows(IllegalArgumentException.class, () -> registry.register(CounterSet.of("a", Sample.class)));
        registry.unregister(a);
        assertEquals(1, registry.groups().size());
    }
}
