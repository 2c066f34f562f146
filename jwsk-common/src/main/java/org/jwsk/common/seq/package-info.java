/** 32-bit sequence number arithmetic ({@link org.jwsk.common.seq.Seq32}). */
package org.jwsk.common.seq;
