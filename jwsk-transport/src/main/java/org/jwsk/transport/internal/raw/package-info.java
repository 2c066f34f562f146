/**
 * Raw IP for both families: {@link org.jwsk.transport.internal.raw.RawProtocol} (the raw listener the IP layer shows
 * every delivered packet to, and the {@link org.jwsk.transport.RawTransport}) and its endpoints.
 */
package org.jwsk.transport.internal.raw;
