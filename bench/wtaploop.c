/* SPDX-License-Identifier: MIT */
/*
 * wtaploop.c - the readloop of bench/readloop.c through Debian's
 * libwiretap (Wireshark's file library), for docs/performance.md's choice
 * of a pcapng reader: read every record, touch its first byte, count the
 * interfaces the records name.
 *
 *   cc -O2 -o wtaploop bench/wtaploop.c $(pkg-config --cflags glib-2.0) \
 *      -I/usr/include/wireshark -lwiretap -lwsutil -lglib-2.0
 *   wtaploop FILE
 */
#include <stdio.h>
#include <stdlib.h>

#include <wiretap/wtap.h>
#include <wsutil/buffer.h>
#include <wsutil/wslog.h>

int
main(int argc, char **argv)
{
	wtap_rec rec;
	Buffer buf;
	gint64 off;
	gchar *info = NULL;
	int err = 0;
	unsigned long n = 0, sum = 0, ifmax = 0;
	wtap *w;

	if (argc != 2) {
		fprintf(stderr, "usage: wtaploop FILE\n");
		return 2;
	}
	ws_log_init("wtaploop", NULL);	/* else every record logs at DEBUG */
	wtap_init(FALSE);
	w = wtap_open_offline(argv[1], WTAP_TYPE_AUTO, &err, &info, FALSE);
	if (w == NULL) {
		fprintf(stderr, "wtaploop: %s: %s%s%s\n", argv[1],
		    wtap_strerror(err), info ? ": " : "", info ? info : "");
		return 2;
	}
	wtap_rec_init(&rec);
	ws_buffer_init(&buf, 65536);
	while (wtap_read(w, &rec, &buf, &err, &info, &off)) {
		if (rec.rec_type != REC_TYPE_PACKET)
			continue;
		n++;
		if (rec.presence_flags & WTAP_HAS_INTERFACE_ID &&
		    rec.rec_header.packet_header.interface_id > ifmax)
			ifmax = rec.rec_header.packet_header.interface_id;
		sum += rec.rec_header.packet_header.caplen > 0 ?
		    ws_buffer_start_ptr(&buf)[0] : 0;
		wtap_rec_reset(&rec);
	}
	if (err != 0)
		fprintf(stderr, "wtaploop: %s: after %lu packets at byte %lld: "
		    "%s%s%s\n", argv[1], n, (long long)off, wtap_strerror(err),
		    info ? ": " : "", info ? info : "");
	printf("%lu packets, %lu interfaces (%lu)\n", n, ifmax + 1, sum & 1);
	wtap_close(w);
	return err != 0;
}
