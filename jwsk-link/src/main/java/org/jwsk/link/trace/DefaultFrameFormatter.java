package org.jwsk.link.trace;

import java.lang.foreign.MemorySegment;
import org.jwsk.link.Medium;
import org.jwsk.wire.pcap.LinkType;
import org.jwsk.wire.print.PacketPrinter;

/**
 * The formatter a {@link TracingLink} uses unless given another: jwsk-wire's {@link PacketPrinter} with the link
 * header, so a trace line reads like {@code tcpdump -e -nn}: {@code 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff,
 * ethertype ARP (0x0806), length 42: ARP, Request who-has 192.0.2.2 tell 192.0.2.1, length 28}.
 *
 * <p>It keeps a printer with reusable views, so an instance belongs to one thread at a time: the thread that owns
 * the link it formats for.
 */
public final class DefaultFrameFormatter implements FrameFormatter {

    private final PacketPrinter printer = new PacketPrinter(true);

    @Override
    public String summarize(Medium medium, MemorySegment segment, long offset, int length) {
        return printer.describe(medium == Medium.ETHERNET ? LinkType.ETHERNET : LinkType.RAW, segment, offset, length);
    }
}
