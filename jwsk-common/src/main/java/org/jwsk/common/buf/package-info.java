/**
 * Packet buffers: pooled off-heap {@link java.lang.foreign.MemorySegment}s with headroom, slices and reference
 * counting ({@link org.jwsk.common.buf.PacketBuf}, {@link org.jwsk.common.buf.BufPool}), presence-style leak
 * detection ({@link org.jwsk.common.buf.LeakTracker}) and network-byte-order access ({@link
 * org.jwsk.common.buf.NetOrder}).
 */
package org.jwsk.common.buf;
