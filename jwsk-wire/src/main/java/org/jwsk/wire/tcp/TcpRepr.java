package org.jwsk.wire.tcp;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jwsk.common.seq.Seq32;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.Octets;

/**
 * The validated meaning of a TCP segment (RFC 9293 §3.1): ports, sequence and acknowledgment numbers, control
 * bits, window, urgent pointer, options in wire order, and the data. The checksum is not part of it: {@link
 * #emit} computes it and {@link TcpView#verifyChecksum} checks it. The reserved bits are not either: they are
 * ignored on receipt and sent as zero (RFC 9293 §3.1).
 *
 * <p><b>Options.</b> The list is the option area as laid out on the wire, NOPs included, so a layout survives
 * {@code parse} and {@code emit}; {@link TcpOptions#linuxLayout} builds Linux's. Emission pads the list with
 * zero bytes to a 32-bit boundary, and a receiver reads the first of those as EOL; so that {@code parse(emit(r))
 * == r}, a list that does not fill whole words and does not end with {@link TcpOption.EndOfList} gets one
 * appended by the constructor. An {@code EndOfList} may only come last. {@code parse} keeps the options before
 * EOL, or before a malformed option (as Linux does; see {@link TcpOptionCursor}); what follows is not kept.
 *
 * <p>Records are the control plane's and the tests' language; the data path reads through {@link TcpView}.
 *
 * @param srcPort       source port, 0-65535
 * @param dstPort       destination port, 0-65535
 * @param seqNumber     sequence number, SEG.SEQ, raw 32 bits
 * @param ackNumber     acknowledgment number, SEG.ACK, raw 32 bits; sent as is even without ACK
 * @param flags         the control bits
 * @param window        window, SEG.WND, unscaled, 0-65535
 * @param urgentPointer urgent pointer, SEG.UP, 0-65535; sent as is even without URG
 * @param options       options in wire order, at most 40 bytes
 * @param payload       the data
 */
public record TcpRepr(int srcPort, int dstPort, int seqNumber, int ackNumber, TcpFlags flags, int window,
                      int urgentPointer, List<TcpOption> options, Octets payload) {

    public TcpRepr {
        requireU16("source port", srcPort);
        requireU16("destination port", dstPort);
        requireU16("window", window);
        requireU16("urgent pointer", urgentPointer);
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(payload, "payload");
        options = normalizeOptions(options);
    }

    private static void requireU16(String what, int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException(what + " out of range: " + value);
        }
    }

    private static List<TcpOption> normalizeOptions(List<TcpOption> options) {
        List<TcpOption> list = List.copyOf(options);
        for (int i = 0; i < list.size() - 1; i++) {
            if (list.get(i) instanceof TcpOption.EndOfList) {
                throw new IllegalArgumentException("EOL must be the last option, not at index " + i + " of " + list);
            }
        }
        int length = TcpOptions.length(list);
        if (length > TcpLayout.MAX_OPTIONS_LENGTH) {
            throw new IllegalArgumentException("options take " + length + " bytes, more than 40: " + list);
        }
        boolean endsWithEol = !list.isEmpty() && list.getLast() instanceof TcpOption.EndOfList;
        if (length % 4 != 0 && !endsWithEol) {
            List<TcpOption> terminated = new ArrayList<>(list);
            terminated.add(TcpOption.EOL);
            return List.copyOf(terminated);
        }
        return list;
    }

    /**
     * Reads a segment whose {@link TcpView#check check} passed. Never throws for such a segment, whatever its
     * options hold. Does not look at the checksum.
     */
    public static TcpRepr parse(TcpView view) {
        List<TcpOption> options = new ArrayList<>();
        TcpOptionCursor cursor = new TcpOptionCursor().reset(view);
        while (cursor.next()) {
            options.add(cursor.toOption());
        }
        return new TcpRepr(view.srcPort(), view.dstPort(), view.seqNumber(), view.ackNumber(),
                TcpFlags.of(view.flags()), view.window(), view.urgentPointer(), options,
                Octets.copyOf(view.segment(), view.payloadOffset(), view.payloadLength()));
    }

    /** The header length this record emits: 20 plus the padded options. */
    public int headerLength() {
        return TcpOptions.headerLength(options);
    }

    /** The segment length this record emits: header plus data. */
    public int bufferLength() {
        return headerLength() + payload.length();
    }

    /** SEG.LEN: the data length plus one for SYN and one for FIN (RFC 9293 §3.4). */
    public int segmentLength() {
        return TcpFlags.segmentLength(flags.bits(), payload.length());
    }

    /** The last option of type {@code type}, as {@link TcpView} reports the last of a kind. */
    public <T extends TcpOption> Optional<T> option(Class<T> type) {
        T found = null;
        for (TcpOption option : options) {
            if (type.isInstance(option)) {
                found = type.cast(option);
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * Writes the whole segment, header, options, padding and data, through {@code view}, which must wrap exactly
     * {@link #bufferLength()} bytes; never reads the buffer's old contents.
     *
     * @param pseudoHeaderSum the pseudo-header sum for a TCP length of {@link #bufferLength()}, from {@code
     *                        InternetChecksum.pseudoHeaderV4/V6}; unused with {@link ChecksumPolicy#OFFLOAD}
     * @param policy          {@link ChecksumPolicy#COMPUTE} to fill in the checksum, {@link ChecksumPolicy#OFFLOAD}
     *                        to store zero for the link to complete
     * @throws IllegalArgumentException if the view's length is not {@link #bufferLength()}
     */
    public void emit(TcpView view, int pseudoHeaderSum, ChecksumPolicy policy) {
        if (view.length() != bufferLength()) {
            throw new IllegalArgumentException("segment needs exactly " + bufferLength() + " bytes, view has " + view.length());
        }
        int headerLength = headerLength();
        view.setSrcPort(srcPort);
        view.setDstPort(dstPort);
        view.setSeqNumber(seqNumber);
        view.setAckNumber(ackNumber);
        view.setHeaderLengthAndFlags(headerLength, flags.bits());
        view.setWindow(window);
        view.setChecksum(0);
        view.setUrgentPointer(urgentPointer);
        TcpOptions.write(options, view.segment(), view.optionsOffset());
        payload.copyTo(view.segment(), view.offset() + headerLength);
        if (policy == ChecksumPolicy.COMPUTE) {
            view.setComputedChecksum(pseudoHeaderSum);
        }
    }

    /** Writes the segment at {@code off} of {@code seg}; convenience for control-plane code and tests. */
    public void emit(MemorySegment seg, long off, int pseudoHeaderSum, ChecksumPolicy policy) {
        emit(new TcpView().wrap(seg, off, bufferLength()), pseudoHeaderSum, policy);
    }

    /**
     * Close to tcpdump's line, with absolute numbers: {@code 34554 > 8080: Flags [S], seq 418788153, win 64240,
     * options [mss 1460,sackOK,TS val 2466906651 ecr 0,nop,wscale 10], length 0}.
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(srcPort).append(" > ").append(dstPort).append(": Flags ").append(flags);
        b.append(", seq ").append(Seq32.unsigned(seqNumber));
        if (flags.ack()) {
            b.append(", ack ").append(Seq32.unsigned(ackNumber));
        }
        b.append(", win ").append(window);
        if (flags.urg()) {
            b.append(", urg ").append(urgentPointer);
        }
        if (!options.isEmpty()) {
            b.append(", options [");
            for (int i = 0; i < options.size(); i++) {
                b.append(i == 0 ? "" : ",").append(options.get(i));
            }
            b.append(']');
        }
        return b.append(", length ").append(payload.length()).toString();
    }
}
