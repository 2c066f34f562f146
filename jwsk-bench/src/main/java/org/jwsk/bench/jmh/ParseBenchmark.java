package org.jwsk.bench.jmh;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.ChecksumPolicy;
import org.jwsk.wire.DropReason;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.Octets;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.MacAddress;
import org.jwsk.wire.ethernet.EtherType;
import org.jwsk.wire.ethernet.EthernetRepr;
import org.jwsk.wire.ethernet.EthernetView;
import org.jwsk.wire.ipv4.Ipv4Repr;
import org.jwsk.wire.ipv4.Ipv4View;
import org.jwsk.wire.tcp.TcpFlags;
import org.jwsk.wire.tcp.TcpOption;
import org.jwsk.wire.tcp.TcpRepr;
import org.jwsk.wire.tcp.TcpView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The receive-path parse of an Ethernet/IPv4/TCP frame, against a memory copy of the same frame measured in the
 * same run.
 *
 * <ul>
 *   <li>{@code parseViews}: what the data path does per segment, allocating nothing: Ethernet check, IPv4 check
 *       and header checksum, TCP check, then ports, sequence and acknowledgment numbers, flags, window and the
 *       timestamp option read through the views.</li>
 *   <li>{@code parseRecords}: the same checks, then full {@code Ipv4Repr} and {@code TcpRepr} records (the control
 *       plane's path; it copies the payload into the record).</li>
 *   <li>{@code copy}: the reference, a copy of the frame.</li>
 * </ul>
 * The TCP checksum over the payload is the checksum benchmark's subject and is left out here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
public class ParseBenchmark {

    /** Frame length: an ACK with timestamps, and a full 1500-byte-MTU segment. */
    @Param({"66", "1514"})
    public int size;

    private Arena arena;
    private MemorySegment frame;
    private MemorySegment dst;
    private final EthernetView eth = new EthernetView();
    private final Ipv4View ip = new Ipv4View();
    private final TcpView tcp = new TcpView();

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        frame = arena.allocate(size, 64);
        dst = arena.allocate(size, 64);
        int tcpLength = size - 14 - 20;
        byte[] data = new byte[tcpLength - 32];
        new SplittableRandom(9293).nextBytes(data);
        Ipv4Address src = Ipv4Address.parse("192.0.2.1");
        Ipv4Address to = Ipv4Address.parse("192.0.2.2");
        new EthernetRepr(MacAddress.parse("02:00:00:00:00:02"), MacAddress.parse("02:00:00:00:00:01"), EtherType.IPV4)
                .emit(frame, 0);
        new Ipv4Repr(src, to, IpProtocol.TCP, 64, tcpLength).emit(frame, 14, ChecksumPolicy.COMPUTE);
        TcpRepr segment = new TcpRepr(34554, 8080, 418788154, 1108655622, TcpFlags.of(TcpFlags.ACK | TcpFlags.PSH),
                502, 0, List.of(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps(3027461, 2917722)),
                Octets.of(data));
        segment.emit(frame, 34, InternetChecksum.pseudoHeaderV4(src.value(), to.value(), IpProtocol.TCP, tcpLength),
                ChecksumPolicy.COMPUTE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        arena.close();
    }

    /** The data path: checks and field reads through reusable views. Returns a value folded from every field. */
    @Benchmark
    public long parseViews() {
        if (EthernetView.check(frame, 0, size) != DropReason.NONE) {
            return -1;
        }
        eth.wrap(frame, 0, size);
        long ipOff = eth.payloadOffset();
        int ipLen = eth.payloadLength();
        if (eth.etherType() != EtherType.IPV4 || Ipv4View.check(frame, ipOff, ipLen) != DropReason.NONE) {
            return -2;
        }
        ip.wrap(frame, ipOff, ipLen);
        if (!ip.checksumValid() || ip.protocol() != IpProtocol.TCP) {
            return -3;
        }
        if (TcpView.check(frame, ip.payloadOffset(), ip.payloadLength()) != DropReason.NONE) {
            return -4;
        }
        tcp.wrap(frame, ip.payloadOffset(), ip.payloadLength());
        return ip.src() ^ ip.dst() ^ tcp.srcPort() ^ ((long) tcp.dstPort() << 16) ^ tcp.seqNumber()
                ^ ((long) tcp.ackNumber() << 32) ^ tcp.flags() ^ tcp.window() ^ tcp.tsVal() ^ tcp.tsEcr()
                ^ tcp.headerLength();
    }

    /** The control plane's path: the same checks, then records. */
    @Benchmark
    public Object parseRecords() {
        if (EthernetView.check(frame, 0, size) != DropReason.NONE) {
            return null;
        }
        eth.wrap(frame, 0, size);
        if (Ipv4View.check(frame, eth.payloadOffset(), eth.payloadLength()) != DropReason.NONE) {
            return null;
        }
        ip.wrap(frame, eth.payloadOffset(), eth.payloadLength());
        if (!ip.checksumValid() || TcpView.check(frame, ip.payloadOffset(), ip.payloadLength()) != DropReason.NONE) {
            return null;
        }
        Ipv4Repr ipRepr = Ipv4Repr.parse(ip);
        TcpRepr tcpRepr = TcpRepr.parse(tcp.wrap(frame, ip.payloadOffset(), ip.payloadLength()));
        return ipRepr.ttl() + tcpRepr.window() > 0 ? tcpRepr : ipRepr;
    }

    /** The reference: copy the frame. */
    @Benchmark
    public MemorySegment copy() {
        MemorySegment.copy(frame, 0, dst, 0, size);
        return dst;
    }
}
