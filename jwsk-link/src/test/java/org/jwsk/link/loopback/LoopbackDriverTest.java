package org.jwsk.link.loopback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.Deadlines;
import org.jwsk.common.time.ManualClock;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.LinkCounter;
import org.jwsk.link.LinkReceiver;
import org.jwsk.link.Medium;
import org.jwsk.link.testing.RecordingReceiver;
import org.jwsk.link.testing.TestFrames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoopbackDriverTest {

    private static final long T0 = ManualClock.START_NANOS;

    private final BufPool pool = TestFrames.pool();
    private final RecordingReceiver received = new RecordingReceiver(TestFrames::ipSeq);
    private final LoopbackDriver lo = new LoopbackDriver("lo", 4);

    @AfterEach
    void close() {
        lo.close();
        pool.close();
    }

    private boolean send(int seq, long now) {
        return lo.send(TestFrames.ipv4(pool, seq, 100), now);
    }

    private long counter(LinkCounter c) {
        return lo.counters().snapshot().get(c.counterName());
    }

    @Test
    void caps_ipWithTheLargestMtuAndChecksumOffload() {
        assertEquals(new LinkCaps(Medium.IP, 65535, 0, true, true), lo.caps());
        assertEquals("lo", lo.name());
    }

    @Test
    void sentPackets_comeBackOnTheNextPoll_inOrder_uncopied() {
        lo.start(received, () -> { });
        PacketBuf first = TestFrames.ipv4(pool, 0, 100);
        List<PacketBuf> seen = new ArrayList<>();
        LoopbackDriver plain = new LoopbackDriver("lo1");
        plain.start((frame, now) -> {
            seen.add(frame);
            frame.release();
        }, () -> { });
        plain.send(first, T0);
        plain.poll(T0, 64);
        assertSame(first, seen.getFirst(), "the same buffer, not a copy");
        plain.close();

        send(1, T0);
        send(2, T0 + 5);
        assertEquals(T0, lo.nextDeadline(), "due since it was sent");
        assertEquals(2, lo.poll(T0 + 10, 64));
        assertEquals(List.of(1, 2), received.seqs());
        assertEquals(Deadlines.NONE, lo.nextDeadline());
        assertEquals(2, counter(LinkCounter.OUT_FRAMES));
        assertEquals(2, counter(LinkCounter.IN_FRAMES));
        assertEquals(200, counter(LinkCounter.IN_OCTETS));
    }

    @Test
    void replySentDuringAPoll_comesBackOnTheFollowingPoll() {
        List<Integer> seqs = new ArrayList<>();
        lo.start(new LinkReceiver() {
            @Override
            public void onFrame(PacketBuf frame, long now) {
                int seq = TestFrames.ipSeq(frame);
                seqs.add(seq);
                if (seq < 3) {
                    NetOrder.setI32(frame.segment(), frame.offset() + TestFrames.IP_SEQ_OFFSET, seq + 1);
                    lo.send(frame, now); // a reply, handed back
                } else {
                    frame.release();
                }
            }
        }, () -> { });
        send(0, T0);
        assertEquals(1, lo.poll(T0, 64));
        assertEquals(1, lo.poll(T0, 64));
        assertEquals(1, lo.poll(T0, 64));
        assertEquals(1, lo.poll(T0, 64));
        assertEquals(0, lo.poll(T0, 64));
        assertEquals(List.of(0, 1, 2, 3), seqs);
    }

    @Test
    void fullQueue_discards_andBadLengthsAreErrors() {
        lo.start(received, () -> { });
        for (int i = 0; i < 5; i++) {
            assertEquals(i < 4, send(i, T0));
        }
        assertEquals(1, counter(LinkCounter.OUT_DISCARDS));
        assertFalse(lo.send(pool.allocate(0), T0));
        assertEquals(1, counter(LinkCounter.OUT_ERRORS));
        assertEquals(2, lo.poll(T0, 2));
        assertEquals(2, lo.poll(T0, 64));
    }

    @Test
    void stop_releasesWaitingPackets_andDiscardsLaterSends() {
        lo.start(received, () -> { });
        send(0, T0);
        send(1, T0);
        lo.stop();
        assertEquals(2, counter(LinkCounter.IN_DISCARDS));
        assertFalse(send(2, T0));
        assertEquals(0, lo.poll(T0, 64));
        assertEquals(Deadlines.NONE, lo.nextDeadline());
        assertThrows(IllegalStateException.class, () -> lo.start(received, () -> { }));
    }

    @Test
    void pollBeforeStart_isAnError_butSendingQueues() {
        assertThrows(IllegalStateException.class, () -> lo.poll(T0, 1));
        assertTrue(send(0, T0));
        lo.start(received, () -> { });
        assertEquals(1, lo.poll(T0, 64));
    }
}
