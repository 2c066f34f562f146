package org.jwsk.transport.internal.tcp;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.SendStatus;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.tcp.TcpLayout;
import org.jwsk.wire.tcp.TcpOptionKind;
import org.jwsk.wire.tcp.TcpView;

/**
 * Builds TCP segments and hands them to the IP layer: header, options in Linux's layout (so that captures and
 * packetdrill scripts see what Linux would send), data copied from the sender's buffer, and the checksum over the
 * pseudo-header (RFC 9293 §3.1). Allocates one pooled buffer per segment and nothing else.
 *
 * <p>Option layouts (Linux {@code tcp_options_write}): a SYN carries {@code mss, sackOK, TS, nop, wscale} (20 bytes)
 * or the subset negotiated, padded with NOPs to 32-bit words; other segments carry {@code nop, nop, TS} (12 bytes)
 * and {@code nop, nop, sack N} (2 + 8·N).
 *
 * <p>Owned by the stack's thread; one per transport, shared by its connections and listeners.
 */
public final class SegmentWriter {

    /** The options of one segment to send: fill the fields, then pass to {@link #send}. Reusable. */
    public static final class Options {
        /** MSS to announce, or -1 (SYN only). */
        public int mss = -1;
        /** Window scale shift to announce, or -1 (SYN only). */
        public int windowScale = -1;
        /** Announce SACK-permitted (SYN only). */
        public boolean sackPermitted;
        /** Carry timestamps. */
        public boolean timestamps;
        public int tsVal;
        public int tsEcr;
        /** SACK blocks to carry: {@code sackLeft[i]}, {@code sackRight[i]}, {@code i < sackCount}. */
        public final int[] sackLeft = new int[TcpSegment.MAX_SACK_BLOCKS];
        public final int[] sackRight = new int[TcpSegment.MAX_SACK_BLOCKS];
        public int sackCount;

        /** No options. */
        public Options clear() {
            mss = -1;
            windowScale = -1;
            sackPermitted = false;
            timestamps = false;
            sackCount = 0;
            return this;
        }

        /** The bytes these options take, padded to a multiple of four. */
        public int length() {
            int n = 0;
            if (mss >= 0) {
                n += 4;
            }
            if (timestamps) {
                n += 12; // SACK_PERM TS (2 + 10), or NOP NOP TS: the permission takes the NOPs' place
            } else if (sackPermitted) {
                n += 4; // NOP NOP SACK_PERM
            }
            if (windowScale >= 0) {
                n += 4; // NOP WS
            }
            if (sackCount > 0) {
                int room = (TcpLayout.MAX_OPTIONS_LENGTH - n - 4) / 8;
                n += 4 + 8 * Math.min(sackCount, room);
            }
            return n;
        }
    }

    /** Where a segment's data comes from: the sender's buffer, copied by sequence number. */
    @FunctionalInterface
    public interface PayloadSource {
        /** Copies {@code len} bytes starting at sequence number {@code seq} into {@code dst} at {@code dstOff}. */
        void copy(int seq, int len, MemorySegment dst, long dstOff);
    }

    private final IpOutput ip;
    private final BufPool pool;
    private final TcpView view = new TcpView();

    public SegmentWriter(IpOutput ip, BufPool pool) {
        this.ip = ip;
        this.pool = pool;
    }

    /**
     * Sends one segment of {@code key}'s connection.
     *
     * @param window  the window field, already scaled down
     * @param src     the data's source, or null when {@code len} is 0
     * @param tos     the IP TOS or traffic class byte: DSCP and the ECN field (ECT(0) for ECN-capable data)
     * @param scope   the interface of a link-local IPv6 peer, or null
     * @return what the IP layer did with it; {@link SendStatus#NO_BUFFER} when the pool is empty
     */
    public SendStatus send(FlowKey key, int seq, int ack, int flags, int window, int urgent, Options options,
                           PayloadSource src, int len, int tos, InterfaceId scope, long now) {
        int optLen = options == null ? 0 : options.length();
        int headerLength = TcpLayout.HEADER_LENGTH + optLen;
        PacketBuf buf = pool.tryAllocate(ip.headroom(), headerLength + len);
        if (buf == null) {
            return SendStatus.NO_BUFFER;
        }
        MemorySegment seg = buf.segment();
        long off = buf.offset();
        view.wrap(seg, off, headerLength + len);
        view.setSrcPort(key.localPort());
        view.setDstPort(key.remotePort());
        view.setSeqNumber(seq);
        view.setAckNumber(ack);
        view.setHeaderLengthAndFlags(headerLength, flags);
        view.setWindow(window);
        view.setUrgentPointer(urgent);
        view.setChecksum(0);
        if (optLen > 0) {
            writeOptions(options, seg, off + TcpLayout.HEADER_LENGTH, optLen);
        }
        if (len > 0) {
            src.copy(seq, len, seg, off + headerLength);
        }
        int length = headerLength + len;
        int pseudo = key.version() == 4
                ? InternetChecksum.pseudoHeaderV4((int) key.localLo(), (int) key.remoteLo(), IpProtocol.TCP, length)
                : InternetChecksum.pseudoHeaderV6(key.localHi(), key.localLo(), key.remoteHi(), key.remoteLo(),
                IpProtocol.TCP, length);
        view.setChecksum(InternetChecksum.compute(pseudo, seg, off, length));
        return ip.send(key, tos, scope, buf, now);
    }

    /** Writes the options in Linux's layout, NOP-padded to {@code optLen}. */
    private static void writeOptions(Options o, MemorySegment seg, long at, int optLen) {
        long p = at;
        long end = at + optLen;
        if (o.mss >= 0) {
            p = put(seg, p, TcpOptionKind.MSS, TcpOptionKind.MSS_LENGTH);
            NetOrder.setU16(seg, p - 2, o.mss);
        }
        if (o.timestamps) {
            if (o.sackPermitted) {
                p = put(seg, p, TcpOptionKind.SACK_PERMITTED, TcpOptionKind.SACK_PERMITTED_LENGTH);
            } else {
                p = nop(seg, nop(seg, p));
            }
            p = put(seg, p, TcpOptionKind.TIMESTAMPS, TcpOptionKind.TIMESTAMPS_LENGTH);
            NetOrder.setI32(seg, p - 8, o.tsVal);
            NetOrder.setI32(seg, p - 4, o.tsEcr);
        } else if (o.sackPermitted) {
            p = put(seg, nop(seg, nop(seg, p)), TcpOptionKind.SACK_PERMITTED, TcpOptionKind.SACK_PERMITTED_LENGTH);
        }
        if (o.windowScale >= 0) {
            p = put(seg, nop(seg, p), TcpOptionKind.WINDOW_SCALE, TcpOptionKind.WINDOW_SCALE_LENGTH);
            NetOrder.setU8(seg, p - 1, o.windowScale);
        }
        if (o.sackCount > 0) {
            int blocks = (int) Math.min(o.sackCount, (end - p - 4) / 8);
            p = nop(seg, nop(seg, p));
            p = put(seg, p, TcpOptionKind.SACK, 2 + 8 * blocks);
            for (int i = 0; i < blocks; i++) {
                NetOrder.setI32(seg, p - 8L * (blocks - i), o.sackLeft[i]);
                NetOrder.setI32(seg, p - 8L * (blocks - i) + 4, o.sackRight[i]);
            }
        }
        while (p < end) {
            p = nop(seg, p);
        }
    }

    /** Writes an option's kind and length and returns the position after its whole body. */
    private static long put(MemorySegment seg, long p, int kind, int length) {
        NetOrder.setU8(seg, p, kind);
        NetOrder.setU8(seg, p + 1, length);
        return p + length;
    }

    private static long nop(MemorySegment seg, long p) {
        NetOrder.setU8(seg, p, TcpOptionKind.NOP);
        return p + 1;
    }
}
