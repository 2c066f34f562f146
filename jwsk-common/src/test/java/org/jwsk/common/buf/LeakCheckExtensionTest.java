package org.jwsk.common.buf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** The leak check itself: a leaking test fails with the allocation site, a clean one passes. */
class LeakCheckExtensionTest {

    @Test
    void leakingTest_fails_cleanTestPasses() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(Subject.class))
                .execute();

        results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));
        List<Event> failed = results.testEvents().failed().list();
        Throwable cause = failed.getFirst().getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
        assertTrue(cause.getMessage().contains("1 packet buffer(s) leaked by test leaks()"), cause.getMessage());
        assertTrue(cause.getMessage().contains("Subject.leaks"), "the report names the allocating method");
        assertTrue(cause.getMessage().contains("touched: kept for later"), "touch hints appear in the report");
        assertEquals(1, Subject.POOL.outstanding());
    }

    @AfterAll
    static void freeTheLeakedMemory() {
        Subject.POOL.close();
    }

    /** Run only through the engine test kit above (surefire skips nested classes). */
    static class Subject {
        static final BufPool POOL = BufPool.create(BufPoolConfig.small("leak-subject", 1));

        @Test
        void leaks() {
            POOL.allocate(10).touch("kept for later");
        }

        @Test
        void releases() {
            POOL.allocate(10).release();
        }
    }
}
