#!/bin/sh
# Run every cmocka unit test binary given (objects, dependency files and
# logs among them are skipped); print one closing line
# "unit: N passed, N failed" and exit non-zero on any failure.
# Tests read fixtures relative to the repository root, so run from there.
cd "$(dirname "$0")/.." || exit 2
pass=0 fail=0
for t in "$@"; do
	# a glob such as build-asan/tests/t_* also names objects and logs
	case $t in *.o|*.d|*.log) continue ;; esac
	if "$t" >"$t.log" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $t"; sed 's/^/    /' "$t.log" | tail -40
	fi
	# cmocka prints "[  PASSED  ] N test(s)." per binary
	grep -h 'PASSED\|FAILED' "$t.log" | sed "s|^|  $(basename "$t"): |"
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
