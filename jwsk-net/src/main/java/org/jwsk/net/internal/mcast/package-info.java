/**
 * Multicast membership reporting on hosts, not exported: MLDv2 (RFC 3810) and IGMPv3 (RFC 3376) with their older
 * versions, over one engine, and the sender of link-scoped control messages that autoconfiguration shares. {@link
 * org.jwsk.net.internal.mcast.Multicast} attaches it to the core.
 */
package org.jwsk.net.internal.mcast;
