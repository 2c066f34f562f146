package org.jwsk.wire.print;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.jwsk.wire.pcap.CaptureReader;
import org.jwsk.wire.pcap.CaptureRecord;
import org.jwsk.wire.pcap.PcapngInterface;
import org.jwsk.wire.pcap.PcapngReader;

/**
 * Prints a capture file one line per frame, as {@code jwsk pcap} shows it:
 * <pre>
 *     13  05:34:57.800963  ARP, Request who-has 192.0.2.2 tell 192.0.2.1, length 28
 *     30  05:34:58.729805  IP 192.0.2.1.34554 &gt; 192.0.2.2.8080: Flags [S], seq 418788153, win 64240, ...
 * </pre>
 * The frame number counts from 1; the time is UTC, to the microsecond unless asked for nanoseconds. When the file
 * describes more than one interface, the interface's name (or number) follows the time, and a frame's direction,
 * where the file records it, appears as {@code In} or {@code Out}.
 *
 * @param linkHeader     show Ethernet addresses, VLAN tags and EtherTypes ({@code -e})
 * @param hex            follow each line with the frame's bytes in hex ({@code -x})
 * @param nanoseconds    print times to the nanosecond
 * @param limit          stop after this many frames; 0 for no limit
 */
public record CapturePrinter(boolean linkHeader, boolean hex, boolean nanoseconds, long limit) {

    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);

    public CapturePrinter {
        if (limit < 0) {
            throw new IllegalArgumentException("negative frame limit " + limit);
        }
    }

    /**
     * Prints every frame {@code reader} yields (up to the limit) to {@code out}.
     *
     * @return the number of frames printed
     * @throws IOException if the file is malformed ({@link org.jwsk.wire.pcap.PcapFormatException}, after the
     *                     frames before the fault have been printed) or cannot be read
     */
    public long print(CaptureReader reader, Appendable out) throws IOException {
        Objects.requireNonNull(out, "out");
        PacketPrinter printer = new PacketPrinter(linkHeader);
        long n = 0;
        for (CaptureRecord r = reader.next(); r != null && (limit == 0 || n < limit); r = reader.next()) {
            n++;
            out.append(line(n, r, reader, printer)).append('\n');
            if (hex) {
                hexDump(r, out);
            }
        }
        return n;
    }

    private String line(long number, CaptureRecord r, CaptureReader reader, PacketPrinter printer) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(String.format("%6d  ", number));
        sb.append(r.hasTimestamp() ? (nanoseconds ? NANOS : MICROS).format(Instant.ofEpochSecond(0, 0)
                .plusNanos(r.epochNanos())) : "--:--:--.------").append("  ");
        if (reader instanceof PcapngReader ng && ng.interfaces().size() > 1) {
            sb.append(interfaceName(ng.interfaces(), r.interfaceId())).append(' ');
        }
        switch (r.direction()) {
            case INBOUND -> sb.append("In  ");
            case OUTBOUND -> sb.append("Out ");
            default -> { }
        }
        sb.append(printer.describe(r.linkType(), r.data().toByteArray()));
        if (r.isTruncated()) {
            sb.append(" [captured ").append(r.capturedLength()).append(" of ").append(r.originalLength()).append(']');
        }
        return sb.toString();
    }

    private static String interfaceName(List<PcapngInterface> interfaces, int id) {
        String name = id < interfaces.size() ? interfaces.get(id).name() : null;
        return name == null || name.isEmpty() ? "if" + id : name;
    }

    /** The frame's bytes as {@code tcpdump -xx} shows them: sixteen per row, in groups of two. */
    private static void hexDump(CaptureRecord r, Appendable out) throws IOException {
        byte[] b = r.data().toByteArray();
        HexFormat hf = HexFormat.of();
        for (int row = 0; row < b.length; row += 16) {
            StringBuilder sb = new StringBuilder(String.format("\t0x%04x: ", row));
            for (int i = row; i < Math.min(row + 16, b.length); i += 2) {
                sb.append(' ').append(hf.toHexDigits(b[i]));
                if (i + 1 < b.length) {
                    sb.append(hf.toHexDigits(b[i + 1]));
                }
            }
            out.append(sb).append('\n');
        }
    }
}
