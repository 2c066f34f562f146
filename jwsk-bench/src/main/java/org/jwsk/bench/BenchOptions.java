package org.jwsk.bench;

import java.util.List;

/**
 * Options common to every benchmark.
 *
 * @param quick a smoke run: the fewest, shortest iterations that still exercise every path (for tests); figures
 *              from a quick run are not to be published
 * @param args  options of the benchmark itself, as given after its name on the command line
 */
public record BenchOptions(boolean quick, List<String> args) {

    public BenchOptions {
        args = List.copyOf(args);
    }
}
