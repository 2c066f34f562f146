package org.jwsk.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * A JMH benchmark class run programmatically, with its results turned into bytes per second and compared with
 * a reference method of the same class measured in the same run.
 *
 * @param name       the suite's name for {@code jwsk bench NAME}
 * @param benchClass the JMH class
 * @param reference  the method every other method is compared with (a memory copy)
 * @param bytesParam the {@code @Param} naming the bytes one operation handles
 * @param summary    one line for {@code jwsk bench --list}
 */
public record JmhSuite(String name, Class<?> benchClass, String reference, String bytesParam, String summary)
        implements BenchSuite {

    public JmhSuite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(benchClass, "benchClass");
    }

    @Override
    public void run(BenchOptions options, PrintWriter out) throws Exception {
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("^" + benchClass.getName().replace(".", "\\.") + "\\.")
                .verbosity(options.quick() ? VerboseMode.SILENT : VerboseMode.NORMAL)
                .shouldFailOnError(true);
        if (options.quick()) {
            builder.forks(0).warmupIterations(1).warmupTime(TimeValue.milliseconds(100))
                    .measurementIterations(1).measurementTime(TimeValue.milliseconds(100));
        }
        Collection<RunResult> results;
        try {
            results = new Runner(builder.build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("JMH failed: " + e.getMessage(), e);
        }
        report(results, out);
    }

    private void report(Collection<RunResult> results, PrintWriter out) {
        // bytes per second by size, then by method
        Map<String, Map<String, double[]>> bySize = new LinkedHashMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(benchClass.getName().length() + 1);
            String size = r.getParams().getParam(bytesParam);
            double opsPerSecond = r.getPrimaryResult().getScore()
                    * perSecond(r.getPrimaryResult().getScoreUnit());
            double error = r.getPrimaryResult().getScoreError() * perSecond(r.getPrimaryResult().getScoreUnit());
            long bytes = Long.parseLong(size);
            bySize.computeIfAbsent(size, k -> new LinkedHashMap<>())
                    .put(method, new double[] {opsPerSecond * bytes, Double.isNaN(error) ? 0 : error * bytes,
                            opsPerSecond});
        }
        out.printf(Locale.ROOT, "%-22s %10s %14s %12s %12s%n", "benchmark", bytesParam, "GB/s", "± GB/s", "Mops/s");
        List<String> ratios = new ArrayList<>();
        bySize.forEach((size, methods) -> {
            methods.forEach((method, v) -> out.printf(Locale.ROOT, "%-22s %10s %14.2f %12.2f %12.2f%n", method,
                    size, v[0] / 1e9, v[1] / 1e9, v[2] / 1e6));
            double[] ref = methods.get(reference);
            if (ref != null) {
                methods.forEach((method, v) -> {
                    if (!method.equals(reference)) {
                        ratios.add(String.format(Locale.ROOT, "ratio: %s/%s %s=%s = %.2f", method, reference,
                                bytesParam, size, v[0] / ref[0]));
                    }
                });
            }
        });
        ratios.forEach(out::println);
        out.flush();
    }

    private static double perSecond(String unit) {
        // JMH throughput units look like "ops/s", "ops/ms", "ops/us".
        String per = unit.substring(unit.indexOf('/') + 1);
        return switch (per) {
            case "s" -> 1;
            case "ms" -> TimeUnit.SECONDS.toMillis(1);
            case "us" -> TimeUnit.SECONDS.toMicros(1);
            case "ns" -> TimeUnit.SECONDS.toNanos(1);
            default -> throw new IllegalArgumentException("unexpected JMH unit " + unit);
        };
    }
}
