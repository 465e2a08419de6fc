#!/bin/sh
# Command-line behaviour that golden files do not cover: stdin, several
# files, the evidence pcap, --check-rules on bad files, bad options, the
# generator's reproducibility, and `make install` into a DESTDIR.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C
bin=${LEAKSNIFF:-./leaksniff}
out=tests/out/misc
rm -rf "$out"; mkdir -p "$out"
pass=0 fail=0
# ./pcapgen (pcaps/pcapgen/, libnet) makes the bigger captures; `make` alone
# does not build it
make -s pcapgen >/dev/null || { echo "misc: cannot build ./pcapgen"; exit 2; }
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL $*"; }

# stdin gives the same report as the file
"$bin" -L 192.0.2.0/24 -r pcaps/gen/outage.pcap >"$out/file.txt"
"$bin" -L 192.0.2.0/24 -r - <pcaps/gen/outage.pcap | sed 's/ outage\.pcap / - /; s/ - / outage.pcap /' >"$out/stdin.txt"
if [ "$(grep -c LEAK "$out/stdin.txt")" = 2 ]; then ok; else no "stdin: expected 2 leaks"; fi

# several files: each audited, leaks add up, exit 1
"$bin" -q -L 192.0.2.0/24 -r pcaps/gen/dns-udp-v4.pcap -r pcaps/gen/http-v4.pcap -r pcaps/gen/wg-clean.pcap >"$out/multi.txt"
rc=$?
if [ $rc = 1 ] && grep -q "summary: 2 leaked flows (dns 1, http 1)" "$out/multi.txt"; then ok; else no "multiple -r (rc $rc)"; fi

# an unreadable file among good ones: the others still audited, exit 2
"$bin" -q -L 192.0.2.0/24 -r pcaps/gen/dns-udp-v4.pcap -r /nonexistent.pcap -r pcaps/gen/http-v4.pcap >"$out/bad.txt" 2>"$out/bad.err"
rc=$?
if [ $rc = 2 ] && grep -q "/nonexistent.pcap: No such file" "$out/bad.err" &&
    grep -q "2 leaked flows" "$out/bad.txt"; then ok; else no "unreadable file (rc $rc)"; fi

# the evidence pcap holds exactly the leaked packets
"$bin" -q -L 192.0.2.0/24 -r pcaps/gen/outage.pcap -w "$out/evidence.pcap" >/dev/null
n=$(tcpdump -nr "$out/evidence.pcap" 2>/dev/null | wc -l)
if [ "$n" = 10 ]; then ok; else no "evidence: $n packets, expected 10"; fi
if tcpdump -nr "$out/evidence.pcap" 2>/dev/null | grep -q "203.0.113.1.51820"; then no "evidence holds carrier packets"; else ok; fi

# a full disk under -w is reported, and the run exits 2
"$bin" -q -L 192.0.2.0/24 -r pcaps/gen/outage.pcap -w /dev/full >/dev/null 2>"$out/full.err"
rc=$?
if [ $rc = 2 ] && grep -q "/dev/full: write error" "$out/full.err"; then ok; else no "-w /dev/full (rc $rc)"; fi

# names from packets never reach the terminal raw: no ESC, BEL or NUL byte
"$bin" -L 192.0.2.0/24 -r pcaps/gen/hostile-names.pcap >"$out/hostile.txt"
if LC_ALL=C grep -q "$(printf '[\033\007]')" "$out/hostile.txt" || [ "$(tr -d '\000' <"$out/hostile.txt" | wc -c)" != "$(wc -c <"$out/hostile.txt")" ]; then
	no "control bytes in the text report"
else ok; fi

# every packet is counted under exactly one verdict (or as frag/pending)
for f in pcaps/gen/*.pcap; do
	case $f in *unsupported*) continue ;; esac
	"$bin" -q -j -L 192.0.2.0/24 -r "$f" 2>/dev/null | python3 -c '
import json, sys
for l in sys.stdin:
    e = json.loads(l)
    if e["event_type"] != "stats": continue
    s = e["stats"]
    v = s["carrier_packets"] + s["local_packets"] + s["allowed_packets"] + s["leak_packets"]
    sys.exit(0 if v + s["frag_unattributed"] + s["untracked_packets"] == s["packets"] else 1)
sys.exit(1)' && ok || no "verdict packet counts do not add up: $f"
done

# --check-rules: good file exit 0, each bad fixture exit 2 with file:line:col
"$bin" --check-rules -R rules/default.yaml >/dev/null && ok || no "--check-rules default"
for f in tests/rules/bad-*.yaml; do
	"$bin" --check-rules -R "$f" >/dev/null 2>"$out/rules.err"
	rc=$?
	if [ $rc = 2 ] && grep -q "^$f:[0-9]*:[0-9]*: " "$out/rules.err"; then ok; else no "--check-rules $f (rc $rc)"; cat "$out/rules.err"; fi
done

# bad options: exit 2 and a message naming the value
for args in "-e 300.1.1.1" "-e 192.0.2.1:99999" "-L 192.0.2.1/24" "--max-flows 0" "--outage x" "--buffer-size 12" "-s 10" "-s 1x" "--bogus" "-r"; do
	# shellcheck disable=SC2086
	"$bin" $args -r pcaps/gen/dns-udp-v4.pcap >/dev/null 2>"$out/opt.err"
	rc=$?
	if [ $rc = 2 ] && [ -s "$out/opt.err" ]; then ok; else no "option '$args' (rc $rc)"; fi
done

# a bad expectations file: exit 2, file:line:col
printf 'leaks 0\nleaks maybe\n' >"$out/bad-expect.txt"
"$bin" -L 192.0.2.0/24 -r pcaps/gen/lan-only.pcap -x "$out/bad-expect.txt" >/dev/null 2>"$out/x.err"
rc=$?
if [ $rc = 2 ] && grep -q "bad-expect.txt:2:7:" "$out/x.err"; then ok; else no "bad expectations (rc $rc)"; fi

# --exec: once per leaked flow, rate-limited; the event as JSON on stdin
./pcapgen --bench 2000 "$out/many.pcap" >/dev/null
: >"$out/exec.log"
"$bin" -q -L 192.0.2.0/24 -r "$out/many.pcap" --exec "cat >>$out/exec.jsonl; echo \$LEAKSNIFF_CLASS >>$out/exec.log" >/dev/null 2>"$out/exec.err"
sleep 0.5
n=$(wc -l <"$out/exec.log")
if [ "$n" -ge 1 ] && [ "$n" -le 6 ] && grep -q "alerts suppressed by the rate limit" "$out/exec.err"; then ok; else no "--exec ran $n times"; fi
if python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$out/exec.jsonl" 2>/dev/null; then ok; else no "--exec stdin is not JSON"; fi

# a flood of 100,000 new flows through a 2,000-flow table: memory stays
# bounded, every leaked flow still gets its flow event, and the busy carrier
# is never the one evicted
./pcapgen --flood 100000 "$out/flood.pcap" >/dev/null
/usr/bin/time -f "%M" -o "$out/flood.rss" "$bin" -j -L 192.0.2.0/24 --max-flows 2000 -r "$out/flood.pcap" >"$out/flood.jsonl" 2>/dev/null
leaks=$(grep -c '"event_type":"leak"' "$out/flood.jsonl")
flows=$(grep -c '"event_type":"flow"' "$out/flood.jsonl")
rss=$(tail -n 1 "$out/flood.rss")
if [ "$leaks" = 100000 ] && [ "$flows" = 100000 ]; then ok; else no "flood: $leaks leak events, $flows flow events"; fi
if grep -q '"flows_evicted":98001,' "$out/flood.jsonl" && grep -q '"tunnel_events":1,' "$out/flood.jsonl"; then ok; else no "flood: eviction counts"; fi
if [ -n "$MISC_SANITIZER" ]; then
	echo "  flood: peak RSS not checked under the sanitizers (shadow memory)"
else
	if [ "${rss:-999999}" -lt 150000 ]; then ok; else no "flood: peak RSS ${rss} KiB"; fi
	echo "  flood: 100000 flows through --max-flows 2000: peak RSS ${rss} KiB"
fi

# the default table (262,144 flows) costs nothing until flows use it: a
# six-packet capture stays far below the 58 MB the whole pool would take
if [ -z "$MISC_SANITIZER" ]; then
	/usr/bin/time -f "%M" -o "$out/idle.rss" "$bin" -q -r pcaps/gen/dns-udp-v4.pcap >/dev/null 2>&1
	rss=$(tail -n 1 "$out/idle.rss")
	if [ "${rss:-999999}" -lt 32768 ]; then ok; else no "a six-packet capture: peak RSS ${rss} KiB"; fi
	echo "  idle: a six-packet capture with the default table: peak RSS ${rss} KiB"
fi

# two million distinct flows (issue 5) through the default table, and a
# million concurrent flows in under 1 GiB (issue 4): peak memory follows
# --max-flows, not the capture, and every flow is still counted
if [ -n "$MISC_SANITIZER" ]; then
	echo "  flood: the 2M-flow runs are left to the plain build (memory is their point)"
else
	./pcapgen --flood 2000000 "$out/flood2m.pcap" >/dev/null
	for mf in 262144 1000000; do
		/usr/bin/time -f "%M" -o "$out/flood2m.rss" "$bin" -q -L 192.0.2.0/24 --max-flows $mf -r "$out/flood2m.pcap" >"$out/flood2m.txt" 2>/dev/null
		rss=$(tail -n 1 "$out/flood2m.rss")
		ev=$((2000001 - mf))
		if grep -q "summary: 2000000 leaked flows (ip 2000000)" "$out/flood2m.txt" &&
		    grep -q "summary: $ev flows evicted (table full), $ev of them leaks" "$out/flood2m.txt"; then ok; else no "2M flood, --max-flows $mf: counts"; cat "$out/flood2m.txt"; fi
		if [ "${rss:-9999999}" -lt 1048576 ]; then ok; else no "2M flood, --max-flows $mf: peak RSS ${rss} KiB"; fi
		echo "  flood: 2000000 flows through --max-flows $mf: peak RSS ${rss} KiB, $ev evicted"
	done
	rm -f "$out/flood2m.pcap"
fi

# the generator reproduces every committed capture byte for byte
mkdir -p "$out/gen"
./pcapgen "$out/gen" >/dev/null
for f in pcaps/gen/*; do
	if cmp -s "$f" "$out/gen/$(basename "$f")"; then ok; else no "pcapgen does not reproduce $f"; fi
done

# make install into a DESTDIR: the installed binary finds its rules
if [ -z "$LEAKSNIFF" ]; then
	make -s install DESTDIR="$PWD/$out/root" PREFIX=/usr/local >/dev/null 2>&1
	inst="$out/root/usr/local/bin/leaksniff"
	if [ -x "$inst" ] && [ -f "$out/root/usr/local/share/leaksniff/default.yaml" ] &&
	    [ -f "$out/root/usr/local/share/doc/leaksniff/rules.md" ]; then ok; else no "make install layout"; fi
	# the binary looks in its compiled-in PREFIX: point -R at the DESTDIR copy
	if "$inst" --check-rules -R "$out/root/usr/local/share/leaksniff/default.yaml" >/dev/null; then ok; else no "installed binary"; fi
fi

# --- pcapgen's own command line (pcaps/pcapgen/main.c) ---------------------
# --help is the usage on stdout, exit 0
./pcapgen --help >"$out/pg-help.out" 2>"$out/pg-help.err"
rc=$?
if [ $rc = 0 ] && grep -q "^usage: pcapgen DIR" "$out/pg-help.out" && [ ! -s "$out/pg-help.err" ]; then ok; else no "pcapgen --help (rc $rc)"; fi
# a missing DIR: one error naming it, exit 2
./pcapgen "$out/no-such-dir" >/dev/null 2>"$out/pg-nodir.err"
rc=$?
if [ $rc = 2 ] && [ "$(wc -l <"$out/pg-nodir.err")" = 1 ] &&
    grep -q "no-such-dir: No such file or directory" "$out/pg-nodir.err"; then ok; else no "pcapgen missing DIR (rc $rc)"; fi
# a scenario whose file cannot be written (a directory is in the way):
# the path named, exit 2, and the other scenarios still written
rm -rf "$out/pg-blocked"; mkdir -p "$out/pg-blocked/outage.pcap"
./pcapgen "$out/pg-blocked" outage lan-only >/dev/null 2>"$out/pg-blocked.err"
rc=$?
if [ $rc = 2 ] && grep -q "cannot write $out/pg-blocked/outage.pcap: Is a directory" "$out/pg-blocked.err" &&
    cmp -s pcaps/gen/lan-only.pcap "$out/pg-blocked/lan-only.pcap"; then ok; else no "pcapgen unwritable scenario file (rc $rc)"; fi
# an unknown scenario name: exit 2 before anything is written
rm -rf "$out/pg-unknown"; mkdir -p "$out/pg-unknown"
./pcapgen "$out/pg-unknown" outage no-such-scenario >/dev/null 2>"$out/pg-unknown.err"
rc=$?
if [ $rc = 2 ] && grep -q "no scenario \`no-such-scenario'" "$out/pg-unknown.err" &&
    [ ! -e "$out/pg-unknown/outage.pcap" ]; then ok; else no "pcapgen unknown scenario (rc $rc)"; fi
# --bench and --flood onto a full disk: a write error naming the file, exit 2
for opt in --bench --flood; do
	./pcapgen $opt 1000 /dev/full >"$out/pg-full.out" 2>"$out/pg-full.err"
	rc=$?
	if [ $rc = 2 ] && grep -q "/dev/full: write error" "$out/pg-full.err" && [ ! -s "$out/pg-full.out" ]; then ok; else no "pcapgen $opt onto /dev/full (rc $rc)"; fi
done
# --bench into a missing directory, and bad counts: exit 2, named
./pcapgen --bench 1000 "$out/no-such-dir/b.pcap" >/dev/null 2>"$out/pg-bench.err"
rc=$?
if [ $rc = 2 ] && grep -q "cannot write $out/no-such-dir/b.pcap: No such file or directory" "$out/pg-bench.err"; then ok; else no "pcapgen --bench, missing directory (rc $rc)"; fi
for bad in "--bench 99" "--bench 1x" "--flood x"; do
	# shellcheck disable=SC2086
	./pcapgen $bad "$out/pg-bad.pcap" >/dev/null 2>"$out/pg-bad.err"
	rc=$?
	if [ $rc = 2 ] && grep -q "is not a count" "$out/pg-bad.err"; then ok; else no "pcapgen $bad (rc $rc)"; fi
done
# --bench N writes exactly N packets, as libpcap counts them
for n in 100 2000 12345; do
	./pcapgen --bench $n "$out/pg-n.pcap" >/dev/null
	got=$(tcpdump -r "$out/pg-n.pcap" 2>/dev/null | wc -l)
	if [ "$got" = $n ]; then ok; else no "pcapgen --bench $n wrote $got packets"; fi
done
# `make` alone builds ./leaksniff only, and needs no libnet
if make -n -B LIBNET_CONFIG=false all 2>&1 | grep -q "pcapgen\|-lnet\|libnet"; then no "make all involves pcapgen or libnet"; else ok; fi

echo "misc: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
