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

# stdin gives the same report as the file: identical once the source name
# ("outage.pcap" for the file, "-" for stdin) is the same
"$bin" -L 192.0.2.0/24 -r pcaps/gen/outage.pcap >"$out/file.txt"
"$bin" -L 192.0.2.0/24 -r - <pcaps/gen/outage.pcap >"$out/stdin.txt"
sed 's/^\([^ ]*\) outage\.pcap /\1 SOURCE /' "$out/file.txt" >"$out/file.norm"
sed 's/^\([^ ]*\) - /\1 SOURCE /' "$out/stdin.txt" >"$out/stdin.norm"
if [ "$(grep -c ' SOURCE LEAK ' "$out/file.norm")" = 2 ] &&
    diff -u "$out/file.norm" "$out/stdin.norm" >"$out/stdin.diff"; then ok; else no "stdin: report differs from the file's (2 leaks expected)"; cat "$out/stdin.diff"; fi

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
tcpdump -nr "$out/evidence.pcap" >"$out/evidence.txt" 2>/dev/null
if grep -q "198.51.100.53.53:" "$out/evidence.txt" && ! grep -q "203.0.113.1.51820" "$out/evidence.txt"; then ok; else no "evidence: leaked DNS packets missing, or carrier packets held"; fi

# a full disk under -w is reported, and the run exits 2
"$bin" -q -L 192.0.2.0/24 -r pcaps/gen/outage.pcap -w /dev/full >/dev/null 2>"$out/full.err"
rc=$?
if [ $rc = 2 ] && grep -q "/dev/full: write error" "$out/full.err"; then ok; else no "-w /dev/full (rc $rc)"; fi

# names from packets never reach the terminal raw: no ESC, BEL or NUL byte
"$bin" -L 192.0.2.0/24 -r pcaps/gen/hostile-names.pcap >"$out/hostile.txt"
# (and the names are there, escaped: ESC as \x1b, BEL as \x07, NUL as \x00)
if LC_ALL=C grep -q "$(printf '[\033\007]')" "$out/hostile.txt" || [ "$(tr -d '\000' <"$out/hostile.txt" | wc -c)" != "$(wc -c <"$out/hostile.txt")" ]; then
	no "control bytes in the text report"
elif [ "$(grep -c ' LEAK ' "$out/hostile.txt")" = 2 ] && grep -qF 'dns=\x1b[31mred' "$out/hostile.txt" &&
    grep -qF '\x1b]0;pwned\x07' "$out/hostile.txt" && grep -qF 'a\x00\\b' "$out/hostile.txt"; then ok
else no "hostile names: the two leaks with their names escaped are missing"; fi

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

# --check-rules: good file exit 0 and silent, each bad fixture exit 2 with
# file:line:col and what is wrong there (a fixture not listed here: any
# file:line:col)
"$bin" --check-rules -R rules/default.yaml >/dev/null 2>"$out/rules.err" && [ ! -s "$out/rules.err" ] && ok || no "--check-rules default"
for f in tests/rules/bad-*.yaml; do
	case $f in
	*/bad-billion-laughs.yaml) want="2:4: YAML anchors and aliases are not allowed" ;;
	*/bad-binary.yaml) want="5:1: binary data (a NUL byte at offset 42)" ;;
	*/bad-cidr.yaml) want="2:9: bad CIDR \`10.0.0.1/8'" ;;
	*/bad-duplicate-id.yaml) want="5:5: duplicate rule id \`a' (first defined at line 3)" ;;
	*/bad-port.yaml) want="5:24: port \`70000' out of range" ;;
	*/bad-resolver.yaml) want="3:23: bad resolver name \`doh .example': labels are" ;;
	*/bad-syntax.yaml) want="4:1: YAML syntax error" ;;
	*/bad-unknown-key.yaml) want="6:7: unknown key \`protcol' in match" ;;
	*) want="" ;;
	esac
	"$bin" --check-rules -R "$f" >/dev/null 2>"$out/rules.err"
	rc=$?
	if [ -n "$want" ]; then grep -qF "$f:$want" "$out/rules.err"; else grep -q "^$f:[0-9]*:[0-9]*: " "$out/rules.err"; fi
	found=$?
	if [ $rc = 2 ] && [ $found = 0 ]; then ok; else no "--check-rules $f (rc $rc): want $f:${want:-LINE:COL:}"; cat "$out/rules.err"; fi
done

# bad options: exit 2 and a message naming the option and its value
# ("-r" last: an option whose argument is missing)
while IFS='|' read -r args want; do
	# shellcheck disable=SC2086
	"$bin" -r pcaps/gen/dns-udp-v4.pcap $args >/dev/null 2>"$out/opt.err"
	rc=$?
	if [ $rc = 2 ] && grep -qF -- "$want" "$out/opt.err"; then ok; else no "option '$args' (rc $rc): want a message with: $want"; cat "$out/opt.err"; fi
done <<'EOF'
-e 300.1.1.1|-e: cannot parse endpoint `300.1.1.1'
-e 192.0.2.1:99999|-e: cannot parse endpoint `192.0.2.1:99999'
-L 192.0.2.1/24|-L: bad prefix `192.0.2.1/24'
--max-flows 0|--max-flows: `0' is not a number
--outage x|--outage: `x' is not a number
--buffer-size 12|--buffer-size: `12' is not a number
-s 10|--snaplen: `10' is not a number
-s 1x|--snaplen: `1x' is not a number
--bogus|unrecognized option '--bogus'
-r|option requires an argument -- 'r'
EOF

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
# --bench N --shape NAME: every shape writes exactly N packets, the same
# bytes each time; carrier1 is the default's bytes; an unknown shape is
# named, exit 2, no file; --help lists the shapes
for s in carrier1 carriers3 lanwide vpnoff flood v6vlan; do
	grep -q "^  $s " "$out/pg-help.out" && ok || no "pcapgen --help does not list shape $s"
	./pcapgen --bench 2345 --shape $s "$out/pg-s1.pcap" >"$out/pg-s1.txt"
	./pcapgen --bench 2345 --shape $s "$out/pg-s2.pcap" >/dev/null
	got=$(tcpdump -r "$out/pg-s1.pcap" 2>/dev/null | wc -l)
	if [ "$got" = 2345 ] && cmp -s "$out/pg-s1.pcap" "$out/pg-s2.pcap"; then ok; else no "pcapgen --shape $s: $got packets, or not reproduced"; fi
done
./pcapgen --bench 2345 "$out/pg-s2.pcap" >/dev/null
./pcapgen --bench 2345 --shape carrier1 "$out/pg-s1.pcap" >/dev/null
cmp -s "$out/pg-s1.pcap" "$out/pg-s2.pcap" && ok || no "pcapgen --shape carrier1 differs from the default --bench"
./pcapgen --bench 1000 --shape nosuch "$out/pg-nosuch.pcap" >"$out/pg-nosuch.out" 2>"$out/pg-nosuch.err"
rc=$?
if [ $rc = 2 ] && grep -q "no shape \`nosuch'" "$out/pg-nosuch.err" && [ ! -e "$out/pg-nosuch.pcap" ] &&
    [ ! -s "$out/pg-nosuch.out" ]; then ok; else no "pcapgen --shape nosuch (rc $rc)"; fi

# each benchmark shape, 2,000 packets: leaksniff finds exactly the leak flows
# the generator put in, by class, with the LAN given (-L) and with no option
for s in carrier1 carriers3 lanwide vpnoff flood v6vlan; do
	./pcapgen --bench 2000 --shape $s "$out/shape.pcap" >"$out/shape.want"
	want=$(awk '$2 > 0 { printf "%s%s %s", sep, $1, $2; sep = ", " }' "$out/shape.want")
	for o in "-L 192.0.2.0/24" ""; do
		# shellcheck disable=SC2086
		got=$("$bin" -q $o -r "$out/shape.pcap" | sed -n 's/^summary: [0-9]* leaked flows* (\(.*\)),.*/\1/p' | head -n 1)
		if [ -n "$want" ] && [ "$got" = "$want" ]; then ok; else no "shape $s [${o:-no options}]: leaksniff found ($got), the generator made ($want)"; fi
	done
done
rm -f "$out/shape.pcap" "$out/pg-s1.pcap" "$out/pg-s2.pcap"

# `make` alone builds ./leaksniff only, and needs no libnet
if make -n -B LIBNET_CONFIG=false all 2>&1 | grep -q "pcapgen\|-lnet\|libnet"; then no "make all involves pcapgen or libnet"; else ok; fi
# --- issue 13: never a wrong "all clear" ------------------------------------
# An interrupted audit, a damaged capture or an output that is an input must
# never end in a pass.  The slow pipe is `(cat PCAP; sleep N) |': leaksniff
# has read every packet and blocks on the pipe when the signal comes.
ck="$out/i13"
mkdir -p "$ck"

# SIGTERM on -r - fed by a slow pipe: what was read is reported, the text
# and the JSON stats say the audit was interrupted, exit 2 (not damage);
# the -w file is complete (tcpdump reads the 10 leaked packets)
(cat pcaps/gen/outage.pcap; sleep 5) | "$bin" -q -L 192.0.2.0/24 -r - -w "$ck/term.pcap" >"$ck/term.txt" 2>"$ck/term.err" &
pid=$!; sleep 2; kill -TERM $pid; wait $pid; rc=$?
if [ $rc = 2 ] && grep -q "summary: INTERRUPTED: the audit is incomplete" "$ck/term.txt" &&
    grep -q "summary: 262 packets" "$ck/term.txt" && grep -q "interrupted by SIGTERM" "$ck/term.err" &&
    ! grep -q "byte offset\|Interrupted system call" "$ck/term.err" &&
    [ "$(tcpdump -nr "$ck/term.pcap" 2>/dev/null | wc -l)" = 10 ]; then ok; else no "SIGTERM on a slow pipe (rc $rc)"; cat "$ck/term.err"; fi
(cat pcaps/gen/outage.pcap; sleep 5) | "$bin" -j -L 192.0.2.0/24 -r - >"$ck/term.jsonl" 2>/dev/null &
pid=$!; sleep 2; kill -INT $pid; wait $pid; rc=$?
if [ $rc = 2 ] && grep '"event_type":"stats"' "$ck/term.jsonl" | grep -q '"packets":262,.*"interrupted":true'; then ok; else no "SIGINT: JSON stats (rc $rc)"; fi

# An input that cannot be read, or is damaged before its end, says so in
# the summary next to the counts (they cover only what was read), and in
# the JSON stats; a clean audit says neither
"$bin" -q -L 192.0.2.0/24 -r pcaps/gen/dns-udp-v4.pcap -r "$ck/no-such.pcap" >"$ck/missing.txt" 2>"$ck/missing.err"; rc=$?
if [ $rc = 2 ] && grep -q "summary: INCOMPLETE: 1 of 2 inputs could not be read to their end" "$ck/missing.txt" &&
    grep -q "no-such.pcap: No such file" "$ck/missing.err"; then ok; else no "an unreadable input: INCOMPLETE in the summary (rc $rc)"; fi
"$bin" -j -r pcaps/compressed/corrupt.pcap.zst 2>/dev/null | grep '"event_type":"stats"' >"$ck/corrupt.stats"
"$bin" -j -r pcaps/gen/dns-udp-v4.pcap 2>/dev/null | grep '"event_type":"stats"' >"$ck/clean.stats"
if grep -q '"inputs":1,"inputs_failed":1' "$ck/corrupt.stats" && ! grep -q inputs_failed "$ck/clean.stats" &&
    ! "$bin" -q -r pcaps/gen/dns-udp-v4.pcap 2>/dev/null | grep -q INCOMPLETE; then ok; else no "damaged input: inputs_failed in the JSON stats, and only then"; fi

# SIGUSR1 and SIGHUP on a slow pipe never abort the read: SIGUSR1 prints the
# counters, and the audit completes with its normal status (1: leaks)
(cat pcaps/gen/outage.pcap; sleep 3) | "$bin" -q -L 192.0.2.0/24 -r - >"$ck/usr1.txt" 2>"$ck/usr1.err" &
pid=$!; sleep 1.5; kill -USR1 $pid; kill -HUP $pid; wait $pid; rc=$?
if [ $rc = 1 ] && grep -q "^leaksniff: -: 262 packets, 3 flows, 2 leaked flows" "$ck/usr1.err" &&
    grep -q "summary: 2 leaked flows" "$ck/usr1.txt" && ! grep -q INTERRUPTED "$ck/usr1.txt" &&
    [ "$(grep -vc 'packets, .* flows' "$ck/usr1.err")" = 0 ]; then ok; else no "SIGUSR1/SIGHUP on a slow pipe (rc $rc)"; cat "$ck/usr1.err"; fi

# SIGTERM also ends a run while a huge -f filter compiles (tens of seconds)
python3 -c "print(' or '.join('(host 198.51.100.%d and port %d)' % (i % 250, 1000 + i) for i in range(3000)))" >"$ck/filter.txt"
"$bin" -q -r pcaps/gen/dns-udp-v4.pcap -f "$(cat "$ck/filter.txt")" >/dev/null 2>&1 &
pid=$!; sleep 1; kill -TERM $pid; sleep 2
if kill -0 $pid 2>/dev/null; then no "SIGTERM during filter compilation: still running"; kill -KILL $pid; else ok; fi
wait $pid 2>/dev/null

# outputs never destroy inputs: -w (or -o) naming a file read, by the same
# path, ./path, a symlink or a hard link, is refused: exit 2, input intact
cp pcaps/gen/outage.pcap "$ck/in.pcap"
ln -s in.pcap "$ck/sym.pcap"
ln "$ck/in.pcap" "$ck/hard.pcap"
for w in "-w $ck/in.pcap" "-w ./$ck/in.pcap" "-w $ck/sym.pcap" "-w $ck/hard.pcap" "-o $ck/in.pcap" "-o $ck/hard.pcap"; do
	# shellcheck disable=SC2086
	"$bin" -q -L 192.0.2.0/24 -r "$ck/in.pcap" $w >/dev/null 2>"$ck/clash.err"
	rc=$?
	if [ $rc = 2 ] && cmp -s "$ck/in.pcap" pcaps/gen/outage.pcap && grep -q "refusing to write" "$ck/clash.err"; then ok; else no "'$w' over the -r file (rc $rc)"; fi
	cp pcaps/gen/outage.pcap "$ck/in.pcap"
done
# ... also the file on stdin; a -w that is no input is written as before
"$bin" -q -L 192.0.2.0/24 -r - -w "$ck/in.pcap" <"$ck/in.pcap" >/dev/null 2>&1
rc=$?
"$bin" -q -L 192.0.2.0/24 -r - -w "$ck/new.pcap" <"$ck/in.pcap" >/dev/null 2>&1
rc2=$?
if [ $rc = 2 ] && cmp -s "$ck/in.pcap" pcaps/gen/outage.pcap && [ $rc2 = 1 ]; then ok; else no "-w over the file on stdin (rc $rc, $rc2)"; fi

# -w is opened at the start: a bad path is one error, exit 2, also when
# nothing leaks, and also when much leaks (not one line per packet)
for f in lan-only dns-udp-v4; do
	"$bin" -q -r pcaps/gen/$f.pcap -w /nonexistent/dir/x.pcap >/dev/null 2>"$ck/wbad.err"
	rc=$?
	if [ $rc = 2 ] && [ "$(wc -l <"$ck/wbad.err")" = 1 ] && grep -q "/nonexistent/dir/x.pcap: No such file" "$ck/wbad.err"; then ok; else no "-w /nonexistent/dir on $f (rc $rc)"; cat "$ck/wbad.err"; fi
done

# leaks of several link types go to a pcapng (SHB, one IDB per link type,
# EPBs), none dropped; one link type stays classic pcap
"$bin" -q -L 192.0.2.0/24 -r pcaps/gen/dns-udp-v4.pcap -r pcaps/gen/link-raw.pcap -r pcaps/gen/link-sll.pcap -r pcaps/gen/http-v4.pcap -w "$ck/multi.pcapng" >/dev/null 2>"$ck/multi.err"
rc=$?
"$bin" -q -L 192.0.2.0/24 -r pcaps/gen/dns-udp-v4.pcap -r pcaps/gen/http-v4.pcap -w "$ck/one.pcap" >/dev/null 2>&1
# (the four files all begin at the same time: each after the first is
# audited on its own, which stderr notes; nothing else may be said there)
if [ $rc = 1 ] && ! grep -v "audited as a capture of its own" "$ck/multi.err" | grep -q . &&
    [ "$(grep -c "audited as a capture of its own" "$ck/multi.err")" = 3 ] && python3 -c '
import struct, sys
d = open(sys.argv[1], "rb").read()
o, blocks = 0, []
while o < len(d):
    t, n = struct.unpack_from("<II", d, o)
    if n < 12 or struct.unpack_from("<I", d, o + n - 4)[0] != n: sys.exit(1)
    blocks.append((t, struct.unpack_from("<H", d, o + 8)[0] if t == 1 else struct.unpack_from("<I", d, o + 8)[0]))
    o += n
idbs = [v for t, v in blocks if t == 1]
epbs = [v for t, v in blocks if t == 6]
sys.exit(0 if blocks[0][0] == 0x0a0d0d0a and idbs == [1, 101, 113] and len(epbs) == 34 and
    sorted(set(epbs)) == [0, 1, 2] and o == len(d) else 1)' "$ck/multi.pcapng" &&
    [ "$(tcpdump -nr "$ck/one.pcap" 2>/dev/null | wc -l)" = 14 ]; then ok; else no "-w with three link types (rc $rc), or one"; cat "$ck/multi.err"; fi

# the -w file is complete when the process ends by SIGPIPE (stdout closed
# early; SIGTERM: see the slow pipe above)
./pcapgen --flood 20000 "$ck/flood.pcap" >/dev/null
"$bin" -L 192.0.2.0/24 -r "$ck/flood.pcap" -w "$ck/pipe.pcap" 2>"$ck/pipe.err" | head -c 100 >/dev/null
if tcpdump -nr "$ck/pipe.pcap" >/dev/null 2>"$ck/td.err" && ! grep -q truncated "$ck/td.err" && [ ! -s "$ck/pipe.err" ]; then ok; else no "-w after SIGPIPE: $(cat "$ck/td.err" "$ck/pipe.err")"; fi

# expectations only hold on a complete audit: a damaged, unreadable or
# interrupted capture never prints "hold", and exits 2
printf 'leaks >= 0\n' >"$ck/any.txt"
for r in pcaps/regress/truncated-record.pcap /nonexistent.pcap; do
	"$bin" -q -L 192.0.2.0/24 -r "$r" -x "$ck/any.txt" >"$ck/x.txt" 2>&1
	rc=$?
	if [ $rc = 2 ] && ! grep -q hold "$ck/x.txt" && grep -q "NOT CHECKED: the audit is incomplete" "$ck/x.txt"; then ok; else no "-x with $r (rc $rc)"; fi
done
(cat pcaps/gen/outage.pcap; sleep 5) | "$bin" -q -L 192.0.2.0/24 -r - -x "$ck/any.txt" >"$ck/xi.txt" 2>&1 &
pid=$!; sleep 2; kill -TERM $pid; wait $pid; rc=$?
if [ $rc = 2 ] && ! grep -q hold "$ck/xi.txt" && grep -q "incomplete (interrupted)" "$ck/xi.txt"; then ok; else no "-x interrupted (rc $rc)"; fi
# --- issue 13 items 5-7: rules and options that would hide leaks, install
# and defaults, capture edges.  Each check fails on the code before them.

# -L ::/0 is every IPv6 address, not IPv4 too: the HTTP leak stays a leak
"$bin" -q -L 192.0.2.0/24 -L ::/0 -r pcaps/gen/http-v4.pcap >"$out/v6all.txt" 2>&1
rc=$?
if [ $rc = 1 ] && grep -q "summary: 1 leaked flow (http 1)" "$out/v6all.txt"; then ok; else no "-L ::/0 swallowed IPv4 (rc $rc)"; fi
# ::ffff:0:0/96 is refused, saying why
"$bin" -L ::ffff:0:0/96 -r pcaps/gen/http-v4.pcap >/dev/null 2>"$out/mapped.err"
rc=$?
if [ $rc = 2 ] && grep -q "bad prefix \`::ffff:0:0/96': an IPv4-mapped" "$out/mapped.err"; then ok; else no "-L ::ffff:0:0/96 (rc $rc)"; cat "$out/mapped.err"; fi

# an allow rule with an empty address list is an error, not allow-all
printf 'version: 1\nrules:\n  - id: ok\n    action: allow\n    match:\n      remote: []\n  - id: any\n    class: ip\n' >"$out/empty-remote.yaml"
"$bin" --check-rules -R "$out/empty-remote.yaml" >/dev/null 2>"$out/empty.err"
rc=$?
if [ $rc = 2 ] && grep -q "^$out/empty-remote.yaml:6:15: \`remote' is an empty list" "$out/empty.err"; then ok; else no "remote: [] (rc $rc)"; cat "$out/empty.err"; fi

# --outage overrides the rule file's outage_after, even when it says 5
sed 's/outage_after: 5/outage_after: 1000/' rules/default.yaml >"$out/slow-outage.yaml"
# (the carrier's last packet is at 19.013 s: with 5 s of silence the outage
# is recognised at 24.013 s; with 1000 s only when it comes back with a new
# handshake, at 35.017 s)
"$bin" -L 192.0.2.0/24 -R "$out/slow-outage.yaml" -r pcaps/gen/outage.pcap >"$out/slow.txt"
"$bin" -L 192.0.2.0/24 -R "$out/slow-outage.yaml" --outage 5 -r pcaps/gen/outage.pcap >"$out/fast.txt"
if grep -q "^2026-01-01T00:00:35.017000Z .* TUNNEL down" "$out/slow.txt" &&
    grep -q "^2026-01-01T00:00:24.013000Z .* TUNNEL down" "$out/fast.txt"; then ok; else no "--outage 5 did not override outage_after: 1000"; fi

# an unknown app: name is an error suggesting the nearest nDPI names
printf 'version: 1\nrules:\n  - id: t\n    class: ip\n    match:\n      app: Gogle\n' >"$out/app.yaml"
"$bin" --check-rules -R "$out/app.yaml" >/dev/null 2>"$out/app.err"
rc=$?
if [ $rc = 2 ] && grep -q "^$out/app.yaml:6:12: unknown app \`Gogle'.*nearest: Google" "$out/app.err"; then ok; else no "app: Gogle (rc $rc)"; cat "$out/app.err"; fi

# port: abc is not a number (not "out of range")
printf 'version: 1\nrules:\n  - id: t\n    class: ip\n    match:\n      port: abc\n' >"$out/port.yaml"
"$bin" --check-rules -R "$out/port.yaml" >/dev/null 2>"$out/port.err"
if grep -q "^$out/port.yaml:6:13: port \`abc': \`abc' is not a number" "$out/port.err"; then ok; else no "port: abc"; cat "$out/port.err"; fi

# a byte that is not UTF-8 is reported at its own line and column
printf 'version: 1\nrules:\n  - id: t\n    class: ip\n    description: "ab\377"\n' >"$out/byte.yaml"
"$bin" --check-rules -R "$out/byte.yaml" >/dev/null 2>"$out/byte.err"
if grep -q "^$out/byte.yaml:5:21: bad byte 0xff" "$out/byte.err"; then ok; else no "bad byte place"; cat "$out/byte.err"; fi

# -R /dev/stdin from a pipe
if cat rules/default.yaml | "$bin" --check-rules -R /dev/stdin >"$out/stdin-rules.txt" 2>&1 &&
    grep -q "^/dev/stdin: [0-9]* rules, OK" "$out/stdin-rules.txt"; then ok; else no "-R /dev/stdin"; cat "$out/stdin-rules.txt"; fi

# more than 64 -r files
set --
i=0; while [ $i -lt 70 ]; do set -- "$@" -r pcaps/gen/dns-udp-v4.pcap; i=$((i + 1)); done
"$bin" -q -L 192.0.2.0/24 "$@" >"$out/many-r.txt" 2>&1
rc=$?
if [ $rc = 1 ] && grep -q "summary: 70 leaked flows (dns 70)" "$out/many-r.txt"; then ok; else no "70 -r files (rc $rc)"; head -3 "$out/many-r.txt"; fi
set --

# -e ADDR:PORT/UDP in any case, as the tunnel lines print it
for p in UDP Udp udp; do
	"$bin" -q -L 192.0.2.0/24 -e 203.0.113.1:51820/$p -r pcaps/gen/wg-clean.pcap >/dev/null 2>"$out/ep.err"
	rc=$?
	if [ $rc = 0 ]; then ok; else no "-e .../$p (rc $rc)"; cat "$out/ep.err"; fi
done

# a record longer than the snap length is damage at the record's start,
# from a pipe and through a filter too (the filter runs after the count)
cat pcaps/regress/record-over-snaplen.pcap | "$bin" -q -L 192.0.2.0/24 -r - >/dev/null 2>"$out/snap.err"
rc=$?
if [ $rc = 2 ] && grep -q "^leaksniff: -: packet 3 at byte offset 222: a record of 2000 captured bytes" "$out/snap.err"; then ok; else no "over-snaplen record from a pipe (rc $rc)"; cat "$out/snap.err"; fi
"$bin" -q -L 192.0.2.0/24 -f tcp -r pcaps/regress/record-over-snaplen.pcap >/dev/null 2>"$out/snapf.err"
rc=$?
if [ $rc = 2 ] && grep -q "packet 3 at byte offset 222:" "$out/snapf.err"; then ok; else no "over-snaplen record behind -f tcp (rc $rc)"; cat "$out/snapf.err"; fi
"$bin" -q -L 192.0.2.0/24 -f udp -r pcaps/regress/truncated-record.pcap >/dev/null 2>"$out/truncf.err"
if grep -q "truncated-record.pcap: packet 5 at byte offset 396: truncated" "$out/truncf.err"; then ok; else no "truncated record behind -f udp"; cat "$out/truncf.err"; fi

# --- compressed captures (issue 16): by the magic, from stdin, streaming ----
zc="$out/z"
mkdir -p "$zc"
# the committed copies are mixed.pcap, and read as it: the same report but
# for the name
"$bin" -L 192.0.2.0/24 -r pcaps/gen/mixed.pcap 2>&1 | sed 's/ mixed\.pcap / SOURCE /' >"$zc/plain.norm"
for z in gz:gzip zst:zstd xz:xz lz4:lz4; do
	ext=${z%%:*} tool=${z#*:}
	f=pcaps/compressed/mixed.pcap.$ext
	if ! "$tool" -dc "$f" | cmp -s - pcaps/gen/mixed.pcap; then no "$f is not mixed.pcap"; continue; fi
	"$bin" -L 192.0.2.0/24 -r "$f" 2>&1 | sed "s/ mixed\.pcap\.$ext / SOURCE /" >"$zc/$ext.norm"
	if grep -q ' SOURCE LEAK ' "$zc/$ext.norm" && diff -u "$zc/plain.norm" "$zc/$ext.norm" >"$zc/$ext.diff"; then ok; else no "$f: report differs from mixed.pcap's"; cat "$zc/$ext.diff"; fi
	# from a pipe and from stdin redirected from the file, freshly compressed
	"$tool" -c pcaps/gen/mixed.pcap | "$bin" -L 192.0.2.0/24 -r - 2>&1 | sed 's/ - / SOURCE /' >"$zc/$ext-pipe.norm"
	"$bin" -L 192.0.2.0/24 -r - <"$f" 2>&1 | sed 's/ - / SOURCE /' >"$zc/$ext-stdin.norm"
	if diff -u "$zc/plain.norm" "$zc/$ext-pipe.norm" >"$zc/$ext-pipe.diff" &&
	    diff -u "$zc/plain.norm" "$zc/$ext-stdin.norm" >>"$zc/$ext-pipe.diff"; then ok; else no "$tool -c | leaksniff -r -: report differs"; cat "$zc/$ext-pipe.diff"; fi
done
# a pcapng of two interfaces of two link types (mergecap), gzip on stdin:
# the plain file's report (each interface named after the source: the
# file's name, then NAME#1), JSON included; cut short on a pipe, the
# packets before the damage, then the damage at its block, exit 2
m=pcaps/multi/sll-raw.pcapng
if gzip -dc "$m.gz" | cmp -s - "$m"; then
	for fmt in "" -j; do
		"$bin" $fmt -L 192.0.2.0/24 -r "$m" 2>&1 | sed 's/sll-raw\.pcapng/SOURCE/g; s|pcaps/multi/SOURCE|SOURCE|g' >"$zc/multi$fmt.norm"
		"$bin" $fmt -L 192.0.2.0/24 -r - <"$m.gz" 2>&1 | sed 's/"-/"SOURCE/g; s/ -\(#1\)* LEAK/ SOURCE\1 LEAK/' >"$zc/multi$fmt-stdin.norm"
		if grep -q 'SOURCE#1' "$zc/multi$fmt.norm" && diff -u "$zc/multi$fmt.norm" "$zc/multi$fmt-stdin.norm" >"$zc/multi$fmt.diff"; then ok; else no "$m.gz on stdin ($fmt): report differs from the file's"; cat "$zc/multi$fmt.diff"; fi
	done
else
	no "$m.gz is not $m"
fi
# -w keeps each packet's interface: read back, the same leaks on the same
# interfaces (now named by the evidence file's if_name)
# (two link types; then one link type twice, where only the name tells
# the interfaces apart)
for mw in "$m":4 pcaps/multi/eth-twice.pcapng:2; do
	"$bin" -L 192.0.2.0/24 -r "${mw%:*}" -w "$zc/multi-ev.pcapng" >"$zc/multi-w.txt" 2>&1
	"$bin" -L 192.0.2.0/24 -r "$zc/multi-ev.pcapng" 2>&1 | grep ' LEAK ' >"$zc/multi-ev.txt"
	if [ "$(grep -c ' LEAK ' "$zc/multi-ev.txt")" = "${mw#*:}" ] && grep ' LEAK ' "$zc/multi-w.txt" | diff -u - "$zc/multi-ev.txt" >"$zc/multi-ev.diff"; then ok; else no "-w of ${mw%:*}: interfaces not kept"; cat "$zc/multi-ev.diff"; fi
done
head -c 1500 "$m" | gzip | "$bin" -L 192.0.2.0/24 -r - >"$zc/multi-cut.txt" 2>"$zc/multi-cut.err"
rc=$?
if [ $rc = 2 ] && grep -q "^leaksniff: -: packet [0-9]* at byte offset [0-9]* of the decompressed stream: a block .*cut short" "$zc/multi-cut.err" &&
    grep -q "^summary: [1-9][0-9]* leaked flow" "$zc/multi-cut.txt"; then ok; else no "cut multi-interface pcapng on a pipe (rc $rc)"; cat "$zc/multi-cut.err"; fi
# concatenated gzip members (gzip -c a; gzip -c b) are one capture
{ head -c 12000 pcaps/gen/mixed.pcap | gzip -n; tail -c +12001 pcaps/gen/mixed.pcap | gzip -n; } >"$zc/two.gz"
"$bin" -L 192.0.2.0/24 -r "$zc/two.gz" 2>&1 | sed 's/ two\.gz / SOURCE /' >"$zc/two.norm"
if diff -u "$zc/plain.norm" "$zc/two.norm" >"$zc/two.diff"; then ok; else no "two gzip members"; cat "$zc/two.diff"; fi
# a cut stream on a pipe: the leak before the damage, then the damage, exit 2
head -c 10000 pcaps/compressed/mixed.pcap.gz | "$bin" -L 192.0.2.0/24 -r - >"$zc/cut.txt" 2>"$zc/cut.err"
rc=$?
if [ $rc = 2 ] && grep -q "^leaksniff: -: corrupt gzip stream at compressed byte offset 10000: truncated" "$zc/cut.err" &&
    grep -q "summary: 1 leaked flow (dns 1)" "$zc/cut.txt"; then ok; else no "cut gzip on a pipe (rc $rc)"; cat "$zc/cut.err"; fi
# compressed, but not a capture inside: said so, exit 2
echo hello | xz | "$bin" -r - >/dev/null 2>"$zc/notcap.err"
rc=$?
if [ $rc = 2 ] && grep -q "^leaksniff: -: xz data, decompressed, is not a capture libpcap can read: unknown file format" "$zc/notcap.err"; then ok; else no "xz of no capture (rc $rc)"; cat "$zc/notcap.err"; fi
# a compressed slow pipe still ends at once on SIGTERM, as an interruption
(gzip -c pcaps/gen/outage.pcap; sleep 5) | "$bin" -q -L 192.0.2.0/24 -r - >"$zc/term.txt" 2>"$zc/term.err" &
pid=$!; sleep 2; kill -TERM $pid; wait $pid; rc=$?
if [ $rc = 2 ] && grep -q "summary: INTERRUPTED" "$zc/term.txt" && grep -q "summary: 262 packets" "$zc/term.txt" &&
    ! grep -q "corrupt\|byte offset" "$zc/term.err"; then ok; else no "SIGTERM on a slow gzip pipe (rc $rc)"; cat "$zc/term.err"; fi

# --redact: tokens change from run to run, so no golden holds them; each
# capture's redacted report (text and JSON, twice) is checked against the
# plain one (tests/redact-check.py): the same name one token, two names two,
# addresses cut to /24 and /48, URL, user agent and STUN software gone, none
# of the originals anywhere, every JSON line parses
rd="$out/redact"; mkdir -p "$rd"
for f in pcaps/gen/outage.pcap pcaps/gen/hostile-names.pcap pcaps/gen/mixed.pcap \
    pcaps/gen/ip-v4.pcap pcaps/gen/ipv6-global.pcap pcaps/gen/http-v6.pcap \
    pcaps/gen/stun-v6.pcap pcaps/gen/dns-local-resolver.pcap pcaps/gen/dns-dot-v4.pcap \
    pcaps/gen-py/lan-neighbours.pcap pcaps/gen-py/lan-ra-v6.pcap pcaps/lab/wg-idle.pcap; do
	b=$rd/$(basename "$f" .pcap)
	case $f in pcaps/gen/*) set -- -L 192.0.2.0/24 ;; *) set -- ;; esac
	"$bin" "$@" -j -r "$f" >"$b.plain.jsonl" 2>/dev/null
	"$bin" "$@" -r "$f" >"$b.plain.txt" 2>/dev/null
	"$bin" "$@" --redact -j -r "$f" >"$b.jsonl" 2>/dev/null
	"$bin" "$@" --redact -r "$f" >"$b.txt" 2>/dev/null
	"$bin" "$@" --redact -j -r "$f" >"$b.2.jsonl" 2>/dev/null
	if python3 tests/redact-check.py "$b.plain.jsonl" "$b.jsonl" "$b.plain.txt" "$b.txt" "$b.2.jsonl" >"$b.problems"; then ok
	else no "--redact over $f:"; sed 's/^/    /' "$b.problems" | head -20; fi
done
# and the checker itself finds a name left in (a test that cannot fail is none)
sed 's/"rrname":"h-[0-9a-f]*\.com"/"rrname":"bank.example.com"/' "$rd/outage.jsonl" >"$rd/outage.leaky.jsonl"
if ! python3 tests/redact-check.py "$rd/outage.plain.jsonl" "$rd/outage.leaky.jsonl" "$rd/outage.plain.txt" "$rd/outage.txt" "$rd/outage.2.jsonl" >/dev/null; then ok; else no "redact-check.py misses a name left in"; fi
# the same name is one token on every line of the text report too: the DNS
# query and the HTTP Host of the outage capture are both bank.example.com
n=$(grep -o 'dns=h-[0-9a-f]*\.com\|http=GET h-[0-9a-f]*\.com' "$rd/outage.txt" | sed 's/.*h-/h-/' | sort -u | wc -l)
if [ "$n" = 1 ] && [ "$(grep -c ' LEAK ' "$rd/outage.txt")" = 2 ]; then ok; else no "--redact: bank.example.com is $n tokens in the text report"; fi
# -w would write the packets themselves: refused, naming both options
"$bin" --redact -w "$rd/ev.pcap" -r pcaps/gen/outage.pcap >/dev/null 2>"$rd/w.err"
rc=$?
if [ $rc = 2 ] && grep -q -- "--redact and -w cannot be used together" "$rd/w.err" && [ ! -e "$rd/ev.pcap" ]; then ok; else no "--redact -w (rc $rc)"; cat "$rd/w.err"; fi
# -x compares the real values (the verifier is before the redactor): the
# outage expectations name real addresses and still hold
"$bin" -L 192.0.2.0/24 --redact -x tests/expect/outage.txt -r pcaps/gen/outage.pcap >"$rd/x.txt" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q "expect: tests/expect/outage.txt: all [0-9]* expectations hold" "$rd/x.txt" &&
    ! grep -q "198\.51\.100\.53\|bank\.example" "$rd/x.txt"; then ok; else no "--redact -x (rc $rc)"; cat "$rd/x.txt"; fi
# --exec is downstream of the redactor too: its JSON holds the tokens
"$bin" -q -L 192.0.2.0/24 --redact --exec "cat >>$rd/exec.jsonl" -r pcaps/gen/outage.pcap >/dev/null 2>&1
sleep 1
if [ -s "$rd/exec.jsonl" ] && ! grep -q "bank\.example\|198\.51\.100\.53" "$rd/exec.jsonl" && grep -q '"rrname":"h-' "$rd/exec.jsonl"; then ok; else no "--redact --exec: the command's JSON is not redacted"; fi

# make install PREFIX=X after a plain make: the installed binary finds the
# rules under X; without them it uses its built-in copy and says so
if [ -z "$LEAKSNIFF" ]; then
	pfx="$PWD/$out/prefix"
	make -s install PREFIX="$pfx" DESTDIR= >"$out/install.log" 2>&1
	"$pfx/bin/leaksniff" --check-rules >"$out/inst-check.txt" 2>&1
	if grep -q "^$pfx/share/leaksniff/default.yaml: [0-9]* rules, OK" "$out/inst-check.txt"; then ok; else no "make install PREFIX=$pfx: rules not found"; cat "$out/inst-check.txt"; fi
	rm -f "$pfx/share/leaksniff/default.yaml"
	"$pfx/bin/leaksniff" --check-rules >"$out/inst-builtin.txt" 2>"$out/inst-builtin.err"
	rc=$?
	if [ $rc = 0 ] && grep -q "(built-in default.yaml): [0-9]* rules, OK" "$out/inst-builtin.txt" &&
	    grep -q "no rule file at $pfx/share/leaksniff/default.yaml: using the built-in" "$out/inst-builtin.err"; then ok; else no "no installed rules: built-in copy (rc $rc)"; cat "$out/inst-builtin.err"; fi
	"$pfx/bin/leaksniff" -q -L 192.0.2.0/24 -r pcaps/gen/dns-udp-v4.pcap >"$out/inst-run.txt" 2>/dev/null
	if grep -q "summary: 1 leaked flow (dns 1)" "$out/inst-run.txt"; then ok; else no "built-in rules: audit"; fi
	# the tree's binary back to the default prefix
	make -s leaksniff >/dev/null 2>&1
fi

echo "misc: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
