package org.jwsk.bench;

/**
 * Options common to every benchmark.
 *
 * @param quick a smoke run: the fewest, shortest iterations that still exercise every path (for tests); figures
 *              from a quick run are not to be published
 */
public record BenchOptions(boolean quick) {
}
