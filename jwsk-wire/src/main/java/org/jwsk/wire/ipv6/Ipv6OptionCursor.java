package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.buf.NetOrder;

/**
 * A reusable, allocation-free cursor over the TLV options of an options header whose {@link
 * Ipv6OptionsView#check check} passed (RFC 8200 §4.2). Pad1 and PadN are visited like any other option.
 *
 * <pre>{@code
 * for (cursor.reset(view); cursor.next(); ) {
 *     if (cursor.type() == Ipv6OptionType.ROUTER_ALERT) { int value = cursor.routerAlertValue(); ... }
 * }
 * }</pre>
 *
 * <p>Belongs to one thread at a time; borrows the segment of the view it was reset to.
 */
public final class Ipv6OptionCursor {

    private MemorySegment seg;
    private long next;
    private long end;
    private long at;

    /**
     * Starts over at the first option of {@code view}.
     *
     * @return this cursor
     */
    public Ipv6OptionCursor reset(Ipv6OptionsView view) {
        this.seg = view.segment();
        this.next = view.optionsOffset();
        this.end = view.offset() + view.headerLength();
        this.at = -1;
        return this;
    }

    /** Moves to the next option; {@code false} when there is none. */
    public boolean next() {
        if (next >= end) {
            return false;
        }
        at = next;
        next = at + totalLength();
        return true;
    }

    /** The segment the options live in. */
    public MemorySegment segment() {
        return seg;
    }

    /** The option type. */
    public int type() {
        return NetOrder.u8(seg, at);
    }

    /** The option data length (0 for Pad1, which has no length byte). */
    public int dataLength() {
        return type() == Ipv6OptionType.PAD1 ? 0 : NetOrder.u8(seg, at + Ipv6OptionsLayout.OPTION_DATA_LENGTH_OFFSET);
    }

    /** The bytes this option occupies: 1 for Pad1, otherwise 2 plus its data. */
    public int totalLength() {
        return type() == Ipv6OptionType.PAD1 ? 1 : Ipv6OptionsLayout.OPTION_DATA_OFFSET + dataLength();
    }

    /** Where the option (its type byte) starts in the segment. */
    public long optionOffset() {
        return at;
    }

    /** Where the option data starts in the segment. */
    public long dataOffset() {
        return at + Ipv6OptionsLayout.OPTION_DATA_OFFSET;
    }

    /** The action an unrecognising node takes (RFC 8200 §4.2): {@link Ipv6OptionType#action}. */
    public int action() {
        return Ipv6OptionType.action(type());
    }

    /** The 16-bit value of a Router Alert option (RFC 2711 §2.1); only when {@link #type()} is Router Alert. */
    public int routerAlertValue() {
        return NetOrder.u16(seg, dataOffset());
    }

    /** The 32-bit length of a Jumbo Payload option (RFC 2675 §2), raw; only when {@link #type()} is Jumbo. */
    public int jumboPayloadLength() {
        return NetOrder.i32(seg, dataOffset());
    }
}
