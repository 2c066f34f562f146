package org.jwsk.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jwsk.bench.BenchOptions;
import org.jwsk.bench.BenchSuite;
import org.jwsk.bench.Benchmarks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jwsk bench NAME}: runs a benchmark that measures jwsk against a reference in the same run. */
@Command(name = "bench", separator = " ", description = {
        "Run a benchmark. Each one measures jwsk and a reference (memory copy, kernel, C) in the same run",
        "and ends with 'ratio:' lines. './jwsk bench --list' shows them."})
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "the benchmark to run")
    String name;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "options of the benchmark itself, such as --runs 3 for tap-rx")
    List<String> args = new ArrayList<>();

    @Option(names = "--list", description = "list the benchmarks")
    boolean list;

    @Option(names = "--quick", description = "a smoke run with the shortest iterations; its figures mean nothing")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        // Everything after NAME belongs to the benchmark (the command stops at the first positional), except
        // --quick, which is ours wherever it stands.
        if (args.remove("--quick")) {
            quick = true;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (list || name == null) {
            for (BenchSuite b : Benchmarks.all()) {
                out.printf("  %-16s %s%n", b.name(), b.summary());
            }
            return name == null && !list ? 2 : 0;
        }
        BenchSuite suite = Benchmarks.find(name).orElseThrow(() -> new CommandLine.ParameterException(
                spec.commandLine(), "no benchmark named '" + name + "' (./jwsk bench --list)"));
        suite.run(new BenchOptions(quick, args), out);
        return 0;
    }
}
