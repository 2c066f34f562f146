/**
 * One-line descriptions of frames in the manner of tcpdump ({@link org.jwsk.wire.print.PacketPrinter}), for
 * {@code jwsk pcap}, tracing links and test failure messages.
 */
package org.jwsk.wire.print;
