#!/bin/sh
# `make bench-live` (root): make bench's carrier1 capture replayed at top speed
# (tcpreplay --topspeed) onto a veth pair in two network namespaces this
# script creates and removes, into live leaksniff, once with the kernel
# carrier filter (the default) and once with --no-kernel-filter.  Prints
# the replay rate, what reached leaksniff, what the kernel dropped (as
# leaksniff reports it) and the leaks found against the generator's counts.
# Measured, not asserted.
cd "$(dirname "$0")/.." || exit 2
[ "$(id -u)" = 0 ] || { echo "bench-live: needs root (network namespaces)"; exit 2; }
command -v tcpreplay >/dev/null || { echo "bench-live: needs tcpreplay"; exit 2; }
out=bench/out
cap=$out/carrier1.pcap
[ -f "$cap" ] || { echo "bench-live: run make bench first ($cap; BENCH_SHAPES=carrier1 is enough)"; exit 2; }
R=lsbr$$ S=lsbs$$
cleanup() { ip netns del "$R" 2>/dev/null; ip netns del "$S" 2>/dev/null; }
trap cleanup EXIT INT TERM
ip netns add "$R" && ip netns add "$S" || exit 2
ip link add lsb0 netns "$R" type veth peer name lsb1 netns "$S" || exit 2
ip -n "$R" link set lsb0 up
ip -n "$S" link set lsb1 up
sent=$("$out/readloop" "$cap" | cut -d' ' -f1)
for mode in filter no-filter; do
	arg=""
	[ $mode = no-filter ] && arg=--no-kernel-filter
	ip netns exec "$S" ./leaksniff -j -q -i lsb1 -Z root $arg -L 192.0.2.0/24 \
	    >"$out/live-$mode.jsonl" 2>"$out/live-$mode.err" &
	pid=$!
	sleep 1
	ip netns exec "$R" tcpreplay -q -i lsb0 --topspeed "$cap" >"$out/live-$mode.replay" 2>&1
	sleep 1
	kill -TERM "$pid"; wait "$pid"
	rate=$(grep -o '[0-9.]* pps' "$out/live-$mode.replay" | head -1)
	tail -n 1 "$out/live-$mode.jsonl" | python3 -c '
import json, sys
s = json.loads(sys.stdin.read())["stats"]
sent, mode, rate = int(sys.argv[1]), sys.argv[2], sys.argv[3]
print("bench-live: %-9s replay %s: %d of %d packets reached leaksniff (%.2f%%), %d of them carrier; "
      "kernel drops %d; leaks %s" % (mode, rate, s["packets"], sent, 100.0 * s["packets"] / sent,
      s["carrier_packets"], s["kernel_drops"],
      " ".join("%s %d" % kv for kv in s["leak_flows_by_class"].items())))
' "$sent" "$mode" "$rate" | tee -a "$out/live.txt"
done
echo "bench-live: generated: $(tr '\n' ' ' <"$cap.leaks")"
