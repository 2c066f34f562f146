/**
 * IPv6 autoconfiguration, not exported: duplicate address detection with Enhanced DAD's nonces (RFC 4862 §5.4, RFC
 * 7527), router discovery and stateless address autoconfiguration on hosts (RFC 4861 §6.3, RFC 4862 §5.5), and router
 * advertisement on routers (RFC 4861 §6.2). {@link org.jwsk.net.internal.autoconf.Autoconf} attaches it to the core
 * and is the facade {@link org.jwsk.net.NetStack} reaches.
 */
package org.jwsk.net.internal.autoconf;
