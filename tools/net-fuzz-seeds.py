#!/usr/bin/python3
"""Writes the seed inputs of jwsk-net's ReceivePathFuzzTest.

Each seed is a list of records [kind][length, 2 bytes big-endian][bytes]: kind 0 an Ethernet frame, 1 an IP packet,
2 a pause of length x 10 ms (no bytes), 3 an Ethernet frame whose destination the harness sets to the stack's MAC.
The stack under test is 192.0.2.2 / 2001:db8::2 (MAC 02:00:00:00:00:02); its peer 192.0.2.1 / 2001:db8::1
(02:00:00:00:00:01), as in the Linux capture jwsk-wire/src/test/resources/captures/linux-veth.pcap.

Run from the repository root: /usr/bin/python3 tools/net-fuzz-seeds.py
"""
import os
import random
import struct

from scapy.all import (ICMP, IP, UDP, Ether, ICMPv6DestUnreach, ICMPv6EchoRequest, ICMPv6PacketTooBig,
                       IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment, IPv6ExtHdrHopByHop, Raw, fragment, rdpcap)

OUT = "jwsk-net/src/test/resources/org/jwsk/net/ReceivePathFuzzTestInputs/framesIntoAStack"
CAPTURE = "jwsk-wire/src/test/resources/captures/linux-veth.pcap"
PEER4, SELF4 = "192.0.2.1", "192.0.2.2"
PEER6, SELF6 = "2001:db8::1", "2001:db8::2"
PEER_MAC, SELF_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02"
PROTO = 253

rng = random.Random(4443)


def record(kind, data=b"", length=None):
    return struct.pack("!BH", kind, len(data) if length is None else length) + data


def eth(pkt):
    return record(0, bytes(Ether(src=PEER_MAC, dst=SELF_MAC) / pkt))


def ip(pkt):
    return record(1, bytes(pkt))


def pause(seconds):
    return record(2, length=int(seconds * 100))


def frags4(payload_len, ident, size=1000, proto=PROTO):
    pkt = IP(src=PEER4, dst=SELF4, id=ident, proto=proto) / Raw(bytes(rng.getrandbits(8) for _ in range(payload_len)))
    return fragment(pkt, fragsize=size)


def frags6(payload_len, ident, size=1000):
    return manual_frags6(bytes(rng.getrandbits(8) for _ in range(payload_len)), ident, size)


def manual_frags6(body, ident, size, nh=PROTO):
    out = []
    for off in range(0, len(body), size):
        piece = body[off:off + size]
        more = 1 if off + size < len(body) else 0
        out.append(IPv6(src=PEER6, dst=SELF6) / IPv6ExtHdrFragment(id=ident, nh=nh, offset=off // 8, m=more)
                   / Raw(piece))
    return out


def write(name, *records):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(b"".join(records))


def main():
    os.makedirs(OUT, exist_ok=True)
    frames = [bytes(p) for p in rdpcap(CAPTURE)]
    write("linux-veth-all", *(record(0, f) for f in frames))
    write("linux-veth-as-ip", *(record(1, f[14:]) for f in frames if f[12:14] in (b"\x08\x00", b"\x86\xdd")))
    # By index from 0: ARP request, ICMP and ICMPv6 echo requests, the 1442-byte echo and its reply, the port
    # unreachable, UDP over IPv6, the TCP SYN and SYN-ACK.
    for n in (12, 14, 20, 24, 25, 27, 28, 29, 30):
        write("linux-veth-%02d" % n, record(0, frames[n]))

    f4 = frags4(3000, 0x1234)
    write("ipv4-fragments-in-order-eth", *(eth(p) for p in f4))
    write("ipv4-fragments-reversed-ip", *(ip(p) for p in reversed(f4)))
    shuffled = list(f4) + [f4[0]]
    rng.shuffle(shuffled)
    write("ipv4-fragments-shuffled-duplicate", *(ip(p) for p in shuffled))
    f6 = frags6(4000, 0xabcdef, 1232)
    write("ipv6-fragments-in-order-eth", *(eth(p) for p in f6))
    write("ipv6-fragments-reversed-ip", *(ip(p) for p in reversed(f6)))

    a = IP(src=PEER4, dst=SELF4, id=7, proto=PROTO, flags="MF", frag=0) / Raw(b"A" * 1000)
    b = IP(src=PEER4, dst=SELF4, id=7, proto=PROTO, frag=124) / Raw(b"B" * 1008)
    c = IPv6(src=PEER6, dst=SELF6) / IPv6ExtHdrFragment(id=7, nh=PROTO, offset=0, m=1) / Raw(b"A" * 1000)
    d = IPv6(src=PEER6, dst=SELF6) / IPv6ExtHdrFragment(id=7, nh=PROTO, offset=124, m=0) / Raw(b"B" * 1008)
    write("overlaps-both-families", eth(a), eth(b), ip(c), ip(d))

    write("first-fragment-only-then-timeout", eth(f4[0]), ip(f6[0]), pause(11))
    write("last-fragments-only-then-timeout", eth(f4[-1]), ip(f6[-1]), pause(11))
    tiny = [IP(src=PEER4, dst=SELF4, id=9, proto=PROTO, flags="MF", frag=i) / Raw(bytes([i & 0xff]) * 8)
            for i in range(80)]
    write("tiny-fragments", *(ip(p) for p in tiny))
    write("past-65535", eth(IP(src=PEER4, dst=SELF4, id=11, proto=PROTO, flags="MF", frag=0) / Raw(b"x" * 64)),
          eth(IP(src=PEER4, dst=SELF4, id=11, proto=PROTO, frag=8191) / Raw(b"y" * 16)))
    broken = IPv6(src=PEER6, dst=SELF6) / IPv6ExtHdrFragment(id=5, nh=6, offset=0, m=1) / Raw(b"\0" * 16)
    write("ipv6-incomplete-chain", ip(broken), eth(broken))
    hbh = (IPv6(src=PEER6, dst=SELF6) / IPv6ExtHdrHopByHop() / IPv6ExtHdrDestOpt()
           / IPv6ExtHdrFragment(id=6, nh=PROTO, offset=0, m=1) / Raw(b"z" * 1200))
    write("ipv6-with-extension-headers", ip(hbh))

    big4 = IP(src=PEER4, dst=SELF4, id=21) / ICMP(type=8, id=1, seq=1) / Raw(b"p" * 3000)
    write("big-ping-v4", *(eth(p) for p in fragment(big4, fragsize=1480)))
    echo6 = bytes(IPv6(src=PEER6, dst=SELF6) / ICMPv6EchoRequest(id=1, seq=1, data=b"q" * 3000))
    write("big-ping-v6", *(ip(p) for p in manual_frags6(echo6[40:], 22, 1232, nh=58)))

    sent4 = IP(src=SELF4, dst="203.0.113.5", proto=PROTO) / Raw(b"d" * 1400)
    sent6 = IPv6(src=SELF6, dst="2001:db8:9::5", nh=PROTO) / Raw(b"d" * 1400)
    write("icmp-errors-feeding-pmtu",
          eth(IP(src=PEER4, dst=SELF4) / ICMP(type=3, code=4, nexthopmtu=1000) / Raw(bytes(sent4)[:28])),
          eth(IP(src=PEER4, dst=SELF4) / ICMP(type=3, code=4, nexthopmtu=40) / Raw(bytes(sent4)[:28])),
          ip(IPv6(src=PEER6, dst=SELF6) / ICMPv6PacketTooBig(mtu=1300) / Raw(bytes(sent6)[:1200])),
          ip(IPv6(src=PEER6, dst=SELF6) / ICMPv6PacketTooBig(mtu=600) / Raw(bytes(sent6)[:1200])),
          ip(IPv6(src=PEER6, dst=SELF6) / ICMPv6DestUnreach(code=4) / Raw(bytes(sent6)[:200])))
    write("udp-refused-both-families", eth(IP(src=PEER4, dst=SELF4) / UDP(sport=1, dport=2) / Raw(b"u")),
          ip(IPv6(src=PEER6, dst=SELF6) / UDP(sport=1, dport=2) / Raw(b"u")))
    write("forwarded-elsewhere", eth(IP(src=PEER4, dst="198.51.100.9", ttl=1) / UDP() / Raw(b"f")),
          ip(IPv6(src=PEER6, dst="2001:db8:7::9", hlim=2) / UDP() / Raw(b"f" * 1500)))
    write("random-bytes", *(record(rng.randrange(4), bytes(rng.getrandbits(8) for _ in range(rng.randrange(200))))
                            for _ in range(20)))
    write("empty")


if __name__ == "__main__":
    main()
