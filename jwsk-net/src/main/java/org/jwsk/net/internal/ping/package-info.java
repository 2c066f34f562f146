/**
 * The stack's own echo requests (RFC 792, RFC 4443 §4.1): {@link org.jwsk.net.internal.ping.Pinger}, behind {@code
 * NetStack.ping}.
 */
package org.jwsk.net.internal.ping;
