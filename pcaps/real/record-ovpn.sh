#!/bin/sh
# Record short real OpenVPN sessions between two network namespaces joined
# by a veth, on documentation addresses only: client 192.0.2.10, server
# 203.0.113.1 (on the server's lo, routed over the veth).  Each session:
# the TLS handshake, a few pings through the tunnel, the client stops.
#   sh pcaps/real/record-ovpn.sh    (root; openvpn, openssl, tcpdump)
# Writes pcaps/real/openvpn-tls-crypt-udp.pcap (UDP 1194) and
# openvpn-tls-auth-tcp.pcap (TCP 443).
cd "$(dirname "$0")" || exit 2
here=$(pwd)
C=lsoc-$$ S=lsos-$$
w=$(mktemp -d)
cleanup() {
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
ipc ip route add default via 192.0.2.1
ipc ethtool -K eth0 tx off >/dev/null 2>&1

# a CA, a server and a client certificate; the tls-auth/tls-crypt key
cd "$w" || exit 2
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout ca.key -out ca.crt -days 2 -subj /CN=ls-ca 2>/dev/null
for n in server client; do
	openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
	    -keyout $n.key -out $n.csr -subj /CN=$n 2>/dev/null
	printf 'keyUsage=digitalSignature,keyAgreement\nextendedKeyUsage=%s\n' \
	    "$([ $n = server ] && echo serverAuth || echo clientAuth)" >$n.ext
	openssl x509 -req -in $n.csr -CA ca.crt -CAkey ca.key -CAcreateserial \
	    -out $n.crt -days 2 -extfile $n.ext 2>/dev/null
done
openvpn --genkey secret ta.key >/dev/null

session() {	# NAME PROTO PORT SERVER-KEYOPT CLIENT-KEYOPT
	name=$1 proto=$2 port=$3 keyopt=$4 ckeyopt=$5
	sp=$proto cp=$proto
	[ "$proto" = tcp ] && sp=tcp-server cp=tcp-client
	ips openvpn --dev tun --proto "$sp" --port "$port" --local 203.0.113.1 \
	    --ifconfig 203.0.113.129 203.0.113.130 --tls-server --dh none \
	    --ca ca.crt --cert server.crt --key server.key $keyopt \
	    --verb 1 --log "$w/$name-s.log" &
	sleep 1
	ipc tcpdump -Z root -i eth0 -U -s 0 -w "$here/$name.pcap" host 203.0.113.1 \
	    2>/dev/null &
	tcpd=$!
	sleep 1
	ipc openvpn --dev tun --proto "$cp" --remote 203.0.113.1 "$port" --nobind \
	    --ifconfig 203.0.113.130 203.0.113.129 --tls-client \
	    --remote-cert-tls server --ca ca.crt --cert client.crt \
	    --key client.key $ckeyopt --verb 1 --log "$w/$name-c.log" &
	i=0
	until ipc ping -c1 -W1 203.0.113.129 >/dev/null 2>&1; do
		sleep 0.2; i=$((i + 1)); [ $i -gt 40 ] && { echo "$name: no tunnel" >&2; cat "$w/$name-c.log" >&2; break; }
	done
	ipc ping -c3 -i0.2 203.0.113.129 >/dev/null 2>&1
	ip netns pids "$C" | grep -v "^$tcpd\$" | xargs -r kill
	sleep 1
	kill "$tcpd"; wait "$tcpd" 2>/dev/null
	ip netns pids "$S" | xargs -r kill
	sleep 1
}
session openvpn-tls-crypt-udp udp 1194 "--tls-crypt ta.key" "--tls-crypt ta.key"
session openvpn-tls-auth-tcp tcp 443 "--tls-auth ta.key 0" "--tls-auth ta.key 1"
