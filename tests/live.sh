#!/bin/sh
# Live tests in network namespaces this script creates and removes itself:
# ns "lsr-$$" replays captures with tcpreplay onto a veth whose other end is
# in ns "lss-$$", where leaksniff listens (interface discovery, no -i).
# Only documentation addresses travel, and only between the two namespaces.
# Skipped, with the reason, without root, iproute2 or tcpreplay.
cd "$(dirname "$0")/.." || exit 2
bin=$(pwd)/${LEAKSNIFF:-./leaksniff}
skip() {
	echo "live: skipped: $*"
	echo "live: 0 passed, 0 failed, 1 skipped"
	exit 0
}
[ "$(id -u)" = 0 ] || skip "needs root to create network namespaces"
command -v ip >/dev/null || skip "iproute2 (ip) is not installed"
command -v tcpreplay >/dev/null || skip "tcpreplay is not installed"
R=lsr-$$ S=lss-$$
out=$(pwd)/tests/out/live
rm -rf "$out"; mkdir -p "$out"
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	ip netns del "$R" 2>/dev/null
	ip netns del "$S" 2>/dev/null
}
trap cleanup EXIT INT TERM
ip netns add "$R" && ip netns add "$S" || skip "cannot create network namespaces here"
ip link add lsv0 netns "$R" type veth peer name lsv1 netns "$S" || skip "cannot create a veth pair"
ip -n "$R" link set lsv0 up
ip -n "$S" link set lsv1 up
ip -n "$S" link set lo up
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "  ok: $*"; }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

# 1. discovery: leaksniff with no -i finds lsv1 (and not lo)
ip netns exec "$S" "$bin" -j -L 192.0.2.0/24 --outage 0.3 >"$out/a.jsonl" 2>"$out/a.err" &
pid=$!
sleep 1.5
grep -q "listening on lsv1" "$out/a.err" && ok "discovered lsv1" || no "lsv1 not discovered: $(cat "$out/a.err")"
grep -q "listening on lo" "$out/a.err" && no "captures on loopback" || ok "loopback left alone"

# 2. the outage capture at 10x speed: two leaks while the tunnel is down
start=$(date +%s%N)
ip netns exec "$R" tcpreplay -q -i lsv0 --multiplier=10 pcaps/gen/outage.pcap >/dev/null 2>&1
sleep 1

# 3. an interface that appears later is picked up
ip link add lsv2 netns "$R" type veth peer name lsv3 netns "$S"
ip -n "$R" link set lsv2 up
ip -n "$S" link set lsv3 up
sleep 3
grep -q "listening on lsv3" "$out/a.err" && ok "picked up lsv3 after start" || no "lsv3 not picked up"
ip netns exec "$R" tcpreplay -q -i lsv2 pcaps/gen/dns-udp-v6.pcap >/dev/null 2>&1
sleep 1.5

# 4. SIGUSR1 prints counters; SIGTERM flushes flows and the summary
kill -USR1 "$pid"; sleep 0.5
grep -q "leaked flows" "$out/a.err" && ok "SIGUSR1 counters" || no "no counters on SIGUSR1"
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
[ $rc = 1 ] && ok "exit 1 after leaks" || no "exit status $rc, expected 1"
python3 - "$out/a.jsonl" <<'PY' && ok "leaks, tunnel events, kill-switch failure" || no "events: see $out/a.jsonl"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
leaks = [e for e in ev if e["event_type"] == "leak"]
classes = sorted(e["leak"]["class"] for e in leaks)
tun = [e["tunnel"]["change"] for e in ev if e["event_type"] == "tunnel"]
down = [e for e in leaks if e["leak"]["tunnel"] == "down" and e["in_iface"] == "lsv1"]
print("   leaks:", classes, "tunnel:", tun, "down:", len(down))
assert classes == ["dns", "dns", "http"], classes
assert tun[:3] == ["appeared", "quiet", "back"], tun
assert len(down) == 2
assert any(e.get("in_iface") == "lsv3" for e in leaks)
assert ev[-1]["event_type"] == "stats" and "kernel_drops" in ev[-1]["stats"]
PY

echo "live: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
