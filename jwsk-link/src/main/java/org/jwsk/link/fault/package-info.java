/**
 * Fault injection: the impairment model ({@link org.jwsk.link.fault.FaultInjector}, configured by {@link
 * org.jwsk.link.fault.FaultConfig}, counted by {@link org.jwsk.link.fault.FaultCounter}) that virtual wires use
 * per direction, and {@link org.jwsk.link.fault.FaultInjectingLink}, a decorator that applies it to any driver.
 */
package org.jwsk.link.fault;
