/** The Internet checksum (RFC 1071), its incremental update (RFC 1624) and pseudo-header sums. */
package org.jwsk.common.checksum;
