#!/bin/sh
# Golden tests in the manner of tcpdump's TESTLIST: every line of
# tests/TESTLIST is "NAME PCAP [ARGS...]".  Each case runs leaksniff twice,
# text and -j, and compares with tests/expected/NAME.txt and NAME.jsonl
# byte for byte.  The text file also records stderr ("stderr: " lines) and
# the exit status ("exit: N"), so those are golden too; the JSON stats line
# (nDPI version, counters) is left out of NAME.jsonl.
#
#   tests/run-golden.sh                 run every case
#   tests/run-golden.sh --one NAME      run one case
#   tests/run-golden.sh --update NAME   rewrite NAME's expected files
#   tests/run-golden.sh --list          list the cases
#   LEAKSNIFF=build-asan/leaksniff tests/run-golden.sh   another binary
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C
bin=${LEAKSNIFF:-./leaksniff}
out=tests/out/golden
mkdir -p "$out"
mode=run one=""
case "$1" in
--list)	grep -v '^[[:space:]]*#' tests/TESTLIST | awk 'NF {print $1}'; exit 0 ;;
--one)	one=$2 ;;
--update) mode=update one=$2 ;;
esac
[ "$mode" = update ] && [ -z "$one" ] && { echo "usage: $0 --update NAME" >&2; exit 2; }

# Is every line of a file a JSON object?  (python3 when present)
json_ok() {
	command -v python3 >/dev/null || return 0
	python3 -c '
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    o = json.loads(line)
    assert isinstance(o, dict) and "event_type" in o, "line %d" % n
' "$1"
}

run_case() {
	name=$1 pcap=$2; shift 2
	"$bin" -r "$pcap" "$@" >"$out/$name.txt" 2>"$out/$name.err"
	rc=$?
	sed 's/^/stderr: /' "$out/$name.err" >>"$out/$name.txt"
	echo "exit: $rc" >>"$out/$name.txt"
	"$bin" -j -r "$pcap" "$@" >"$out/$name.jsonl.all" 2>/dev/null
	if ! json_ok "$out/$name.jsonl.all"; then
		echo "FAIL $name: invalid JSON"; return 1
	fi
	grep -v '"event_type":"stats"' "$out/$name.jsonl.all" >"$out/$name.jsonl"
	if grep -q 'runtime error\|AddressSanitizer\|LeakSanitizer' "$out/$name.err"; then
		echo "FAIL $name: sanitizer report"; cat "$out/$name.err"; return 1
	fi
	if [ "$mode" = update ]; then
		cp "$out/$name.txt" "tests/expected/$name.txt"
		cp "$out/$name.jsonl" "tests/expected/$name.jsonl"
		echo "updated $name"; return 0
	fi
	for ext in txt jsonl; do
		if [ ! -f "tests/expected/$name.$ext" ]; then
			echo "FAIL $name: no tests/expected/$name.$ext (run --update $name)"
			return 1
		fi
		if ! diff -u "tests/expected/$name.$ext" "$out/$name.$ext" >"$out/$name.$ext.diff"; then
			echo "FAIL $name ($ext)"; head -40 "$out/$name.$ext.diff"
			return 1
		fi
	done
	return 0
}

pass=0 fail=0 found=0
while read -r name pcap args; do
	case "$name" in ''|\#*) continue ;; esac
	[ -n "$one" ] && [ "$name" != "$one" ] && continue
	found=1
	# shellcheck disable=SC2086
	if run_case "$name" "$pcap" $args; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done <tests/TESTLIST
[ -n "$one" ] && [ $found = 0 ] && { echo "no case $one" >&2; exit 2; }
echo "golden: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
