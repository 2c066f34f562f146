/**
 * The base every jwsk layer stands on: time, packet buffers, counters, sequence arithmetic and checksums.
 *
 * <p>Nothing here knows a protocol. Nothing here starts a thread or reads a clock on its own: {@link
 * org.jwsk.common.time.Clock} is injected by whoever runs a stack.
 */
module org.jwsk.common {
    exports org.jwsk.common.time;
    exports org.jwsk.common.buf;
    exports org.jwsk.common.counter;
    exports org.jwsk.common.seq;
    exports org.jwsk.common.checksum;
}
