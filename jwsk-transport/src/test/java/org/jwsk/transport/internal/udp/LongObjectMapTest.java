package org.jwsk.transport.internal.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.jwsk.common.testing.RandomCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The demultiplexer's primitive map behaves as a {@link HashMap} under random puts, removes and gets. */
class LongObjectMapTest {

    /** A seeded run of operations over a small key space, so that probe runs collide and wrap. */
    record Ops(long seed, int count, int keySpace) {
    }

    static Stream<Ops> cases() {
        return RandomCases.of(6056, 200, r -> new Ops(r.nextLong(), 1 + r.nextInt(2000), 1 + r.nextInt(300)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void behavesLikeAHashMap(Ops ops) {
        RandomGenerator r = new java.util.SplittableRandom(ops.seed());
        LongObjectMap<Long> map = new LongObjectMap<>();
        Map<Long, Long> model = new HashMap<>();
        for (int i = 0; i < ops.count(); i++) {
            long key = 1 + r.nextInt(ops.keySpace()) * 65536L; // the protocol's key shape: compartment << 16 | port
            switch (r.nextInt(3)) {
                case 0 -> {
                    map.put(key, (long) i);
                    model.put(key, (long) i);
                }
                case 1 -> assertEquals(model.remove(key) != null, map.remove(key));
                default -> assertEquals(model.get(key), map.get(key));
            }
            assertEquals(model.size(), map.size());
        }
        for (Map.Entry<Long, Long> e : model.entrySet()) {
            assertEquals(e.getValue(), map.get(e.getKey()));
        }
    }

    @Test
    void zeroKeyAndNullValue_areRefused() {
        LongObjectMap<String> map = new LongObjectMap<>();
        assertThrows(IllegalArgumentException.class, () -> map.put(0, "x"));
        assertThrows(IllegalArgumentException.class, () -> map.put(1, null));
        assertEquals(false, map.remove(7));
    }
}
