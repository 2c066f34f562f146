/**
 * Address values: {@link org.jwsk.wire.addr.MacAddress}, and {@link org.jwsk.wire.addr.IpAddress} with its
 * two families. Records over primitives, parsed from and formatted to their standard text forms; nothing here
 * resolves names.
 */
package org.jwsk.wire.addr;
