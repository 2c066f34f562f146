package org.jwsk.transport;

/** The congestion controls jwsk offers, chosen per connection ({@link TcpConfig#congestionControl()}). */
public enum CongestionControlKind {
    /** NewReno (RFC 5681, RFC 6582). */
    NEW_RENO,
    /** CUBIC (RFC 9438) with HyStart++ slow start (RFC 9406): the default, as in Linux. */
    CUBIC
}
