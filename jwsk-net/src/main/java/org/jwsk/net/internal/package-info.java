/**
 * The network layer's machinery, not exported: {@link org.jwsk.net.internal.StackCore} wires compartments, interfaces
 * ({@link org.jwsk.net.internal.Nic}), the two IP layers, ICMP, fragments and neighbour resolution together.
 */
package org.jwsk.net.internal;
