#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Cut a classic pcap to a snap length, as `tcpdump -s N` would have
captured it: each record keeps its first N bytes, caplen says so, the
wire length (len) stays, the header's snaplen becomes N.
  python3 pcaps/snap/cut.py N IN OUT
  python3 pcaps/snap/cut.py --all   (remakes every capture listed below)
"""
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
# the captures cut, to 68 and to 96 bytes each
CUTS = ["gen/dns-udp-v4.pcap", "gen/stun-v4.pcap", "gen/http-v4.pcap",
        "gen/wg-clean.pcap", "gen/ovpn-clean-udp.pcap",
        "gen/ovpn-clean-tcp443.pcap", "real/openvpn-tls-crypt-udp.pcap",
        "real/openvpn-tls-auth-tcp.pcap", "real/ikev2-psk-natt.pcap",
        "synth/wg-midsession.pcap", "synth/ipsec-natt-esp.pcap"]


def cut(snap, src, dst):
    with open(src, "rb") as f:
        data = f.read()
    magic = data[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        sys.exit("%s: not a classic pcap file" % src)
    if len(data) < 24:
        sys.exit("%s: short file header" % src)
    out = [data[:16] + struct.pack(e + "I", snap) + data[20:24]]
    off = 24
    while off < len(data):
        if off + 16 > len(data):
            sys.exit("%s: record header cut at byte %d" % (src, off))
        ts, tf, caplen, ln = struct.unpack(e + "IIII", data[off:off + 16])
        body = data[off + 16:off + 16 + caplen]
        if len(body) != caplen:
            sys.exit("%s: record at byte %d cut" % (src, off))
        keep = min(caplen, snap)
        out.append(struct.pack(e + "IIII", ts, tf, keep, ln) + body[:keep])
        off += 16 + caplen
    with open(dst, "wb") as f:
        f.write(b"".join(out))


if sys.argv[1:] == ["--all"]:
    for rel in CUTS:
        base = os.path.basename(rel)[:-len(".pcap")]
        for n in (68, 96):
            cut(n, os.path.join(TOP, rel),
                os.path.join(HERE, "%s-s%d.pcap" % (base, n)))
elif len(sys.argv) == 4:
    cut(int(sys.argv[1]), sys.argv[2], sys.argv[3])
else:
    sys.exit(__doc__)
