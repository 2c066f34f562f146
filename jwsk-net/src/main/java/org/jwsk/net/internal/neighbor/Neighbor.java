package org.jwsk.net.internal.neighbor;

import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.time.TimerQueue;
import org.jwsk.net.NeighborInfo.State;

/**
 * One neighbour cache entry (RFC 4861 §5.1 "Neighbor Cache"): the address, its link address, its reachability
 * state and timer, the packets waiting for it, and its place in the cache's hash table and recency list. Entries are
 * recycled by their cache, timer included, so steady operation allocates nothing.
 *
 * <p>Owned by the stack's thread; fields are the cache's to change.
 */
final class Neighbor {

    /** {@link #mac} when the link address is unknown. */
    static final long NO_MAC = -1;

    final TimerQueue.Timer timer;
    long hi;
    long lo;
    long mac = NO_MAC;
    State state;
    boolean router;
    /** Solicitations sent in the current INCOMPLETE or PROBE round. */
    int probes;
    /** An ARP entry's ReachableTime, drawn when it became REACHABLE (RFC 4861 §6.3.2); IPv6 reads the interface's. */
    long reachableNanos;
    /** The last positive confirmation of reachability. */
    long confirmedAt;
    /** The last solicitation, so that a restart never solicits faster than RetransTimer (RFC 1122 §2.3.2.1). */
    long lastSolicitAt;
    boolean solicitedBefore;
    /** The source of the packet that prompted resolution (RFC 4861 §7.2.2 prefers it as the solicitation's). */
    long srcHi;
    long srcLo;
    /** Packets awaiting resolution: a ring, allocated on first use and kept for the entry's next life. */
    PacketBuf[] queue;
    int queueHead;
    int queueCount;
    long queuedBytes;
    /** Recency list: {@link #newer} towards the most recently used entry. */
    Neighbor newer;
    Neighbor older;

    Neighbor(TimerQueue timers, NeighborCache cache) {
        this.timer = timers.newTimer(now -> cache.onTimer(this, now));
    }

    /** Gets the entry ready for a new neighbour. */
    void reset(long h, long l) {
        hi = h;
        lo = l;
        mac = NO_MAC;
        state = State.INCOMPLETE;
        router = false;
        probes = 0;
        reachableNanos = 0;
        confirmedAt = 0;
        solicitedBefore = false;
        srcHi = 0;
        srcLo = 0;
        queueHead = 0;
        queueCount = 0;
        queuedBytes = 0;
        newer = null;
        older = null;
    }

    boolean is(long h, long l) {
        return hi == h && lo == l;
    }

    /**
     * Queues {@code packet} (ownership passes to the entry) in a ring of {@code capacity}; when full, the oldest packet
     * is taken out and returned for the caller to drop, else null.
     */
    PacketBuf enqueue(PacketBuf packet, int capacity, int maxBytes) {
        if (queue == null) {
            queue = new PacketBuf[Math.min(capacity, 4)];
        } else if (queueCount == queue.length && queue.length < capacity) {
            grow(Math.min(capacity, queue.length * 2));
        }
        PacketBuf dropped = null;
        if (queueCount == queue.length) {
            dropped = dequeue();
        }
        queue[(queueHead + queueCount) % queue.length] = packet;
        queueCount++;
        queuedBytes += packet.length();
        return dropped != null ? dropped : overLimit(maxBytes);
    }

    /** The oldest queued packet if the queue holds more than {@code maxBytes}, taken out; null otherwise. */
    PacketBuf overLimit(int maxBytes) {
        return queuedBytes > maxBytes && queueCount > 1 ? dequeue() : null;
    }

    private void grow(int size) {
        PacketBuf[] bigger = new PacketBuf[size];
        for (int i = 0; i < queueCount; i++) {
            bigger[i] = queue[(queueHead + i) % queue.length];
        }
        queue = bigger;
        queueHead = 0;
    }

    /** Takes the oldest queued packet out (ownership passes to the caller), or null. */
    PacketBuf dequeue() {
        if (queueCount == 0) {
            return null;
        }
        PacketBuf p = queue[queueHead];
        queue[queueHead] = null;
        queueHead = (queueHead + 1) % queue.length;
        queueCount--;
        queuedBytes -= p.length();
        return p;
    }
}
