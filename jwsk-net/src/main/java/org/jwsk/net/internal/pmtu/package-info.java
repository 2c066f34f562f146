/**
 * Path MTU discovery's cache for both families (RFC 1191, RFC 8201): {@link org.jwsk.net.internal.pmtu.PathMtuCache}
 * learns from ICMP fragmentation-needed and Packet Too Big, ages estimates out, and answers the IP layers.
 */
package org.jwsk.net.internal.pmtu;
