package org.jwsk.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jwsk.wire.pcap.CaptureReader;
import org.jwsk.wire.pcap.PcapFormatException;
import org.jwsk.wire.print.CapturePrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jwsk pcap FILE}: a capture, one line per frame, decoded by jwsk-wire. */
@Command(name = "pcap", description = {
        "Print a pcapng or pcap capture one line per frame, like tcpdump -nn, decoded by jwsk's wire formats.",
        "Times are UTC. Malformed headers are shown as [malformed REASON]."})
final class PcapCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "a .pcapng or .pcap file")
    Path file;

    @Option(names = "-e", description = "show the link-level header (MAC addresses, VLAN tags, EtherType)")
    boolean linkHeader;

    @Option(names = "-x", description = "show each frame's bytes in hex")
    boolean hex;

    @Option(names = "--ns", description = "show times to the nanosecond")
    boolean nanoseconds;

    @Option(names = "-c", paramLabel = "COUNT", description = "stop after COUNT frames")
    long count;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + file);
        }
        if (count < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-c must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (CaptureReader reader = CaptureReader.open(file)) {
            new CapturePrinter(linkHeader, hex, nanoseconds, count).print(reader, out);
        } catch (PcapFormatException e) {
            out.flush();
            spec.commandLine().getErr().println("jwsk pcap: " + file + ": " + e.getMessage());
            return 1;
        }
        out.flush();
        return 0;
    }
}
