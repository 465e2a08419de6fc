#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# redact-check.py PLAIN.jsonl RED.jsonl PLAIN.txt RED.txt RED2.jsonl
#
# What --redact promises (docs/usage.md), checked against the same capture
# read without it; the tokens change from run to run, so no golden can hold
# them.  RED2 is a second redacted run.  Prints one line per problem and
# exits 1 if there is any.
import ipaddress
import json
import re
import sys

plain_j, red_j, plain_t, red_t, red2_j = sys.argv[1:6]
problems = []


def bad(msg):
    problems.append(msg)


def lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return [l for l in f.read().split("\n") if l]


def events(path):
    out = []
    for n, l in enumerate(lines(path), 1):
        try:
            out.append(json.loads(l))
        except ValueError as e:
            bad(f"{path}:{n}: not JSON: {e}")
    return [e for e in out if e.get("event_type") != "stats"]


SIX_TO_FOUR = ipaddress.ip_network("2002::/16")


def cut(a):
    ip = ipaddress.ip_address(a)
    n = 24 if ip.version == 4 else 40 if ip in SIX_TO_FOUR else 48
    return str(ipaddress.ip_network(f"{a}/{n}", strict=False).network_address)


def cut_prefix(p):
    net = ipaddress.ip_network(p, strict=False)
    if net.version == 4:
        n = 24
    else:
        n = 40 if net.subnet_of(SIX_TO_FOUR) else 48
    if net.prefixlen > n:
        net = net.supernet(new_prefix=n)
    return str(net)


def cut_endpoint(ep):
    m = re.fullmatch(r"\[(.*)\]:(\d+)", ep) or re.fullmatch(r"([^:]*):(\d+)", ep)
    if m:
        a = cut(m.group(1))
        return (f"[{a}]" if ":" in a else a) + ":" + m.group(2)
    return cut(ep)


TOKEN = re.compile(r"h-[0-9a-f]{12}(\.[a-z]{2,15})?")


def norm(name):
    name = name.lower()
    return name[:-1] if name.endswith(".") else name


P, R, R2 = events(plain_j), events(red_j), events(red2_j)
if len(P) != len(R) or len(R) != len(R2):
    bad(f"{len(P)} events without --redact, {len(R)} and {len(R2)} with")
tok_of, name_of, secrets, addrs = {}, {}, set(), set()


def name(field, p, r, r2):
    """A name and its token: the same name always one token, two names
    never one, another run another token."""
    if p is None and r is None:
        return
    if p is None or r is None:
        bad(f"{field}: {p!r} without --redact, {r!r} with")
        return
    if p in ("", "."):
        return
    host, port = p, ""
    m = re.fullmatch(r"\[(.*)\](:\d+)?", p) or re.fullmatch(r"([^:]*)(:\d{1,5})", p)
    if m and field != "dns":
        host, port = m.group(1), m.group(2) or ""
    try:
        a = cut(host)
        want = (f"[{a}]" if p.startswith("[") else a) + port
        if r != want:
            bad(f"{field}: the address {p!r} became {r!r}, not {want!r}")
        if a != host:
            addrs.add(host)
        return
    except ValueError:
        pass
    core = r[:len(r) - len(port)] if port and r.endswith(port) else r
    if not TOKEN.fullmatch(core):
        bad(f"{field}: {r!r} is not a token")
    key = norm(host)
    if key in tok_of and tok_of[key] != core:
        bad(f"{field}: {p!r} is {core!r} here and {tok_of[key]!r} before")
    if core in name_of and name_of[core] != key:
        bad(f"{field}: {core!r} stands for both {p!r} and {name_of[core]!r}")
    tok_of[key], name_of[core] = core, key
    if r2 == r:
        bad(f"{field}: {r!r} in two runs: the key is not per run")
    secrets.add(key)


def addr(field, p, r, f=cut):
    if p is None and r is None:
        return
    if p is None or r is None or f(p) != r:
        bad(f"{field}: {p!r} became {r!r}, not {f(p) if p else None!r}")
        return
    if f(p) != p:
        m = re.fullmatch(r"\[(.*)\]:\d+|([^:]*):\d+", p)
        addrs.add((m.group(1) or m.group(2)) if m else p)


def get(e, *path):
    for k in path:
        if not isinstance(e, dict) or k not in e:
            return None
        e = e[k]
    return e


for i, (p, r, r2) in enumerate(zip(P, R, R2)):
    if p["event_type"] != r["event_type"]:
        bad(f"event {i}: {p['event_type']} became {r['event_type']}")
        continue
    if "/" in r.get("pcap_filename", ""):
        bad(f"event {i}: pcap_filename {r['pcap_filename']!r} has directories")
    for k in ("src_ip", "dest_ip"):
        addr(k, p.get(k), r.get(k))
    if p.get("src_ip") and cut(p["src_ip"]) != p["src_ip"] and \
            p.get("community_id") == r.get("community_id"):
        bad(f"event {i}: community_id over the real tuple")
    addr("stun.mapped_address", get(p, "stun", "mapped_address"),
         get(r, "stun", "mapped_address"))
    addr("tunnel.endpoint", get(p, "tunnel", "endpoint"),
         get(r, "tunnel", "endpoint"), cut_endpoint)
    for k in ("server", "client", "address"):
        addr("warning." + k, get(p, "warning", k), get(r, "warning", k))
    name("dns", get(p, "dns", "rrname"), get(r, "dns", "rrname"),
         get(r2, "dns", "rrname"))
    name("http", get(p, "http", "hostname"), get(r, "http", "hostname"),
         get(r2, "http", "hostname"))
    name("tls", get(p, "tls", "sni"), get(r, "tls", "sni"), get(r2, "tls", "sni"))
    name("warning", get(p, "warning", "name"), get(r, "warning", "name"),
         get(r2, "warning", "name"))
    for a, b, c in zip(p.get("dns_names", []), r.get("dns_names", []),
                       r2.get("dns_names", [])):
        name("dns_names", a, b, c)
    if get(r, "http", "url") not in (None, ""):
        bad(f"event {i}: url {get(r, 'http', 'url')!r} kept")
    for k, v in ((("http", "user_agent")), (("stun", "software"))):
        if get(r, k, v) is not None:
            bad(f"event {i}: {k}.{v} kept")
        if get(p, k, v):
            secrets.add(get(p, k, v).lower())
    if get(p, "http", "url") not in (None, "", "/"):
        secrets.add(get(p, "http", "url").lower())
    if p["event_type"] == "lan":
        for k in ("prefixes", "refused"):
            want = {cut_prefix(x["prefix"]) for x in get(p, "lan", k)}
            got = {x["prefix"] for x in get(r, "lan", k)}
            if want != got:
                bad(f"lan.{k}: {sorted(got)}, not {sorted(want)}")
        for a, b in zip(get(p, "lan", "gateways"), get(r, "lan", "gateways")):
            addr("lan.gateways", a, b)

# nothing of a name, URL, user agent or full address anywhere in the output
KEPT = {"com", "net", "org", "arpa", "local", "example", "test", "invalid"}
red_text = "\n".join(lines(red_j) + lines(red_t)).lower()
for s in secrets:
    if len(s) >= 4 and s in red_text:
        bad(f"{s!r} appears in the redacted output")
    for piece in re.split(r"[^a-z0-9-]+", s):
        if len(piece) >= 5 and piece not in KEPT and piece in red_text:
            bad(f"{piece!r} (of {s!r}) appears in the redacted output")
for a in addrs:
    if re.search(r"(?<![0-9a-f:.])" + re.escape(a.lower()) + r"(?![0-9a-f])",
                 red_text):
        bad(f"address {a} appears in the redacted output")
if len(lines(plain_t)) != len(lines(red_t)):
    bad(f"text: {len(lines(plain_t))} lines without --redact, "
        f"{len(lines(red_t))} with")

for m in problems:
    print(m)
sys.exit(1 if problems else 0)
