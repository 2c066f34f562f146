package org.jwsk.transport;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.CompartmentId;

/**
 * A TCP connection endpoint: a byte stream in each direction, non-blocking, with events ({@link TcpHandler}).
 * Obtained from {@code Transport.connect} or {@link TcpListener#accept}; implemented by the transport only.
 *
 * <p><b>Threads.</b> Every method runs on the stack's thread (other threads submit commands to the stack's runner).
 * Methods that may send take the stack's {@code now}.
 *
 * <p><b>Buffers.</b> {@link #send} copies from the caller's memory and never keeps it; {@link #receive} copies out;
 * {@link #receiveBuf} hands over a pooled buffer the caller must release.
 */
public interface TcpConnection {

    /** The RFC 9293 state. */
    TcpState state();

    CompartmentId compartment();

    IpEndpoint localEndpoint();

    IpEndpoint remoteEndpoint();

    /**
     * Queues bytes to send, as many as the send buffer has room for (all of them if it has room), and sends what
     * the windows allow.
     *
     * @param src bytes to send, from position 0 to its size; read during the call only
     * @return bytes taken, 0 when the send buffer is full ({@link TcpHandler#onWritable} follows when it drains)
     * @throws IllegalStateException if the handshake has not completed and the connection is not SYN-SENT or
     *                               SYN-RECEIVED (data queued before the handshake is sent after it), or this side
     *                               has shut down output or closed, or the connection has ended (the message says
     *                               why)
     */
    int send(MemorySegment src, long now);

    /** Bytes {@link #send} would take now. */
    int sendBufferFree();

    /** Bytes queued and not yet acknowledged by the peer. */
    int sendBufferUsed();

    /**
     * Copies received bytes out and consumes them; opening the window may send an update.
     *
     * @return bytes copied, 0 when none are waiting, -1 when the peer has closed and every byte was read
     */
    int receive(MemorySegment dst, long now);

    /**
     * Takes the next received bytes without copying, at most {@code max} of them: a pooled buffer the caller
     * <b>owns</b> and must release. The bytes are consumed as for {@link #receive}.
     *
     * @return the buffer, or null when no bytes are waiting (then see {@link #isInputClosed})
     */
    PacketBuf receiveBuf(int max, long now);

    /** Bytes waiting to be read. */
    int available();

    /** Whether the peer's FIN arrived and every byte before it was read: input is at end of stream. */
    boolean isInputClosed();

    /**
     * Half-close: sends FIN after the queued data (RFC 9293 §3.10.4 CLOSE in ESTABLISHED or CLOSE-WAIT). Receiving
     * continues. Idempotent.
     */
    void shutdownOutput(long now);

    /**
     * Closes both directions: FIN after the queued data, in the background, or with {@link TcpSocketOptions#linger}
     * zero an abort. If received data is waiting unread, the connection is reset instead (RFC 2525 §2.17, as
     * Linux). Idempotent; {@link TcpHandler#onClosed} follows when the connection has ended.
     */
    void close(long now);

    /** Aborts: sends RST (unless the connection is not synchronized) and discards queued data (RFC 9293 §3.10.5). */
    void abort(long now);

    TcpSocketOptions options();

    /** Changes the options; buffer sizes take effect as space allows, timers at their next start. */
    void setOptions(TcpSocketOptions options, long now);

    TcpHandler handler();

    /** Replaces the event handler (an accepted connection starts with the one given to accept). */
    void setHandler(TcpHandler handler);

    /** Why the connection ended, or null while it has not. */
    CloseReason closeReason();

    /** Extended statistics now. */
    TcpInfo info(long now);
}
