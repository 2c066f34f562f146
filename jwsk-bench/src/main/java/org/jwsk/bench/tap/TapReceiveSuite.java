package org.jwsk.bench.tap;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.bench.BenchOptions;
import org.jwsk.bench.BenchSuite;

/** {@code jwsk bench tap-rx}: {@link TapReceiveBenchmark}, frames/s from a TAP device, jwsk vs a C reader. */
public final class TapReceiveSuite implements BenchSuite {

    @Override
    public String name() {
        return "tap-rx";
    }

    @Override
    public String summary() {
        return "frames/s received from a TAP device: jwsk's TapDriver vs a C reader (root)";
    }

    @Override
    public void run(BenchOptions options, PrintWriter out) throws Exception {
        List<String> args = new ArrayList<>();
        if (options.quick()) {
            args.addAll(List.of("--runs", "1", "--warmup-ms", "200", "--measure-ms", "300"));
        }
        args.addAll(options.args());
        TapReceiveBenchmark.run(args.toArray(String[]::new), out);
    }
}
