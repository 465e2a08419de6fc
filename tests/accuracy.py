#!/usr/bin/env python3
"""Accuracy against nDPI 4.2's expected outputs (../shared/corpus/accuracy/ndpi-4.2).

Every flow nDPI labels DNS (master protocol), and every STUN or HTTP flow
with an end outside the local prefixes of SPEC.md, must be reported by
leaksniff (run with no -e and no -L) as a leak whose class or tags name that
protocol.  Flows are matched on protocol and the unordered pair of
(address, port) endpoints.  Agreement per class must be at least 98%, and
every miss must be listed, with its reason, in tests/accuracy-exceptions.txt
("FILE PROTO A:P B:P CLASS reason..."): a miss not listed there fails the
test, so regressions cannot hide under the threshold.

usage: tests/accuracy.py LEAKSNIFF [CORPUS_DIR]
"""
import ipaddress, json, os, re, subprocess, sys

THRESHOLD = 0.98
LOCAL = [ipaddress.ip_network(n) for n in (
    "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
    "127.0.0.0/8", "224.0.0.0/4", "255.255.255.255/32", "fe80::/10",
    "fc00::/7", "ff00::/8", "::1/128")]
LINE = re.compile(r"^\t\d+\t(\S+) (\S+) <?-> (\S+) \[proto: [\d.]+/([^\]]+)\]")


def endpoint(s):
    if s.startswith("["):
        a, _, p = s[1:].partition("]:")
    else:
        a, _, p = s.rpartition(":")
    if not p.isdigit():
        return None
    try:
        return (str(ipaddress.ip_address(a)), int(p))
    except ValueError:      # nDPI prints some mangled IPv6 addresses
        return None


def is_local(a):
    ip = ipaddress.ip_address(a)
    return any(ip in n for n in LOCAL if n.version == ip.version)


def key(proto, a, b):
    return (proto.upper(), frozenset([a, b]))


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    binary = sys.argv[1]
    corpus = sys.argv[2] if len(sys.argv) > 2 else "../shared/corpus/accuracy/ndpi-4.2"
    if not os.path.isdir(corpus):
        print("accuracy: skipped: %s not found (it sits beside the project in CI only)" % corpus)
        print("accuracy: 0 passed, 0 failed, 1 skipped")
        return 0
    exc = {}
    exc_path = os.path.join(os.path.dirname(__file__), "accuracy-exceptions.txt")
    if os.path.exists(exc_path):
        for ln in open(exc_path):
            ln = ln.strip()
            if not ln or ln.startswith("#"):
                continue
            f = ln.split(None, 5)
            exc[tuple(f[:5])] = f[5] if len(f) > 5 else ""
    total = {"dns": 0, "stun": 0, "http": 0}
    agree = {"dns": 0, "stun": 0, "http": 0}
    misses = []
    for name in sorted(os.listdir(corpus)):
        if not name.endswith(".out"):
            continue
        cap = os.path.join(corpus, name[:-4])
        want = []
        for ln in open(os.path.join(corpus, name), errors="replace"):
            m = LINE.match(ln)
            if not m:
                continue
            proto, a, b, label = m.groups()
            a, b = endpoint(a), endpoint(b)
            if a is None or b is None:
                continue
            master = label.split(".")[0]
            cls = {"DNS": "dns", "STUN": "stun", "HTTP": "http"}.get(master)
            if cls is None:
                continue
            if cls != "dns" and is_local(a[0]) and is_local(b[0]):
                continue
            want.append((cls, proto, a, b))
        if not want:
            continue
        r = subprocess.run([binary, "-j", "-r", cap], capture_output=True, text=True,
                           errors="replace", timeout=300)
        got = {}
        for ln in r.stdout.splitlines():
            try:
                o = json.loads(ln)
            except ValueError:
                continue
            if o.get("event_type") != "leak":
                continue
            a = (o["src_ip"], o.get("src_port", 0))
            b = (o["dest_ip"], o.get("dest_port", 0))
            got.setdefault(key(o["proto"], a, b), set()).update(o["leak"]["tags"])
        for cls, proto, a, b in want:
            total[cls] += 1
            tags = got.get(key(proto, a, b), set())
            if cls in tags:
                agree[cls] += 1
            else:
                ea = "[%s]:%d" % a if ":" in a[0] else "%s:%d" % a
                eb = "[%s]:%d" % b if ":" in b[0] else "%s:%d" % b
                misses.append((name[:-4], proto, ea, eb, cls,
                               "reported as " + (",".join(sorted(tags)) or "nothing")))
    failed = 0
    for c in ("dns", "stun", "http"):
        pct = 100.0 * agree[c] / total[c] if total[c] else 100.0
        ok = not total[c] or agree[c] / total[c] >= THRESHOLD
        print("accuracy: %-4s %5d/%-5d %6.2f%% %s" % (c, agree[c], total[c], pct,
              "ok" if ok else "BELOW %d%%" % (THRESHOLD * 100)))
        failed += not ok
    unlisted = [m for m in misses if tuple(m[:5]) not in exc]
    for m in misses:
        k = tuple(m[:5])
        print("  miss %s %s %s %s %s: %s%s" % (m + ("  [%s]" % exc[k] if k in exc else "  [NOT LISTED]",)))
    seen = {tuple(m[:5]) for m in misses}
    for k in exc:
        if k not in seen:
            print("  note: exception no longer needed: %s" % " ".join(k))
    if unlisted:
        print("accuracy: %d misses not listed in %s" % (len(unlisted), exc_path))
        failed += 1
    print("accuracy: %d passed, %d failed" % (3 - min(failed, 3), min(failed, 3)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
