package org.jwsk.wire.icmpv6;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jwsk.common.buf.NetOrder;

/** Range checks and header writing shared by the ICMPv6 records. */
final class Icmpv6Fields {

    private Icmpv6Fields() {
    }

    static void requireRange(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " must be 0-" + max + ", not " + value);
        }
    }

    static void requireU32(String what, long value) {
        if (value < 0 || value > 0xffff_ffffL) {
            throw new IllegalArgumentException(what + " must fit 32 bits, not " + value);
        }
    }

    /** Writes type and code and zeroes the checksum field. */
    static void writeHeader(MemorySegment seg, long off, int type, int code) {
        NetOrder.setU8(seg, off + Icmpv6Layout.TYPE_OFFSET, type);
        NetOrder.setU8(seg, off + Icmpv6Layout.CODE_OFFSET, code);
        NetOrder.setU16(seg, off + Icmpv6Layout.CHECKSUM_OFFSET, 0);
    }

    static int optionsLength(List<NdpOption> options) {
        int length = 0;
        for (NdpOption option : options) {
            length += option.length();
        }
        return length;
    }

    static void writeOptions(MemorySegment seg, long off, List<NdpOption> options) {
        long p = off;
        for (NdpOption option : options) {
            option.emit(seg, p);
            p += option.length();
        }
    }
}
