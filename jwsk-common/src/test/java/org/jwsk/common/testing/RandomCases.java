package org.jwsk.common.testing;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Seeded, reproducible generated cases for property tests written as JUnit 5 parameterized tests: {@code
 * @ParameterizedTest @MethodSource("cases")} over {@code RandomCases.of(seed, count, generator)}.
 *
 * <p>Case {@code i} is generated from its own generator split off a root seeded with {@code seed}, so every
 * run sees the same cases, a failing case is named by its index and its {@code toString()}, and adding cases
 * does not change the earlier ones. Edge cases (empty inputs, maximum lengths) belong in explicit {@code @Test}s
 * beside the property.
 */
public final class RandomCases {

    private RandomCases() {
    }

    /** {@code count} cases, case {@code i} made by {@code generator} from the {@code i}-th split of {@code seed}. */
    public static <T> Stream<T> of(long seed, int count, Function<RandomGenerator, T> generator) {
        Objects.requireNonNull(generator, "generator");
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] splits = new SplittableRandom[count];
        for (int i = 0; i < count; i++) {
            splits[i] = root.split();
        }
        return IntStream.range(0, count).mapToObj(i -> generator.apply(splits[i]));
    }

    /** {@code length} random bytes. */
    public static byte[] bytes(RandomGenerator random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }

    /** Random bytes of a random length in {@code [0, maxLength]}. */
    public static byte[] bytesUpTo(RandomGenerator random, int maxLength) {
        return bytes(random, random.nextInt(maxLength + 1));
    }
}
