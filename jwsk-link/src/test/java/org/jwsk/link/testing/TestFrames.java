package org.jwsk.link.testing;

import org.jwsk.common.buf.BufPool;
import org.jwsk.common.buf.BufPoolConfig;
import org.jwsk.common.buf.NetOrder;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ethernet.EthernetRepr;

/** Frames for link tests: every byte written, with a sequence number to follow each frame through a link. */
public final class TestFrames {

    /** The source MAC of test frames. */
    public static final MacAddress SRC = MacAddress.parse("02:00:00:00:00:01");
    /** The destination MAC of test frames. */
    public static final MacAddress DST = MacAddress.parse("02:00:00:00:00:02");
    /** IEEE 802 Local Experimental EtherType 1 (RFC 7042 §2.2.3): never a real protocol. */
    public static final int EXPERIMENTAL_ETHERTYPE = 0x88b5;
    /** Where an Ethernet test frame carries its sequence number. */
    public static final int ETHERNET_SEQ_OFFSET = 14;
    /** Where an IP test packet carries its sequence number (after a 20-byte IPv4 header). */
    public static final int IP_SEQ_OFFSET = 20;

    private TestFrames() {
    }

    /** A pool for one test, large enough for a few thousand frames in flight; close it at the end. */
    public static BufPool pool() {
        return BufPool.create(BufPoolConfig.small("link-test", 64));
    }

    /** An Ethernet frame of {@code length} bytes (at least 18) carrying {@code seq}. The caller owns it. */
    public static PacketBuf ethernet(BufPool pool, int seq, int length) {
        PacketBuf frame = pool.allocate(length);
        new EthernetRepr(DST, SRC, EXPERIMENTAL_ETHERTYPE).emit(frame.segment(), frame.offset());
        fillPayload(frame, ETHERNET_SEQ_OFFSET, seq);
        return frame;
    }

    /** A packet of {@code length} bytes (at least 24) starting with an IPv4 version nibble, carrying {@code seq}. */
    public static PacketBuf ipv4(BufPool pool, int seq, int length) {
        PacketBuf packet = pool.allocate(length);
        NetOrder.setU8(packet.segment(), packet.offset(), 0x45);
        for (int i = 1; i < IP_SEQ_OFFSET; i++) {
            NetOrder.setU8(packet.segment(), packet.offset() + i, 0);
        }
        fillPayload(packet, IP_SEQ_OFFSET, seq);
        return packet;
    }

    private static void fillPayload(PacketBuf frame, int seqOffset, int seq) {
        NetOrder.setI32(frame.segment(), frame.offset() + seqOffset, seq);
        for (int i = seqOffset + 4; i < frame.length(); i++) {
            NetOrder.setU8(frame.segment(), frame.offset() + i, (seq + i) & 0xff);
        }
    }

    /** The sequence number of an Ethernet test frame. */
    public static int ethernetSeq(PacketBuf frame) {
        return NetOrder.i32(frame.segment(), frame.offset() + ETHERNET_SEQ_OFFSET);
    }

    /** The sequence number of an IP test packet. */
    public static int ipSeq(PacketBuf packet) {
        return NetOrder.i32(packet.segment(), packet.offset() + IP_SEQ_OFFSET);
    }
}
