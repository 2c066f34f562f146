/**
 * The transport layer: TCP, UDP and raw IP over the dual IP layer, one demultiplexer for both families, behind a
 * non-blocking endpoint API that the socket layers above build on.
 *
 * <p>{@code org.jwsk.transport} is the API; {@code org.jwsk.transport.internal} packages are not exported.
 */
module org.jwsk.transport {
    requires transitive org.jwsk.net;

    exports org.jwsk.transport;
}
