package org.jwsk.common.buf;

/**
 * Thrown by {@link BufPool#allocate(int)} when no buffer is available. The data path uses {@link
 * BufPool#tryAllocate(int)} and counts the drop instead.
 */
public final class BufferExhaustedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public BufferExhaustedException(String message) {
        super(message);
    }
}
