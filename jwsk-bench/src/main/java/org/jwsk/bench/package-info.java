/**
 * Benchmarks that measure jwsk against a reference in the same run and end with a {@code ratio:} line.
 */
package org.jwsk.bench;
