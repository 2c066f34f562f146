package org.jwsk.transport.internal.tcp;

import org.jwsk.transport.TcpHandler;
import org.jwsk.transport.TcpSocketOptions;

/** Creates connections; the protocol's only way to make one, so that the core can be replaced in tests. */
public interface TcbFactory {

    /**
     * An active open (RFC 9293 §3.10.1 OPEN, active): the connection sends its SYN at once and is SYN-SENT.
     *
     * @param iss      the initial send sequence number (RFC 6528, chosen by the protocol)
     * @param tsOffset the timestamp offset (RFC 7323 §5.4)
     * @param handler  the user's handler (non-null)
     */
    Tcb connect(TcpContext context, FlowKey key, TcpSocketOptions options, int iss, int tsOffset, TcpHandler handler,
                long now);

    /**
     * A passive open whose handshake a listener completed: the connection starts ESTABLISHED. It has no handler
     * until accepted ({@link org.jwsk.transport.TcpConnection#setHandler}); events before then are not delivered,
     * and a connection closed before it is accepted says so to the handler it gets.
     */
    Tcb accept(TcpContext context, FlowKey key, TcpSocketOptions options, Handshake handshake, long now);
}
