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


def wgnl_seeds():
    """fuzz_wgnl: a kernel WG_CMD_GET_DEVICE dump (family 0x1d, host byte
    order as on little-endian machines) and a CTRL_CMD_GETFAMILY answer."""
    def al(b):
        return b + b"\0" * (-len(b) % 4)

    def attr(t, v):
        return al(struct.pack("<HH", 4 + len(v), t) + v)

    def msg(t, cmd, body):
        b = struct.pack("<BBH", cmd, 1, 0) + body
        return al(struct.pack("<IHHII", 16 + len(b), t, 2, 1, 0) + b)

    sin = struct.pack("<H", 2) + struct.pack(">H", 51820) + bytes([203, 0, 113, 1]) + b"\0" * 8
    sin6 = (struct.pack("<H", 10) + struct.pack(">H", 443) + b"\0" * 4 +
            bytes.fromhex("20010db8000000000000000000000001") + b"\0" * 4)
    peer0 = attr(0 | 0x8000, attr(1, b"\x5a" * 32) + attr(4, sin))
    peer1 = attr(1 | 0x8000, attr(1, b"\x5b" * 32) + attr(4, sin6))
    dev = msg(0x1d, 0, attr(2, b"wg0\0") + attr(8 | 0x8000, peer0 + peer1))
    done = struct.pack("<IHHIIi", 20, 3, 2, 1, 0, 0)
    fam = msg(0x10, 1, attr(2, b"wireguard\0") + attr(1, struct.pack("<H", 0x1d)))
    d = out + "/fuzz_wgnl"
    os.makedirs(d, exist_ok=True)
    open(d + "/dump", "wb").write(struct.pack("<H", 0x1d) + dev + done)
    open(d + "/family", "wb").write(struct.pack("<H", 0x10) + fam)
    open(d + "/enodev", "wb").write(struct.pack("<H", 0x1d) + struct.pack("<IHHIIi", 20, 2, 0, 1, 0, -19))


if __name__ == "__main__":
    wgnl_seeds()
