/**
 * IGMP, the Internet Group Management Protocol for IPv4: version 1 (RFC 1112), version 2 (RFC 2236) and version 3
 * (RFC 3376). {@link org.jwsk.wire.igmp.IgmpLayout} (the bytes and the 8-bit time codes), {@link
 * org.jwsk.wire.igmp.IgmpView} (zero-copy access, the check and the checksum) with {@link
 * org.jwsk.wire.igmp.IgmpRecordCursor} over a Version 3 report's group records, and {@link
 * org.jwsk.wire.igmp.IgmpRepr} (the validated meaning, one record per message kind).
 */
package org.jwsk.wire.igmp;
