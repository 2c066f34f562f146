package org.jwsk.net;

/**
 * The RFC 1122 §3.3.4.2 host models, chosen per interface for sending and for receiving independently, as the Next
 * Generation TCP/IP stack offers them (strong for both by default).
 *
 * <ul>
 *   <li><b>Strong receive:</b> a unicast packet is accepted only if its destination is an address of the interface
 *       it arrived on. <b>Weak receive:</b> any address of the compartment will do, except another interface's
 *       IPv6 link-local address, which means nothing outside its own link (RFC 4007 §6). The switch of the arrival
 *       interface decides.</li>
 *   <li><b>Strong send:</b> a packet leaves only through an interface that owns its source address; a route lookup
 *       with a known source considers only routes out of that interface. <b>Weak send:</b> the route decides the
 *       interface, whatever the source address. The switch of the interface that owns the source decides ("send as
 *       a weak host from this interface's addresses"); with the source left to the stack, a weak-send interface's
 *       addresses also become candidates for packets leaving other interfaces (RFC 6724 §5 rule 5 still prefers the
 *       outgoing interface's own).</li>
 * </ul>
 * Forwarded packets are outside the model: a forwarding interface also accepts packets for the router's other
 * addresses.
 *
 * @param weakSend    send as a weak host from this interface's addresses
 * @param weakReceive receive as a weak host on this interface
 */
public record HostModel(boolean weakSend, boolean weakReceive) {

    /** Strong for both: the default. */
    public static final HostModel STRONG = new HostModel(false, false);
    /** Weak for both: the classic BSD and pre-Vista Windows IPv4 behaviour. */
    public static final HostModel WEAK = new HostModel(true, true);
}
