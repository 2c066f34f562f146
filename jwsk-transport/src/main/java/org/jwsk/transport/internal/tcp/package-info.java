/**
 * TCP's internals: the connection core ({@link org.jwsk.transport.internal.tcp.Tcb}), its parts (RTT estimation,
 * congestion control, send and receive buffers, loss detection), the segment codec, and the SPI between connections
 * and the protocol that owns them ({@link org.jwsk.transport.internal.tcp.TcpContext}). Not exported.
 */
package org.jwsk.transport.internal.tcp;
