#!/bin/sh
# `make bench`: leaksniff against the tools a user would pick instead, on
# every traffic shape users have (not part of `make check`).
#
# For each shape (`pcapgen --bench N --shape NAME`, pcaps/pcapgen/; see
# `pcapgen --help`), in one run per generated capture:
# - bench/out/SHAPE.pcap, N packets (BENCH_PACKETS, default 1,000,000),
#   made again for another N or when the generator's source changed;
#   leaksniff's leak counts, with the shape's options and with none, are
#   checked against what the generator says it put in (exit 1 if not);
# - alternating, BENCH_ROUNDS (3) times each: the bare libpcap loop
#   (default open and 64 KiB buffer), tcpdump with a leak-class filter,
#   ndpiReader, leaksniff -q and -j with the shape's options, leaksniff -q
#   with none.  Best wall time, packets/s, the ratio to each loop, peak RSS;
# - callgrind instructions per packet for the loop, tcpdump, ndpiReader and
#   leaksniff on a 100,000-packet capture of the shape, net of a 100-packet
#   one of the same shape (start-up); for flood also per new flow.
# One table per shape on stdout and in bench/out/SHAPE.txt.
#
#   BENCH_SHAPES="carrier1 flood"   a subset (default: every shape)
#   BENCH_PACKETS, BENCH_ROUNDS     as above
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C
N=${BENCH_PACKETS:-1000000}
ROUNDS=${BENCH_ROUNDS:-3}
SHAPES=${BENCH_SHAPES:-carrier1 carriers3 lanwide vpnoff flood v6vlan}
SMALL=100000
TINY=100
out=bench/out
mkdir -p "$out"
for s in $SHAPES; do
	case $s in
	carrier1|carriers3|lanwide|vpnoff|flood|v6vlan) ;;
	*) echo "bench: BENCH_SHAPES: no shape \`$s' (pcapgen --help names them)" >&2; exit 2 ;;
	esac
done
cc -O2 -o "$out/readloop" bench/readloop.c -lpcap || exit 2
gensum=$(cat pcaps/pcapgen/*.[ch] | cksum | cut -d' ' -f1)
FILTER='udp port 53 or tcp port 53 or tcp port 853 or udp port 3478 or tcp port 80 or ip6'
status=0
# tcpdump run as root drops to its own user, which could not write
# callgrind's output: it stays root here (as the other tools do)
tcpz=
[ "$(id -u)" = 0 ] && tcpz="-Z root"

# gen SHAPE N FILE: the capture and its generated leak counts (FILE.leaks),
# made again only when N or the generator changed
gen() {
	key="$1 $2 $gensum"
	if [ ! -f "$3" ] || [ "$(cat "$3.key" 2>/dev/null)" != "$key" ]; then
		./pcapgen --bench "$2" --shape "$1" "$3" >"$3.leaks" || exit 2
		echo "$key" >"$3.key"
	fi
}

# the leak classes in leaksniff's -q summary, as "class count" lines
found() {
	sed -n 's/^summary: [0-9]* leaked flows* (\(.*\)),.*/\1/p' "$1" |
	    tr ',' '\n' | awk 'NF == 2 { print $1, $2 }'
}

# check SHAPE LABEL SUMMARY LEAKS: every class as the generator says
check() {
	found "$3" >"$3.found"
	for c in dns stun ipv6 http ip; do
		want=$(awk -v c=$c '$1 == c {print $2}' "$4")
		got=$(awk -v c=$c '$1 == c {print $2}' "$3.found")
		if [ "${got:-0}" != "${want:-0}" ]; then
			echo "bench: $1 ($2): $c: leaksniff found ${got:-0}, the capture has ${want:-0}"
			status=1
		fi
	done
}

# ir NAME COMMAND...: instructions callgrind counts for the command
ir() {
	name=$1; shift
	valgrind --tool=callgrind --callgrind-out-file="$out/cg.$name" "$@" \
	    >/dev/null 2>"$out/cg.$name.log"
	sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out/cg.$name.log"
}

for s in $SHAPES; do
	# what leaksniff runs with: the LAN prefix, as a user who knows it
	# gives it (the goldens' -L); the "bare" row gives nothing
	opts="-L 192.0.2.0/24"
	filter=$FILTER
	[ "$s" = v6vlan ] && filter="vlan and ($FILTER)"
	cap=$out/$s.pcap
	gen "$s" "$N" "$cap"
	npk=$("$out/readloop" "$cap" | cut -d' ' -f1)
	echo "bench: $s: $cap: $npk packets, $(du -m "$cap" | cut -f1) MiB; generated leaks: $(tr '\n' ' ' <"$cap.leaks")"

	# shellcheck disable=SC2086
	./leaksniff -q $opts -r "$cap" >"$out/$s.summary"
	check "$s" "$opts" "$out/$s.summary" "$cap.leaks"
	./leaksniff -q -r "$cap" >"$out/$s.bare.summary"
	check "$s" "no options" "$out/$s.bare.summary" "$cap.leaks"

	set -- \
		"loop"           "$out/readloop $cap" \
		"loop-64k"       "$out/readloop -b $cap" \
		"tcpdump"        "tcpdump $tcpz -r $cap -w /dev/null '$filter'" \
		"ndpiReader"     "ndpiReader -q -i $cap" \
		"leaksniff"      "./leaksniff -q $opts -r $cap" \
		"leaksniff-j"    "./leaksniff -j $opts -r $cap" \
		"leaksniff-bare" "./leaksniff -q -r $cap"
	: >"$out/$s.times"
	r=0
	while [ $r -lt "$ROUNDS" ]; do
		i=1
		while [ $i -lt $# ]; do
			eval "name=\${$i}; cmd=\${$((i + 1))}"
			/usr/bin/time -f "%e %M" -o "$out/t" sh -c "$cmd >/dev/null 2>&1; exit 0"
			echo "$name $(cat "$out/t")" >>"$out/$s.times"
			i=$((i + 2))
		done
		r=$((r + 1))
	done

	# instructions per packet: the 100,000-packet capture minus the
	# 100-packet one (start-up: nDPI's tables, the rules), over the
	# packets between them
	: >"$out/$s.ir"
	if command -v valgrind >/dev/null; then
		gen "$s" $SMALL "$out/$s-small.pcap"
		gen "$s" $TINY "$out/$s-tiny.pcap"
		ir_small= ir_tiny=
		for t in loop loop-64k tcpdump ndpiReader leaksniff leaksniff-bare; do
			for size in small tiny; do
				c=$out/$s-$size.pcap
				# $tcpz and $opts are split into words
				# shellcheck disable=SC2086
				case $t in
				loop)		set -- "$out/readloop" "$c" ;;
				loop-64k)	set -- "$out/readloop" -b "$c" ;;
				tcpdump)	set -- tcpdump $tcpz -r "$c" -w /dev/null "$filter" ;;
				ndpiReader)	set -- ndpiReader -q -i "$c" ;;
				leaksniff)	set -- ./leaksniff -q $opts -r "$c" ;;
				leaksniff-bare)	set -- ./leaksniff -q -r "$c" ;;
				esac
				eval "ir_$size=\$(ir $s.$t.$size \"\$@\")"
			done
			echo "$t $ir_small $ir_tiny" >>"$out/$s.ir"
		done
		# new flows: the flood's are its leak flows
		nf_small=$(awk '{ n += $2 } END { print n }' "$out/$s-small.pcap.leaks")
		nf_tiny=$(awk '{ n += $2 } END { print n }' "$out/$s-tiny.pcap.leaks")
	fi

	awk -v n="$npk" -v shape="$s" -v np=$((SMALL - TINY)) \
	    -v nf=$((${nf_small:-0} - ${nf_tiny:-0})) -v irfile="$out/$s.ir" '
	BEGIN {
		while ((getline l < irfile) > 0) {
			split(l, f, " ")
			if (f[2] != "" && f[3] != "") { ir[f[1]] = (f[2] - f[3]) / np; irf[f[1]] = (f[2] - f[3]) / (nf > 0 ? nf : 1) }
		}
	}
	{ if (!($1 in best) || $2 < best[$1]) best[$1] = $2; if ($3 > rss[$1]) rss[$1] = $3 }
	END {
		base = best["loop"]; b64 = best["loop-64k"]
		printf "%s: %d packets\n", shape, n
		printf "%-15s %8s %12s %7s %9s %10s %9s", "tool", "wall s", "packets/s", "x loop", "x loop64k", "peak RSS", "instr/pkt"
		if (shape == "flood") printf " %10s", "instr/flow"
		printf "\n"
		split("loop loop-64k tcpdump ndpiReader leaksniff leaksniff-j leaksniff-bare", t, " ")
		# time counts in 10 ms steps: a ratio to 0 is shown as -
		for (i = 1; i <= 7; i++) { k = t[i]
			printf "%-15s %8.3f %12s %7s %9s %6d KiB", k, best[k], (best[k] > 0) ? sprintf("%.0f", n / best[k]) : "-",
			    (base > 0) ? sprintf("%.2f", best[k] / base) : "-", (b64 > 0) ? sprintf("%.2f", best[k] / b64) : "-", rss[k]
			printf " %9s", (k in ir) ? sprintf("%.0f", ir[k]) : "-"
			if (shape == "flood") printf " %10s", (k in ir) ? sprintf("%.0f", irf[k]) : "-"
			printf "\n"
		}
	}' "$out/$s.times" | tee "$out/$s.txt"
	echo
done
[ $status = 0 ] || echo "bench: leaksniff's leak counts differ from the generator's (above)"
exit $status
