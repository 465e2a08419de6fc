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
# ./pcapgen (pcaps/pcapgen/) makes the flood captures; `make` alone does not
# build it
make -s pcapgen >/dev/null || { echo "live: cannot build ./pcapgen"; exit 2; }
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
# st PID FIELD: a field of /proc/PID/status
st() { awk -v k="$2:" '$1 == k {$1 = ""; sub(/^ /, ""); print}' "/proc/$1/status"; }

# 1. discovery: leaksniff with no -i finds lsv1 (and not lo)
ip netns exec "$S" "$bin" -j -L 192.0.2.0/24 --outage 0.3 >"$out/a.jsonl" 2>"$out/a.err" &
pid=$!
sleep 1.5
grep -q "listening on lsv1" "$out/a.err" && ok "discovered lsv1" || no "lsv1 not discovered: $(cat "$out/a.err")"
# (it must be listening at all: a run that opens nothing would pass)
grep -q "listening on lsv1 " "$out/a.err" && ! grep -q "listening on lo " "$out/a.err" && ok "loopback left alone" || no "captures on loopback, or on nothing: $(cat "$out/a.err")"

# 2. the outage capture at 10x speed: two leaks while the tunnel is down
start=$(date +%s%N)
ip netns exec "$R" tcpreplay -q -i lsv0 --multiplier=10 pcaps/gen/outage.pcap >/dev/null 2>&1
sleep 1

# detection latency: from handing a DNS query to the wire to its leak line
t0=$(date +%s%N)
ip netns exec "$R" tcpreplay -q -i lsv0 pcaps/gen/dns-local-resolver.pcap >/dev/null 2>&1
lat=""
for i in $(seq 1 100); do
	if grep -q '"rrname":"www.example.com"' "$out/a.jsonl" 2>/dev/null; then
		lat=$(( ($(date +%s%N) - t0) / 1000000 )); break
	fi
	sleep 0.02
done
echo "  detection latency (DNS): ${lat:-none} ms" | tee "$out/latency.txt"
[ -n "$lat" ] && [ "$lat" -lt 1000 ] && ok "DNS leak reported within 1 s" || no "DNS leak not reported within 1 s"

# 3. an interface that appears later is picked up
ip link add lsv2 netns "$R" type veth peer name lsv3 netns "$S"
ip -n "$R" link set lsv2 up
ip -n "$S" link set lsv3 up
sleep 3
grep -q "listening on lsv3" "$out/a.err" && ok "picked up lsv3 after start" || no "lsv3 not picked up"
ip netns exec "$R" tcpreplay -q -i lsv2 pcaps/gen/dns-udp-v6.pcap >/dev/null 2>&1
sleep 1.5

# 4. tunnel state from the OS: a tun device held by a process (as a VPN
#    client holds its tun), up, then gone when the process dies
cat >"$out/tunhold.py" <<'PY'
import fcntl, os, struct, time
fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, 0x400454ca, struct.pack("16sH", b"lstun0", 0x0001 | 0x1000))
time.sleep(60)
PY
ip netns exec "$S" python3 "$out/tunhold.py" &
holder=$!
sleep 0.5
ip -n "$S" link set lstun0 up
sleep 1
ip netns exec "$R" tcpreplay -q -i lsv0 pcaps/gen/http-v4.pcap >/dev/null 2>&1
sleep 1.5
kill "$holder"; wait "$holder" 2>/dev/null
sleep 1
ip netns exec "$R" tcpreplay -q -i lsv0 pcaps/gen/stun-v4.pcap >/dev/null 2>&1
sleep 1.5

# 5. SIGUSR1 prints counters; SIGTERM flushes flows and the summary
kill -USR1 "$pid"; sleep 0.5
grep -q "leaked flows" "$out/a.err" && ok "SIGUSR1 counters" || no "no counters on SIGUSR1"
kill -TERM "$pid"
wait "$pid"
rc=$?
pid=
[ $rc = 1 ] && ok "exit 1 after leaks" || no "exit status $rc, expected 1"
python3 - "$out/a.jsonl" <<'PY' && ok "leaks, tunnel events (traffic and OS), kill-switch failures" || no "events: see $out/a.jsonl"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
leaks = [e for e in ev if e["event_type"] == "leak"]
tun = [e["tunnel"] for e in ev if e["event_type"] == "tunnel"]
print("   leaks:", [(e["in_iface"], e["leak"]["class"], e["leak"]["tunnel"]) for e in leaks])
print("   tunnel:", [t.get("interface", t.get("endpoint")) + " " + t["change"] for t in tun])
# the outage capture: carrier appears, goes quiet, comes back
assert [t["change"] for t in tun if "endpoint" in t][:3] == ["appeared", "quiet", "back"]
# its DNS and HTTP leaks happened while the carrier was quiet
outage = [e for e in leaks if e["in_iface"] == "lsv1" and e.get("dns", {}).get("rrname") == "bank.example.com"
          or e.get("http", {}).get("hostname") == "bank.example.com"]
assert len(outage) == 2 and all(e["leak"]["tunnel"] == "down" for e in outage), outage
# the OS tunnel: up while held, down when its process died
os_ev = [t["change"] for t in tun if t.get("interface") == "lstun0"]
assert "up" in os_ev and os_ev[-1] == "down", os_ev
http = [e for e in leaks if e.get("http", {}).get("hostname") == "example.com"]
stun = [e for e in leaks if e["leak"]["class"] == "stun"]
# a tunnel interface up is not the carrier back: the only carrier seen went
# quiet and never came back, so the leak while lstun0 is up is still in its
# outage (as offline: src/tunnel.h); lstun0 going away keeps it there
assert http and http[0]["leak"]["phase"] == "outage", http
assert stun and stun[0]["leak"]["tunnel"] == "down" and stun[0]["leak"].get("killswitch_failure"), stun
assert all(e["leak"]["phase"] in ("before_tunnel", "handshake", "connected", "outage", "reconnect") for e in leaks)
assert any(e.get("in_iface") == "lsv3" for e in leaks)
assert ev[-1]["event_type"] == "stats" and "kernel_drops" in ev[-1]["stats"]
PY

# 5b. SIGHUP: the rule file is reloaded, a bad one refused with the old
#     rules kept; -o is reopened after logrotate moved it away.  The file
#     is handed to the user leaksniff drops to, so the successor logrotate
#     creates (`create`: same owner and mode) can be reopened; until then
#     events go on into the file open before.
cp rules/default.yaml "$out/h.yaml"
ip netns exec "$S" "$bin" -j -i lsv1 -R "$out/h.yaml" -L 192.0.2.0/24 -o "$out/h.jsonl" 2>"$out/h.err" &
hpid=$!
sleep 1
[ "$(stat -c %U "$out/h.jsonl")" = nobody ] && ok "-o handed to the user it drops to" ||
    no "-o owned by $(stat -c %U "$out/h.jsonl")"
ip netns exec "$R" tcpreplay -q -i lsv0 pcaps/gen/dns-local-resolver.pcap >/dev/null 2>&1
sleep 1.5
mv "$out/h.jsonl" "$out/h.jsonl.1"
printf 'version: 1\nrules: [\n' >"$out/h.yaml"
kill -HUP "$hpid"; sleep 0.5
grep -q "h.yaml: rule file rejected; keeping the rules loaded before" "$out/h.err" &&
    ok "SIGHUP with a bad rule file: refused, old rules kept" || no "bad reload: $(cat "$out/h.err")"
grep -q "h.jsonl: cannot reopen: .*; still writing to the file open before" "$out/h.err" &&
    ok "a failed reopen is said" || no "reopen failure not said: $(cat "$out/h.err")"
ip netns exec "$R" tcpreplay -q -i lsv0 pcaps/gen/http-v4.pcap >/dev/null 2>&1
sleep 1.5
# logrotate's create, then the same rules without the stun rule: a STUN
# flow is then class ip
install -m "$(stat -c %a "$out/h.jsonl.1")" -o "$(stat -c %u "$out/h.jsonl.1")" \
    -g "$(stat -c %g "$out/h.jsonl.1")" /dev/null "$out/h.jsonl"
awk '/^  - id:/ { skip = ($3 == "stun") } !skip' rules/default.yaml >"$out/h.yaml"
kill -HUP "$hpid"; sleep 0.5
grep -q "h.yaml: 4 rules reloaded" "$out/h.err" && ok "SIGHUP reloads the rule file" || no "reload: $(cat "$out/h.err")"
ip netns exec "$R" tcpreplay -q -i lsv0 pcaps/gen/stun-v4.pcap >/dev/null 2>&1
sleep 1.5
kill -TERM "$hpid"; wait "$hpid" 2>/dev/null
python3 - "$out/h.jsonl.1" "$out/h.jsonl" <<'PY' && ok "SIGHUP reopens -o, nothing lost; reloaded rules decide new flows" || no "reopen/reload: see $out/h.jsonl*"
import json, sys
old = [json.loads(l) for l in open(sys.argv[1])]
new = [json.loads(l) for l in open(sys.argv[2])]
cls = lambda ev: sorted(e["leak"]["class"] for e in ev if e["event_type"] == "leak")
print("   leaks before the reopen:", cls(old), " after:", cls(new))
# http: decided by the old rules, kept over the bad file, written to the
# old file while the reopen failed; the STUN flow under the new rules: ip
assert cls(old) == ["dns", "http"], old
assert cls(new) == ["ip"], new
assert [e["dest_port"] for e in new if e["event_type"] == "leak"] == [3478]
assert new[-1]["event_type"] == "stats"
PY

# 6. kernel drops are reported, not hidden: a small kernel buffer and a
#    flood at top speed (100,000 packets)
./pcapgen --bench 100000 "$out/flood.pcap" >/dev/null
ip link add lsv6 netns "$R" type veth peer name lsv7 netns "$S"
ip -n "$R" link set lsv6 up
ip -n "$S" link set lsv7 up
ip netns exec "$S" "$bin" -j -q -i lsv7 --buffer-size 65536 -L 192.0.2.0/24 >"$out/d.jsonl" 2>"$out/d.err" &
dpid=$!
sleep 1
ip netns exec "$R" tcpreplay -q -i lsv6 --topspeed "$out/flood.pcap" >"$out/d.replay" 2>&1
sleep 1
kill -TERM "$dpid"; wait "$dpid" 2>/dev/null
python3 - "$out/d.jsonl" "$out/drops.txt" <<'PY' && ok "kernel drops counted in stats" || no "drop counters: see $out/d.jsonl"
import json, sys
st = json.loads(open(sys.argv[1]).read().splitlines()[-1])["stats"]
seen, drops = st["packets"], st["kernel_drops"]
sent = 100000
line = "  top-speed flood: %d packets sent, %d seen, %d dropped by the kernel (reported), %.1f%% kept" % (
    sent, seen, drops, 100.0 * seen / sent)
print(line)
open(sys.argv[2], "w").write(line + "\n")
assert "kernel_drops" in st and seen + drops <= sent and seen > 0
PY

# 6b. the same top-speed replay with the default 8 MiB buffer, without and
#     with the kernel carrier filter: what fraction does leaksniff keep?
#     (Measured and reported, not asserted; the accounting is asserted.)
ip link add lsv16 netns "$R" type veth peer name lsv17 netns "$S"
ip -n "$R" link set lsv16 up
ip -n "$S" link set lsv17 up
for mode in no-filter filter; do
	arg=""
	[ $mode = no-filter ] && arg=--no-kernel-filter
	ip netns exec "$S" "$bin" -j -q -i lsv17 $arg -L 192.0.2.0/24 >"$out/k-$mode.jsonl" 2>"$out/k-$mode.err" &
	kpid=$!
	sleep 1
	ip netns exec "$R" tcpreplay -q -i lsv16 --topspeed "$out/flood.pcap" >"$out/k-$mode.replay" 2>&1
	sleep 1
	kill -TERM "$kpid"; wait "$kpid" 2>/dev/null
	python3 - "$out/k-$mode.jsonl" "$out/drops.txt" $mode <<'PY' && ok "top-speed replay, $mode: counts add up" || no "top-speed replay, $mode: see $out/k-$mode.jsonl"
import json, sys
st = json.loads(open(sys.argv[1]).read().splitlines()[-1])["stats"]
seen, drops, carrier = st["packets"], st["kernel_drops"], st["carrier_packets"]
sent = 100000
line = ("  top-speed replay, 8 MiB buffer, %s: %d sent, %d reached leaksniff (%.1f%%; %d carrier), "
        "%d dropped by the kernel (reported)" % (sys.argv[3], sent, seen, 100.0 * seen / sent, carrier, drops))
print(line)
open(sys.argv[2], "a").write(line + "\n")
# the veth's own IPv6 chatter (MLD, router solicitations) is captured too
assert seen + drops <= sent + 64 and seen > 0
if sys.argv[3] == "no-filter":
    assert carrier > 0
PY
done

# 7. a carrier flood: with the kernel filter, how much CPU does leaksniff
#    use while the tunnel runs flat out?  Its own instance with the default
#    outage time, one interface, 500,000 WireGuard packets at top speed.
#    (Measured and reported, not asserted: speed is never a test.)
tcpdump -r pcaps/gen/wg-clean.pcap -w "$out/carrier.pcap" udp port 51820 2>/dev/null
ip link add lsv10 netns "$R" type veth peer name lsv11 netns "$S"
ip -n "$R" link set lsv10 up
ip -n "$S" link set lsv11 up
ip netns exec "$S" "$bin" -j -i lsv11 -L 192.0.2.0/24 >"$out/c.jsonl" 2>"$out/c.err" &
cpid=$!
sleep 1
ip netns exec "$R" tcpreplay -q -i lsv10 "$out/carrier.pcap" >/dev/null 2>&1	# learn the carrier
sleep 0.5
hz=$(getconf CLK_TCK)
cpu0=$(awk '{print $14 + $15}' "/proc/$cpid/stat")
t0=$(date +%s%N)
ip netns exec "$R" tcpreplay -q -i lsv10 --topspeed --loop=1000 "$out/carrier.pcap" >"$out/flood.txt" 2>&1
t1=$(date +%s%N)
cpu1=$(awk '{print $14 + $15}' "/proc/$cpid/stat")
ms=$(( (t1 - t0) / 1000000 ))
used=$(( (cpu1 - cpu0) * 1000 / hz ))
kill -TERM "$cpid"; wait "$cpid" 2>/dev/null
seen=$(tail -n 1 "$out/c.jsonl" | python3 -c 'import json,sys; print(json.load(sys.stdin)["stats"]["carrier_packets"])')
echo "  carrier flood: 495000 packets in $ms ms; leaksniff used $used ms of CPU ($(( used * 100 / (ms + 1) ))% of a core); $seen carrier packets reached user space" | tee "$out/cpu.txt"
grep -q "kernel filter: not ((host 203.0.113.1 and udp port 51820))" "$out/c.err" &&
    ok "carrier flood measured, carrier kept in the kernel" || no "no kernel filter: $(cat "$out/c.err")"

# 8. without root, with only CAP_NET_RAW and CAP_NET_ADMIN (as the systemd
#     unit runs it): it captures, then keeps no capability; the helper
#     keeps CAP_NET_RAW alone
if command -v setpriv >/dev/null; then
	ip link add lsv12 netns "$R" type veth peer name lsv13 netns "$S"
	ip -n "$R" link set lsv12 up
	ip -n "$S" link set lsv13 up
	ip netns exec "$S" setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups \
	    --inh-caps=+net_raw,+net_admin --ambient-caps=+net_raw,+net_admin \
	    "$bin" -q -i lsv13 -L 192.0.2.0/24 >"$out/p.txt" 2>"$out/p.err" &
	ppid=$!
	sleep 1.5
	# setpriv execs leaksniff: same pid
	[ "$(cat /proc/$ppid/comm)" = leaksniff ] && [ "$(st $ppid CapEff)" = 0000000000000000 ] &&
	    [ "$(st $ppid CapPrm)" = 0000000000000000 ] && [ "$(st $ppid CapAmb)" = 0000000000000000 ] &&
	    [ "$(st $ppid NoNewPrivs)" = 1 ] &&
	    ok "with ambient CAP_NET_RAW/CAP_NET_ADMIN only: captures, then holds no capability" ||
	    no "capabilities-only start: comm $(cat /proc/$ppid/comm) CapEff $(st $ppid CapEff) CapAmb $(st $ppid CapAmb): $(cat "$out/p.err")"
	phelper=$(cat "/proc/$ppid/task/$ppid/children" | tr -d ' ')
	[ -n "$phelper" ] && [ "$(st $phelper CapEff)" = 0000000000002000 ] && [ "$(st $phelper CapAmb)" = 0000000000000000 ] &&
	    ok "its helper holds CAP_NET_RAW alone" || no "helper of the capabilities-only start: $phelper CapEff $(st "$phelper" CapEff)"
	ip netns exec "$R" tcpreplay -q -i lsv12 pcaps/gen/http-v4.pcap >/dev/null 2>&1
	sleep 1.5
	kill -TERM "$ppid"; wait "$ppid" 2>/dev/null
	grep -q "summary: 1 leaked flow (http 1)" "$out/p.txt" && ok "and reports the leak" || no "capabilities-only start: $(cat "$out/p.txt" "$out/p.err")"
else
	echo "  skipped: setpriv (util-linux) is not installed"
fi

# 9. the host route to the VPN server, from rtnetlink: while a tunnel
#    exists, a /32 through the gateway around it; what nDPI cannot name
#    going there is the carrier, and DNS to the same host is still a leak
ip link add lsv14 netns "$R" type veth peer name lsv15 netns "$S"
ip -n "$R" link set lsv14 up
ip -n "$S" link set lsv15 up
ip -n "$S" addr add 192.0.2.10/24 dev lsv15
sed 's/lstun0/lstun1/' "$out/tunhold.py" >"$out/tunhold1.py"
ip netns exec "$S" python3 "$out/tunhold1.py" &
holder=$!
sleep 0.5
ip -n "$S" link set lstun1 up
ip netns exec "$S" "$bin" -j -i lsv15 -L 192.0.2.0/24 >"$out/r.jsonl" 2>"$out/r.err" &
rpid=$!
sleep 1
ip -n "$S" route add 203.0.113.9/32 via 192.0.2.1 dev lsv15
sleep 0.5
ip netns exec "$R" tcpreplay -q -i lsv14 pcaps/gen/vpn-unknown-proto.pcap >/dev/null 2>&1
# the same host asked for DNS: rewritten with tcprewrite (tcpreplay's)
if command -v tcprewrite >/dev/null; then
	tcprewrite --dstipmap=198.51.100.53/32:203.0.113.9/32 --srcipmap=198.51.100.53/32:203.0.113.9/32 --fixcsum \
	    -i pcaps/gen/dns-udp-v4.pcap -o "$out/dns-to-vpn.pcap" 2>/dev/null &&
	    ip netns exec "$R" tcpreplay -q -i lsv14 "$out/dns-to-vpn.pcap" >/dev/null 2>&1
fi
sleep 1.5
kill -TERM "$rpid"; wait "$rpid" 2>/dev/null
kill "$holder"; wait "$holder" 2>/dev/null
grep -q "host route around the tunnel added: 203.0.113.9 via lsv15" "$out/r.err" &&
    ok "host route around the tunnel seen" || no "host route not seen: $(cat "$out/r.err")"
python3 - "$out/r.jsonl" "$out/dns-to-vpn.pcap" <<'PY' && ok "unnamed traffic through it is the carrier; DNS to that host still a leak" || no "host-route carrier: see $out/r.jsonl"
import json, os, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
tun = [e["tunnel"] for e in ev if e["event_type"] == "tunnel" and "endpoint" in e["tunnel"]]
leaks = [e for e in ev if e["event_type"] == "leak"]
print("   carriers:", [t["endpoint"] + " " + t["change"] for t in tun], "leaks:", [(e["dest_ip"], e["leak"]["class"]) for e in leaks])
assert any(t["endpoint"] == "203.0.113.9:4500" and t["change"] == "appeared" for t in tun)
assert not any(e["dest_ip"] == "203.0.113.9" and e["leak"]["class"] == "ip" for e in leaks)
if os.path.exists(sys.argv[2]):
    assert any(e["dest_ip"] == "203.0.113.9" and e["leak"]["class"] == "dns" for e in leaks)
PY

# 10. nothing lost: SIGTERM in the middle of a flood of leaks.  Every event
#    written is whole JSON, every leak got its flow event, the summary is
#    last, and the evidence pcap opens and holds every leaked packet
./pcapgen --flood 100000 "$out/synflood.pcap" >/dev/null
ip link add lsv8 netns "$R" type veth peer name lsv9 netns "$S"
ip -n "$R" link set lsv8 up
ip -n "$S" link set lsv9 up
ip netns exec "$S" "$bin" -j -i lsv9 -L 192.0.2.0/24 -o "$out/t.jsonl" -w "$out/t.pcap" 2>"$out/t.err" &
tpid=$!
sleep 1
ip netns exec "$R" tcpreplay -q -i lsv8 --pps 40000 "$out/synflood.pcap" >/dev/null 2>&1 &
rpid=$!
sleep 0.8
kill -TERM "$tpid"; wait "$tpid"
trc=$?
kill "$rpid" 2>/dev/null; wait "$rpid" 2>/dev/null
tcpdump -nr "$out/t.pcap" >"$out/t.tcpdump" 2>"$out/t.tcpdump.err"
tdrc=$?
python3 - "$out/t.jsonl" "$out/t.tcpdump" "$trc" "$tdrc" "$out/t.tcpdump.err" <<'PY' && ok "SIGTERM mid-flood: events whole, evidence pcap opens and is complete" || no "SIGTERM mid-flood: see $out/t.jsonl $out/t.err"
import json, sys
lines = open(sys.argv[1]).read().split("\n")
assert lines[-1] == "", "last line not terminated"
ev = [json.loads(l) for l in lines[:-1]]
leaks = [e for e in ev if e["event_type"] == "leak"]
flows = [e for e in ev if e["event_type"] == "flow"]
st = ev[-1]["stats"]
pk = sum(1 for _ in open(sys.argv[2]))
print("   killed after %d leaks (%d flow events); evidence: %d packets, stats leak_packets %d; exit %s; tcpdump exit %s %s"
      % (len(leaks), len(flows), pk, st["leak_packets"], sys.argv[3], sys.argv[4], open(sys.argv[5]).read().strip()))
assert sys.argv[3] == "1" and sys.argv[4] == "0"
assert 0 < len(leaks) < 100000, "flood not interrupted"
assert sorted(e["flow_id"] for e in leaks) == sorted(e["flow_id"] for e in flows)
assert pk == st["leak_packets"] and "truncated" not in open(sys.argv[5]).read()
PY

# 11. least privilege: with no -Z (default nobody), after start-up the
#    packet-parsing process is nobody with no capabilities left; its socket
#    helper is nobody with CAP_NET_RAW alone; an interface that appears
#    later is still opened, through the helper
ip netns exec "$S" "$bin" -q -L 192.0.2.0/24 >"$out/z.txt" 2>"$out/z.err" &
zpid=$!
sleep 1.5
nobody=$(id -u nobody)
[ "$(st $zpid Uid)" = "$nobody $nobody $nobody $nobody" ] && ok "runs as nobody ($(st $zpid Uid))" || no "uid after the drop: $(st $zpid Uid)"
[ "$(st $zpid CapEff)" = 0000000000000000 ] && [ "$(st $zpid CapPrm)" = 0000000000000000 ] &&
    [ "$(st $zpid CapBnd)" != "" ] && [ "$(st $zpid NoNewPrivs)" = 1 ] &&
    ok "no capabilities left, no_new_privs set" || no "CapEff $(st $zpid CapEff) CapPrm $(st $zpid CapPrm) NoNewPrivs $(st $zpid NoNewPrivs)"
hpid=$(cat "/proc/$zpid/task/$zpid/children" | tr -d ' ')
[ -n "$hpid" ] && [ "$(cat /proc/$hpid/comm)" = leaksniff-sockd ] &&
    [ "$(st $hpid Uid)" = "$nobody $nobody $nobody $nobody" ] &&
    [ "$(st $hpid CapEff)" = 0000000000002000 ] && [ "$(st $hpid CapPrm)" = 0000000000002000 ] &&
    [ "$(st $hpid CapBnd)" = 0000000000002000 ] && [ "$(st $hpid NoNewPrivs)" = 1 ] &&
    [ "$(ls /proc/$hpid/fd | wc -l)" -le 4 ] &&
    ok "socket helper: nobody, CAP_NET_RAW only, no other descriptors" ||
    no "helper $hpid: Uid $(st $hpid Uid) CapEff $(st $hpid CapEff) CapBnd $(st $hpid CapBnd) fds $(ls /proc/$hpid/fd 2>/dev/null | wc -l)"
ip link add lsv4 netns "$R" type veth peer name lsv5 netns "$S"
ip -n "$R" link set lsv4 up
ip -n "$S" link set lsv5 up
sleep 3
grep -q "listening on lsv5" "$out/z.err" &&
    ok "an interface that appears after the drop is opened" || no "lsv5 after the drop: $(cat "$out/z.err")"
ip netns exec "$R" tcpreplay -q -i lsv4 pcaps/gen/dns-udp-v4.pcap >/dev/null 2>&1
sleep 1.5
kill -TERM "$zpid"; wait "$zpid" 2>/dev/null
grep -q "summary: 1 leaked flow (dns 1)" "$out/z.txt" && ok "a leak on that interface is reported" || no "no leak on lsv5: $(cat "$out/z.txt")"
sleep 0.2
[ -n "$hpid" ] && [ ! -d "/proc/$hpid" ] && ok "the helper exits with leaksniff" || no "helper '$hpid' not found, or outlived leaksniff"

echo "live: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
