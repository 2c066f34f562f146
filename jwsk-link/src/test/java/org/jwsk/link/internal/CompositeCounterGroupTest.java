package org.jwsk.link.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jwsk.common.counter.CounterSet;
import org.jwsk.link.LinkCounter;
import org.jwsk.link.fault.FaultCounter;
import org.junit.jupiter.api.Test;

class CompositeCounterGroupTest {

    @Test
    void parts_areVisitedInOrder_withCamelCasePrefixes() {
        CounterSet<LinkCounter> link = CounterSet.of("l", LinkCounter.class);
        CounterSet<FaultCounter> tx = CounterSet.of("t", FaultCounter.class);
        link.increment(LinkCounter.OUT_FRAMES);
        tx.add(FaultCounter.DROPPED, 3);
        CompositeCounterGroup group = CompositeCounterGroup.named("link.x").add(link).add("tx", tx).build();
        Map<String, Long> snapshot = group.snapshot();
        assertEquals("link.x", group.groupName());
        assertEquals(LinkCounter.values().length + FaultCounter.values().length, snapshot.size());
        assertEquals(1L, snapshot.get("ifHCOutFrames"));
        assertEquals(3L, snapshot.get("txFaultDropped"));
        assertEquals("ifHCInOctets", snapshot.keySet().iterator().next());
        assertEquals("link.x{ifHCOutFrames=1, txFaultDropped=3}", group.toString());
        Map<String, Long> none = new LinkedHashMap<>(snapshot);
        none.values().removeIf(v -> v == 0);
        assertEquals(2, none.size());
    }
}
