package org.jwsk.transport.internal.udp;

import java.util.Arrays;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.InterfaceId;

/**
 * An endpoint's receive queue: datagrams waiting to be read, each with what the stack knows of it, held in parallel
 * arrays used as a ring so that queueing allocates nothing once the arrays have grown to the endpoint's working size
 * (they start empty: an idle endpoint holds no arrays). Addresses are in {@link Addrs}' 128-bit form.
 *
 * <p>Every datagram is charged bytes against a limit (the receive buffer); {@link #hasRoomFor} decides admission the
 * way Linux does for UDP, always taking one datagram into an empty queue.
 *
 * <p><b>Buffers.</b> The queue <b>owns</b> the buffers offered to it until they are taken ({@link #take}) or the
 * queue is cleared. Owned by the stack's thread.
 */
public final class DatagramQueue {

    private static final long[] NO_LONGS = new long[0];
    private static final int[] NO_INTS = new int[0];

    private PacketBuf[] bufs = new PacketBuf[0];
    private InterfaceId[] ingress = new InterfaceId[0];
    private long[] srcHi = NO_LONGS;
    private long[] srcLo = NO_LONGS;
    private long[] dstHi = NO_LONGS;
    private long[] dstLo = NO_LONGS;
    private int[] ports = NO_INTS;
    private int[] meta = NO_INTS;
    private int[] charge = NO_INTS;
    private int head;
    private int size;
    private long charged;

    /** Whether a datagram charged {@code bytes} fits under {@code limit}: always into an empty queue. */
    public boolean hasRoomFor(int bytes, long limit) {
        return size == 0 || charged + bytes <= limit;
    }

    /**
     * Queues a datagram. <b>Takes ownership</b> of {@code buf} (its data window is the datagram).
     *
     * @param tclassAndHops the traffic class in bits 8-15 and the hop limit in bits 0-7
     * @param srcAndDstPort the source port in the high 16 bits and the destination port in the low 16
     * @param bytes         what the datagram is charged against the limit
     */
    public void offer(PacketBuf buf, long sHi, long sLo, long dHi, long dLo, int srcAndDstPort, InterfaceId in,
                      int tclassAndHops, int bytes) {
        if (size == bufs.length) {
            grow();
        }
        int i = (head + size) % bufs.length;
        bufs[i] = buf;
        srcHi[i] = sHi;
        srcLo[i] = sLo;
        dstHi[i] = dHi;
        dstLo[i] = dLo;
        ports[i] = srcAndDstPort;
        ingress[i] = in;
        meta[i] = tclassAndHops;
        charge[i] = bytes;
        size++;
        charged += bytes;
    }

    /** Datagrams queued. */
    public int size() {
        return size;
    }

    /** Whether no datagram waits. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Bytes charged by the queued datagrams. */
    public long charged() {
        return charged;
    }

    /** The oldest datagram's buffer (still owned by the queue); the queue must not be empty. */
    public PacketBuf headBuf() {
        return bufs[head];
    }

    /** The oldest datagram's source, high 64 bits; the queue must not be empty (so for every head accessor). */
    public long headSrcHi() {
        return srcHi[head];
    }

    /** The oldest datagram's source, low 64 bits. */
    public long headSrcLo() {
        return srcLo[head];
    }

    /** The oldest datagram's destination, high 64 bits. */
    public long headDstHi() {
        return dstHi[head];
    }

    /** The oldest datagram's destination, low 64 bits. */
    public long headDstLo() {
        return dstLo[head];
    }

    /** The oldest datagram's source port. */
    public int headSrcPort() {
        return ports[head] >>> 16;
    }

    /** The oldest datagram's destination port. */
    public int headDstPort() {
        return ports[head] & 0xffff;
    }

    /** The interface the oldest datagram arrived on. */
    public InterfaceId headIngress() {
        return ingress[head];
    }

    /** The traffic class the oldest datagram arrived with. */
    public int headTrafficClass() {
        return meta[head] >>> 8 & 0xff;
    }

    /** The hop limit the oldest datagram arrived with. */
    public int headHopLimit() {
        return meta[head] & 0xff;
    }

    /** Removes the oldest datagram and hands its buffer to the caller, who <b>owns</b> it from now on. */
    public PacketBuf take() {
        PacketBuf b = bufs[head];
        bufs[head] = null;
        ingress[head] = null;
        charged -= charge[head];
        head = (head + 1) % bufs.length;
        size--;
        if (size == 0) {
            head = 0;
        }
        return b;
    }

    /** Releases every queued buffer and empties the queue. */
    public void clear() {
        while (size > 0) {
            take().release();
        }
    }

    private void grow() {
        int n = Math.max(8, bufs.length * 2);
        PacketBuf[] nb = new PacketBuf[n];
        InterfaceId[] ni = new InterfaceId[n];
        long[] a = new long[n];
        long[] b = new long[n];
        long[] c = new long[n];
        long[] d = new long[n];
        int[] p = new int[n];
        int[] m = new int[n];
        int[] ch = new int[n];
        for (int k = 0; k < size; k++) {
            int i = (head + k) % bufs.length;
            nb[k] = bufs[i];
            ni[k] = ingress[i];
            a[k] = srcHi[i];
            b[k] = srcLo[i];
            c[k] = dstHi[i];
            d[k] = dstLo[i];
            p[k] = ports[i];
            m[k] = meta[i];
            ch[k] = charge[i];
        }
        Arrays.fill(bufs, null);
        bufs = nb;
        ingress = ni;
        srcHi = a;
        srcLo = b;
        dstHi = c;
        dstLo = d;
        ports = p;
        meta = m;
        charge = ch;
        head = 0;
    }
}
