package org.jwsk.link.tap;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import org.jwsk.common.buf.NetOrder;

/**
 * A {@code struct ifreq} ({@code <linux/if.h>}), the argument of {@code TUNSETIFF} and of the {@code SIOC*IF*}
 * socket ioctls. Integers in the union are in host byte order; the hardware address bytes are in wire order.
 *
 * <pre>
 *  offset  size  field
 *       0    16  char ifr_name[IFNAMSIZ]      NUL-terminated interface name
 *      16    24  union:
 *                  short ifru_flags           TUNSETIFF (IFF_TAP, IFF_NO_PI, ...), SIOC[GS]IFFLAGS (IFF_UP)
 *                  int   ifru_mtu             SIOC[GS]IFMTU
 *                  struct sockaddr ifru_hwaddr  SIOC[GS]IFHWADDR: u16 sa_family, then the 6 MAC bytes
 *  total   40
 * </pre>
 */
final class IfReq {

    static final int SIZE = 40;
    static final int IFNAMSIZ = 16;
    private static final long UNION_OFFSET = 16;
    private static final long HWADDR_DATA_OFFSET = UNION_OFFSET + 2;
    /** {@code ARPHRD_ETHER} from {@code <linux/if_arp.h>}: the sa_family of an Ethernet hardware address. */
    static final short ARPHRD_ETHER = 1;

    private final MemorySegment seg;

    /** A zeroed request allocated in {@code arena}. */
    IfReq(Arena arena) {
        this.seg = arena.allocate(SIZE, 8);
    }

    MemorySegment segment() {
        return seg;
    }

    /** Zeroes the request and writes {@code name} (ASCII, at most 15 bytes, checked by {@link TapConfig}). */
    IfReq reset(String name) {
        seg.fill((byte) 0);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(bytes, 0, seg, JAVA_BYTE, 0, Math.min(bytes.length, IFNAMSIZ - 1));
        return this;
    }

    /** The NUL-terminated name the kernel wrote back (TUNSETIFF returns the name it chose). */
    String name() {
        int len = 0;
        while (len < IFNAMSIZ && seg.get(JAVA_BYTE, len) != 0) {
            len++;
        }
        return new String(seg.asSlice(0, len).toArray(JAVA_BYTE), StandardCharsets.US_ASCII);
    }

    short flags() {
        return seg.get(JAVA_SHORT, UNION_OFFSET);
    }

    IfReq setFlags(int flags) {
        seg.set(JAVA_SHORT, UNION_OFFSET, (short) flags);
        return this;
    }

    int mtu() {
        return seg.get(JAVA_INT, UNION_OFFSET);
    }

    IfReq setMtu(int mtu) {
        seg.set(JAVA_INT, UNION_OFFSET, mtu);
        return this;
    }

    /** The hardware address family ({@link #ARPHRD_ETHER} for a TAP device). */
    short hwFamily() {
        return seg.get(JAVA_SHORT, UNION_OFFSET);
    }

    /** The MAC in the low 48 bits. */
    long hwAddr() {
        return NetOrder.u48(seg, HWADDR_DATA_OFFSET);
    }

    IfReq setHwAddr(long mac) {
        seg.set(JAVA_SHORT, UNION_OFFSET, ARPHRD_ETHER);
        NetOrder.setU48(seg, HWADDR_DATA_OFFSET, mac);
        return this;
    }
}
