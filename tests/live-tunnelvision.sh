#!/bin/sh
# Live TunnelVision (CVE-2024-3661): a "LAN router" namespace runs dnsmasq
# handing out a lease with classless static routes 0.0.0.0/1 and
# 128.0.0.0/1 via itself (option 121); the client namespace takes the
# lease with Debian's dhclient (its rfc3442-classless-routes hook applies
# the routes), then brings up a WireGuard tunnel (wireguard-go + wg) with
# a default route into it, as a full-tunnel VPN does.  The pushed /1s beat
# the tunnel's /0, so the client's HTTP and DNS to public (documentation)
# addresses leave on the physical link while the tunnel stays up.
# leaksniff sniffs the client's physical veth and must report
# - one route_injection warning (via dhcp_option_121, critical, the two
#   /1s via 192.0.2.1) before the first leaked packet;
# - the leaks, phase connected, with cause route_injection.
# Namespaces "lsri-c-$$" and "lsri-s-$$" are created and removed here.
# Skipped, with the reason, without root, dnsmasq, dhclient, wireguard-go,
# wg, curl, dig or python3.
cd "$(dirname "$0")/.." || exit 2
bin=$(pwd)/${LEAKSNIFF:-./leaksniff}
skip() {
	echo "live-tunnelvision: skipped: $*"
	echo "live-tunnelvision: 0 passed, 0 failed, 1 skipped"
	exit 0
}
[ "$(id -u)" = 0 ] || skip "needs root for network namespaces"
for t in ip dnsmasq dhclient wireguard-go wg curl dig python3; do
	command -v $t >/dev/null || skip "$t is not installed"
done
[ -x /sbin/dhclient-script ] || skip "no /sbin/dhclient-script"
[ -c /dev/net/tun ] || skip "no /dev/net/tun"
C=lsri-c-$$ S=lsri-s-$$
WS=wgris$$ WC=wgric$$		# wireguard-go's sockets are machine-wide
out=$(pwd)/tests/out/live-tunnelvision
rm -rf "$out"; mkdir -p "$out"
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null; done
	[ -s "$out/dhclient.pid" ] && kill "$(cat "$out/dhclient.pid")" 2>/dev/null
	ip netns pids "$C" 2>/dev/null | xargs -r kill 2>/dev/null
	ip netns pids "$S" 2>/dev/null | xargs -r kill 2>/dev/null
	ip netns del "$C" 2>/dev/null
	ip netns del "$S" 2>/dev/null
	rm -rf "/etc/netns/$C"
}
trap cleanup EXIT INT TERM
ip netns add "$C" && ip netns add "$S" || skip "cannot create network namespaces"
# dhclient-script writes resolv.conf: give the client namespace its own
mkdir -p "/etc/netns/$C" && : >"/etc/netns/$C/resolv.conf"
ipc() { ip netns exec "$C" "$@"; }
ips() { ip netns exec "$S" "$@"; }

# the physical link; the client has no address until its lease
ip link add eth0 netns "$C" type veth peer name eth0 netns "$S" ||
    skip "cannot create a veth pair"
ips ip addr add 192.0.2.1/24 dev eth0
for n in "$C" "$S"; do ip -n "$n" link set lo up; ip -n "$n" link set eth0 up; done
# "the internet" behind the router
ips ip addr add 203.0.113.1/32 dev lo		# VPN server
ips ip addr add 198.51.100.53/32 dev lo		# a resolver
ips ip addr add 198.51.100.80/32 dev lo		# a web server
ips sysctl -qw net.ipv4.ip_forward=1

# leaksniff first: it must see the lease
ip netns exec "$C" "$bin" -j -i eth0 -Z root --outage 3 \
    >"$out/events.jsonl" 2>"$out/leaksniff.err" &
lpid=$!
pids="$pids $lpid"
for i in $(seq 1 50); do
	grep -q "listening on eth0" "$out/leaksniff.err" 2>/dev/null && break
	sleep 0.1
done
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "  ok: $*"; }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
grep -q "listening on eth0" "$out/leaksniff.err" || no "leaksniff did not start: $(cat "$out/leaksniff.err")"

# the rogue router's lease: routes 0.0.0.0/1 and 128.0.0.0/1 via itself
ip netns exec "$S" dnsmasq --no-daemon --conf-file=/dev/null --port=0 \
    --user=root --interface=eth0 --bind-interfaces \
    --dhcp-range=192.0.2.10,192.0.2.10,255.255.255.0,10m \
    --dhcp-option=3,192.0.2.1 \
    --dhcp-option=121,0.0.0.0/1,192.0.2.1,128.0.0.0/1,192.0.2.1 \
    --dhcp-leasefile="$out/dnsmasq.leases" --pid-file="$out/dnsmasq.pid" \
    >"$out/dnsmasq.log" 2>&1 &
pids="$pids $!"
sleep 0.5
cat >"$out/dhclient.conf" <<'CONF'
option rfc3442-classless-static-routes code 121 = array of unsigned integer 8;
request subnet-mask, broadcast-address, routers, rfc3442-classless-static-routes;
CONF
ipc dhclient -d -1 -cf "$out/dhclient.conf" -lf "$out/dhclient.leases" \
    -pf "$out/dhclient.pid" -sf /sbin/dhclient-script eth0 \
    >"$out/dhclient.log" 2>&1 &
pids="$pids $!"
for i in $(seq 1 100); do
	ipc ip route show | grep -q "^128.0.0.0/1 via 192.0.2.1" && break
	sleep 0.1
done
ipc ip route show >"$out/routes.txt"
grep -q "^0.0.0.0/1 via 192.0.2.1" "$out/routes.txt" &&
    grep -q "^128.0.0.0/1 via 192.0.2.1" "$out/routes.txt" ||
    skip "dhclient did not apply the classless routes: $(tr '\n' ';' <"$out/routes.txt")"

# the VPN: a full tunnel (default route into it, the server by the LAN)
umask 077
wg genkey >"$out/s.key"; wg pubkey <"$out/s.key" >"$out/s.pub"
wg genkey >"$out/c.key"; wg pubkey <"$out/c.key" >"$out/c.pub"
ip netns exec "$S" env WG_PROCESS_FOREGROUND=1 wireguard-go "$WS" >"$out/wgs.log" 2>&1 &
pids="$pids $!"
ip netns exec "$C" env WG_PROCESS_FOREGROUND=1 wireguard-go "$WC" >"$out/wgc.log" 2>&1 &
pids="$pids $!"
sleep 1
ips wg set "$WS" listen-port 51820 private-key "$out/s.key" peer "$(cat "$out/c.pub")" allowed-ips 203.0.113.130/32
ips ip addr add 203.0.113.129/32 dev "$WS"
ips ip link set "$WS" up
ips ip route add 203.0.113.130/32 dev "$WS"
ipc wg set "$WC" private-key "$out/c.key" peer "$(cat "$out/s.pub")" endpoint 203.0.113.1:51820 allowed-ips 0.0.0.0/0 persistent-keepalive 1
ipc ip addr add 203.0.113.130/32 dev "$WC"
ipc ip link set "$WC" up
ipc ip route add 203.0.113.1/32 via 192.0.2.1 dev eth0
ipc ip route add default dev "$WC"
hs=0
for i in $(seq 1 30); do
	hs=$(ipc wg show "$WC" latest-handshakes | awk '{print $2}')
	[ "${hs:-0}" != 0 ] && break
	sleep 0.2
done
[ "${hs:-0}" != 0 ] || skip "the WireGuard handshake does not complete here"
ip netns exec "$S" python3 -m http.server --bind 198.51.100.80 80 >/dev/null 2>&1 &
pids="$pids $!"
# the tunnel in use: a datagram through it every 200 ms (to the server's
# tunnel address, which the pushed 128.0.0.0/1 would otherwise take too)
ipc ip route add 203.0.113.129/32 dev "$WC"
ipc python3 -c '
import socket, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(100):
    s.sendto(b"in the tunnel %d" % i, ("203.0.113.129", 9))
    time.sleep(0.2)' &
pids="$pids $!"
sleep 2

# the client's traffic: the /1s beat the tunnel's default route
ipc ip route get 198.51.100.80 >"$out/route-get.txt"
grep -q "dev eth0" "$out/route-get.txt" && ok "the pushed routes steer 198.51.100.80 around the tunnel" ||
    no "198.51.100.80 is routed: $(cat "$out/route-get.txt")"
ipc curl -s -m 2 http://198.51.100.80/tunnelvision >/dev/null
ipc dig +time=1 +tries=1 @198.51.100.53 bank.example >/dev/null 2>&1
for i in $(seq 1 60); do
	[ "$(grep -c '"event_type":"leak"' "$out/events.jsonl")" -ge 2 ] && break
	sleep 0.1
done
kill -TERM "$lpid"; wait "$lpid" 2>/dev/null

w=$(grep -n '"event_type":"warning"' "$out/events.jsonl" | grep '"kind":"route_injection"')
[ "$(printf '%s\n' "$w" | grep -c .)" = 1 ] && ok "one route_injection warning" ||
    no "route_injection warnings: $(printf '%s\n' "$w" | grep -c .)"
printf '%s\n' "$w" | grep '"via":"dhcp_option_121"' | grep '"severity":"critical"' |
    grep -q '"routes":\[{"dest":"0.0.0.0/1","via":"192.0.2.1"},{"dest":"128.0.0.0/1","via":"192.0.2.1"}\]' &&
    ok "the warning names option 121 and both /1 routes via the router" || no "warning: $w"
wl=$(printf '%s\n' "$w" | head -n 1 | cut -d: -f1)
fl=$(grep -n '"event_type":"leak"' "$out/events.jsonl" | head -n 1 | cut -d: -f1)
wt=$(printf '%s\n' "$w" | head -n 1 | sed 's/.*"timestamp":"\([^"]*\)".*/\1/')
ft=$(grep '"event_type":"leak"' "$out/events.jsonl" | head -n 1 | sed 's/.*"timestamp":"\([^"]*\)".*/\1/')
[ -n "$wl" ] && [ -n "$fl" ] && [ "$wl" -lt "$fl" ] && [ "$wt" \< "$ft" ] &&
    ok "the warning ($wt) comes before the first leaked packet ($ft)" ||
    no "warning at line ${wl:-none} ($wt), first leak at line ${fl:-none} ($ft)"
grep '"event_type":"leak"' "$out/events.jsonl" | grep '"dest_ip":"198.51.100.80"' |
    grep '"phase":"connected"' | grep -q '"cause":"route_injection"' &&
    ok "the HTTP leak: phase connected, cause route_injection" || no "no HTTP leak with cause route_injection"
grep '"event_type":"leak"' "$out/events.jsonl" | grep '"dest_ip":"198.51.100.53"' |
    grep -q '"cause":"route_injection"' &&
    ok "the DNS leak: cause route_injection" || no "no DNS leak with cause route_injection"
grep '"event_type":"stats"' "$out/events.jsonl" | grep -q '"leak_flows_by_cause":{[^}]*"route_injection":[1-9]' &&
    ok "stats count leaked flows by cause" || no "stats: no route_injection cause"
echo "live-tunnelvision: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
