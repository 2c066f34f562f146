package org.jwsk.bench.jmh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jwsk.common.checksum.InternetChecksum;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Internet checksum against the physical limit of touching the same bytes: a memory copy of the same size,
 * measured in the same run. Both read the same cache-resident off-heap block; throughput is bytes per second
 * (operations per second times {@code size}), so {@code checksum / copy} is the ratio the issue asks for.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
public class ChecksumBenchmark {

    /** Bytes per operation: a small packet, an Ethernet MTU, a 64 KiB super-segment. */
    @Param({"64", "1500", "65536"})
    public int size;

    private Arena arena;
    private MemorySegment src;
    private MemorySegment dst;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        src = arena.allocate(size, 64);
        dst = arena.allocate(size, 64);
        byte[] random = new byte[size];
        new SplittableRandom(1071).nextBytes(random);
        MemorySegment.copy(MemorySegment.ofArray(random), 0, src, 0, size);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** RFC 1071 sum over {@code size} bytes. */
    @Benchmark
    public int checksum() {
        return InternetChecksum.sum(src, 0, size);
    }

    /** The reference: copy the same {@code size} bytes. */
    @Benchmark
    public MemorySegment copy() {
        MemorySegment.copy(src, 0, dst, 0, size);
        return dst;
    }
}
