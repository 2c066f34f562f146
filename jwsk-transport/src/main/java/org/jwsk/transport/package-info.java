/**
 * The transport API: TCP connections and listeners, UDP and raw endpoints, their options, events, counters and
 * statistics. Everything here runs on its stack's thread; see {@link org.jwsk.transport.TcpConnection}.
 */
package org.jwsk.transport;
