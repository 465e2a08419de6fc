#!/bin/sh
# `make bench`: leaksniff against the tools a user would pick instead, in one
# run, on one generated capture (not part of `make check`).
#
# - bench/out/bench.pcap: `pcapgen --bench N` (default 3,000,000 packets),
#   ~90% WireGuard/OpenVPN carrier, the rest DNS/STUN/HTTP/TLS/IPv6/LAN;
#   the generator's leak counts are checked against leaksniff's.
# - alternating, ROUNDS times each: the bare libpcap loop (default open and
#   64 KiB buffer), tcpdump with a leak-class filter, ndpiReader, leaksniff
#   text and -j.  Reports the best wall time, packets/s, the ratio to the
#   bare loop, and peak RSS.
# - callgrind instructions per packet for leaksniff and the bare loop, on a
#   100,000-packet capture of the same shape.
cd "$(dirname "$0")/.." || exit 2
N=${BENCH_PACKETS:-3000000}
ROUNDS=${BENCH_ROUNDS:-3}
out=bench/out
mkdir -p "$out"
cap=$out/bench.pcap
# made again for another N or when the generator's source changed (a stale
# capture would measure old traffic shapes)
key="$N $(cat pcaps/pcapgen/*.[ch] | cksum | cut -d' ' -f1)"
if [ ! -f "$cap" ] || [ "$(cat "$out/bench.n" 2>/dev/null)" != "$key" ]; then
	./pcapgen --bench "$N" "$cap" >"$out/expected.txt" || exit 2
	echo "$key" >"$out/bench.n"
fi
./pcapgen --bench 100000 "$out/small.pcap" >/dev/null
cc -O2 -o "$out/readloop" bench/readloop.c -lpcap || exit 2
npk=$("$out/readloop" "$cap" | cut -d' ' -f1)
echo "bench: $cap: $npk packets, $(du -m "$cap" | cut -f1) MiB"

# does leaksniff find what the generator put in?
./leaksniff -q -L 192.0.2.0/24 -r "$cap" >"$out/summary.txt"
for c in dns stun ipv6 http ip; do
	want=$(awk -v c=$c '$1 == c {print $2}' "$out/expected.txt")
	got=$(sed -n 's/^summary: [0-9]* leaked flows* (\(.*\)),.*/\1/p' "$out/summary.txt" |
	    tr ',' '\n' | awk -v c=$c '$1 == c {print $2}')
	[ "${got:-0}" = "$want" ] || { echo "bench: $c: leaksniff found ${got:-0}, the capture has $want"; exit 1; }
done
echo "bench: leak flows found as generated: $(tr '\n' ' ' <"$out/expected.txt")"

FILTER='udp port 53 or tcp port 53 or tcp port 853 or udp port 3478 or tcp port 80 or ip6'
set -- \
	"loop"        "$out/readloop $cap" \
	"loop-64k"    "$out/readloop -b $cap" \
	"tcpdump"     "tcpdump -r $cap -w /dev/null $FILTER" \
	"ndpiReader"  "ndpiReader -q -i $cap" \
	"leaksniff"   "./leaksniff -q -L 192.0.2.0/24 -r $cap" \
	"leaksniff-j" "./leaksniff -j -L 192.0.2.0/24 -r $cap"
: >"$out/times.txt"
r=0
while [ $r -lt "$ROUNDS" ]; do
	i=1
	while [ $i -lt $# ]; do
		eval "name=\${$i}; cmd=\${$((i + 1))}"
		/usr/bin/time -f "%e %M" -o "$out/t" sh -c "$cmd >/dev/null 2>&1; exit 0"
		echo "$name $(cat "$out/t")" >>"$out/times.txt"
		i=$((i + 2))
	done
	r=$((r + 1))
done
awk -v n="$npk" '
{ if (!($1 in best) || $2 < best[$1]) best[$1] = $2; if ($3 > rss[$1]) rss[$1] = $3; order[$1] = NR }
END {
	base = best["loop"]; b64 = best["loop-64k"]
	printf "%-12s %9s %12s %8s %9s %10s\n", "tool", "wall s", "packets/s", "x loop", "x loop64k", "peak RSS"
	split("loop loop-64k tcpdump ndpiReader leaksniff leaksniff-j", t, " ")
	for (i = 1; i <= 6; i++) { k = t[i]
		printf "%-12s %9.3f %12.0f %8.2f %9.2f %8d KiB\n", k, best[k], n / (best[k] > 0 ? best[k] : 1e-9),
		    best[k] / (base > 0 ? base : 1e-9), best[k] / (b64 > 0 ? b64 : 1e-9), rss[k] }
}' "$out/times.txt" | tee "$out/table.txt"

# Instructions per packet: a run over the 100,000-packet capture minus a
# run over a 4-packet one (start-up: nDPI's tables, the rules), divided by
# the packet count.
if command -v valgrind >/dev/null; then
	small=$("$out/readloop" "$out/small.pcap" | cut -d' ' -f1)
	ir() {
		# shellcheck disable=SC2086
		valgrind --tool=callgrind --callgrind-out-file="$out/cg.$1" $2 >/dev/null 2>"$out/cg.$1.log"
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/cg.$1.log"
	}
	for t in loop leaksniff; do
		if [ $t = loop ]; then cmd="$out/readloop"; else cmd="./leaksniff -q -L 192.0.2.0/24 -r"; fi
		big=$(ir "$t" "$cmd $out/small.pcap")
		base=$(ir "$t-base" "$cmd pcaps/gen/dns-udp-v4.pcap")
		echo "callgrind: $t: $(( (big - base) / small )) instructions per packet ($big total over $small packets, $base at start-up)"
	done | tee -a "$out/table.txt"
fi
