#!/usr/bin/env python3
"""Seed corpora for the libFuzzer harnesses, cut from pcaps/gen (Ethernet
captures): whole frames for fuzz_decode (first byte 1 = EN10MB), UDP/TCP
payloads for the extractors.  Run from the repository root."""
import glob, os, struct

out = "tests/fuzz/corpus"
n = 0
for path in sorted(glob.glob("pcaps/gen/*.pcap")):
    d = open(path, "rb").read()
    if struct.unpack("<I", d[20:24])[0] != 1:
        continue
    off, k = 24, 0
    while off + 16 <= len(d) and k < 12:
        k += 1
        cl = struct.unpack("<I", d[off + 8:off + 12])[0]
        f = d[off + 16:off + 16 + cl]
        off += 16 + cl
        n += 1
        os.makedirs(out + "/fuzz_decode", exist_ok=True)
        open("%s/fuzz_decode/%s-%d" % (out, os.path.basename(path), n), "wb").write(b"\x05" + f)
        et = struct.unpack(">H", f[12:14])[0]
        if et == 0x0800:
            ihl = (f[14] & 15) * 4
            proto, l4 = f[23], 14 + ihl
        elif et == 0x86DD:
            proto, l4 = f[20], 54
        else:
            continue
        if proto == 17:
            pl, sp, dp = f[l4 + 8:], *struct.unpack(">HH", f[l4:l4 + 4])
        elif proto == 6:
            pl, sp, dp = f[l4 + (f[l4 + 12] >> 4) * 4:], *struct.unpack(">HH", f[l4:l4 + 4])
        else:
            continue
        if not pl:
            continue
        ports = {sp, dp}
        target = ("fuzz_dns" if ports & {53, 5300, 5353, 5355} else
                  "fuzz_stun" if 3478 in ports else
                  "fuzz_http" if 80 in ports else
                  "fuzz_tls" if ports & {443, 853} else None)
        if target:
            os.makedirs(out + "/" + target, exist_ok=True)
            open("%s/%s/%s-%d" % (out, target, os.path.basename(path), n), "wb").write(pl)
print("seeds written from %d frames" % n)
