package org.jwsk.wire.udp;

import java.lang.foreign.MemorySegment;
import org.jwsk.wire.ChecksumPolicy;

/**
 * The validated meaning of a UDP header: the ports and the data length. The data itself stays in the buffer;
 * the checksum is computed on emit.
 *
 * @param srcPort       source port, 0-65535 (0: none, RFC 768)
 * @param dstPort       destination port, 0-65535
 * @param payloadLength data bytes after the header, 0-65527
 */
public record UdpRepr(int srcPort, int dstPort, int payloadLength) {

    public UdpRepr {
        if (srcPort < 0 || srcPort > 0xffff) {
            throw new IllegalArgumentException("source port out of range: " + srcPort);
        }
        if (dstPort < 0 || dstPort > 0xffff) {
            throw new IllegalArgumentException("destination port out of range: " + dstPort);
        }
        if (payloadLength < 0 || payloadLength > UdpLayout.MAX_LENGTH - UdpLayout.HEADER_LENGTH) {
            throw new IllegalArgumentException("payload length out of range: " + payloadLength);
        }
    }

    /** Reads a datagram whose {@link UdpView#check check} passed. The checksum is not verified here. */
    public static UdpRepr parse(UdpView view) {
        return new UdpRepr(view.srcPort(), view.dstPort(), view.payloadLength());
    }

    /** The header length, 8. */
    public int headerLength() {
        return UdpLayout.HEADER_LENGTH;
    }

    /** Header plus data: the length field and the bytes {@link #emit} covers. */
    public int bufferLength() {
        return UdpLayout.HEADER_LENGTH + payloadLength;
    }

    /**
     * Writes the header through {@code view}, which must wrap at least {@link #bufferLength()} bytes with the
     * data already in place after the header. With {@link ChecksumPolicy#COMPUTE} the checksum covers {@code
     * pseudoHeaderSum} (computed by the caller for length {@link #bufferLength()}), header and data; with {@link
     * ChecksumPolicy#OFFLOAD} it is stored as zero for the link to fill.
     */
    public void emit(UdpView view, ChecksumPolicy policy, int pseudoHeaderSum) {
        if (view.length() < bufferLength()) {
            throw new IndexOutOfBoundsException("datagram needs " + bufferLength() + " bytes, view has " + view.length());
        }
        view.setSrcPort(srcPort);
        view.setDstPort(dstPort);
        view.setLength(bufferLength());
        if (policy == ChecksumPolicy.COMPUTE) {
            view.fillChecksum(pseudoHeaderSum);
        } else {
            view.setChecksum(0);
        }
    }

    /** Writes the header at {@code off} of {@code seg}, data in place after it; convenience for control-plane code. */
    public void emit(MemorySegment seg, long off, ChecksumPolicy policy, int pseudoHeaderSum) {
        emit(new UdpView().wrap(seg, off, bufferLength()), policy, pseudoHeaderSum);
    }
}
