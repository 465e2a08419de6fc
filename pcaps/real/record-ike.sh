#!/bin/sh
# Record short real IKEv2 sessions (strongSwan charon, PSK) between two
# network namespaces joined by a veth, documentation addresses only:
# client 192.0.2.10, gateway 203.0.113.1.  Each: IKE_SA_INIT and IKE_AUTH,
# a child SA for 198.51.100.0/24 (the gateway's lo), a few pings through it.
#   ikev2-psk-natt.pcap  encap=yes (as behind a NAT): IKE_SA_INIT on 500,
#                        then IKE_AUTH on 4500 behind the non-ESP marker
# A kernel without XFRM (as the one these were recorded on) cannot install
# the child SA: the IKE SA is made, the child is refused (NO_PROPOSAL_CHOSEN)
# and no ESP is sent; ESP itself is in pcaps/real/gen-esp.py's captures.
#   sh pcaps/real/record-ike.sh    (root; charon, swanctl, tcpdump)
# Each charon runs in its own mount namespace with a private /run, so the
# two do not share a pid file or vici socket.
cd "$(dirname "$0")" || exit 2
here=$(pwd)
C=lsic-$$ S=lsis-$$
w=$(mktemp -d)
cleanup() {
	[ -n "$KEEP" ] && cp -r "$w" /tmp/zc-ike-keep
	ip netns pids "$C" 2>/dev/null | xargs -r kill 2>/dev/null
	ip netns pids "$S" 2>/dev/null | xargs -r kill 2>/dev/null
	sleep 0.5
	ip netns del "$C" 2>/dev/null; ip netns del "$S" 2>/dev/null
	rm -rf "$w"
}
trap cleanup EXIT INT TERM
ip netns add "$C" && ip netns add "$S" || exit 1
ipc() { ip netns exec "$C" "$@"; }
ips() { ip netns exec "$S" "$@"; }
ip link add eth0 netns "$C" type veth peer name eth0 netns "$S"
ipc ip addr add 192.0.2.10/24 dev eth0
ips ip addr add 192.0.2.1/24 dev eth0
for n in "$C" "$S"; do ip -n "$n" link set lo up; ip -n "$n" link set eth0 up; done
ips ip addr add 203.0.113.1/32 dev lo
ips ip addr add 198.51.100.1/32 dev lo
ipc ip route add default via 192.0.2.1

conf() {	# ROLE ENCAP -> $w/ROLE/swanctl.conf
	mkdir -p "$w/$1/run"
	if [ "$1" = gw ]; then
		me=203.0.113.1 peer=192.0.2.10 lts=198.51.100.0/24 rts=192.0.2.10/32
	else
		me=192.0.2.10 peer=203.0.113.1 lts=192.0.2.10/32 rts=198.51.100.0/24
	fi
	cat >"$w/$1/strongswan.conf" <<EOC
charon {
	load_modular = yes
	plugins {
		include /etc/strongswan.d/charon/*.conf
		vici { socket = unix://$w/$1/run/charon.vici }
	}
	install_routes = yes
}
EOC
	cat >"$w/$1/swanctl.conf" <<EOC
connections {
	ls {
		version = 2
		local_addrs = $me
		remote_addrs = $peer
		encap = $2
		proposals = aes128-sha256-modp2048
		local { auth = psk
			id = $me }
		remote { auth = psk
			id = $peer }
		children { ls { local_ts = $lts
			remote_ts = $rts
			esp_proposals = aes128gcm16 } }
	}
}
secrets { ike-1 { secret = leaksniff-test-only } }
EOC
}
charon_in() {	# NETNS ROLE
	ip netns exec "$1" unshare -m sh -c "mount -t tmpfs none /run &&
	    STRONGSWAN_CONF=$w/$2/strongswan.conf exec /usr/lib/ipsec/charon" \
	    >"$w/$2.log" 2>&1 &
}
session() {	# NAME ENCAP
	conf gw "$2"; conf cl "$2"
	charon_in "$S" gw; charon_in "$C" cl
	sleep 2
	ips swanctl --load-all --uri "unix://$w/gw/run/charon.vici" --file "$w/gw/swanctl.conf" >/dev/null
	ipc swanctl --load-all --uri "unix://$w/cl/run/charon.vici" --file "$w/cl/swanctl.conf" >/dev/null
	ipc tcpdump -Z root --immediate-mode -i eth0 -U -s 0 -w "$here/$1.pcap" host 203.0.113.1 2>"$w/$1.tcpdump" &
	sleep 1
	ipc swanctl --initiate --child ls --uri "unix://$w/cl/run/charon.vici" >"$w/$1.init" 2>&1 ||
	    { echo "$1: initiate failed" >&2; cat "$w/$1.init" "$w/cl.log" >&2; }
	ipc ping -c3 -i0.2 -I 192.0.2.10 198.51.100.1 >/dev/null 2>&1 ||
	    echo "$1: no ping (no child SA without XFRM)" >&2
	sleep 1
	ip netns pids "$C" | xargs -r kill; ip netns pids "$S" | xargs -r kill
	sleep 1
}
session ikev2-psk-natt yes
