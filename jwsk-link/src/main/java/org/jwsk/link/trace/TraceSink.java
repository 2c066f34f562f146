package org.jwsk.link.trace;

/**
 * Where a {@link TracingLink} reports frames: a log, a list in a test, a console in a demo. Called on the thread
 * that owns the traced driver, once per frame; it must not block and must not call back into the driver.
 */
@FunctionalInterface
public interface TraceSink {

    /** One frame went by. */
    void trace(TraceRecord record);
}
