package org.jwsk.transport.internal.tcp.cc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.jwsk.transport.CongestionControlKind;
import org.jwsk.transport.internal.tcp.AckSample;
import org.jwsk.transport.internal.tcp.CongestionControl;
import org.junit.jupiter.api.Test;

/**
 * A deterministic packet-level model: bulk senders share one drop-tail bottleneck on a manual clock. Each sender keeps
 * a scoreboard (per-packet ACKs, as with SACK), detects a loss when three later packets were acknowledged (RFC 6675's
 * DupThresh), drives its congestion control exactly as the connection core does (congestion event, PRR ACKs and
 * sends, recovery end, timeouts) and sends while {@code pipe < cwnd}, retransmissions first.
 */
class BottleneckSimTest {

    private static final int MSS = 1448;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** The bottleneck: a rate, a buffer, the forward delay to it; its queue is implied by when the link is free. */
    static final class Sim {
        final long bitsPerSecond;
        final long bufferBytes;
        final long forwardDelay;
        final long txTime;
        final PriorityQueue<long[]> events = new PriorityQueue<>((a, b) ->
                a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[3], b[3]));
        final Flow[] flows;
        final SplittableRandom random = new SplittableRandom(6);
        long now;
        long linkFreeAt;
        long order;
        long drops;

        Sim(long bitsPerSecond, long bufferBytes, long forwardDelay, Flow... flows) {
            this.bitsPerSecond = bitsPerSecond;
            this.bufferBytes = bufferBytes;
            this.forwardDelay = forwardDelay;
            this.txTime = MSS * 8L * S / bitsPerSecond;
            this.flows = flows;
            for (int i = 0; i < flows.length; i++) {
                flows[i].sim = this;
                flows[i].id = i;
                schedule(flows[i].startAt, i, -1);
            }
        }

        void schedule(long time, int flow, long seq) {
            events.add(new long[] {time, flow, seq, order++});
        }

        /** A packet leaves the sender now: through the queue, or dropped at its tail. Returns when its ACK is back. */
        long transmit(Flow flow) {
            long arrival = now + forwardDelay;
            long backlogBytes = Math.max(0, linkFreeAt - arrival) * bitsPerSecond / 8 / S;
            if (backlogBytes + MSS > bufferBytes) {
                drops++;
                return -1;
            }
            linkFreeAt = Math.max(arrival, linkFreeAt) + txTime;
            // Jitter of less than a packet time on the way back (receivers' and senders' processing) breaks the
            // phase effects of a perfectly periodic drop-tail model, and keeps each flow's ACKs in order.
            return linkFreeAt + flow.returnDelay + random.nextLong(txTime);
        }

        void run(long until) {
            while (!events.isEmpty() && events.peek()[0] <= until) {
                long[] e = events.poll();
                now = e[0];
                Flow f = flows[(int) e[1]];
                if (e[2] == -1) {
                    f.start();
                } else if (e[2] == -2) {
                    f.checkTimeout();
                } else {
                    f.onAck((int) e[2]);
                }
            }
            now = until;
        }
    }

    /** One bulk sender. Sequence numbers count packets; SND.UNA and SND.NXT are those times MSS. */
    static final class Flow {
        final CongestionControl cc;
        final long returnDelay;
        final long startAt;
        final AckSample ack = new AckSample();
        Sim sim;
        int id;
        long[] sentAt = new long[1024];
        byte[] state = new byte[1024]; // 0 in flight, 1 acked, 2 lost, 3 lost and retransmitted
        int[] retransmitQueue = new int[1024];
        int rqHead;
        int rqTail;
        int nextSeq;
        int una;
        int lossScan;
        long pipe;
        long minRtt = Long.MAX_VALUE;
        boolean inRecovery;
        int recoveryPoint;
        long lastProgress;
        long rto = S;
        long ackedPackets;
        long timeouts;
        long congestionEvents;

        Flow(CongestionControlKind kind, long returnDelay, long startAt) {
            this.cc = CongestionControls.create(kind, MSS, 10);
            this.returnDelay = returnDelay;
            this.startAt = startAt;
        }

        void start() {
            lastProgress = sim.now;
            sim.schedule(sim.now + 200 * MS, id, -2);
            send();
        }

        void send() {
            while (pipe < cc.cwnd()) {
                int seq = nextSeq++;
                grow(seq);
                if (rqHead != rqTail) {
                    state[retransmitQueue[rqHead++]] = 3;
                }
                sentAt[seq] = sim.now;
                state[seq] = 0;
                pipe += MSS;
                if (inRecovery) {
                    cc.onRecoverySent(MSS);
                }
                long ackAt = sim.transmit(this);
                if (ackAt >= 0) {
                    sim.schedule(ackAt, id, seq);
                }
            }
        }

        void onAck(int seq) {
            long priorPipe = pipe;
            if (state[seq] == 0) {
                pipe -= MSS; // not if it was already counted lost (after a timeout)
            }
            state[seq] = 1;
            ackedPackets++;
            lastProgress = sim.now;
            long rtt = sim.now - sentAt[seq];
            minRtt = Math.min(minRtt, rtt);
            int newlyLost = 0;
            for (; lossScan < seq - 2; lossScan++) { // RFC 6675 DupThresh: three later packets arrived
                if (state[lossScan] == 0) {
                    state[lossScan] = 2;
                    pipe -= MSS;
                    enqueueRetransmit(lossScan);
                    newlyLost++;
                }
            }
            int oldUna = una;
            while (una < nextSeq && state[una] != 0) {
                una++;
            }
            fill(seq, rtt, priorPipe, una != oldUna && newlyLost == 0);
            if (!inRecovery && newlyLost > 0) {
                congestionEvents++;
                inRecovery = true;
                recoveryPoint = nextSeq;
                cc.onCongestionEvent(priorPipe, sim.now); // RFC 9937 §6.1 RecoverFS: the pipe before this ACK
                cc.onRecoveryAck(ack, sim.now);
            } else if (inRecovery && seq >= recoveryPoint && rqHead == rqTail) {
                inRecovery = false;
                cc.onRecoveryEnd(sim.now);
            } else if (inRecovery) {
                cc.onRecoveryAck(ack, sim.now);
            } else {
                cc.onAck(ack, sim.now);
            }
            send();
        }

        private void fill(int seq, long rtt, long priorPipe, boolean safe) {
            ack.ackedBytes = MSS;
            ack.sackedBytes = 0;
            ack.priorInFlight = priorPipe;
            ack.inFlight = pipe;
            ack.rtt = rtt;
            ack.minRtt = minRtt;
            ack.sndUna = una * MSS;
            ack.sndNxt = nextSeq * MSS;
            ack.mss = MSS;
            ack.appLimited = false;
            ack.inRecovery = inRecovery;
            ack.safe = safe;
        }

        void checkTimeout() {
            sim.schedule(sim.now + 200 * MS, id, -2);
            if (pipe + (long) (rqTail - rqHead) * MSS == 0 || sim.now - lastProgress < rto) {
                return;
            }
            timeouts++;
            cc.onRetransmissionTimeout((long) (nextSeq - una) * MSS, sim.now);
            inRecovery = false;
            for (int s = una; s < nextSeq; s++) {
                if (state[s] == 0) {
                    state[s] = 2;
                    enqueueRetransmit(s);
                }
            }
            pipe = 0;
            lossScan = nextSeq;
            lastProgress = sim.now;
            send();
        }

        private void enqueueRetransmit(int seq) {
            if (rqTail == retransmitQueue.length) {
                retransmitQueue = Arrays.copyOf(retransmitQueue, rqTail * 2);
            }
            retransmitQueue[rqTail++] = seq;
        }

        private void grow(int seq) {
            if (seq == sentAt.length) {
                sentAt = Arrays.copyOf(sentAt, seq * 2);
                state = Arrays.copyOf(state, seq * 2);
            }
        }
    }

    /** Packets each flow had acknowledged at the end of each second. */
    private static long[][] runAndSample(Sim sim, int seconds) {
        long[][] perSecond = new long[sim.flows.length][seconds + 1];
        for (int s = 1; s <= seconds; s++) {
            sim.run(s * S);
            for (int f = 0; f < sim.flows.length; f++) {
                perSecond[f][s] = sim.flows[f].ackedPackets;
            }
        }
        return perSecond;
    }

    private static double utilization(Sim sim, long[][] acked, int from, int to) {
        long packets = 0;
        for (long[] flow : acked) {
            packets += flow[to] - flow[from];
        }
        double capacity = (double) sim.bitsPerSecond * (to - from) / (MSS * 8.0);
        return packets / capacity;
    }

    @Test
    void cubic_onALongFatPath_reachesAndHoldsHighUtilization() {
        // 100 Mbit/s, 100 ms RTT: a BDP of 863 packets; a buffer of half of it.
        long bdp = 100_000_000L / 8 / 10;
        Flow flow = new Flow(CongestionControlKind.CUBIC, 90 * MS, 0);
        Sim sim = new Sim(100_000_000L, bdp / 2, 10 * MS, flow);
        long[][] acked = runAndSample(sim, 40);
        double steady = utilization(sim, acked, 10, 40);
        assertTrue(steady > 0.95, "utilization " + steady);
        for (int s = 10; s < 40; s += 5) {
            double u = utilization(sim, acked, s, s + 5);
            assertTrue(u > 0.9, "utilization " + u + " in [" + s + ", " + (s + 5) + "] s");
        }
        assertEquals(0, flow.timeouts);
        assertTrue(flow.congestionEvents >= 2, "it probes: " + flow.congestionEvents + " congestion events");

        Flow reno = new Flow(CongestionControlKind.NEW_RENO, 90 * MS, 0);
        Sim renoSim = new Sim(100_000_000L, bdp / 2, 10 * MS, reno);
        double renoSteady = utilization(renoSim, runAndSample(renoSim, 40), 10, 40);
        assertTrue(steady > renoSteady, "CUBIC " + steady + " vs NewReno " + renoSteady);
    }

    @Test
    void twoCubicFlows_convergeTowardsFairness() {
        // 50 Mbit/s, 60 ms RTT, a buffer of one BDP (259 packets); the second flow starts 10 s after the first, into
        // a standing queue (its HyStart++ leaves slow start early), and wins its share back epoch by epoch.
        long bdp = 50_000_000L / 8 * 60 / 1000;
        Flow first = new Flow(CongestionControlKind.CUBIC, 50 * MS, 0);
        Flow second = new Flow(CongestionControlKind.CUBIC, 50 * MS, 10 * S);
        Sim sim = new Sim(50_000_000L, bdp, 10 * MS, first, second);
        long[][] acked = runAndSample(sim, 150);
        double earlyShare = share(acked, 11, 31);
        double lateShare = share(acked, 110, 150);
        assertTrue(earlyShare < 0.4, "the newcomer starts with less: " + earlyShare);
        assertTrue(Math.abs(lateShare - 0.5) < Math.abs(earlyShare - 0.5) / 2, earlyShare + " -> " + lateShare);
        double x = acked[0][150] - acked[0][110];
        double y = acked[1][150] - acked[1][110];
        double jain = (x + y) * (x + y) / (2 * (x * x + y * y));
        assertTrue(jain > 0.98, "Jain's fairness index " + jain + ", share " + lateShare);
        assertTrue(utilization(sim, acked, 30, 150) > 0.95, "utilization " + utilization(sim, acked, 30, 150));
        assertEquals(0, first.timeouts + second.timeouts);
    }

    /** The second flow's share of what both delivered between two seconds. */
    private static double share(long[][] acked, int from, int to) {
        double a = acked[0][to] - acked[0][from];
        double b = acked[1][to] - acked[1][from];
        return b / (a + b);
    }
}
