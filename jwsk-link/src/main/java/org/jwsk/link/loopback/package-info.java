/** The loopback link: {@link org.jwsk.link.loopback.LoopbackDriver} hands every packet sent back to its sender. */
package org.jwsk.link.loopback;
