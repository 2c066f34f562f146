package org.jwsk.bench;

import java.util.List;
import java.util.Optional;
import org.jwsk.bench.jmh.ChecksumBenchmark;
import org.jwsk.bench.jmh.ParseBenchmark;
import org.jwsk.bench.tap.TapReceiveSuite;

/** Every benchmark {@code jwsk bench} knows, in the order {@code --list} prints them. */
public final class Benchmarks {

    private static final List<BenchSuite> ALL = List.of(
            new JmhSuite("checksum", ChecksumBenchmark.class, "copy", "size",
                    "RFC 1071 checksum vs a memory copy of the same bytes (JMH), GB/s"),
            new JmhSuite("parse", ParseBenchmark.class, "copy", "size",
                    "Ethernet/IPv4/TCP receive parse (views, records) vs a copy of the frame (JMH)"),
            new TapReceiveSuite());

    private Benchmarks() {
    }

    /** All benchmarks. */
    public static List<BenchSuite> all() {
        return ALL;
    }

    /** The benchmark with this name. */
    public static Optional<BenchSuite> find(String name) {
        return ALL.stream().filter(b -> b.name().equals(name)).findFirst();
    }
}
