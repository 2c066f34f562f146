/**
 * TAP and TUN devices through {@code java.lang.foreign}: {@link org.jwsk.link.tap.TapDriver} (a {@link
 * org.jwsk.link.LinkDriver} over {@code /dev/net/tun}), {@link org.jwsk.link.tap.TapConfig} (what to open), {@link
 * org.jwsk.link.tap.NetNs} (create devices and sockets directly inside a network namespace) and {@link
 * org.jwsk.link.tap.TapException} (set-up failures that say what to do). Linux only; no JNI.
 */
package org.jwsk.link.tap;
