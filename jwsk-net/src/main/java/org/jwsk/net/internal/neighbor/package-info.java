/**
 * Neighbour discovery for both families, attached to the core through its hooks: one Neighbour Unreachability
 * Detection engine ({@link org.jwsk.net.internal.neighbor.NeighborCache}, RFC 4861 §7.3) per interface and family,
 * which ARP ({@link org.jwsk.net.internal.neighbor.ArpProtocol}, RFC 826, RFC 1122 §2.3.2, RFC 5227) and Neighbor
 * Discovery ({@link org.jwsk.net.internal.neighbor.NdpProtocol}, RFC 4861 §7) drive, as the Next Generation TCP/IP
 * stack runs NUD for ARP too; redirects of both families ({@link org.jwsk.net.internal.neighbor.Redirects}); and
 * the module that installs them all ({@link org.jwsk.net.internal.neighbor.NeighborDiscovery}).
 *
 * <p>Everything here is owned by the stack's thread.
 */
package org.jwsk.net.internal.neighbor;
