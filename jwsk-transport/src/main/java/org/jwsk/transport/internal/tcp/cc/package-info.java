/**
 * TCP congestion control: {@link org.jwsk.transport.internal.tcp.cc.NewReno} (RFC 5681, RFC 3465) and {@link
 * org.jwsk.transport.internal.tcp.cc.Cubic} (RFC 9438) with {@link org.jwsk.transport.internal.tcp.cc.HyStartPlusPlus}
 * (RFC 9406), both reducing through {@link org.jwsk.transport.internal.tcp.cc.Prr} (RFC 9937) in fast recovery; made
 * by {@link org.jwsk.transport.internal.tcp.cc.CongestionControls}. They implement the connection core's {@link
 * org.jwsk.transport.internal.tcp.CongestionControl}: pure (time is an argument), a few primitive fields each, no
 * allocation per ACK, one instance per connection on its stack's thread. Not exported.
 */
package org.jwsk.transport.internal.tcp.cc;
