#!/bin/sh
# Robustness sweep: run a leaksniff binary (normally the ASan+UBSan build)
# over every capture in ../shared/corpus/robust and ../shared/corpus/accuracy.
# Each file passes when leaksniff finishes within the time limit with exit
# 0, 1 or 2, prints no sanitizer report, and any exit 2 comes with a message
# on stderr naming the file.  The anomaly counters of every run are summed
# into tests/out/corpus/anomalies.txt.
#
#   tests/corpus.sh build-asan/leaksniff
# Skipped, with the reason, when the corpus is not beside the project.
cd "$(dirname "$0")/.." || exit 2
bin=${1:-build-asan/leaksniff}
corpus=${CORPUS:-../shared/corpus}
if [ ! -d "$corpus/robust" ]; then
	echo "corpus: skipped: $corpus not found (it sits beside the project in CI only)"
	echo "corpus: 0 passed, 0 failed, 1 skipped"
	exit 0
fi
out=tests/out/corpus
rm -rf "$out"; mkdir -p "$out/res"
export LEAKSNIFF_BIN="$bin" OUTDIR="$out/res"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=99
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=98
find "$corpus/robust" "$corpus/accuracy" -type f \
    \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) | sort >"$out/files"
total=$(wc -l <"$out/files")
echo "corpus: $total captures, $(nproc) at a time"
# shellcheck disable=SC2016
tr '\n' '\0' <"$out/files" | xargs -0 -n 1 -P "$(nproc)" sh -c '
f=$1
id=$(printf %s "$f" | cksum | cut -d" " -f1)
timeout 120 "$LEAKSNIFF_BIN" -j -r "$f" >"$OUTDIR/$id.out" 2>"$OUTDIR/$id.err"
rc=$?
verdict=ok
if [ $rc -eq 124 ]; then verdict="timeout"
elif grep -q "runtime error\|AddressSanitizer\|LeakSanitizer\|ERROR: " "$OUTDIR/$id.err"; then verdict="sanitizer"
elif [ $rc -gt 2 ]; then verdict="exit $rc"
elif [ $rc -eq 2 ] && ! grep -qF "$f" "$OUTDIR/$id.err"; then verdict="exit 2 without naming the file"
fi
tail -n 1 "$OUTDIR/$id.out" >"$OUTDIR/$id.stats"
[ $rc -eq 2 ] && echo "$f: $(head -c 300 "$OUTDIR/$id.err" | tr "\n" " ")" >"$OUTDIR/$id.refused"
if [ "$verdict" = ok ]; then rm -f "$OUTDIR/$id.err"; else echo "$f|$verdict" >"$OUTDIR/$id.fail"; fi
' sh
refused=$(cat "$out"/res/*.refused 2>/dev/null | wc -l)
cat "$out"/res/*.refused 2>/dev/null | sort >"$out/refused.txt"
if command -v python3 >/dev/null; then
	python3 - "$out" <<'PY'
import glob, json, sys, collections
out = sys.argv[1]
# every JSON line leaksniff wrote over the corpus must parse
bad = 0
lines = 0
for f in glob.glob(out + "/res/*.out"):
    for n, line in enumerate(open(f, "rb"), 1):
        lines += 1
        try:
            o = json.loads(line.decode("utf-8"))
            assert isinstance(o, dict) and "event_type" in o
        except Exception as e:
            bad += 1
            if bad < 10:
                print("corpus: invalid JSON line %s:%d: %s" % (f, n, e))
print("corpus: %d JSON lines parsed, %d invalid" % (lines, bad))
if bad:
    open(out + "/res/json.fail", "w").write("json|%d invalid JSON lines\n" % bad)
tot = collections.Counter()
pk = 0
for f in glob.glob(out + "/res/*.stats"):
    try:
        s = json.loads(open(f).read())["stats"]
    except Exception:
        continue
    pk += s.get("packets", 0)
    for k, v in s.get("anomalies", {}).items():
        tot[k] += v
with open(out + "/anomalies.txt", "w") as fh:
    fh.write("packets %d\n" % pk)
    for k, v in sorted(tot.items()):
        fh.write("%s %d\n" % (k, v))
PY
	echo "corpus: anomaly counts in $out/anomalies.txt:"; sed 's/^/  /' "$out/anomalies.txt"
fi
fail=$(cat "$out"/res/*.fail 2>/dev/null | wc -l)
if [ "$fail" -gt 0 ]; then
	echo "corpus: failures:"
	cat "$out"/res/*.fail | sed 's/^/  /'
	for e in "$out"/res/*.fail; do
		id=$(basename "$e" .fail); head -30 "$out/res/$id.err" 2>/dev/null
	done | head -200
fi
echo "corpus: $refused captures refused with exit 2 and a message (list in $out/refused.txt)"
echo "corpus: $((total - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
