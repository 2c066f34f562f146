/**
 * Time as data: {@link org.jwsk.common.time.Clock}, {@link org.jwsk.common.time.ManualClock} for tests and
 * {@link org.jwsk.common.time.Deadlines}. Protocol code takes {@code now} as an argument and never reads a
 * clock.
 */
package org.jwsk.common.time;
