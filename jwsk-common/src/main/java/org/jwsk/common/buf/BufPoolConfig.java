package org.jwsk.common.buf;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link BufPool} is shaped: its name (for diagnostics), the headroom a new buffer reserves in front of
 * its data for headers prepended later, and its size classes.
 *
 * @param name        a short name shown in leak reports and statistics
 * @param headroom    bytes reserved in front of the data of a buffer allocated without an explicit headroom
 * @param sizeClasses the buffer sizes, each with its slab shape; sorted by size on construction
 */
public record BufPoolConfig(String name, int headroom, List<SizeClass> sizeClasses) {

    /**
     * Headroom that fits any header stack jwsk prepends: a virtio-net header (12), Ethernet with two VLAN tags
     * (22), IPv6 with a fragment header and room for a routing header (40 + 8 + 24) and TCP with a full option
     * area (60), rounded up to a cache line.
     */
    public static final int DEFAULT_HEADROOM = 192;

    /**
     * One size class: buffers of {@code bufferSize} bytes (headroom included), carved from slabs of {@code
     * buffersPerSlab} buffers, at most {@code maxSlabs} slabs. Slabs are allocated on demand and kept until the
     * pool closes.
     *
     * @param bufferSize     bytes per buffer, headroom included; at least 64
     * @param buffersPerSlab buffers per slab, a power of two
     * @param maxSlabs       the most slabs this class may allocate
     */
    public record SizeClass(int bufferSize, int buffersPerSlab, int maxSlabs) {
        public SizeClass {
            if (bufferSize < 64) {
                throw new IllegalArgumentException("bufferSize must be at least 64, not " + bufferSize);
            }
            if (buffersPerSlab <= 0 || Integer.bitCount(buffersPerSlab) != 1) {
                throw new IllegalArgumentException("buffersPerSlab must be a power of two, not " + buffersPerSlab);
            }
            if (maxSlabs <= 0) {
                throw new IllegalArgumentException("maxSlabs must be positive, not " + maxSlabs);
            }
            if ((long) buffersPerSlab * maxSlabs > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("too many buffers in one class: " + buffersPerSlab + " x " + maxSlabs);
            }
            if ((long) bufferSize * buffersPerSlab > 1L << 30) {
                throw new IllegalArgumentException("a slab may not exceed 1 GiB: " + bufferSize + " x " + buffersPerSlab);
            }
        }

        /** The most memory this class can hold, in bytes. */
        public long maxBytes() {
            return (long) bufferSize * buffersPerSlab * maxSlabs;
        }
    }

    public BufPoolConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sizeClasses, "sizeClasses");
        if (sizeClasses.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one size class");
        }
        sizeClasses = sizeClasses.stream().sorted(Comparator.comparingInt(SizeClass::bufferSize)).toList();
        if (headroom < 0 || headroom >= sizeClasses.getFirst().bufferSize()) {
            throw new IllegalArgumentException("headroom " + headroom + " does not fit the smallest buffer ("
                    + sizeClasses.getFirst().bufferSize() + " bytes)");
        }
    }

    /**
     * The default shape: 2 KiB buffers for frames up to a 1500-byte MTU (up to 256 MiB of them) and 68 KiB
     * buffers for 64 KiB frames and super-segments (up to 136 MiB), with {@link #DEFAULT_HEADROOM}.
     */
    public static BufPoolConfig defaults(String name) {
        return new BufPoolConfig(name, DEFAULT_HEADROOM, List.of(
                new SizeClass(2048, 512, 256),
                new SizeClass(68 * 1024, 16, 128)));
    }

    /** A small pool for tests: the default classes with at most {@code maxSlabs} slabs each. */
    public static BufPoolConfig small(String name, int maxSlabs) {
        return new BufPoolConfig(name, DEFAULT_HEADROOM, List.of(
                new SizeClass(2048, 64, maxSlabs),
                new SizeClass(68 * 1024, 4, maxSlabs)));
    }

    /** The largest data length a buffer with the default headroom can hold. */
    public int maxLength() {
        return sizeClasses.getLast().bufferSize() - headroom;
    }
}
