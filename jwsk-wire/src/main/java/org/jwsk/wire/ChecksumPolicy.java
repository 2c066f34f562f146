package org.jwsk.wire;

/**
 * Whether an emitter fills in a checksum field. Links that offload checksums (a virtual wire inside one JVM,
 * a TAP device with {@code IFF_VNET_HDR} and partial checksums) let the stack skip the work; everything else
 * computes.
 */
public enum ChecksumPolicy {
    /** Compute the checksum and store it. */
    COMPUTE,
    /** Store zero and leave the checksum to the link, which has declared that it can. */
    OFFLOAD
}
