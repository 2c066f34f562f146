/**
 * TCP segments (RFC 9293 §3.1) and their options (RFC 9293 §3.2, RFC 7323, RFC 2018): {@link
 * org.jwsk.wire.tcp.TcpLayout} (the bytes and the implementation limits), {@link org.jwsk.wire.tcp.TcpView}
 * (zero-copy access with {@code check}, option accessors and checksums), {@link org.jwsk.wire.tcp.TcpOptionCursor}
 * (one allocation-free pass over the options), {@link org.jwsk.wire.tcp.TcpRepr} (the validated meaning, with
 * {@link org.jwsk.wire.tcp.TcpOption} records) and {@link org.jwsk.wire.tcp.TcpOptions} (option-space arithmetic
 * and Linux's option layout). {@link org.jwsk.wire.tcp.TcpFlags} prints control bits the way tcpdump does.
 *
 * <p>Checksums take the pseudo-header sum as an {@code int}
 * ({@code org.jwsk.common.checksum.InternetChecksum.pseudoHeaderV4/V6}), so nothing here depends on the address
 * family.
 */
package org.jwsk.wire.tcp;
