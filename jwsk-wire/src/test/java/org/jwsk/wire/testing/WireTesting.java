package org.jwsk.wire.testing;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.random.RandomGenerator;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.addr.MacAddress;

/** Helpers shared by the wire tests (and, through the test jar, by the layers above). */
public final class WireTesting {

    /** The byte every poisoned buffer is filled with, as in smoltcp's construct tests. */
    public static final byte POISON = (byte) 0xA5;

    private WireTesting() {
    }

    /** Bytes from hex text as tcpdump -xx prints it; whitespace is ignored. */
    public static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    /** The bytes as lowercase hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** A heap segment over a copy of {@code bytes}. */
    public static MemorySegment segment(byte[] bytes) {
        return MemorySegment.ofArray(bytes.clone());
    }

    /** A heap segment of {@code length} bytes, every one {@link #POISON}: emit into it to catch unwritten fields. */
    public static MemorySegment poisoned(int length) {
        byte[] b = new byte[length];
        java.util.Arrays.fill(b, POISON);
        return MemorySegment.ofArray(b);
    }

    /** The first {@code length} bytes of {@code seg} from {@code off}. */
    public static byte[] bytes(MemorySegment seg, long off, int length) {
        return seg.asSlice(off, length).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    /** A random unicast MAC. */
    public static MacAddress randomMac(RandomGenerator r) {
        return new MacAddress(r.nextLong() & 0xfeff_ffff_ffffL);
    }

    /** A random MAC, unicast or multicast. */
    public static MacAddress anyMac(RandomGenerator r) {
        return new MacAddress(r.nextLong() & 0xffff_ffff_ffffL);
    }

    /** A random IPv4 address. */
    public static Ipv4Address randomIpv4(RandomGenerator r) {
        return new Ipv4Address(r.nextInt());
    }

    /** A random IPv6 address. */
    public static Ipv6Address randomIpv6(RandomGenerator r) {
        return new Ipv6Address(r.nextLong(), r.nextLong());
    }
}
