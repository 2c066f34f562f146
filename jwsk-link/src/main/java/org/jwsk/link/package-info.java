/**
 * The link layer, jwsk's NDIS: the {@link org.jwsk.link.LinkDriver} SPI (the miniport), the {@link
 * org.jwsk.link.LinkReceiver} upcall the network layer implements, and {@link org.jwsk.link.LinkCaps}, what a
 * driver declares about its link.
 */
package org.jwsk.link;
