#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The namespace lab shared by tests/lab/record.sh (the recordings in
# pcaps/lab) and tests/live-kill.sh: sourced, not run.  The caller sets
# C N V (client, "the Internet", VPN server namespaces), WGC and WGS (the
# client's and the server's WireGuard interface names: wireguard-go's
# sockets in /var/run/wireguard are shared by every namespace), work (a
# scratch directory) and scen (a name for the log lines); see record.sh's
# top comment for the lab itself.  ev() appends to $work/truth.
ipc() { ip netns exec $C "$@"; }
ipn() { ip netns exec $N "$@"; }
ipv() { ip netns exec $V "$@"; }
now() { date +%s.%6N; }
ev() { echo "$(now) $*" >>"$work/truth"; echo "  $scen: $*"; }
die() { echo "${lab_name:-lab-record}: $scen: $*" >&2; exit 1; }

# ---- the lab ----------------------------------------------------------------
# every process in the lab's namespaces ended (stopped ones woken first),
# the namespaces and wireguard-go's sockets removed
lab_down() {
	for n in $C $N $V; do
		ip netns pids $n 2>/dev/null | xargs -r kill -CONT 2>/dev/null
		ip netns pids $n 2>/dev/null | xargs -r kill 2>/dev/null
	done
	sleep 0.5
	for n in $C $N $V; do
		ip netns pids $n 2>/dev/null | xargs -r kill -9 2>/dev/null
		ip netns del $n 2>/dev/null
	done
	rm -f /var/run/wireguard/$WGC.sock /var/run/wireguard/$WGS.sock
}
lab_up() {
	ip netns add $C && ip netns add $N && ip netns add $V || die "cannot create namespaces"
	ip link add eth0 netns $C type veth peer name eth0 netns $N || die "veth"
	ip link add eth1 netns $N type veth peer name eth0 netns $V || die "veth"
	ip -n $C link set eth0 address 02:00:00:00:02:02
	ip -n $N link set eth0 address 02:00:00:00:02:01
	for n in $C $N $V; do ip -n $n link set lo up; done
	ipc ip addr add 192.0.2.2/24 dev eth0
	ipn ip addr add 192.0.2.1/24 dev eth0
	ipc ip -6 addr add 2001:db8:1::2/64 dev eth0 nodad
	ipn ip -6 addr add 2001:db8:1::1/64 dev eth0 nodad
	for n in $C $N $V; do ip -n $n link set eth0 up; done
	ipn ip link set eth1 up
	ipc ip route add default via 192.0.2.1
	ipc ip -6 route add default via 2001:db8:1::1
	ipn ip addr add 203.0.113.254/24 dev eth1
	ipv ip addr add 203.0.113.1/24 dev eth0
	ipv ip route add default via 203.0.113.254
	ipv sysctl -qw net.ipv4.ip_forward=1
	# the tunnels' inner addresses live behind the VPN server
	ipn ip route add 100.64.0.0/16 via 203.0.113.1
	ipn ip addr add 198.51.100.53/32 dev lo
	ipn ip addr add 198.51.100.80/32 dev lo
	ipn sysctl -qw net.ipv4.ip_forward=1
	mkdir -p "$work/www"
	echo "hello from the lab" >"$work/www/index.html"
	ip netns exec $N python3 -m http.server --bind 198.51.100.80 --directory "$work/www" 80 \
	    >"$work/http.log" 2>&1 &
	ip netns exec $N dnsmasq --keep-in-foreground --no-resolv --no-hosts --no-poll \
	    --bind-interfaces --listen-address=198.51.100.53 --except-interface=eth0 --except-interface=eth1 \
	    --address=/example/198.51.100.80 --pid-file="$work/dnsmasq.pid" \
	    --log-facility="$work/dnsmasq.log" &
	sleep 1
}

# ---- WireGuard ---------------------------------------------------------------
wg_keys() {
	umask 077
	wg genkey >"$work/s.key"; wg pubkey <"$work/s.key" >"$work/s.pub"
	wg genkey >"$work/c.key"; wg pubkey <"$work/c.key" >"$work/c.pub"
	umask 022
}
# the server: wireguard-go $WGS on 203.0.113.1:51820, inner 100.64.0.1
wg_server() {
	ip netns exec $V env WG_PROCESS_FOREGROUND=1 wireguard-go $WGS >"$work/wgs.log" 2>&1 &
	for i in $(seq 1 50); do [ -S /var/run/wireguard/$WGS.sock ] && break; sleep 0.1; done
	ipv wg set $WGS listen-port 51820 private-key "$work/s.key" \
	    peer "$(cat "$work/c.pub")" allowed-ips 100.64.0.2/32,2001:db8:ff::2/128
	ipv ip addr add 100.64.0.1/32 dev $WGS
	ipv ip -6 addr add 2001:db8:ff::1/128 dev $WGS
	ipv ip link set mtu 1420 up dev $WGS
	ipv ip route add 100.64.0.2/32 dev $WGS
	ipv ip -6 route add 2001:db8:ff::2/128 dev $WGS
}
# the client's wg-quick configuration: everything through the tunnel
wg_conf() {
	umask 077
	cat >"$work/$WGC.conf" <<EOF
[Interface]
PrivateKey = $(cat "$work/c.key")
Address = 100.64.0.2/32, 2001:db8:ff::2/128

[Peer]
PublicKey = $(cat "$work/s.pub")
Endpoint = 203.0.113.1:51820
AllowedIPs = 0.0.0.0/0, ::/0
PersistentKeepalive = $1
EOF
	ipc wg-quick strip "$work/$WGC.conf" >"$work/$WGC.setconf"
	umask 022
}
# wireguard-go gets a session of its own (setsid): the kernel hangs up on an
# orphaned process group with a stopped member, and wg-stop stops it
wg_quick_up() {
	ev "wg-quick up $WGC (wireguard-go)"
	ipc env WG_QUICK_USERSPACE_IMPLEMENTATION=wireguard-go setsid -w wg-quick up "$work/$WGC.conf" \
	    >>"$work/wg-quick.log" 2>&1 || die "wg-quick up failed: $(cat "$work/wg-quick.log")"
	ev "wg-quick up returned (interface, addresses, fwmark 51820, table 51820 default route, rules)"
}
# what wg-quick up does for the interface, by hand, when its policy rules
# and nftables table are still in place (a restart after a crash)
wg_reapply() {
	ipc setsid -w wireguard-go $WGC >>"$work/wgc.log" 2>&1 || die "wireguard-go did not start"
	ev "wireguard-go $WGC started (pid $(wg_pid))"
	ipc wg setconf $WGC "$work/$WGC.setconf"
	ipc ip -4 address add 100.64.0.2/32 dev $WGC
	ipc ip -6 address add 2001:db8:ff::2/128 dev $WGC
	ipc ip link set mtu 1420 up dev $WGC
	ipc wg set $WGC fwmark 51820
	ipc ip -4 route add 0.0.0.0/0 dev $WGC table 51820
	ipc ip -6 route add ::/0 dev $WGC table 51820
	ev "$WGC configured: wg setconf, addresses, up, fwmark 51820, default routes in table 51820"
}
wg_pid() {
	for p in $(ip netns pids $C); do
		[ "$(cat /proc/$p/comm 2>/dev/null)" = wireguard-go ] && { echo "$p"; return; }
	done
}
# wait for a handshake newer than $1 (epoch seconds, as wg prints it)
wg_handshake() {
	for i in $(seq 1 100); do
		hs=$(ipc wg show $WGC latest-handshakes 2>/dev/null | awk '{print $2}')
		if [ "${hs:-0}" -gt "$1" ]; then
			ev "handshake complete (wg show $WGC latest-handshakes: $hs)"; return 0
		fi
		sleep 0.05
	done
	die "no WireGuard handshake"
}

# the client's traffic: a dig then a curl, each a new flow, every ~200 ms;
# one truth line per flow, stamped with its start
loop_start() {
	rm -f "$work/stop"
	(
		n=0
		while [ ! -e "$work/stop" ]; do
			n=$((n + 1))
			t=$(now)
			a=$(ipc dig +time=1 +tries=1 +short @198.51.100.53 name$n.example A 2>/dev/null | head -1)
			echo "$t loop dig @198.51.100.53 name$n.example A: ${a:-no answer}" >>"$work/truth"
			t=$(now)
			h=$(ipc curl -s -o /dev/null -m 1 -w '%{http_code}' http://198.51.100.80/ 2>/dev/null)
			[ "$h" = 000 ] && h="no answer"
			echo "$t loop curl http://198.51.100.80/ #$n: $h" >>"$work/truth"
			sleep 0.2
		done
	) &
	loop_pid=$!
	ev "client loop started (dig + curl every ~200 ms)"
}
loop_stop() {
	touch "$work/stop"; wait "$loop_pid"
	ev "client loop stopped"
}
