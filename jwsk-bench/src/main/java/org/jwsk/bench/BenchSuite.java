package org.jwsk.bench;

import java.io.PrintWriter;

/** One benchmark that {@code jwsk bench NAME} runs: it measures jwsk and its reference and prints ratios. */
public interface BenchSuite {

    /** The name on the command line. */
    String name();

    /** One line for the list of benchmarks. */
    String summary();

    /**
     * Runs the benchmark and prints its figures, ending with one or more {@code ratio:} lines.
     *
     * @throws Exception when the benchmark cannot run (a missing tool, no privileges); the message says why
     */
    void run(BenchOptions options, PrintWriter out) throws Exception;
}
