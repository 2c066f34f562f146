package org.jwsk.link;

import java.util.Objects;

/**
 * What a driver declares about its link; the layers above read it and never guess (smoltcp's device
 * capabilities, gVisor's {@code Capabilities()} and {@code MaxHeaderLength()}, NDIS's miniport attributes).
 *
 * @param medium             Ethernet frames or bare IP packets
 * @param mtu                the largest network-layer packet the link carries, in bytes (1500 on Ethernet); the
 *                           link header (14 bytes, or more with VLAN tags) comes on top
 * @param headroom           bytes a driver needs in front of each frame it sends, beyond the link header (a
 *                           virtio-net header, an encapsulation); the stack allocates frames with at least this
 * @param txChecksumOffload  the stack may leave transport and IPv4 header checksums unset on send, because the
 *                           link either computes them or (a virtual wire between two jwsk stacks) needs none
 * @param rxChecksumVerified frames arriving on this link cannot have been corrupted in transit, so the stack may
 *                           skip verifying checksums (a virtual wire without a corruption fault)
 */
public record LinkCaps(Medium medium, int mtu, int headroom, boolean txChecksumOffload, boolean rxChecksumVerified) {

    /** The smallest MTU IPv6 allows (RFC 8200 §5); IPv4 needs only 68, but jwsk links carry both. */
    public static final int MIN_MTU = 1280;
    /** The largest frame any jwsk link carries: 64 KiB of IP packet plus link headers fit a large pool buffer. */
    public static final int MAX_MTU = 65535;
    /** The most headroom a driver may ask for in front of a frame. */
    public static final int MAX_DRIVER_HEADROOM = 128;

    public LinkCaps {
        Objects.requireNonNull(medium, "medium");
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("MTU must be " + MIN_MTU + "-" + MAX_MTU + ", not " + mtu);
        }
        if (headroom < 0 || headroom > MAX_DRIVER_HEADROOM) {
            throw new IllegalArgumentException("driver headroom must be 0-" + MAX_DRIVER_HEADROOM + ", not " + headroom);
        }
    }

    /** An Ethernet link with the given MTU, no driver headroom and no offloads. */
    public static LinkCaps ethernet(int mtu) {
        return new LinkCaps(Medium.ETHERNET, mtu, 0, false, false);
    }

    /** An IP (TUN-style) link with the given MTU, no driver headroom and no offloads. */
    public static LinkCaps ip(int mtu) {
        return new LinkCaps(Medium.IP, mtu, 0, false, false);
    }

    /** The largest frame the driver sends or delivers: the MTU plus an Ethernet header with two VLAN tags. */
    public int maxFrameLength() {
        return medium == Medium.ETHERNET ? mtu + 22 : mtu;
    }
}
