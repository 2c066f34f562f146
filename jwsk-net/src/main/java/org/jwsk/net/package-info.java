/**
 * The network layer's API: {@link org.jwsk.net.NetStack}, its configuration records, the transport SPI ({@link
 * org.jwsk.net.TransportHandler}, {@link org.jwsk.net.IpRx}, {@link org.jwsk.net.IpSender}), the filtering hook
 * ({@link org.jwsk.net.PacketFilter} at each {@link org.jwsk.net.NetLayer}) and the counters.
 */
package org.jwsk.net;
