package org.jwsk.wire.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.Octets;

/** Random TCP records and the agreement between a view's option accessors and a parsed record. */
final class TcpTesting {

    private TcpTesting() {
    }

    /** A random valid record: any flags, up to 40 option bytes of every kind, up to {@code maxPayload} bytes. */
    static TcpRepr randomRepr(RandomGenerator r, int maxPayload) {
        return new TcpRepr(r.nextInt(0x10000), r.nextInt(0x10000), r.nextInt(), r.nextInt(),
                TcpFlags.of(r.nextInt(TcpFlags.MASK + 1)), r.nextInt(0x10000), r.nextInt(0x10000), randomOptions(r),
                Octets.of(RandomCases.bytesUpTo(r, maxPayload)));
    }

    /** Random options in a random order, at most 40 bytes, sometimes ended by EOL. */
    static List<TcpOption> randomOptions(RandomGenerator r) {
        List<TcpOption> options = new ArrayList<>();
        int room = TcpLayout.MAX_OPTIONS_LENGTH;
        while (room > 0 && r.nextInt(6) != 0) {
            TcpOption option = randomOption(r, room);
            options.add(option);
            room -= option.length();
        }
        if (room > 0 && r.nextInt(4) == 0) {
            options.add(TcpOption.EOL);
        }
        return options;
    }

    /** A random option no longer than {@code room} bytes (at least 1). */
    static TcpOption randomOption(RandomGenerator r, int room) {
        for (;;) {
            TcpOption option = switch (r.nextInt(8)) {
                case 0 -> TcpOption.NOP;
                case 1 -> new TcpOption.Mss(r.nextInt(0x10000));
                case 2 -> new TcpOption.WindowScale(r.nextInt(256));
                case 3 -> TcpOption.SACK_PERMITTED;
                case 4 -> new TcpOption.Timestamps(r.nextInt(), r.nextInt());
                case 5 -> randomSack(r, (room - 2) / 8);
                default -> randomUnknown(r, room);
            };
            if (option != null && option.length() <= room) {
                return option;
            }
        }
    }

    private static TcpOption randomSack(RandomGenerator r, int maxBlocks) {
        if (maxBlocks < 1) {
            return null;
        }
        int n = 1 + r.nextInt(Math.min(maxBlocks, TcpOptionKind.MAX_SACK_BLOCKS));
        List<SackBlock> blocks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            blocks.add(new SackBlock(r.nextInt(), r.nextInt()));
        }
        return new TcpOption.Sack(blocks);
    }

    private static TcpOption randomUnknown(RandomGenerator r, int room) {
        if (room < 2) {
            return null;
        }
        int kind = 2 + r.nextInt(254);
        int dataLength = r.nextInt(Math.min(room - 2, TcpOptionKind.MAX_DATA_LENGTH) + 1);
        if (TcpOptionKind.isDecoded(kind) && TcpOptionKind.isWellFormed(kind, dataLength + 2)) {
            kind = TcpOptionKind.EXPERIMENTAL_2;
        }
        return new TcpOption.Unknown(kind, Octets.of(RandomCases.bytes(r, dataLength)));
    }

    /** Whether every option of the record has its RFC length, so the view's {@code checkOptions} must pass. */
    static boolean allWellFormed(TcpRepr repr) {
        return repr.options().stream().allMatch(o -> TcpOptionKind.isWellFormed(o.kind(), o.length()));
    }

    /** The view's allocation-free accessors report what the record parsed from the same bytes holds. */
    static void assertViewAgreesWithRepr(TcpView view, TcpRepr repr) {
        assertEquals(repr.option(TcpOption.Mss.class).map(TcpOption.Mss::mss).orElse(TcpView.ABSENT), view.mss());
        assertEquals(repr.option(TcpOption.WindowScale.class).map(TcpOption.WindowScale::shift).orElse(TcpView.ABSENT),
                view.windowScale());
        assertEquals(repr.option(TcpOption.SackPermitted.class).isPresent(), view.sackPermitted());
        var ts = repr.option(TcpOption.Timestamps.class);
        assertEquals(ts.isPresent(), view.hasTimestamps());
        assertEquals(ts.map(t -> Integer.toUnsignedLong(t.tsVal())).orElse((long) TcpView.ABSENT), view.tsVal());
        assertEquals(ts.map(t -> Integer.toUnsignedLong(t.tsEcr())).orElse((long) TcpView.ABSENT), view.tsEcr());
        List<SackBlock> blocks = repr.option(TcpOption.Sack.class).map(TcpOption.Sack::blocks).orElse(List.of());
        assertEquals(blocks.size(), view.sackBlockCount());
        for (int i = 0; i < blocks.size(); i++) {
            assertEquals(blocks.get(i), new SackBlock(view.sackLeft(i), view.sackRight(i)));
        }
        assertEquals(repr.segmentLength(), view.segmentLength());
    }
}
