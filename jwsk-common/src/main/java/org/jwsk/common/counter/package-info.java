/**
 * Counters with MIB-style names: enums implementing {@link org.jwsk.common.counter.CounterDescriptor} name
 * them, {@link org.jwsk.common.counter.CounterSet} holds their values without allocation, and a {@link
 * org.jwsk.common.counter.CounterRegistry} groups them for diagnostics.
 */
package org.jwsk.common.counter;
