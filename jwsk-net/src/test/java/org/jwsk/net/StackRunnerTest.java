package org.jwsk.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.time.Clock;
import org.jwsk.link.virt.VirtualWire;
import org.jwsk.link.virt.WireConfig;
import org.jwsk.net.testing.TestTransport;
import org.jwsk.wire.addr.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two stacks, each on its own runner thread, over a virtual wire; other threads reach them only by commands. */
@Timeout(60)
class StackRunnerTest {

    @Test
    void stacksOnTheirOwnThreads_exchangePackets_commandsRunOnTheStackThread() throws Exception {
        VirtualWire wire = VirtualWire.create(WireConfig.ip("w"), new SplittableRandom(1));
        NetConfig config = NetConfig.defaults().withPool(BufPoolConfig.small("runner", 4));
        NetStack a = NetStack.create(config, new SplittableRandom(2));
        NetStack b = NetStack.create(config, new SplittableRandom(3));
        Clock clock = Clock.system();
        a.addInterface(wire.endA(), InterfaceConfig.of("w", null, "192.0.2.1/24").withIpv6(Ipv6Options.DISABLED),
                clock.nanoTime());
        b.addInterface(wire.endB(), InterfaceConfig.of("w", null, "192.0.2.2/24").withIpv6(Ipv6Options.DISABLED),
                clock.nanoTime());
        TestTransport tb = new TestTransport();
        b.registerTransport(NetStackTest.PROTO, tb);
        try (StackRunner ra = StackRunner.start(a, clock, "stack-a");
             StackRunner rb = StackRunner.start(b, clock, "stack-b")) {
            for (int i = 0; i < 100; i++) {
                String text = "m" + i;
                ra.execute(s -> s.ip().send(s.defaultCompartment(), null, IpAddress.parse("192.0.2.2"),
                        NetStackTest.PROTO, NetStackTest.payload(s, text), ra.now())).get(10, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int got = 0;
            while (got < 100 && System.nanoTime() < deadline) {
                got = rb.submit(s -> tb.received().size()).get(10, TimeUnit.SECONDS);
            }
            assertEquals(100, got, "every packet arrived, woken across threads");
            assertTrue(rb.submit(s -> rb.inStackThread()).get(10, TimeUnit.SECONDS));
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> ra.submit(s -> s.interfaceNamed("nope")).get(10, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof IllegalArgumentException);
        }
        wire.close();
    }

    @Test
    void afterClose_commandsFailClearly() throws Exception {
        NetStack s = NetStack.create(NetConfig.defaults().withPool(BufPoolConfig.small("closed", 1)),
                new SplittableRandom(4));
        StackRunner r = StackRunner.start(s, Clock.system(), "closing");
        r.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> r.submit(x -> 1).get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("has stopped"));
    }
}
