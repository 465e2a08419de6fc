/* SPDX-License-Identifier: MIT */
/*
 * t_pcapng.c - the pcapng block reader (src/pcapng.c): blocks built here
 * byte by byte, in either byte order, read back from a memory stream.
 * One behaviour per test: what is read, what is skipped, and each kind of
 * damage with the offset of the block it starts at.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "pcapng.h"

struct bld {
	uint8_t	b[4096];
	size_t	n;
	bool	be;
};

static void
p8(struct bld *b, uint8_t v)
{
	b->b[b->n++] = v;
}

static void
p16(struct bld *b, uint16_t v)
{
	p8(b, (uint8_t)(b->be ? v >> 8 : v));
	p8(b, (uint8_t)(b->be ? v : v >> 8));
}

static void
p32(struct bld *b, uint32_t v)
{
	if (b->be) {
		p16(b, (uint16_t)(v >> 16));
		p16(b, (uint16_t)v);
	} else {
		p16(b, (uint16_t)v);
		p16(b, (uint16_t)(v >> 16));
	}
}

/* A block: type, length, body, length. */
static void
block(struct bld *b, uint32_t type, const uint8_t *body, size_t n)
{
	uint32_t len = (uint32_t)(12 + ((n + 3) & ~(size_t)3));

	p32(b, type);
	p32(b, len);
	memcpy(b->b + b->n, body, n);
	memset(b->b + b->n + n, 0, len - 12 - n);
	b->n += len - 12;
	p32(b, len);
}

static void
shb(struct bld *b, bool be)
{
	b->be = be;
	p32(b, PCAPNG_MAGIC);
	p32(b, 28);
	p32(b, 0x1a2b3c4du);
	p16(b, 1);
	p16(b, 0);
	p32(b, 0xffffffffu);
	p32(b, 0xffffffffu);
	p32(b, 28);
}

/* An IDB; opts: options already laid out (in b's byte order), or NULL. */
static void
idb(struct bld *b, uint16_t lt, uint32_t snap, const struct bld *opts)
{
	struct bld body = { .be = b->be };

	p16(&body, lt);
	p16(&body, 0);
	p32(&body, snap);
	if (opts != NULL) {
		memcpy(body.b + body.n, opts->b, opts->n);
		body.n += opts->n;
	}
	block(b, 1, body.b, body.n);
}

static void
opt(struct bld *o, uint16_t code, const void *v, uint16_t n)
{
	p16(o, code);
	p16(o, n);
	if (n > 0)
		memcpy(o->b + o->n, v, n);
	memset(o->b + o->n + n, 0, (4 - (n & 3)) & 3);
	o->n += (n + 3u) & ~3u;
}

static void
epb(struct bld *b, uint32_t ifid, uint64_t ts, const uint8_t *d,
    uint32_t caplen, uint32_t len)
{
	struct bld body = { .be = b->be };

	p32(&body, ifid);
	p32(&body, (uint32_t)(ts >> 32));
	p32(&body, (uint32_t)ts);
	p32(&body, caplen);
	p32(&body, len);
	memcpy(body.b + body.n, d, caplen);
	body.n += caplen;
	block(b, 6, body.b, body.n);
}

static const uint8_t frame[6] = { 1, 2, 3, 4, 5, 6 };

/* Open b and read: the result of pcapng_open, then the reader. */
static int
open_bld(struct ls_pcapng *ng, struct bld *b, FILE **fp)
{
	*fp = fmemopen(b->b, b->n, "rb");
	assert_non_null(*fp);
	return pcapng_open(ng, *fp);
}

static void
done(struct ls_pcapng *ng, FILE *fp)
{
	pcapng_free(ng);
	fclose(fp);
}

static void
t_epb_is_read_with_its_interface_and_time(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	FILE *fp;

	(void)state;
	shb(&b, false);
	idb(&b, 1, 65535, NULL);
	epb(&b, 0, 1700000000123456ull, frame, 6, 60);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ifid, 0);
	assert_int_equal(r.caplen, 6);
	assert_int_equal(r.len, 60);
	assert_memory_equal(r.data, frame, 6);
	assert_int_equal(r.ts_us, 1700000000123456ull);
	assert_int_equal(ng.ifs[0].linktype, 1);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_END);
	done(&ng, fp);
}

static void
t_unknown_and_other_blocks_are_skipped(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	const uint8_t junk[10] = { 0xde, 0xad };
	FILE *fp;

	(void)state;
	shb(&b, false);
	block(&b, 4, junk, sizeof(junk));		/* NRB */
	idb(&b, 1, 0, NULL);
	block(&b, 0x12345678u, junk, sizeof(junk));	/* unknown */
	block(&b, 0x00000bad, junk, sizeof(junk));	/* custom */
	block(&b, 5, junk, 8);				/* ISB */
	block(&b, 0x0a, junk, 4);			/* DSB */
	epb(&b, 0, 1, frame, 6, 6);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.caplen, 6);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_END);
	assert_int_equal(ng.packets, 1);
	done(&ng, fp);
}

static void
t_big_endian_section_is_read(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	FILE *fp;

	(void)state;
	shb(&b, true);
	idb(&b, 113, 262144, NULL);
	epb(&b, 0, 42000001, frame, 5, 70);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(ng.ifs[0].linktype, 113);
	assert_int_equal(ng.ifs[0].snaplen, 262144);
	assert_int_equal(r.caplen, 5);
	assert_int_equal(r.len, 70);
	assert_int_equal(r.ts_us, 42000001);
	done(&ng, fp);
}

static void
t_second_section_numbers_its_interfaces_after_the_first(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	FILE *fp;

	(void)state;
	shb(&b, false);
	idb(&b, 1, 0, NULL);
	epb(&b, 0, 1, frame, 6, 6);
	shb(&b, true);		/* another byte order too */
	idb(&b, 101, 0, NULL);
	epb(&b, 0, 2, frame, 6, 6);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ifid, 0);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ifid, 1);
	assert_int_equal(ng.nif, 2);
	assert_int_equal(ng.ifs[1].linktype, 101);
	done(&ng, fp);
}

static void
t_if_name_and_description_are_kept(void **state)
{
	struct bld b = { .n = 0 }, o = { .n = 0 };
	struct ls_pcapng ng;
	FILE *fp;

	(void)state;
	opt(&o, 2, "wlan0", 5);
	opt(&o, 3, "Intel AX200", 11);
	opt(&o, 0, NULL, 0);
	shb(&b, false);
	idb(&b, 1, 0, &o);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_string_equal(ng.ifs[0].name, "wlan0");
	assert_string_equal(ng.ifs[0].descr, "Intel AX200");
	done(&ng, fp);
}

static void
t_tsresol_nanoseconds(void **state)
{
	struct bld b = { .n = 0 }, o = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	const uint8_t nine = 9;
	FILE *fp;

	(void)state;
	opt(&o, 9, &nine, 1);
	shb(&b, false);
	idb(&b, 1, 0, &o);
	epb(&b, 0, 1700000000123456789ull, frame, 6, 6);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ts_us, 1700000000123456ull);
	done(&ng, fp);
}

static void
t_tsresol_power_of_two(void **state)
{
	struct bld b = { .n = 0 }, o = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	const uint8_t two20 = 0x80 | 20;
	FILE *fp;

	(void)state;
	o.be = true;		/* the section's byte order */
	opt(&o, 9, &two20, 1);
	shb(&b, true);
	idb(&b, 1, 0, &o);
	epb(&b, 0, (5ull << 20) | (1ull << 19), frame, 6, 6);	/* 5.5 s */
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ts_us, 5500000);
	done(&ng, fp);
}

static void
t_tsoffset_adds_seconds(void **state)
{
	struct bld b = { .n = 0 }, o = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	uint8_t off[8] = { 100, 0, 0, 0, 0, 0, 0, 0 };	/* little-endian */
	FILE *fp;

	(void)state;
	opt(&o, 14, off, 8);
	shb(&b, false);
	idb(&b, 1, 0, &o);
	epb(&b, 0, 7, frame, 6, 6);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ts_us, 100000007);
	done(&ng, fp);
}

static void
t_negative_tsoffset_subtracts_seconds(void **state)
{
	struct bld b = { .n = 0 }, o = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	uint8_t off[8];
	FILE *fp;

	(void)state;
	memset(off, 0xff, sizeof(off));		/* -1, little-endian */
	opt(&o, 14, off, 8);
	shb(&b, false);
	idb(&b, 1, 0, &o);
	epb(&b, 0, 5000000, frame, 6, 6);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ts_us, 4000000);
	done(&ng, fp);
}

static void
t_truncated_block_is_damage_at_its_offset(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	size_t second;
	FILE *fp;

	(void)state;
	shb(&b, false);
	idb(&b, 1, 0, NULL);
	epb(&b, 0, 1, frame, 6, 6);
	second = b.n;
	epb(&b, 0, 2, frame, 6, 6);
	b.n -= 5;				/* cut inside the second */
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_DAMAGE);
	assert_int_equal(ng.at, second);
	assert_non_null(strstr(ng.why, "cut short"));
	assert_int_equal(ng.packets, 1);
	done(&ng, fp);
}

static void
t_interface_out_of_range_is_damage(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	size_t at;
	FILE *fp;

	(void)state;
	shb(&b, false);
	idb(&b, 1, 0, NULL);
	at = b.n;
	epb(&b, 1, 1, frame, 6, 6);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_DAMAGE);
	assert_int_equal(ng.at, at);
	assert_non_null(strstr(ng.why, "interface 1"));
	done(&ng, fp);
}

static void
t_interface_of_an_earlier_section_is_out_of_range(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	FILE *fp;

	(void)state;
	shb(&b, false);
	idb(&b, 1, 0, NULL);
	shb(&b, false);		/* a new section: no interface yet */
	epb(&b, 0, 1, frame, 6, 6);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_DAMAGE);
	done(&ng, fp);
}

static void
t_epb_caplen_beyond_its_block_is_damage(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	size_t at;
	FILE *fp;

	(void)state;
	shb(&b, false);
	idb(&b, 1, 0, NULL);
	at = b.n;
	epb(&b, 0, 1, frame, 6, 6);
	b.b[at + 20] = 200;			/* caplen 200 in 6 bytes */
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_DAMAGE);
	assert_int_equal(ng.at, at);
	assert_non_null(strstr(ng.why, "200 captured bytes in a block"));
	done(&ng, fp);
}

static void
t_caplen_over_snaplen_is_damage(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	FILE *fp;

	(void)state;
	shb(&b, false);
	idb(&b, 1, 4, NULL);
	epb(&b, 0, 1, frame, 6, 6);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_DAMAGE);
	assert_non_null(strstr(ng.why, "snapshot length 4"));
	done(&ng, fp);
}

static void
t_trailing_length_unlike_leading_is_damage(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	FILE *fp;

	(void)state;
	shb(&b, false);
	idb(&b, 1, 0, NULL);
	epb(&b, 0, 1, frame, 6, 6);
	b.b[b.n - 4] ^= 4;
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_DAMAGE);
	assert_non_null(strstr(ng.why, "trailing length"));
	done(&ng, fp);
}

static void
t_spb_takes_interface_0_and_its_snaplen(void **state)
{
	struct bld b = { .n = 0 }, body = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	FILE *fp;

	(void)state;
	shb(&b, false);
	idb(&b, 1, 4, NULL);
	body.be = false;
	p32(&body, 1500);			/* original length */
	memcpy(body.b + body.n, frame, 4);
	body.n += 4;
	block(&b, 3, body.b, body.n);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ifid, 0);
	assert_int_equal(r.caplen, 4);
	assert_int_equal(r.len, 1500);
	done(&ng, fp);
}

static void
t_obsolete_packet_block_is_read(void **state)
{
	struct bld b = { .n = 0 }, body = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	FILE *fp;

	(void)state;
	shb(&b, false);
	idb(&b, 1, 0, NULL);
	idb(&b, 113, 0, NULL);
	body.be = false;
	p16(&body, 1);		/* interface */
	p16(&body, 0);		/* drops */
	p32(&body, 0);
	p32(&body, 3000000);
	p32(&body, 6);
	p32(&body, 6);
	memcpy(body.b + body.n, frame, 6);
	body.n += 6;
	block(&b, 2, body.b, body.n);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ifid, 1);
	assert_int_equal(r.ts_us, 3000000);
	done(&ng, fp);
}

static void
t_no_section_header_first_is_refused(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	FILE *fp;

	(void)state;
	idb(&b, 1, 0, NULL);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_DAMAGE);
	assert_int_equal(ng.at, 0);
	done(&ng, fp);
}

static void
t_section_without_packets_ends_clean(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	FILE *fp;

	(void)state;
	shb(&b, false);
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_PACKET);
	assert_int_equal(ng.nif, 0);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_END);
	done(&ng, fp);
}

static void
t_bad_byte_order_magic_is_damage(void **state)
{
	struct bld b = { .n = 0 };
	struct ls_pcapng ng;
	FILE *fp;

	(void)state;
	shb(&b, false);
	b.b[8] = 0x99;
	assert_int_equal(open_bld(&ng, &b, &fp), PCAPNG_DAMAGE);
	assert_non_null(strstr(ng.why, "byte-order magic"));
	done(&ng, fp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_epb_is_read_with_its_interface_and_time),
		cmocka_unit_test(t_unknown_and_other_blocks_are_skipped),
		cmocka_unit_test(t_big_endian_section_is_read),
		cmocka_unit_test(t_second_section_numbers_its_interfaces_after_the_first),
		cmocka_unit_test(t_if_name_and_description_are_kept),
		cmocka_unit_test(t_tsresol_nanoseconds),
		cmocka_unit_test(t_tsresol_power_of_two),
		cmocka_unit_test(t_tsoffset_adds_seconds),
		cmocka_unit_test(t_negative_tsoffset_subtracts_seconds),
		cmocka_unit_test(t_truncated_block_is_damage_at_its_offset),
		cmocka_unit_test(t_interface_out_of_range_is_damage),
		cmocka_unit_test(t_interface_of_an_earlier_section_is_out_of_range),
		cmocka_unit_test(t_epb_caplen_beyond_its_block_is_damage),
		cmocka_unit_test(t_caplen_over_snaplen_is_damage),
		cmocka_unit_test(t_trailing_length_unlike_leading_is_damage),
		cmocka_unit_test(t_spb_takes_interface_0_and_its_snaplen),
		cmocka_unit_test(t_obsolete_packet_block_is_read),
		cmocka_unit_test(t_no_section_header_first_is_refused),
		cmocka_unit_test(t_section_without_packets_ends_clean),
		cmocka_unit_test(t_bad_byte_order_magic_is_damage),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
