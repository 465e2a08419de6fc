#!/bin/sh
# Run each libFuzzer harness for a short fixed time over its seed corpus
# (tests/fuzz/corpus/<name>/, plus pcaps/ for the capture-level harness).
# A crash fails the run and leaves the reproducer in build-fuzz/crashes/.
cd "$(dirname "$0")/.." || exit 2
secs=${FUZZ_SECONDS:-10}
pass=0 fail=0
mkdir -p build-fuzz/crashes build-fuzz/logs
for f in "$@"; do
	name=$(basename "$f")
	work=build-fuzz/corpus/$name
	mkdir -p "$work"
	seeds=""
	[ -d "tests/fuzz/corpus/$name" ] && seeds="tests/fuzz/corpus/$name"
	if "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
	    -artifact_prefix=build-fuzz/crashes/"$name"- -print_final_stats=1 \
	    "$work" $seeds >build-fuzz/logs/"$name".log 2>&1; then
		pass=$((pass + 1))
		execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' build-fuzz/logs/"$name".log | grep -o '[0-9]*$')
		echo "  $name: ${execs:-?} executions in ${secs}s, no crash"
	else
		fail=$((fail + 1))
		echo "FAIL $name"; tail -30 build-fuzz/logs/"$name".log
	fi
done
echo "fuzz-smoke: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
