/**
 * The in-memory wire: {@link org.jwsk.link.virt.VirtualWire} joins two link drivers through a seeded fault model
 * on the virtual clock, the default link of jwsk's simulations.
 */
package org.jwsk.link.virt;
