#!/bin/sh
# Live: leaksniff with no -L on a veth LAN whose prefixes are global
# (2001:db8:1::/64, 192.0.2.0/24: no RFC 1918, no ULA) learns them from
# the interface and reports nothing while only LAN traffic flows (ping6
# and ping to the peer, a UDP exchange); then one datagram off the LAN is
# a leak.  Namespaces "lla-$$" (leaksniff's host) and "llb-$$" (the LAN
# peer) are created and removed here; only documentation addresses are
# used.  Skipped, with the reason, without root or iproute2.
cd "$(dirname "$0")/.." || exit 2
bin=$(pwd)/${LEAKSNIFF:-./leaksniff}
skip() {
	echo "live-lan: skipped: $*"
	echo "live-lan: 0 passed, 0 failed, 1 skipped"
	exit 0
}
[ "$(id -u)" = 0 ] || skip "needs root to create network namespaces"
command -v ip >/dev/null || skip "iproute2 (ip) is not installed"
command -v python3 >/dev/null || skip "python3 is not installed"
A=lla-$$ B=llb-$$
out=$(pwd)/tests/out/live-lan
rm -rf "$out"; mkdir -p "$out"
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	ip netns del "$A" 2>/dev/null
	ip netns del "$B" 2>/dev/null
}
trap cleanup EXIT INT TERM
ip netns add "$A" && ip netns add "$B" || skip "cannot create network namespaces here"
ip link add lla0 netns "$A" type veth peer name llb0 netns "$B" || skip "cannot create a veth pair"
for ns in "$A" "$B"; do ip -n "$ns" link set lo up; done
ip -n "$A" addr add 192.0.2.10/24 dev lla0
ip -n "$A" -6 addr add 2001:db8:1::10/64 dev lla0 nodad
ip -n "$B" addr add 192.0.2.20/24 dev llb0
ip -n "$B" -6 addr add 2001:db8:1::20/64 dev llb0 nodad
ip -n "$A" link set lla0 up
ip -n "$B" link set llb0 up
# a route off the LAN, for the one leak at the end
ip -n "$A" -6 route add 2001:db8:2::/64 via 2001:db8:1::20
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "  ok: $*"; }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

ip netns exec "$A" "$bin" -j -i lla0 -Z root >"$out/a.jsonl" 2>"$out/a.err" &
pid=$!
for i in $(seq 1 50); do
	grep -q "listening on lla0" "$out/a.err" 2>/dev/null && break
	sleep 0.1
done
grep -q "listening on lla0" "$out/a.err" || no "leaksniff did not start: $(cat "$out/a.err")"

# LAN traffic only.  Echo requests by a raw socket (iputils may be absent)
cat >"$out/ping.py" <<'PY'
import socket, struct, sys, time
dst = sys.argv[1]
v6 = ":" in dst
s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_RAW,
                  socket.IPPROTO_ICMPV6 if v6 else socket.IPPROTO_ICMP)
s.settimeout(2)
def csum(b):
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while t >> 16: t = (t & 0xffff) + (t >> 16)
    return ~t & 0xffff
for seq in range(1, 4):
    body = struct.pack("!HH", 0x4c53, seq) + bytes(range(56))
    m = struct.pack("!BBH", 128 if v6 else 8, 0, 0) + body
    if not v6:
        m = m[:2] + struct.pack("!H", csum(m)) + m[4:]
    s.sendto(m, (dst, 0))
    while True:		# the reply (a v4 raw socket also sees the IP header)
        d = s.recv(2048)
        d = d if v6 else d[(d[0] & 15) * 4:]
        if d[0] == (129 if v6 else 0) and d[6:8] == struct.pack("!H", seq):
            break
    time.sleep(0.2)
PY
ip netns exec "$A" python3 "$out/ping.py" 2001:db8:1::20 || no "ping6 to the peer failed"
ip netns exec "$A" python3 "$out/ping.py" 192.0.2.20 || no "ping to the peer failed"
cat >"$out/udp.py" <<'PY'
import socket, sys, time
fam = socket.AF_INET6 if ":" in sys.argv[2] else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
if sys.argv[1] == "serve":
    s.bind((sys.argv[2], 9999)); s.settimeout(5)
    for _ in range(3):
        d, a = s.recvfrom(100); s.sendto(d[::-1], a)
else:
    s.settimeout(2)
    for i in range(3):
        s.sendto(b"hello %d" % i, (sys.argv[2], 9999)); s.recvfrom(100)
        time.sleep(0.1)
PY
for dst in 2001:db8:1::20 192.0.2.20; do
	ip netns exec "$B" python3 "$out/udp.py" serve "$dst" &
	srv=$!
	sleep 0.3
	ip netns exec "$A" python3 "$out/udp.py" send "$dst" || no "UDP exchange with $dst failed"
	wait "$srv"
done
sleep 2.5		# past --decide-after: every flow decided
if grep -q '"event_type":"leak"' "$out/a.jsonl"; then
	no "LAN traffic reported as a leak: $(grep '"event_type":"leak"' "$out/a.jsonl" | head -3)"
else
	ok "no leak while only LAN traffic flows (ping6, ping, UDP v6 and v4)"
fi
if grep '"event_type":"lan"' "$out/a.jsonl" | grep -q '"prefix":"2001:db8:1::/64","via":"interface"' &&
    grep '"event_type":"lan"' "$out/a.jsonl" | grep -q '"prefix":"192.0.2.0/24","via":"interface"'; then
	ok "lan event: 2001:db8:1::/64 and 192.0.2.0/24 from the interface"
else
	no "no lan event with the interface's prefixes: $(grep lan "$out/a.jsonl")"
fi

# one datagram off the LAN: a leak (the test can fail)
ip netns exec "$A" python3 -c 'import socket; s=socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.sendto(b"out", ("2001:db8:2::1", 4000))'
sleep 2.5
grep '"event_type":"leak"' "$out/a.jsonl" | grep -q '"dest_ip":"2001:db8:2::1"' &&
    ok "traffic off the LAN is still a leak" || no "traffic off the LAN not reported"
kill "$pid"; wait "$pid" 2>/dev/null; pid=""
echo "live-lan: $pass passed, $fail failed, 0 skipped"
[ "$fail" -eq 0 ]
