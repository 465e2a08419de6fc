#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Counts, in a capture made by tests/lab/record.sh on the client's physical
# interface, what left outside the tunnel: each client flow to the public
# services (198.51.100.0/24) is a leak, since the carrier is the only thing
# that should leave.  Prints one line per leaked flow (first packet's time,
# proto, client port, what it was) and a summary with the carrier's packets.
# usage: tests/lab/count.sh FILE.pcap [CARRIER-FILTER]
# (default carrier: udp and host 203.0.113.1 and port 51820)
[ $# -ge 1 ] || { echo "usage: $0 FILE.pcap [CARRIER-FILTER]" >&2; exit 2; }
f=$1
carrier=${2:-udp and host 203.0.113.1 and port 51820}
tcpdump -tt -n -r "$f" 'src host 192.0.2.2 or src host 192.0.2.3' 2>/dev/null | awk '
/ > 198\.51\.100\.[0-9]+\.53: / {
	split($3, a, "."); key = "udp " a[5]
	if (!(key in seen)) { seen[key] = 1; n_dns++; q = $0; sub(/.*\? /, "", q); sub(/ .*/, "", q)
		printf "%s dns  %s:%s %s\n", $1, $3 == "" ? "" : a[1] "." a[2] "." a[3] "." a[4], a[5], q }
}
/ > 198\.51\.100\.[0-9]+\.80: Flags \[S\]/ {
	split($3, a, "."); key = "tcp " a[5]
	if (!(key in seen)) { seen[key] = 1; n_http++
		printf "%s http %s:%s SYN\n", $1, a[1] "." a[2] "." a[3] "." a[4], a[5] }
}
END { printf "leaked flows: %d dns, %d http\n", n_dns, n_http }'
first=$(tcpdump -tt -n -r "$f" "$carrier" 2>/dev/null | head -1 | cut -d' ' -f1)
last=$(tcpdump -tt -n -r "$f" "$carrier" 2>/dev/null | tail -1 | cut -d' ' -f1)
n=$(tcpdump -n -r "$f" "$carrier" 2>/dev/null | wc -l)
echo "carrier ($carrier): $n packets, first $first, last $last"
# the longest silence of the carrier
tcpdump -tt -n -r "$f" "$carrier" 2>/dev/null | awk '
{ if (p != "" && $1 - p > gap) { gap = $1 - p; from = p; to = $1 } p = $1 }
END { if (gap > 0) printf "longest carrier silence: %.3f s (%s .. %s)\n", gap, from, to }'
