package org.jwsk.transport.internal.tcp;

import org.jwsk.common.buf.PacketBuf;
import org.jwsk.net.InterfaceId;
import org.jwsk.net.IpSender;
import org.jwsk.net.SendStatus;
import org.jwsk.wire.IpProtocol;

/**
 * Where built segments go: the IP layer in a stack, a capturing list in a connection's unit tests. Owned by the
 * stack's thread.
 */
public interface IpOutput {

    /** The headroom a segment's buffer needs in front of the TCP header. */
    int headroom();

    /**
     * Sends {@code segment} (a complete TCP header and data, checksum included) between {@code key}'s endpoints.
     * <b>Takes ownership</b> of the buffer, whatever the outcome.
     *
     * @param tos   the IPv4 TOS or IPv6 traffic class: DSCP and the ECN field
     * @param scope the interface of a link-local IPv6 peer, or null
     */
    SendStatus send(FlowKey key, int tos, InterfaceId scope, PacketBuf segment, long now);

    /** The IP layer of a stack. */
    static IpOutput of(IpSender ip) {
        return new IpOutput() {
            @Override
            public int headroom() {
                return ip.headroom();
            }

            @Override
            public SendStatus send(FlowKey key, int tos, InterfaceId scope, PacketBuf segment, long now) {
                // RFC 9293 §3.7.2 / RFC 1191: TCP always sets DF and relies on path MTU discovery.
                return key.version() == 4
                        ? ip.sendV4(key.compartmentId(), (int) key.localLo(), (int) key.remoteLo(), IpProtocol.TCP,
                        ip.defaultTtl(), tos, true, segment, now)
                        : ip.sendV6(key.compartmentId(), key.localHi(), key.localLo(), key.remoteHi(),
                        key.remoteLo(), IpProtocol.TCP, ip.defaultHopLimit(), tos, scope, segment, now);
            }
        };
    }
}
