#!/usr/bin/python3
"""Writes the seed inputs of jwsk-transport's UdpProtocolFuzzTest (datagramsIntoUdp).

Each seed is a list of records [flags][source selector][length, 2 bytes big-endian][UDP header and data]. Flags:
bit 0 IPv6, bit 1 to the mDNS group (224.0.0.251 / ff02::fb), bit 2 to 255.255.255.255, bit 3 the link verified
checksums, bit 4 the harness fixes the checksum. The selector modulo 3 picks the source: 192.0.2.9, 198.51.100.7 or
127.0.0.1; 2001:db8::9, 2001:db8:1::7 or ::1. Destinations are 127.0.0.1 / ::1 unless a flag says otherwise. Checksums here come
from scapy, an encoder independent of jwsk.

Run from the repository root: /usr/bin/python3 tools/udp-fuzz-seeds.py
"""
import os
import struct

from scapy.all import IP, UDP, IPv6, Raw

OUT = "jwsk-transport/src/test/resources/org/jwsk/transport/udp/UdpProtocolFuzzTestInputs/datagramsIntoUdp"
SRC4 = ["192.0.2.9", "198.51.100.7", "127.0.0.1"]
SRC6 = ["2001:db8::9", "2001:db8:1::7", "::1"]


def dst(flags):
    v6 = flags & 1
    if flags & 2:
        return "ff02::fb" if v6 else "224.0.0.251"
    if flags & 4 and not v6:
        return "255.255.255.255"
    return "::1" if v6 else "127.0.0.1"


def udp(flags, sel, sport, dport, data, checksum=None):
    if flags & 1:
        ip = IPv6(src=SRC6[sel], dst=dst(flags))
        header = 40
    else:
        ip = IP(src=SRC4[sel], dst=dst(flags))
        header = 20
    u = UDP(sport=sport, dport=dport)
    if checksum is not None:
        u.chksum = checksum
    return bytes(ip / u / Raw(data))[header:]


def record(flags, sel, body):
    return struct.pack("!BBH", flags, sel, len(body)) + body


def write(name, *records):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(b"".join(records))


os.makedirs(OUT, exist_ok=True)
write("empty")
write("v4-to-each-port", *[record(0, 0, udp(0, 0, 1000, p, b"hello")) for p in (53, 54, 55, 56, 9)])
write("v6-to-each-port", *[record(1, 0, udp(1, 0, 1000, p, b"hello")) for p in (53, 54, 55, 56, 9)])
write("connected-peer", record(0, 2, udp(0, 2, 1000, 56, b"peer")), record(0, 2, udp(0, 2, 1001, 56, b"other")),
      record(1, 2, udp(1, 2, 1000, 54, b"loopback six")))
write("multicast-both", record(2, 0, udp(2, 0, 5353, 5353, b"mdns" * 100)),
      record(3, 1, udp(3, 1, 5353, 5353, b"mdns6" * 100)))
write("broadcast", record(4, 1, udp(4, 1, 68, 5353, b"dhcp-ish")))
write("fill-buffers", *[record(2, 0, udp(2, 0, 5353, 5353, bytes(1400))) for _ in range(12)])
write("zero-checksum-v4", record(0, 0, udp(0, 0, 1000, 53, b"none", checksum=0)))
write("zero-checksum-v6", record(1, 0, udp(1, 0, 1000, 53, b"none", checksum=0)))
write("bad-checksums", record(0, 0, udp(0, 0, 1000, 53, b"bad", checksum=0x1234)),
      record(1, 1, udp(1, 1, 1000, 53, b"bad", checksum=0x1234)))
write("verified-by-link", record(8, 0, udp(8, 0, 1000, 53, b"trust", checksum=0x1234)))
bad_len = bytearray(udp(0, 0, 1000, 53, b"abcd"))
bad_len[5] = 200
short_len = bytearray(udp(0, 0, 1000, 53, b"abcd"))
short_len[5] = 3
write("bad-lengths", record(16, 0, bytes(bad_len)), record(16, 0, bytes(short_len)),
      record(0, 0, b"\x00\x01\x00\x35"), record(0, 0, b""))
write("padding-after-length", record(16, 0, udp(0, 0, 1000, 53, b"abcd") + b"trailer"))
write("no-endpoint-forwarded", *[record(16 | f, 0, udp(f, 0, 1000, 4444, b"fwd")) for f in (0, 1, 0, 1)])
write("source-port-zero", record(0, 0, udp(0, 0, 0, 53, b"anonymous")))
write("max-length", record(16, 0, udp(0, 0, 1000, 53, bytes(65000))))
