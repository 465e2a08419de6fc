#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Captures of what the namespace recordings (pcaps/real) could not make,
written with the standard library only, byte for byte as the protocols lay
them out.  The recording kernel had no XFRM, so no ESP: the IPsec captures
here carry IKEv2's IKE_SA_INIT (RFC 7296 3.1: SPIi, SPIr = 0, next payload
SA (33), version 0x20, exchange 34, flags 0x08, message id 0, length) and
ESP (RFC 4303: SPI, sequence number; RFC 3948 in UDP 4500, IKE behind the
four-zero non-ESP marker, 0xff keepalives).  Payloads past the headers are
seeded pseudo-random bytes.  Run: python3 pcaps/synth/gen.py (rewrites
every capture here; the output is the same each time).
"""
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
CLI, SRV = "192.0.2.10", "203.0.113.1"
T0 = 1767225600  # 2026-01-01T00:00:00Z
MAC_C, MAC_S = bytes.fromhex("020000000010"), bytes.fromhex("020000000001")


def ip4(a):
    return bytes(int(x) for x in a.split("."))


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ipv4(src, dst, proto, payload, ident):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000,
                    64, proto, 0, ip4(src), ip4(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def udp(src, dst, sport, dport, data):
    ln = 8 + len(data)
    ph = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 17, ln)
    u = struct.pack("!HHHH", sport, dport, ln, 0) + data
    c = csum(ph + u) or 0xFFFF
    return u[:6] + struct.pack("!H", c) + u[8:]


def tcp(src, dst, sport, dport, seq, flags, data=b""):
    h = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, flags, 64240,
                    0, 0) + data
    ph = ip4(src) + ip4(dst) + struct.pack("!BBH", 0, 6, len(h))
    c = csum(ph + h)
    return h[:16] + struct.pack("!H", c) + h[18:]


class Pcap:
    def __init__(self, name):
        self.f = open(os.path.join(HERE, name), "wb")
        self.f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        self.t = 0
        self.ident = 1

    def frame(self, tosrv, proto, l4):
        src, dst = (CLI, SRV) if tosrv else (SRV, CLI)
        return self.raw(tosrv, ipv4(src, dst, proto, l4, self.ident))

    def raw(self, tosrv, ip):
        self.ident += 1
        eth = (MAC_S + MAC_C if tosrv else MAC_C + MAC_S) + b"\x08\x00"
        pkt = eth + ip
        self.t += 20000  # 20 ms apart
        self.f.write(struct.pack("<IIII", T0 + self.t // 1000000,
                                 self.t % 1000000, len(pkt), len(pkt)) + pkt)

    def udp(self, tosrv, port_c, port_s, data, src=CLI, dst=SRV):
        s, d = (src, dst) if tosrv else (dst, src)
        sp, dp = (port_c, port_s) if tosrv else (port_s, port_c)
        self.raw(tosrv, ipv4(s, d, 17, udp(s, d, sp, dp, data), self.ident))

    def close(self):
        self.f.close()


R = random.Random(20261202)


def rnd(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def ike(spi_i, spi_r, np, exch, flags, msgid, body):
    return struct.pack("!QQBBBBII", spi_i, spi_r, np, 0x20, exch, flags, msgid,
                       28 + len(body)) + body


def ike_init(p, spi_i, spi_r):
    # SA, KE, Nonce, two NAT-D notifies: lengths as strongSwan's
    p.udp(True, 500, 500, ike(spi_i, 0, 33, 34, 0x08, 0, rnd(436)))
    p.udp(False, 500, 500, ike(spi_i, spi_r, 33, 34, 0x20, 0, rnd(444)))


def esp(spi, seq, n):
    return struct.pack("!II", spi, seq) + rnd(8 + 16 * n + 16)


def ipsec_natt():
    p = Pcap("ipsec-natt-esp.pcap")
    si, sr = 0x1122334455667788, 0x99AABBCCDDEEFF00
    ike_init(p, si, sr)
    # IKE_AUTH on 4500 behind the non-ESP marker (Encrypted payload 46)
    p.udp(True, 4500, 4500, b"\0\0\0\0" + ike(si, sr, 46, 35, 0x08, 1, rnd(244)))
    p.udp(False, 4500, 4500, b"\0\0\0\0" + ike(si, sr, 46, 35, 0x20, 1, rnd(132)))
    p.udp(True, 4500, 4500, b"\xff")  # NAT keepalive
    for seq in range(1, 5):
        p.udp(True, 4500, 4500, esp(0xC0010001, seq, 4))
        p.udp(False, 4500, 4500, esp(0xC0020002, seq, 4))
    p.close()


def ipsec_esp50():
    p = Pcap("ipsec-esp50.pcap")
    ike_init(p, 0x0102030405060708, 0x1112131415161718)
    p.udp(True, 500, 500, ike(0x0102030405060708, 0x1112131415161718, 46, 35,
                              0x08, 1, rnd(244)))
    p.udp(False, 500, 500, ike(0x0102030405060708, 0x1112131415161718, 46, 35,
                               0x20, 1, rnd(132)))
    for seq in range(1, 4):
        p.frame(True, 50, esp(0xC1000001, seq, 5))
        p.frame(False, 50, esp(0xC2000002, seq, 5))
    p.close()


def esp_midsession():
    # ESP-in-UDP on 4500 picked up mid-session: no IKE at all
    p = Pcap("esp-udp-midsession.pcap")
    for seq in range(7001, 7005):
        p.udp(True, 4500, 4500, esp(0xC3000003, seq, 3))
        p.udp(False, 4500, 4500, esp(0xC4000004, seq + 100, 3))
    p.close()


def wg_data(idx, counter, n):
    return struct.pack("<IIQ", 4, idx, counter) + rnd(16 * n + 16)


def wg_midsession():
    # WireGuard transport data only, on UDP 443: the capture began after
    # the handshake; each side keeps its peer's receiver index
    p = Pcap("wg-midsession.pcap")
    for i in range(4):
        p.udp(True, 41641, 443, wg_data(0x5EED0001, 100 + i, 5 + i))
        p.udp(False, 41641, 443, wg_data(0x0BAD0002, 200 + i, 3))
    p.udp(True, 41641, 443, wg_data(0x5EED0001, 104, 0))  # keepalive
    p.close()


def port_only():
    # nothing but ports say what these are: a bare SYN to 80, random bytes
    # to UDP 53 and to UDP 3478
    p = Pcap("port-only.pcap")
    s = "198.51.100.80"
    p.raw(True, ipv4(CLI, s, 6, tcp(CLI, s, 40100, 80, 1000, 0x02), 7))
    p.udp(True, 40101, 53, rnd(40), dst="198.51.100.53")
    p.udp(True, 40102, 3478, rnd(36), dst="198.51.100.3")
    p.close()


for g in (ipsec_natt, ipsec_esp50, esp_midsession, wg_midsession, port_only):
    g()
