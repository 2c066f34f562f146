package org.jwsk.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string with value equality: the payloads, option bodies and quoted datagrams inside
 * records ({@code *Repr}), where a {@code byte[]} would break {@code equals}. Control plane and tests only; the
 * data path reads bytes through views.
 */
public final class Octets {

    /** The empty byte string. */
    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Octets of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    /** A copy of {@code len} bytes of {@code seg} at {@code off}. */
    public static Octets copyOf(MemorySegment seg, long off, int len) {
        if (len == 0) {
            return EMPTY;
        }
        byte[] b = new byte[len];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, off, b, 0, len);
        return new Octets(b);
    }

    /** Bytes from hex text; whitespace is ignored. */
    public static Octets ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
    }

    /** The number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Whether there are no bytes. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The unsigned byte at {@code index}. */
    public int get(int index) {
        return bytes[index] & 0xff;
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Copies the bytes into {@code seg} at {@code off}. */
    public void copyTo(MemorySegment seg, long off) {
        MemorySegment.copy(bytes, 0, seg, ValueLayout.JAVA_BYTE, off, bytes.length);
    }

    /** The bytes as lowercase hex. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes.length <= 64 ? "0x" + toHex() : "0x" + HexFormat.of().formatHex(bytes, 0, 64) + "...(" + bytes.length + " bytes)";
    }
}
