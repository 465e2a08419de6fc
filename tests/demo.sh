#!/bin/sh
# `make demo`: audit every bundled capture and show what leaksniff reports.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC
for f in pcaps/gen/*.pcap; do
	[ -e "$f" ] || { echo "no captures in pcaps/gen (run 'make pcaps')"; exit 1; }
	echo "=== $f"
	./leaksniff -L 192.0.2.0/24 -r "$f"
	echo "(exit $?)"
done
echo
echo "JSON lines for one capture (pcaps/gen/outage.pcap):"
./leaksniff -j -L 192.0.2.0/24 -r pcaps/gen/outage.pcap | head -20
exit 0
