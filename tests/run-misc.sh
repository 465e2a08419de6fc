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
	*/bad-binary.yaml) want="1:1: binary data (a NUL byte at offset 42)" ;;
	*/bad-cidr.yaml) want="2:9: bad CIDR \`10.0.0.1/8'" ;;
	*/bad-duplicate-id.yaml) want="5:5: duplicate rule id \`a' (first defined at line 3)" ;;
	*/bad-port.yaml) want="5:24: port \`70000' out of range" ;;
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
if [ -x ./pcapgen ]; then
	mkdir -p "$out/gen"
	./pcapgen "$out/gen" >/dev/null
	for f in pcaps/gen/*; do
		if cmp -s "$f" "$out/gen/$(basename "$f")"; then ok; else no "pcapgen does not reproduce $f"; fi
	done
fi

# make install into a DESTDIR: the installed binary finds its rules
if [ -z "$LEAKSNIFF" ]; then
	make -s install DESTDIR="$PWD/$out/root" PREFIX=/usr/local >/dev/null 2>&1
	inst="$out/root/usr/local/bin/leaksniff"
	if [ -x "$inst" ] && [ -f "$out/root/usr/local/share/leaksniff/default.yaml" ] &&
	    [ -f "$out/root/usr/local/share/doc/leaksniff/rules.md" ]; then ok; else no "make install layout"; fi
	# the binary looks in its compiled-in PREFIX: point -R at the DESTDIR copy
	if "$inst" --check-rules -R "$out/root/usr/local/share/leaksniff/default.yaml" >/dev/null; then ok; else no "installed binary"; fi
fi

echo "misc: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
