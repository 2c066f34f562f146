/**
 * Building blocks shared by the drivers and decorators of this module, not exported: a time-ordered frame heap, a
 * single-producer single-consumer frame ring, a composite counter group and frame helpers.
 */
package org.jwsk.link.internal;
