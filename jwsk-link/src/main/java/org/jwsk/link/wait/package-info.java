/**
 * How an event loop waits for its links: {@link org.jwsk.link.wait.LinkWaiter}, over {@code poll(2)} with an
 * eventfd, or over thread parking.
 */
package org.jwsk.link.wait;
