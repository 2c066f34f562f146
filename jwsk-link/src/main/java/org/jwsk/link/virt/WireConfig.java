package org.jwsk.link.virt;

import java.util.Objects;
import org.jwsk.link.LinkCaps;
import org.jwsk.link.Medium;
import org.jwsk.link.fault.FaultConfig;

/**
 * The shape of a {@link VirtualWire}: what both ends declare, how many frames may be in flight per direction, and
 * the impairments each direction starts with (they can be changed while the wire runs).
 *
 * @param name            the wire's name; the ends are called {@code name.a} and {@code name.b}
 * @param medium          Ethernet frames or bare IP packets
 * @param mtu             the MTU both ends declare
 * @param checksumOffload whether both ends declare checksum offload: senders may leave checksums unset and
 *                        receivers skip verifying them. Two jwsk stacks on one wire need no checksums, but then
 *                        nothing may corrupt a frame: the directions' fault configurations must not corrupt
 * @param ringCapacity    frames in flight per direction (sent and not yet delivered), a power of two; a send
 *                        finding the peer's ring full is discarded, as veth drops when its peer's backlog is full
 * @param aToB            the impairments of frames sent by end A
 * @param bToA            the impairments of frames sent by end B
 */
public record WireConfig(String name, Medium medium, int mtu, boolean checksumOffload, int ringCapacity,
                         FaultConfig aToB, FaultConfig bToA) {

    /** The default frames in flight per direction. */
    public static final int DEFAULT_RING_CAPACITY = 1024;
    /** The largest ring a wire may have. */
    public static final int MAX_RING_CAPACITY = 1 << 20;

    public WireConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(aToB, "aToB");
        Objects.requireNonNull(bToA, "bToA");
        if (ringCapacity < 1 || ringCapacity > MAX_RING_CAPACITY || Integer.bitCount(ringCapacity) != 1) {
            throw new IllegalArgumentException("ring capacity must be a power of two up to " + MAX_RING_CAPACITY
                    + ", not " + ringCapacity);
        }
        caps(medium, mtu, checksumOffload); // validates the MTU
        checkFaults(checksumOffload, aToB);
        checkFaults(checksumOffload, bToA);
    }

    /** An Ethernet wire with a 1500-byte MTU, no offload, the default ring and no impairments. */
    public static WireConfig ethernet(String name) {
        return new WireConfig(name, Medium.ETHERNET, 1500, false, DEFAULT_RING_CAPACITY, FaultConfig.NONE,
                FaultConfig.NONE);
    }

    /** An IP (TUN-style) wire with a 1500-byte MTU, no offload, the default ring and no impairments. */
    public static WireConfig ip(String name) {
        return new WireConfig(name, Medium.IP, 1500, false, DEFAULT_RING_CAPACITY, FaultConfig.NONE,
                FaultConfig.NONE);
    }

    /** This configuration with another MTU. */
    public WireConfig withMtu(int mtu) {
        return new WireConfig(name, medium, mtu, checksumOffload, ringCapacity, aToB, bToA);
    }

    /** This configuration with checksum offload declared or not. */
    public WireConfig withChecksumOffload(boolean offload) {
        return new WireConfig(name, medium, mtu, offload, ringCapacity, aToB, bToA);
    }

    /** This configuration with another ring capacity. */
    public WireConfig withRingCapacity(int capacity) {
        return new WireConfig(name, medium, mtu, checksumOffload, capacity, aToB, bToA);
    }

    /** This configuration with the same impairments in both directions. */
    public WireConfig withFaults(FaultConfig both) {
        return new WireConfig(name, medium, mtu, checksumOffload, ringCapacity, both, both);
    }

    /** This configuration with impairments per direction. */
    public WireConfig withFaults(FaultConfig aToB, FaultConfig bToA) {
        return new WireConfig(name, medium, mtu, checksumOffload, ringCapacity, aToB, bToA);
    }

    /** What each end declares. */
    public LinkCaps caps() {
        return caps(medium, mtu, checksumOffload);
    }

    private static LinkCaps caps(Medium medium, int mtu, boolean offload) {
        return new LinkCaps(medium, mtu, 0, offload, offload);
    }

    /**
     * Refuses impairments that corrupt frames on a wire that declares checksum offload: its receivers do not
     * verify checksums, so corruption would reach the application unseen.
     */
    static void checkFaults(boolean checksumOffload, FaultConfig faults) {
        if (checksumOffload && faults.corrupts()) {
            throw new IllegalArgumentException("a wire that declares checksum offload cannot corrupt frames: its"
                    + " receivers skip checksum verification");
        }
    }
}
