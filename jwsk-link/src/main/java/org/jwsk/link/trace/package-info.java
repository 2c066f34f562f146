/**
 * Frame tracing: {@link org.jwsk.link.trace.TracingLink} reports one line per frame in each direction of any
 * driver to a {@link org.jwsk.link.trace.TraceSink}, summarised by a pluggable {@link
 * org.jwsk.link.trace.FrameFormatter}.
 */
package org.jwsk.link.trace;
