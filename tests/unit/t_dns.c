/* SPDX-License-Identifier: MIT */
/* t_dns.c - the DNS extractor on good and hostile messages. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"

/* header: id 0x1234, RD, 1 question */
static const uint8_t HDR[12] = { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };

static size_t
msg(uint8_t *b, const uint8_t *name, size_t nlen, uint16_t qtype)
{
	memcpy(b, HDR, 12);
	memcpy(b + 12, name, nlen);
	b[12 + nlen] = (uint8_t)(qtype >> 8);
	b[13 + nlen] = (uint8_t)qtype;
	b[14 + nlen] = 0;
	b[15 + nlen] = 1;
	return 16 + nlen;
}

static const uint8_t www[] = "\3www\7example\3com";

static void
t_query_gives_name_type_and_id(void **state)
{
	uint8_t b[128];
	struct ls_dns d;
	size_t n = msg(b, www, sizeof(www), 28);

	(void)state;
	assert_int_equal(dns_extract(b, n, false, &d), DNS_OK);
	assert_string_equal(d.qname, "www.example.com");
	assert_int_equal(d.qname_len, 15);
	assert_int_equal(d.qtype, 28);
	assert_int_equal(d.id, 0x1234);
	assert_false(d.response);
	assert_true(dns_looks_like(b, n, false));
}

static void
t_type_names_aaaa_and_unknown(void **state)
{
	(void)state;
	assert_string_equal(dns_type_name(28), "AAAA");
	assert_null(dns_type_name(9999));
}

static void
t_every_truncation_fails_and_is_not_dns_shaped(void **state)
{
	uint8_t b[128];
	struct ls_dns d;
	size_t n = msg(b, www, sizeof(www), 28);

	(void)state;
	for (size_t cut = 0; cut < n; cut++) {
		assert_int_not_equal(dns_extract(b, cut, false, &d), DNS_OK);
		assert_false(dns_looks_like(b, cut, false));
	}
}

/* The query over TCP, with its 2-byte length; returns its size. */
static size_t
tcp_query(uint8_t t[130])
{
	uint8_t b[128];
	size_t n = msg(b, www, sizeof(www), 28);

	t[0] = 0;
	t[1] = (uint8_t)n;
	memcpy(t + 2, b, n);
	return n + 2;
}

static void
t_tcp_query_with_length_prefix(void **state)
{
	uint8_t t[130];
	struct ls_dns d;
	size_t n = tcp_query(t);

	(void)state;
	assert_int_equal(dns_extract(t, n, true, &d), DNS_OK);
	assert_string_equal(d.qname, "www.example.com");
}

static void
t_tcp_length_prefix_lying_short_cuts_the_message(void **state)
{
	uint8_t t[130];
	struct ls_dns d;
	size_t n = tcp_query(t);

	(void)state;
	t[1] = 20;
	assert_int_not_equal(dns_extract(t, n, true, &d), DNS_OK);
}

static void
t_tcp_one_byte_is_truncated(void **state)
{
	uint8_t t[130];
	struct ls_dns d;

	(void)state;
	tcp_query(t);
	t[1] = 20;
	assert_int_equal(dns_extract(t, 1, true, &d), DNS_TRUNC);
}

static void
t_root_name_is_empty(void **state)
{
	static const uint8_t root[] = { 0 };
	uint8_t b[64];
	struct ls_dns d;

	(void)state;
	assert_int_equal(dns_extract(b, msg(b, root, 1, 2), false, &d), DNS_OK);
	assert_string_equal(d.qname, "");
}

static const uint8_t odd[] = { 3, 'a', '.', 0, 2, 'x', 0x1b, 0 };

static void
t_label_bytes_dot_nul_esc_are_kept_raw(void **state)
{
	uint8_t b[64];
	struct ls_dns d;
	size_t n = msg(b, odd, sizeof(odd), 1);

	(void)state;
	assert_int_equal(dns_extract(b, n, false, &d), DNS_OK);
	assert_int_equal(d.qname_len, 6);
	assert_memory_equal(d.qname, "a.\0.x\x1b", 6);
}

static void
t_raw_byte_name_is_not_dns_shaped(void **state)
{
	uint8_t b[64];
	size_t n = msg(b, odd, sizeof(odd), 1);

	(void)state;
	assert_false(dns_looks_like(b, n, false));
}

static void
t_pointer_to_itself_is_bad_pointer(void **state)
{
	static const uint8_t self[] = { 0xc0, 12 };
	uint8_t b[64];
	struct ls_dns d;

	(void)state;
	assert_int_equal(dns_extract(b, msg(b, self, 2, 1), false, &d),
	    DNS_BAD_POINTER);
}

static void
t_forward_pointer_is_bad_pointer(void **state)
{
	static const uint8_t fwd[] = { 0xc0, 20, 0, 0, 0, 0, 0, 0, 1, 'a', 0 };
	uint8_t b[64];
	struct ls_dns d;

	(void)state;
	assert_int_equal(dns_extract(b, msg(b, fwd, sizeof(fwd), 1), false, &d),
	    DNS_BAD_POINTER);
}

static void
t_pointer_loop_is_bad_pointer(void **state)
{
	static const uint8_t back[] = { 1, 'a', 0xc0, 12 };
	uint8_t b[64];
	struct ls_dns d;

	(void)state;
	assert_int_equal(dns_extract(b, msg(b, back, 4, 1), false, &d),
	    DNS_BAD_POINTER);
}

static void
t_pointer_past_the_message_is_bad_pointer(void **state)
{
	static const uint8_t past[] = { 0xff, 0xff };
	uint8_t b[64];
	struct ls_dns d;

	(void)state;
	assert_int_equal(dns_extract(b, msg(b, past, 2, 1), false, &d),
	    DNS_BAD_POINTER);
}

static void
t_label_type_0x40_is_bad_name(void **state)
{
	static const uint8_t badlbl[] = { 0x41, 'a', 0 };
	uint8_t b[64];
	struct ls_dns d;

	(void)state;
	assert_int_equal(dns_extract(b, msg(b, badlbl, 3, 1), false, &d),
	    DNS_BAD_NAME);
}

static void
t_question_is_read_at_offset_12(void **state)
{
	uint8_t r[64];
	struct ls_dns d;

	(void)state;
	memcpy(r, HDR, 12);
	memcpy(r + 12, "\3abc\0\0\1\0\1", 9);		/* question: abc */
	r[5] = 1;
	assert_int_equal(dns_extract(r, 21, false, &d), DNS_OK);
	assert_string_equal(d.qname, "abc");
}

static void
t_name_of_255_bytes_is_accepted(void **state)
{
	uint8_t name[300], b[400];
	struct ls_dns d;
	size_t o = 0;

	(void)state;
	/* 63-byte labels: 4 of them make 255 presentation bytes exactly */
	for (int l = 0; l < 4; l++) {
		name[o++] = 63;
		memset(name + o, 'a' + l, 63);
		o += 63;
	}
	name[o++] = 0;
	/* 4*63 + 3 dots = 255 */
	assert_int_equal(dns_extract(b, msg(b, name, o, 1), false, &d), DNS_OK);
	assert_int_equal(d.qname_len, 255);
}

static void
t_name_over_255_bytes_is_bad_name(void **state)
{
	uint8_t name[300], b[400];
	struct ls_dns d;
	size_t o = 0;

	(void)state;
	for (int l = 0; l < 4; l++) {
		name[o++] = 63;
		memset(name + o, 'a', 63);
		o += 63;
	}
	name[o++] = 1;
	name[o++] = 'z';
	name[o++] = 0;
	assert_int_equal(dns_extract(b, msg(b, name, o, 1), false, &d),
	    DNS_BAD_NAME);
}

static void
t_random_bytes_are_almost_never_dns_shaped(void **state)
{
	uint8_t b[1200];
	unsigned pass = 0;
	uint32_t s = 12345;

	(void)state;
	for (int i = 0; i < 100000; i++) {
		size_t n = 20 + (size_t)(i % 1180);
		for (size_t k = 0; k < n; k++) {
			s = s * 1103515245u + 12345u;
			b[k] = (uint8_t)(s >> 16);
		}
		pass += dns_looks_like(b, n, false);
	}
	assert_true(pass < 5);
}

static void
t_query_with_50_answers_is_not_dns_shaped(void **state)
{
	static const uint8_t name[] = "\1a";
	uint8_t b[64];
	size_t n = msg(b, name, sizeof(name), 1);

	(void)state;
	b[7] = 50;
	assert_false(dns_looks_like(b, n, false));
}

static void
t_message_without_question_is_not_dns_shaped(void **state)
{
	static const uint8_t name[] = "\1a";
	uint8_t b[64];
	size_t n = msg(b, name, sizeof(name), 1);

	(void)state;
	b[5] = 0;
	assert_false(dns_looks_like(b, n, false));
}

/*
 * Work, not seconds (issue 5).  Pointers go strictly backwards and the
 * question is the first name, so its own chain can only run back into the
 * 12-byte header; the longest walk is a run of one-byte labels.  A 64 KB
 * message whose answers are a chain of 30,000 pointers, each to the one
 * before, costs the same few steps: only the question is read.
 */
static uint8_t m[2 + 65535];

static void
t_work_127_one_byte_labels_take_128_steps(void **state)
{
	size_t o;
	struct ls_dns d;

	(void)state;
	memcpy(m + 2, HDR, 12);
	o = 12;
	for (int i = 0; i < 127; i++) {
		m[2 + o++] = 1;
		m[2 + o++] = 'a';
	}
	m[2 + o++] = 0;
	m[2 + o++] = 0; m[2 + o++] = 1; m[2 + o++] = 0; m[2 + o++] = 1;
	m[0] = (uint8_t)(o >> 8);
	m[1] = (uint8_t)o;
	assert_int_equal(dns_extract(m, o + 2, true, &d), DNS_OK);
	assert_int_equal(d.qname_len, 253);
	assert_int_equal(d.name_steps, 128);
}

static void
t_work_30000_labels_stop_at_the_name_cap(void **state)
{
	size_t o;
	struct ls_dns d;

	(void)state;
	memcpy(m + 2, HDR, 12);
	o = 12;
	for (int i = 0; i < 30000; i++) {
		m[2 + o++] = 1;
		m[2 + o++] = 'a';
	}
	m[2 + o++] = 0;
	m[0] = (uint8_t)(o >> 8);
	m[1] = (uint8_t)o;
	assert_int_equal(dns_extract(m, o + 2, true, &d), DNS_BAD_NAME);
	assert_true(d.name_steps <= 129);	/* 128 labels fit in 255 */
}

static void
t_work_pointer_chain_into_header_takes_few_steps(void **state)
{
	struct ls_dns d;
	/* the question a pointer into the header, which points further back
	 * and further: every hop strictly lower, a handful of steps */
	static const uint8_t hdr[12] = { 0xc0, 0x00, 0x01, 0x00, 0, 1, 0, 0,
	    0xc0, 0x00, 0xc0, 0x08 };		/* 10 -> 8 -> 0 -> 0: refused */

	(void)state;
	memcpy(m + 2, hdr, 12);
	m[2 + 12] = 0xc0;
	m[2 + 13] = 10;
	m[0] = 0;
	m[1] = 18;
	assert_int_equal(dns_extract(m, 20, true, &d), DNS_BAD_POINTER);
	assert_true(d.name_steps <= 4);
}

static void
t_work_64k_of_answer_pointers_reads_only_the_question(void **state)
{
	size_t o;
	struct ls_dns d;

	(void)state;
	/* a maximal message: question "a", then 32,000 answers' worth of
	 * pointers each to the one before */
	memcpy(m + 2, HDR, 12);
	m[2 + 7] = 0xff;			/* ancount 255 */
	o = 12;
	m[2 + o++] = 1; m[2 + o++] = 'a'; m[2 + o++] = 0;
	m[2 + o++] = 0; m[2 + o++] = 1; m[2 + o++] = 0; m[2 + o++] = 1;
	size_t first = o;
	while (o + 2 <= 65535) {
		size_t to = o == first ? 12 : o - 2;
		m[2 + o] = (uint8_t)(0xc0 | to >> 8);
		m[2 + o + 1] = (uint8_t)to;
		o += 2;
	}
	m[0] = (uint8_t)(o >> 8);
	m[1] = (uint8_t)o;
	assert_int_equal(dns_extract(m, o + 2, true, &d), DNS_OK);
	assert_string_equal(d.qname, "a");
	assert_int_equal(d.name_steps, 2);
}

/* --- the addresses of an answer ---------------------------------------- */

/* An answer to www.example.com: its records after the question, each
 * named by a pointer to it. */
static size_t
answer(uint8_t *b, size_t nrr, const uint8_t *const *rr, const size_t *rrlen)
{
	size_t n = msg(b, www, sizeof(www), 1);

	b[2] = 0x81;
	b[3] = 0x80;
	b[7] = (uint8_t)nrr;
	for (size_t i = 0; i < nrr; i++) {
		memcpy(b + n, rr[i], rrlen[i]);
		n += rrlen[i];
	}
	return n;
}

static const uint8_t RR_A[] = { 0xc0, 12, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4,
    198, 51, 100, 80 };
static const uint8_t RR_AAAA[] = { 0xc0, 12, 0, 28, 0, 1, 0, 0, 0, 60, 0, 16,
    0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80 };
static const uint8_t RR_CNAME[] = { 0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 6,
    3, 'c', 'd', 'n', 0xc0, 16 };
static const uint8_t RR_A_LEN5[] = { 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 5,
    1, 2, 3, 4, 5 };
static const uint8_t RR_A_CHAOS[] = { 0xc0, 12, 0, 1, 0, 3, 0, 0, 0, 60, 0, 4,
    1, 2, 3, 4 };

static void
t_answer_gives_its_a_record_and_ttl(void **state)
{
	const uint8_t *rr[] = { RR_A };
	const size_t len[] = { sizeof(RR_A) };
	uint8_t b[256];
	struct ls_dns_addrs a;
	struct ls_addr want;
	size_t n = answer(b, 1, rr, len);

	(void)state;
	assert_int_equal(dns_answer_addrs(b, n, false, &a), DNS_OK);
	assert_int_equal(a.n, 1);
	addr_parse("198.51.100.80", &want);
	assert_memory_equal(&a.addr[0], &want, sizeof(want));
	assert_int_equal(a.ttl[0], 3600);
	assert_false(a.cut);
}

static void
t_answer_after_a_cname_gives_a_and_aaaa(void **state)
{
	const uint8_t *rr[] = { RR_CNAME, RR_A, RR_AAAA };
	const size_t len[] = { sizeof(RR_CNAME), sizeof(RR_A), sizeof(RR_AAAA) };
	uint8_t b[256];
	struct ls_dns_addrs a;
	struct ls_addr want;
	size_t n = answer(b, 3, rr, len);

	(void)state;
	assert_int_equal(dns_answer_addrs(b, n, false, &a), DNS_OK);
	assert_int_equal(a.n, 2);
	addr_parse("2001:db8:2::80", &want);
	assert_memory_equal(&a.addr[1], &want, sizeof(want));
}

static void
t_answer_over_tcp_reads_after_the_length(void **state)
{
	const uint8_t *rr[] = { RR_A };
	const size_t len[] = { sizeof(RR_A) };
	uint8_t b[256];
	struct ls_dns_addrs a;
	size_t n = answer(b + 2, 1, rr, len);

	(void)state;
	b[0] = 0;
	b[1] = (uint8_t)n;
	assert_int_equal(dns_answer_addrs(b, n + 2, true, &a), DNS_OK);
	assert_int_equal(a.n, 1);
}

static void
t_answer_record_of_wrong_length_or_class_is_skipped(void **state)
{
	const uint8_t *rr[] = { RR_A_LEN5, RR_A_CHAOS, RR_A };
	const size_t len[] = { sizeof(RR_A_LEN5), sizeof(RR_A_CHAOS),
	    sizeof(RR_A) };
	uint8_t b[256];
	struct ls_dns_addrs a;
	size_t n = answer(b, 3, rr, len);

	(void)state;
	assert_int_equal(dns_answer_addrs(b, n, false, &a), DNS_OK);
	assert_int_equal(a.n, 1);
	assert_int_equal(a.addr[0].b[15], 80);
}

static void
t_answer_cut_inside_a_record_keeps_the_records_before(void **state)
{
	const uint8_t *rr[] = { RR_A, RR_AAAA };
	const size_t len[] = { sizeof(RR_A), sizeof(RR_AAAA) };
	uint8_t b[256];
	struct ls_dns_addrs a;
	size_t n = answer(b, 2, rr, len);

	(void)state;
	assert_int_equal(dns_answer_addrs(b, n - 3, false, &a), DNS_OK);
	assert_int_equal(a.n, 1);
	assert_true(a.cut);
}

static void
t_answer_keeps_at_most_16_addresses(void **state)
{
	uint8_t b[2048];
	struct ls_dns_addrs a;
	size_t n = msg(b, www, sizeof(www), 1);

	(void)state;
	b[2] = 0x81;
	b[7] = 40;
	for (int i = 0; i < 40; i++) {
		memcpy(b + n, RR_A, sizeof(RR_A));
		n += sizeof(RR_A);
	}
	assert_int_equal(dns_answer_addrs(b, n, false, &a), DNS_OK);
	assert_int_equal(a.n, DNS_ANSWER_ADDRS);
	assert_true(a.cut);
}

static void
t_query_has_no_answer_addresses(void **state)
{
	uint8_t b[128];
	struct ls_dns_addrs a;
	size_t n = msg(b, www, sizeof(www), 1);

	(void)state;
	assert_int_equal(dns_answer_addrs(b, n, false, &a), DNS_NOT_DNS);
	assert_int_equal(a.n, 0);
}

static void
t_answer_record_pointing_forward_ends_the_walk(void **state)
{
	static const uint8_t fwd[] = { 0xc0, 0xff, 0, 1, 0, 1, 0, 0, 0, 60, 0,
	    4, 1, 2, 3, 4 };
	const uint8_t *rr[] = { fwd, RR_A };
	const size_t len[] = { sizeof(fwd), sizeof(RR_A) };
	uint8_t b[256];
	struct ls_dns_addrs a;
	size_t n = answer(b, 2, rr, len);

	(void)state;
	assert_int_equal(dns_answer_addrs(b, n, false, &a), DNS_OK);
	assert_int_equal(a.n, 0);
	assert_true(a.cut);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_query_gives_name_type_and_id),
		cmocka_unit_test(t_type_names_aaaa_and_unknown),
		cmocka_unit_test(t_every_truncation_fails_and_is_not_dns_shaped),
		cmocka_unit_test(t_tcp_query_with_length_prefix),
		cmocka_unit_test(t_tcp_length_prefix_lying_short_cuts_the_message),
		cmocka_unit_test(t_tcp_one_byte_is_truncated),
		cmocka_unit_test(t_root_name_is_empty),
		cmocka_unit_test(t_label_bytes_dot_nul_esc_are_kept_raw),
		cmocka_unit_test(t_raw_byte_name_is_not_dns_shaped),
		cmocka_unit_test(t_pointer_to_itself_is_bad_pointer),
		cmocka_unit_test(t_forward_pointer_is_bad_pointer),
		cmocka_unit_test(t_pointer_loop_is_bad_pointer),
		cmocka_unit_test(t_pointer_past_the_message_is_bad_pointer),
		cmocka_unit_test(t_label_type_0x40_is_bad_name),
		cmocka_unit_test(t_question_is_read_at_offset_12),
		cmocka_unit_test(t_name_of_255_bytes_is_accepted),
		cmocka_unit_test(t_name_over_255_bytes_is_bad_name),
		cmocka_unit_test(t_random_bytes_are_almost_never_dns_shaped),
		cmocka_unit_test(t_query_with_50_answers_is_not_dns_shaped),
		cmocka_unit_test(t_message_without_question_is_not_dns_shaped),
		cmocka_unit_test(t_work_127_one_byte_labels_take_128_steps),
		cmocka_unit_test(t_work_30000_labels_stop_at_the_name_cap),
		cmocka_unit_test(t_work_pointer_chain_into_header_takes_few_steps),
		cmocka_unit_test(t_work_64k_of_answer_pointers_reads_only_the_question),
		cmocka_unit_test(t_answer_gives_its_a_record_and_ttl),
		cmocka_unit_test(t_answer_after_a_cname_gives_a_and_aaaa),
		cmocka_unit_test(t_answer_over_tcp_reads_after_the_length),
		cmocka_unit_test(t_answer_record_of_wrong_length_or_class_is_skipped),
		cmocka_unit_test(t_answer_cut_inside_a_record_keeps_the_records_before),
		cmocka_unit_test(t_answer_keeps_at_most_16_addresses),
		cmocka_unit_test(t_query_has_no_answer_addresses),
		cmocka_unit_test(t_answer_record_pointing_forward_ends_the_walk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
