#!/bin/sh
# Record dumpcap-two-veth.pcapng (root): a client namespace with two
# interfaces (mifa0 192.0.2.10/24, mifb0 198.18.0.10/24, the second used
# for traffic from its own address by a policy rule), a server namespace
# with dnsmasq answering on 198.51.100.53, and `dumpcap -i mifa0 -i mifb0`
# while dig asks the same question out of each interface.  Needs dumpcap
# (wireshark-common), dnsmasq, dig (dnsutils), iproute2.
set -e
out=${1:-pcaps/multi/dumpcap-two-veth.pcapng}
C="ip netns exec mifc" S="ip netns exec mifs"
cleanup() { ip netns del mifc 2>/dev/null; ip netns del mifs 2>/dev/null; }
trap cleanup EXIT
ip netns add mifc
ip netns add mifs
ip link add mifa0 type veth peer name mifa1
ip link add mifb0 type veth peer name mifb1
ip link set mifa0 netns mifc; ip link set mifb0 netns mifc
ip link set mifa1 netns mifs; ip link set mifb1 netns mifs
$C ip link set lo up
$C ip addr add 192.0.2.10/24 dev mifa0; $C ip link set mifa0 up
$C ip addr add 198.18.0.10/24 dev mifb0; $C ip link set mifb0 up
$C ip route add default via 192.0.2.1
$C ip rule add from 198.18.0.10 table 100
$C ip route add default via 198.18.0.1 table 100
$S ip link set lo up
$S ip addr add 192.0.2.1/24 dev mifa1; $S ip link set mifa1 up
$S ip addr add 198.18.0.1/24 dev mifb1; $S ip link set mifb1 up
$S ip addr add 198.51.100.53/32 dev lo
$S dnsmasq --no-daemon --keep-in-foreground --listen-address=198.51.100.53 \
    --bind-interfaces --no-resolv --no-hosts \
    --address=/www.example.com/198.51.100.80 --pid-file=/dev/null &
dp=$!
sleep 1
$C dumpcap -q -i mifa0 -i mifb0 -a duration:4 -w "$out" &
cp=$!
sleep 1.5
$C dig +tries=1 +time=1 -b 192.0.2.10 @198.51.100.53 www.example.com A >/dev/null
$C dig +tries=1 +time=1 -b 198.18.0.10 @198.51.100.53 www.example.com A >/dev/null
wait $cp
kill $dp
chmod 644 "$out"
