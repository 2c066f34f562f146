package org.jwsk.wire.ipv6;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.jwsk.wire.IpProtocol;

/**
 * The validated meaning of a Hop-by-Hop (RFC 8200 §4.3) or Destination Options (§4.6) header: which of the two,
 * the next header, and every option in order, padding included, so that the record re-emits byte for byte.
 * Use {@link #padded} to have the padding added.
 *
 * @param protocol   {@link IpProtocol#HOPOPT} or {@link IpProtocol#IPV6_OPTS}
 * @param nextHeader 0-255
 * @param options    the options, whose lengths plus 2 must be a multiple of 8, at most 2048
 */
public record Ipv6OptionsRepr(int protocol, int nextHeader, List<Ipv6Option> options) implements Ipv6ExtensionRepr {

    public Ipv6OptionsRepr {
        if (protocol != IpProtocol.HOPOPT && protocol != IpProtocol.IPV6_OPTS) {
            throw new IllegalArgumentException("an options header is HOPOPT (0) or IPV6_OPTS (60), not " + protocol);
        }
        if (nextHeader < 0 || nextHeader > 0xff) {
            throw new IllegalArgumentException("next header must be 0-255, not " + nextHeader);
        }
        options = List.copyOf(options);
        int length = lengthOf(options);
        if (length % Ipv6OptionsLayout.UNIT != 0 || length > Ipv6OptionsLayout.MAX_LENGTH) {
            throw new IllegalArgumentException("options make a header of " + length
                    + " bytes; it must be a multiple of 8 up to 2048 (use padded())");
        }
    }

    /**
     * A header with {@code options} followed by the Pad1 or PadN that fills it to a multiple of 8 bytes (RFC
     * 8200 §4.2).
     */
    public static Ipv6OptionsRepr padded(int protocol, int nextHeader, List<Ipv6Option> options) {
        int gap = (Ipv6OptionsLayout.UNIT - lengthOf(options) % Ipv6OptionsLayout.UNIT) % Ipv6OptionsLayout.UNIT;
        List<Ipv6Option> all = new ArrayList<>(options);
        if (gap == 1) {
            all.add(Ipv6Option.Pad1.INSTANCE);
        } else if (gap > 1) {
            all.add(new Ipv6Option.PadN(gap - Ipv6OptionsLayout.OPTION_DATA_OFFSET));
        }
        return new Ipv6OptionsRepr(protocol, nextHeader, all);
    }

    /** Reads a header of type {@code protocol} whose {@link Ipv6OptionsView#check check} passed. */
    public static Ipv6OptionsRepr parse(int protocol, Ipv6OptionsView view) {
        List<Ipv6Option> options = new ArrayList<>();
        Ipv6OptionCursor cursor = new Ipv6OptionCursor().reset(view);
        while (cursor.next()) {
            options.add(Ipv6Option.parse(cursor));
        }
        return new Ipv6OptionsRepr(protocol, view.nextHeader(), options);
    }

    @Override
    public int headerLength() {
        return lengthOf(options);
    }

    /** Writes the header through {@code view}, which must wrap at least {@link #headerLength()} bytes. */
    public void emit(Ipv6OptionsView view) {
        if (view.length() < headerLength()) {
            throw new IndexOutOfBoundsException("header needs " + headerLength() + " bytes, view has " + view.length());
        }
        view.setNextHeader(nextHeader);
        view.setHeaderExtLength(headerLength() / Ipv6OptionsLayout.UNIT - 1);
        long p = view.optionsOffset();
        for (Ipv6Option option : options) {
            option.emit(view.segment(), p);
            p += option.length();
        }
    }

    @Override
    public void emit(MemorySegment seg, long off) {
        emit(new Ipv6OptionsView().wrap(seg, off, headerLength()));
    }

    /** The first Router Alert option's value, or -1 if there is none. */
    public int routerAlert() {
        for (Ipv6Option option : options) {
            if (option instanceof Ipv6Option.RouterAlert ra) {
                return ra.value();
            }
        }
        return -1;
    }

    private static int lengthOf(List<Ipv6Option> options) {
        int length = Ipv6OptionsLayout.OPTIONS_OFFSET;
        for (Ipv6Option option : options) {
            length += option.length();
        }
        return length;
    }
}
