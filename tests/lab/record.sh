#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Records a real VPN tunnel transition in a network-namespace lab, with its
# ground truth: tests/lab/record.sh SCENARIO OUTDIR writes OUTDIR/SCENARIO.pcap
# (tcpdump on the client's physical interface) and OUTDIR/SCENARIO.truth (one
# "<epoch.usec> <event>" a line, taken with date when each step is done).
#
# The lab: namespace lab-client (the user's machine, eth0 192.0.2.2/24,
# gateway 192.0.2.1, 2001:db8:1::2/64) joined by a veth to namespace lab-net
# (the ISP and the Internet: router 192.0.2.1, dnsmasq answering *.example on
# 198.51.100.53, python3 -m http.server on 198.51.100.80), itself joined by a
# second veth to namespace lab-vpn (the VPN server, 203.0.113.1/24, router
# 203.0.113.254).  The VPN server has its own namespace so that it has one
# address: wireguard-go re-picks its source address when a handshake times
# out, and a server that also owned 192.0.2.1 answered from there.  The client
# routes everything through the tunnel the way wg-quick does (fwmark 51820 +
# policy table 51820; wg-quick itself with wireguard-go), or OpenVPN's
# redirect-gateway def1; there is no kill switch except in wg-killswitch.
# While recording, a loop in the client runs "dig @198.51.100.53 nameN.example"
# then "curl http://198.51.100.80/" every ~200 ms (each one a new flow) and
# writes each to the truth file.
#
# Scenarios: wg-kill wg-stop wg-recreate wg-roam wg-idle wg-idle25
# wg-killswitch ovpn-kill, or "all".  Root only; everything it creates is
# removed on exit.  Not part of make check: make lab-record runs it.
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
scenarios="wg-kill wg-stop wg-recreate wg-roam wg-idle wg-idle25 wg-killswitch ovpn-kill"

usage() { echo "usage: $0 SCENARIO|all OUTDIR  (scenarios: $scenarios)" >&2; exit 2; }
[ $# -eq 2 ] || usage
scen=$1 outdir=$2
if [ "$(id -u)" != 0 ]; then
	echo "lab-record: skipped: needs root for network namespaces"; exit 0
fi
if [ "$scen" = all ]; then
	for s in $scenarios; do sh "$0" "$s" "$outdir" || exit 1; done
	exit 0
fi
case " $scenarios " in *" $scen "*) ;; *) usage ;; esac
for t in ip wireguard-go wg wg-quick nft dnsmasq openvpn openssl tcpdump dig curl python3; do
	command -v $t >/dev/null || { echo "lab-record: $t is not installed (make deps)" >&2; exit 2; }
done
C=lab-client N=lab-net V=lab-vpn WGC=wg0 WGS=wglab
. "$top/tests/lab/lab.sh"
for n in $C $N $V; do
	if ip netns list | grep -qw "$n"; then
		echo "lab-record: namespace $n exists (another run, or a killed one: ip netns del $n)" >&2
		exit 2
	fi
done
# wireguard-go keeps its control sockets in /var/run/wireguard, shared by
# every namespace
for w in $WGC $WGS; do
	[ -e /var/run/wireguard/$w.sock ] && { echo "lab-record: /var/run/wireguard/$w.sock is in use" >&2; exit 2; }
done
mkdir -p "$outdir" || exit 2
outdir=$(cd "$outdir" && pwd)
pcap=$outdir/$scen.pcap truth=$outdir/$scen.truth
work=$(mktemp -d /tmp/lab-record.XXXXXX) || exit 2
tcpdump_pid=""

cleanup() {
	touch "$work/stop"
	[ -n "$tcpdump_pid" ] && kill -TERM "$tcpdump_pid" 2>/dev/null
	lab_down
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP


# ---- OpenVPN -----------------------------------------------------------------
ovpn_pki() {
	d=$work/pki
	mkdir -p "$d"
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	    -keyout "$d/ca.key" -out "$d/ca.crt" -days 30 -subj /CN=lab-ca 2>/dev/null
	for n in server client; do
		ext=$d/$n.ext
		if [ $n = server ]; then
			printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n' >"$ext"
		else
			printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=clientAuth\n' >"$ext"
		fi
		openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		    -keyout "$d/$n.key" -out "$d/$n.csr" -subj "/CN=lab-$n" 2>/dev/null
		openssl x509 -req -in "$d/$n.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" \
		    -CAcreateserial -days 30 -extfile "$ext" -out "$d/$n.crt" 2>/dev/null
	done
	openvpn --genkey tls-crypt "$d/tc.key" >/dev/null
	[ -s "$d/client.crt" ] && [ -s "$d/tc.key" ] || die "PKI not made"
}
ovpn_server() {
	d=$work/pki
	ip netns exec $V openvpn --mode server --tls-server --proto udp4 --local 203.0.113.1 --port 1194 \
	    --dev tun --dev-type tun --topology subnet --server 100.64.8.0 255.255.255.0 \
	    --push "redirect-gateway def1" --keepalive 10 60 --disable-dco \
	    --ca "$d/ca.crt" --cert "$d/server.crt" --key "$d/server.key" --dh none \
	    --tls-crypt "$d/tc.key" --verb 3 --log "$work/ovpn-server.log" &
	for i in $(seq 1 50); do
		grep -q "Initialization Sequence Completed" "$work/ovpn-server.log" 2>/dev/null && return
		sleep 0.1
	done
	die "the OpenVPN server did not start: $(tail -5 "$work/ovpn-server.log")"
}
ovpn_client_up() {
	d=$work/pki
	: >"$work/ovpn-client.log"
	ip netns exec $C openvpn --client --proto udp4 --remote 203.0.113.1 1194 --nobind --dev tun0 \
	    --dev-type tun --remote-cert-tls server --disable-dco --ca "$d/ca.crt" \
	    --cert "$d/client.crt" --key "$d/client.key" --tls-crypt "$d/tc.key" \
	    --verb 3 --log-append "$work/ovpn-client.log" --writepid "$work/ovpn-client.pid" &
	ev "openvpn client started (pid $!)"
	for i in $(seq 1 200); do
		if grep -q "Initialization Sequence Completed" "$work/ovpn-client.log"; then
			ev "openvpn: Initialization Sequence Completed (tun0 up, redirect-gateway def1 routes)"
			return
		fi
		sleep 0.05
	done
	die "the OpenVPN client did not connect: $(tail -5 "$work/ovpn-client.log")"
}

# ---- recording ---------------------------------------------------------------
capture_start() {
	ip netns exec $C tcpdump -i eth0 -s 262144 -U -Z root -w "$work/cap.pcap" >"$work/tcpdump.log" 2>&1 &
	tcpdump_pid=$!
	for i in $(seq 1 50); do grep -q listening "$work/tcpdump.log" && break; sleep 0.1; done
	ev "tcpdump -i eth0 -s 262144 started in lab-client"
	sleep 1
}
capture_stop() {
	sleep 1
	kill -TERM "$tcpdump_pid"; wait "$tcpdump_pid"; tcpdump_pid=""
	ev "tcpdump stopped ($(tail -3 "$work/tcpdump.log" | tr '\n' ' '| sed 's/ *$//'))"
}
two_digs() {
	for n in 1 2; do
		t=$(now)
		a=$(ipc dig +time=1 +tries=1 +short @198.51.100.53 name$n.example A 2>/dev/null | head -1)
		echo "$t dig @198.51.100.53 name$n.example A: ${a:-no answer}" >>"$work/truth"
		sleep 0.5
	done
}
nft_killswitch() {
	ipc nft -f - <<'EOF'
table inet killswitch {
	chain output {
		type filter hook output priority 0; policy accept;
		oifname "eth0" ip daddr 203.0.113.1 udp dport 51820 accept
		oifname "eth0" drop
	}
}
EOF
	ev "nftables kill switch loaded: on eth0 only udp to 203.0.113.1:51820 leaves"
}

# ---- scenarios ---------------------------------------------------------------
wg_begin() {
	wg_keys; wg_server; wg_conf "${1:-25}"
	capture_start
	wg_quick_up
	wg_handshake 0
}
scenario() {
	case $scen in
	wg-kill|wg-killswitch)
		[ $scen = wg-killswitch ] && { wg_keys; wg_server; wg_conf 25; nft_killswitch; capture_start
			wg_quick_up; wg_handshake 0; } || wg_begin 25
		loop_start; sleep 8
		p=$(wg_pid); hs=$(ipc wg show $WGC latest-handshakes | awk '{print $2}')
		kill -KILL "$p"; ev "wireguard-go SIGKILL (pid $p)"
		for i in $(seq 1 50); do ipc ip link show $WGC >/dev/null 2>&1 || break; sleep 0.02; done
		ev "$WGC gone (the kernel removed the tun device and its routes; policy rules stay)"
		sleep 5
		wg_reapply; wg_handshake "$hs"
		sleep 10; loop_stop ;;
	wg-stop)
		wg_begin 25
		loop_start; sleep 6
		p=$(wg_pid)
		kill -STOP "$p"; ev "wireguard-go SIGSTOP (pid $p; $WGC and its routes stay)"
		sleep 15
		kill -CONT "$p"; ev "wireguard-go SIGCONT (pid $p)"
		sleep 12; loop_stop ;;
	wg-recreate)
		wg_begin 25
		loop_start; sleep 8
		hs=$(ipc wg show $WGC latest-handshakes | awk '{print $2}')
		ipc ip link del wg0; ev "ip link del $WGC (policy rules and nftables table stay)"
		for i in $(seq 1 50); do [ -z "$(wg_pid)" ] && break; sleep 0.05; done
		[ -z "$(wg_pid)" ] && ev "wireguard-go exited" || ev "wireguard-go still running"
		sleep 3
		wg_reapply; wg_handshake "$hs"
		sleep 10; loop_stop ;;
	wg-roam)
		wg_begin 25
		loop_start; sleep 8
		ipc ip addr del 192.0.2.2/24 dev eth0
		ev "ip addr del 192.0.2.2/24 dev eth0 (default route gone with it)"
		sleep 1
		ipc ip addr add 192.0.2.3/24 dev eth0
		ipc ip route add default via 192.0.2.1
		ev "ip addr add 192.0.2.3/24 dev eth0; default via 192.0.2.1 again"
		for i in $(seq 1 600); do
			ipv wg show $WGS endpoints | grep -q 192.0.2.3: && break; sleep 0.05
		done
		ev "server sees the peer at $(ipv wg show $WGS endpoints | awk '{print $2}')"
		sleep 12; loop_stop ;;
	wg-idle)
		wg_begin 5
		two_digs; ev "idle: PersistentKeepalive = 5, no more client traffic"
		sleep 60 ;;
	wg-idle25)
		wg_begin 25
		two_digs; ev "idle: PersistentKeepalive = 25, no more client traffic"
		sleep 150
		ev "latest handshake $(ipc wg show $WGC latest-handshakes | awk '{print $2}')" ;;
	ovpn-kill)
		ovpn_pki; ovpn_server
		capture_start
		ovpn_client_up
		loop_start; sleep 8
		p=$(cat "$work/ovpn-client.pid")
		kill -KILL "$p"; ev "openvpn client SIGKILL (pid $p)"
		for i in $(seq 1 50); do ipc ip link show tun0 >/dev/null 2>&1 || break; sleep 0.02; done
		ev "tun0 gone (its routes with it; 203.0.113.1 via 192.0.2.1 and the default route stay)"
		sleep 5
		ovpn_client_up
		sleep 10; loop_stop ;;
	esac
}

echo "lab-record: $scen"
: >"$work/truth"
lab_up
scenario
capture_stop
{
	echo "# $scen: ground truth, epoch seconds; see pcaps/README.md"
	echo "# $(wireguard-go --version | head -1), $(wg --version | cut -d' ' -f1-2), $(openvpn --version | head -1 | cut -d' ' -f1-2), $(tcpdump --version 2>&1 | head -1), kernel $(uname -r)"
	sort -n -s -k1,1 "$work/truth"
} >"$truth"
cp "$work/cap.pcap" "$pcap"
echo "lab-record: wrote $pcap ($(wc -c <"$pcap") bytes) and $truth"
