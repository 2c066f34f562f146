package org.jwsk.wire.pcap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Builds pcapng files block by block, byte by byte, independently of {@link PcapngWriter}, so reader tests do not
 * trust the writer and can build what the writer never would (other byte orders, obsolete and unknown blocks, bad
 * lengths). Options are ended with opt_endofopt unless {@link #noEndOfOptions()} is called.
 */
final class PcapngBytes {

    /** One option: its code and its unpadded value in a given byte order. */
    record Opt(int code, Function<ByteOrder, byte[]> value) {
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteOrder order;
    private boolean endOfOptions = true;

    private PcapngBytes(ByteOrder order) {
        this.order = order;
    }

    /** A file whose first section will be in {@code order}. */
    static PcapngBytes of(ByteOrder order) {
        return new PcapngBytes(order);
    }

    static Opt opt(int code, byte... value) {
        return new Opt(code, o -> value.clone());
    }

    static Opt string(int code, String value) {
        return new Opt(code, o -> value.getBytes(StandardCharsets.UTF_8));
    }

    static Opt u32(int code, int value) {
        return new Opt(code, o -> ByteBuffer.allocate(4).order(o).putInt(value).array());
    }

    static Opt i64(int code, long value) {
        return new Opt(code, o -> ByteBuffer.allocate(8).order(o).putLong(value).array());
    }

    /** Later blocks get no opt_endofopt after their options. */
    PcapngBytes noEndOfOptions() {
        endOfOptions = false;
        return this;
    }

    /** A Section Header Block in {@code sectionOrder}, which later blocks then use. */
    PcapngBytes shb(ByteOrder sectionOrder, int major, int minor, long sectionLength, Opt... options) {
        order = sectionOrder;
        ByteBuffer b = buf(16).putInt(PcapngLayout.BYTE_ORDER_MAGIC).putShort((short) major).putShort((short) minor)
                .putLong(sectionLength);
        return block(PcapngLayout.SHB, concat(b.array(), options(options)));
    }

    /** A version 1.0 Section Header Block of unspecified length in the current order. */
    PcapngBytes shb(Opt... options) {
        return shb(order, 1, 0, -1, options);
    }

    PcapngBytes idb(int linkType, long snaplen, Opt... options) {
        ByteBuffer b = buf(8).putShort((short) linkType).putShort((short) 0).putInt((int) snaplen);
        return block(PcapngLayout.IDB, concat(b.array(), options(options)));
    }

    PcapngBytes epb(int interfaceId, long units, byte[] data, long originalLength, Opt... options) {
        ByteBuffer b = buf(20).putInt(interfaceId).putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(data.length).putInt((int) originalLength);
        return block(PcapngLayout.EPB, concat(b.array(), padded(data), options(options)));
    }

    /** An Enhanced Packet Block whose captured length field says {@code claimed}, whatever the data. */
    PcapngBytes epbClaiming(int interfaceId, long claimed, byte[] data) {
        ByteBuffer b = buf(20).putInt(interfaceId).putInt(0).putInt(0).putInt((int) claimed).putInt(data.length);
        return block(PcapngLayout.EPB, concat(b.array(), padded(data)));
    }

    PcapngBytes pb(int interfaceId, int drops, long units, byte[] data, long originalLength, Opt... options) {
        ByteBuffer b = buf(20).putShort((short) interfaceId).putShort((short) drops).putInt((int) (units >>> 32))
                .putInt((int) units).putInt(data.length).putInt((int) originalLength);
        return block(PcapngLayout.PB, concat(b.array(), padded(data), options(options)));
    }

    PcapngBytes spb(long originalLength, byte[] data) {
        return block(PcapngLayout.SPB, concat(buf(4).putInt((int) originalLength).array(), padded(data)));
    }

    /** Any block: type, body (padded here), and both total lengths. */
    PcapngBytes block(int type, byte[] body) {
        byte[] p = padded(body);
        int length = 12 + p.length;
        return raw(concat(buf(8).putInt(type).putInt(length).array(), p, buf(4).putInt(length).array()));
    }

    /** A 32-bit number in the current order. */
    PcapngBytes u32(int value) {
        return raw(buf(4).putInt(value).array());
    }

    PcapngBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    static ReadableByteChannel channel(byte[] bytes) {
        return Channels.newChannel(new ByteArrayInputStream(bytes));
    }

    private byte[] options(Opt[] options) {
        if (options.length == 0) {
            return new byte[0];
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (Opt opt : options) {
            byte[] v = opt.value().apply(order);
            o.writeBytes(buf(4).putShort((short) opt.code()).putShort((short) v.length).array());
            o.writeBytes(padded(v));
        }
        if (endOfOptions) {
            o.writeBytes(new byte[4]);
        }
        return o.toByteArray();
    }

    private ByteBuffer buf(int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    static byte[] padded(byte[] b) {
        byte[] p = new byte[(b.length + 3) & ~3];
        System.arraycopy(b, 0, p, 0, b.length);
        return p;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }
}
