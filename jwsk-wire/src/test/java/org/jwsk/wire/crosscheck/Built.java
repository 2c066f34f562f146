package org.jwsk.wire.crosscheck;

import java.util.Arrays;
import java.util.List;
import org.jwsk.wire.Octets;

/**
 * Bytes {@link FrameBuilder} emitted and the layers it emitted them from (with the lengths it filled in).
 *
 * @param bytes    the packet
 * @param layers   its headers, outermost first
 * @param complete false when the bytes were cut short ({@link #truncated}), as an ICMP error quotes a datagram:
 *                 then tshark cannot verify checksums inside
 */
record Built(byte[] bytes, List<Layer> layers, boolean complete) {

    Built {
        bytes = bytes.clone();
        layers = List.copyOf(layers);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The packet's bytes. */
    Octets octets() {
        return Octets.of(bytes);
    }

    /** {@code length} bytes from {@code from}. */
    Octets slice(int from, int length) {
        return Octets.of(Arrays.copyOfRange(bytes, from, from + length));
    }

    /** The first {@code length} bytes, as an ICMP error quotes them; the layers stay those of the whole. */
    Built truncated(int length) {
        if (length >= bytes.length) {
            return this;
        }
        return new Built(Arrays.copyOf(bytes, length), layers, false);
    }

    /** The total length. */
    int length() {
        return bytes.length;
    }
}
