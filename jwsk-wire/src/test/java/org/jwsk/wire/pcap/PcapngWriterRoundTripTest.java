package org.jwsk.wire.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jwsk.common.testing.RandomCases;
import org.jwsk.wire.Octets;

/** The property read(write(packets)) == packets, cut to each interface's snap length, over generated captures. */
class PcapngWriterRoundTripTest {

    record Interface(String name, int linkType, int snaplen) {
    }

    record Packet(int interfaceId, long epochNanos, Direction direction, byte[] data, int offset, int length,
                  long originalLength) {
    }

    /** One generated capture; its toString names the shape, the failing index names the case. */
    record Capture(ByteOrder order, int bufferSize, List<Interface> interfaces, List<Packet> packets) {
        @Override
        public String toString() {
            return order + ", buffer " + bufferSize + ", " + interfaces + ", " + packets.size() + " packets";
        }
    }

    static Stream<Capture> captures() {
        return RandomCases.of(0x9ca9_0001L, 200, PcapngWriterRoundTripTest::capture);
    }

    private static Capture capture(RandomGenerator r) {
        ByteOrder order = r.nextBoolean() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int bufferSize = PcapngWriterConfig.MIN_BUFFER_SIZE + r.nextInt(3 * 4096);
        List<Interface> interfaces = new ArrayList<>();
        int count = 1 + r.nextInt(4);
        for (int i = 0; i < count; i++) {
            int linkType = r.nextBoolean() ? LinkType.ETHERNET : LinkType.RAW;
            int snaplen = switch (r.nextInt(3)) {
                case 0 -> 1 + r.nextInt(128);
                case 1 -> 1514;
                default -> PcapngWriter.MAX_SNAPLEN;
            };
            interfaces.add(new Interface(r.nextInt(3) == 0 ? "" : "if" + i + "\u00e9", linkType, snaplen));
        }
        List<Packet> packets = new ArrayList<>();
        int n = r.nextInt(25);
        for (int i = 0; i < n; i++) {
            byte[] data = RandomCases.bytesUpTo(r, r.nextInt(10) == 0 ? 20_000 : 1600);
            int offset = data.length == 0 ? 0 : r.nextInt(Math.min(data.length, 8) + 1);
            int length = data.length - offset;
            long original = r.nextInt(5) == 0 ? length + (long) r.nextInt(100_000) : length;
            Direction direction = Direction.values()[r.nextInt(3)];
            long nanos = r.nextLong(0, Long.MAX_VALUE);
            packets.add(new Packet(r.nextInt(count), nanos, direction, data, offset, length, original));
        }
        return new Capture(order, bufferSize, interfaces, packets);
    }

    @ParameterizedTest
    @MethodSource("captures")
    void readBack_equalsWhatWasWritten(Capture c) throws IOException {
        PcapngWriterTest.Sink sink = new PcapngWriterTest.Sink();
        try (PcapngWriter w = new PcapngWriter(sink, new PcapngWriterConfig("round trip", c.order(), c.bufferSize()))) {
            for (Interface i : c.interfaces()) {
                w.addInterface(i.name(), i.linkType(), i.snaplen());
            }
            for (Packet p : c.packets()) {
                w.writePacket(p.interfaceId(), p.epochNanos(), p.direction(), MemorySegment.ofArray(p.data()),
                        p.offset(), p.length(), p.originalLength());
            }
        }
        List<CaptureRecord> expected = new ArrayList<>();
        for (Packet p : c.packets()) {
            Interface i = c.interfaces().get(p.interfaceId());
            int captured = Math.min(p.length(), i.snaplen());
            expected.add(new CaptureRecord(p.interfaceId(), i.linkType(), p.epochNanos(), p.originalLength(),
                    p.direction(), Octets.of(Arrays.copyOfRange(p.data(), p.offset(), p.offset() + captured))));
        }
        try (PcapngReader reader = PcapngReader.open(PcapngBytes.channel(sink.toByteArray()))) {
            List<CaptureRecord> actual = new ArrayList<>();
            reader.forEachRecord(actual::add);
            assertEquals(expected, actual);
            assertEquals(c.order(), reader.section().byteOrder());
            assertEquals(c.interfaces().stream()
                    .map(i -> new PcapngInterface(i.linkType(), i.snaplen(), i.name(), 9, 0)).toList(),
                    reader.interfaces());
        }
    }
}
