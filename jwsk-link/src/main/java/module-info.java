/**
 * The link layer: the LinkDriver SPI, drivers (virtual wire with fault injection, loopback, TAP and TUN through
 * FFM) and decorators that wrap any driver (pcapng capture, tracing, fault injection).
 *
 * <p>Depends on {@code org.jwsk.wire}; the network layer depends on this module, never the reverse: upcalls go
 * through {@link org.jwsk.link.LinkReceiver}, which this module owns.
 */
module org.jwsk.link {
    requires transitive org.jwsk.wire;

    exports org.jwsk.link;
    exports org.jwsk.link.capture;
    exports org.jwsk.link.fault;
    exports org.jwsk.link.loopback;
    exports org.jwsk.link.trace;
    exports org.jwsk.link.virt;
    exports org.jwsk.link.tap;
    exports org.jwsk.link.wait;
}
