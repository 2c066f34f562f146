/**
 * Wire formats: for each protocol a {@code *Layout} (offsets and an RFC-style diagram), a zero-copy {@code *View}
 * over a {@link java.lang.foreign.MemorySegment} with a {@code check} that turns malformed bytes into a {@link
 * org.jwsk.wire.DropReason} (never an exception), and a {@code *Repr} record with {@code parse} and {@code emit}.
 *
 * <p>See {@code org.jwsk.wire.ethernet} for the pattern every format follows.
 */
package org.jwsk.wire;
