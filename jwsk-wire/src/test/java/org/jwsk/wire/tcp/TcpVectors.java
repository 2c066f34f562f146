package org.jwsk.wire.tcp;

import static org.jwsk.wire.testing.WireTesting.hex;

import java.lang.foreign.MemorySegment;
import org.jwsk.common.checksum.InternetChecksum;
import org.jwsk.wire.IpProtocol;
import org.jwsk.wire.addr.Ipv4Address;
import org.jwsk.wire.addr.Ipv6Address;
import org.jwsk.wire.testing.WireTesting;

/**
 * TCP segments built by scapy 2.5 (an independent encoder), with the checksum scapy computed over the IP
 * pseudo-header: SACK blocks, unknown options and layouts Linux never sends. Each vector names the scapy
 * expression; the bytes are {@code bytes(pkt[TCP]).hex()} of the built packet.
 */
final class TcpVectors {

    /** A vector and the pseudo-header sum of the IP header scapy put it in. */
    record Vector(String name, byte[] bytes, int pseudoHeaderSum) {

        /** A fresh heap segment over a copy of the bytes. */
        MemorySegment segment() {
            return WireTesting.segment(bytes);
        }

        int length() {
            return bytes.length;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * {@code IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=8080,dport=34554,seq=0x42140000,ack=0x18f6333e,flags="A",
     * window=501,options=[NOP,NOP,('Timestamp',(676788348,2466906653)),NOP,NOP,('SAck',(0x18f63b0e,0x18f640ce))])}:
     * Linux's layout of an ACK with timestamps and one SACK block.
     */
    static final Vector SACK_ONE_BLOCK_WITH_TIMESTAMPS = v4("sack-1-ts", "192.0.2.1", "192.0.2.2", """
            1f90 86fa 4214 0000 18f6 333e b010 01f5 2217 0000 0101 080a 2856 f87c 930a 021d
            0101 050a 18f6 3b0e 18f6 40ce""");

    /**
     * {@code IPv6(src="2001:db8::1",dst="2001:db8::2")/TCP(sport=59700,dport=8080,seq=1,ack=1000,flags="A",window=512,
     * options=[NOP,NOP,('SAck',(2000,3000,4000,5000,6000,7000,0xfffffff0,0x10))])}: four blocks, the last one
     * wrapping around 2^32; 36 option bytes.
     */
    static final Vector SACK_FOUR_BLOCKS_V6 = v6("sack-4-v6", "2001:db8::1", "2001:db8::2", """
            e934 1f90 0000 0001 0000 03e8 e010 0200 45f1 0000 0101 0522 0000 07d0 0000 0bb8
            0000 0fa0 0000 1388 0000 1770 0000 1b58 ffff fff0 0000 0010""");

    /**
     * {@code IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=1,dport=2,seq=5,ack=6,flags="A",window=100,
     * options=[NOP,NOP,('Timestamp',(7,8)),NOP,NOP,('SAck',(100,200,300,400,500,600))])}: three blocks beside
     * timestamps fill all 40 option bytes (RFC 2018 §3).
     */
    static final Vector SACK_THREE_BLOCKS_WITH_TIMESTAMPS = v4("sack-3-ts", "192.0.2.1", "192.0.2.2", """
            0001 0002 0000 0005 0000 0006 f010 0064 73cd 0000 0101 080a 0000 0007 0000 0008
            0101 051a 0000 0064 0000 00c8 0000 012c 0000 0190 0000 01f4 0000 0258""");

    /**
     * {@code IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=40000,dport=443,seq=100,flags="S",window=65535,
     * options=[('MSS',1460),(34,b'\x01..\x08'),(28,b'\x80\x3c'),NOP,NOP,(254,b'\xf9\x89\xaa\xbb')])/b"GET"}: a Fast
     * Open cookie, a User Timeout and an experimental option with an RFC 6994 ExID, none of which jwsk decodes;
     * scapy pads the 26 option bytes with two zeros (EOL). Carries 3 bytes of data on the SYN.
     */
    static final Vector UNKNOWN_OPTIONS = v4("unknown-options", "192.0.2.1", "192.0.2.2", """
            9c40 01bb 0000 0064 0000 0000 c002 ffff 08b6 0000 0204 05b4 220a 0102 0304 0506
            0708 1c04 803c 0101 fe06 f989 aabb 0000 4745 54""");

    /**
     * {@code IP(src="198.51.100.7",dst="203.0.113.9")/TCP(sport=1234,dport=80,seq=0xfffffffe,flags="SEC",window=1024,
     * options=[('MSS',536),('WScale',15),('SAckOK',b''),('EOL',None)])}: options packed without NOPs, an explicit
     * EOL then a zero, a window scale above 14, and an ECN-setup SYN (RFC 3168 §6.1.1).
     */
    static final Vector ODD_LAYOUT = v4("odd-layout", "198.51.100.7", "203.0.113.9", """
            04d2 0050 ffff fffe 0000 0000 80c2 0400 f78d 0000 0204 0218 0303 0f04 0200 0000""");

    /**
     * {@code IP(src="192.0.2.1",dst="192.0.2.2")/TCP(sport=5,dport=6,seq=10,ack=11,flags="UAP",window=3,urgptr=2)/b"ab!"}:
     * urgent data, no options.
     */
    static final Vector URGENT = v4("urgent", "192.0.2.1", "192.0.2.2", """
            0005 0006 0000 000a 0000 000b 5038 0003 a91e 0002 6162 21""");

    /**
     * {@code IPv6(src="2001:db8::2",dst="2001:db8::1")/TCP(sport=443,dport=50000,seq=0x80000000,ack=0x7fffffff,
     * flags="SAECN",window=65535,options=[('MSS',1440),NOP,('WScale',14)])/b"x"}: an Accurate ECN SYN-ACK with AE
     * (scapy's N), CWR and ECE set.
     */
    static final Vector ACCURATE_ECN_V6 = v6("accecn-v6", "2001:db8::2", "2001:db8::1", """
            01bb c350 8000 0000 7fff ffff 71d2 ffff e9d3 0000 0204 05a0 0103 030e 78""");

    /** {@code IP(src="203.0.113.5",dst="198.51.100.6")/TCP(sport=80,dport=1025,seq=0xdeadbeef,flags="R",window=0)}. */
    static final Vector RESET = v4("reset", "203.0.113.5", "198.51.100.6", """
            0050 0401 dead beef 0000 0000 5004 0000 a7b2 0000""");

    /** Every vector. */
    static final Vector[] ALL = {SACK_ONE_BLOCK_WITH_TIMESTAMPS, SACK_FOUR_BLOCKS_V6, SACK_THREE_BLOCKS_WITH_TIMESTAMPS,
        UNKNOWN_OPTIONS, ODD_LAYOUT, URGENT, ACCURATE_ECN_V6, RESET};

    private TcpVectors() {
    }

    private static Vector v4(String name, String src, String dst, String hexText) {
        byte[] bytes = hex(hexText);
        int sum = InternetChecksum.pseudoHeaderV4(Ipv4Address.parse(src).value(), Ipv4Address.parse(dst).value(),
                IpProtocol.TCP, bytes.length);
        return new Vector(name, bytes, sum);
    }

    private static Vector v6(String name, String src, String dst, String hexText) {
        byte[] bytes = hex(hexText);
        Ipv6Address s = Ipv6Address.parse(src);
        Ipv6Address d = Ipv6Address.parse(dst);
        int sum = InternetChecksum.pseudoHeaderV6(s.hi(), s.lo(), d.hi(), d.lo(), IpProtocol.TCP, bytes.length);
        return new Vector(name, bytes, sum);
    }
}
