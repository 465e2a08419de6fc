#!/bin/sh
# valgrind (memcheck) over every bundled capture and a sample of
# ../shared/corpus (every 60th file): no error, no definite leak.
cd "$(dirname "$0")/.." || exit 2
command -v valgrind >/dev/null || { echo "valgrind: skipped: not installed"; echo "valgrind: 0 passed, 0 failed, 1 skipped"; exit 0; }
out=tests/out/valgrind
rm -rf "$out"; mkdir -p "$out"
{
	ls pcaps/gen/*.pcap* pcaps/regress/*.pcap
	if [ -d ../shared/corpus ]; then
		find ../shared/corpus -type f \( -name '*.pcap' -o -name '*.pcapng' -o -name '*.cap' \) | sort | awk 'NR % 60 == 1'
	fi
} >"$out/files"
echo "valgrind: $(wc -l <"$out/files") captures"
tr '\n' '\0' <"$out/files" | xargs -0 -n 1 -P "$(nproc)" sh -c '
id=$(printf %s "$1" | cksum | cut -d" " -f1)
valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    ./leaksniff -j -r "$1" >/dev/null 2>"'"$out"'/$id.log"
rc=$?
if [ $rc -gt 2 ] || grep -q "==[0-9]*==" "'"$out"'/$id.log"; then echo "$1" >"'"$out"'/$id.fail"; else rm -f "'"$out"'/$id.log"; fi
' sh
fail=$(cat "$out"/*.fail 2>/dev/null | wc -l)
total=$(wc -l <"$out/files")
if [ "$fail" -gt 0 ]; then
	cat "$out"/*.fail
	for f in "$out"/*.fail; do head -40 "${f%.fail}.log"; done | head -120
fi
echo "valgrind: $((total - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
