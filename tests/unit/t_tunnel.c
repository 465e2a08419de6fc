/* SPDX-License-Identifier: MIT */
/*
 * t_tunnel.c - the tunnel's life (src/tunnel.c): phases of a moment from
 * the carrier's own messages and rhythm, outages that start at the
 * carrier's last packet, and when a moment is settled.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <string.h>

#include "event.h"
#include "flow.h"
#include "locality.h"
#include "pending.h"
#include "report.h"
#include "tunnel.h"

#define MS	1000ull
#define S	1000000ull
#define T0	(1767225600ull * S)	/* 2026-01-01 */

struct lab {
	struct ls_locality	loc;
	struct ls_stats		st;
	struct ls_reporter	rep;
	struct ls_tunnels	t;
	struct ls_flow		f;
	struct ls_pending	pd;	/* what names the carrier WireGuard */
	unsigned		downs, ups;
	uint64_t		down_start, down_at, up_end;
};

static struct lab *lab_of;

static void
on_tunnel(struct ls_reporter *r, const struct ls_tunnel_event *ev)
{
	(void)r;
	if (ev->first || ev->ifname[0] != '\0')
		return;
	if (ev->state == TUNNEL_DOWN) {
		lab_of->downs++;
		lab_of->down_start = ev->outage_start_us;
		lab_of->down_at = ev->ts_us;
	} else {
		lab_of->ups++;
		lab_of->up_end = ev->outage_end_us;
	}
}

static const struct reporter_ops ops = { .name = "t", .tunnel = on_tunnel };

/* A WireGuard carrier 192.0.2.10 -> 203.0.113.1:51820, --outage 5. */
static void
lab_init(struct lab *l)
{
	memset(l, 0, sizeof(*l));
	lab_of = l;
	locality_init(&l->loc, NULL, 0, NULL);
	l->rep.ops = &ops;
	tunnel_init(&l->t, &l->loc, &l->rep, &l->st, 5 * S);
	tunnel_begin_source(&l->t, NULL);
	assert_true(addr_parse("192.0.2.10", &l->f.cli));
	assert_true(addr_parse("203.0.113.1", &l->f.srv));
	l->f.cport = 41000;
	l->f.sport = 51820;
	l->f.proto = IPPROTO_UDP;
	strcpy(l->pd.l7.name, "WireGuard");
	l->f.eng.pending = &l->pd;
}

#define KEEPALIVE	5	/* a type-4 message of 32 bytes */

/* A WireGuard message of type `type' at time t, from the client (dir
 * DIR_TOSERVER) or from the server. */
static void
wg_dir(struct lab *l, uint64_t t, uint8_t type, enum flow_dir dir)
{
	uint8_t msg[148];
	size_t n = type == 1 ? 148 : type == 2 ? 92 : type == 3 ? 64 :
	    type == KEEPALIVE ? 32 : 96;

	if (type == KEEPALIVE)
		type = 4;
	memset(msg, 0, sizeof(msg));
	msg[0] = type;
	tunnel_tick(&l->t, t);
	struct ls_packet p = { .payload_off = 0, .payload_len = (uint32_t)n };
	struct ls_pkt_ctx x = { &p, msg, (uint32_t)n, (uint32_t)n, t, 0,
	    (uint8_t)dir };
	tunnel_seen(&l->t, &l->f, &x);
}

/* From the client; a response (type 2) from the server. */
static void
wg(struct lab *l, uint64_t t, uint8_t type)
{
	wg_dir(l, t, type, type == 2 ? DIR_TOCLIENT : DIR_TOSERVER);
}

/* Data every 20 ms from t0 to t1, each answered 1 ms later. */
static void
busy(struct lab *l, uint64_t t0, uint64_t t1)
{
	for (uint64_t t = t0; t <= t1; t += 20 * MS) {
		wg(l, t, 4);
		wg_dir(l, t + MS, 4, DIR_TOCLIENT);
	}
}

/* A full handshake at t, data from t + 10 ms to t1. */
static void
session(struct lab *l, uint64_t t, uint64_t t1)
{
	wg(l, t, 1);
	wg(l, t + 5 * MS, 2);
	busy(l, t + 10 * MS, t1);
}

static void
t_no_carrier_is_before_tunnel(void **state)
{
	struct lab l;

	(void)state;
	lab_init(&l);
	assert_int_equal(tunnel_phase_at(&l.t, T0), PHASE_BEFORE_TUNNEL);
	assert_true(tunnel_settled(&l.t, T0));
	tunnel_free(&l.t);
}

/* The client's first data answered by the server's: connected from that
 * first data on; an unanswered one (the kernel's router solicitation into
 * a fresh interface) is not enough. */
static void
t_handshake_until_the_first_answered_data(void **state)
{
	struct lab l;

	(void)state;
	lab_init(&l);
	wg(&l, T0, 1);
	wg(&l, T0 + 5 * MS, 2);
	wg(&l, T0 + 8 * MS, 4);			/* never answered */
	wg(&l, T0 + 10 * MS, 4);
	/* a moment before the unanswered data is settled (handshake,
	 * whatever comes), one after it is not */
	assert_true(tunnel_settled(&l.t, T0 + 9 * MS));
	assert_false(tunnel_settled(&l.t, T0 + 10 * MS + 1));
	wg_dir(&l, T0 + 12 * MS, 4, DIR_TOCLIENT);
	assert_int_equal(tunnel_phase_at(&l.t, T0 + 11 * MS), PHASE_CONNECTED);
	assert_int_equal(tunnel_phase_at(&l.t, T0 + 7 * MS), PHASE_HANDSHAKE);
	assert_int_equal(tunnel_phase_at(&l.t, T0 + 9 * MS), PHASE_HANDSHAKE);
	assert_int_equal(tunnel_phase_at(&l.t, T0 + 10 * MS), PHASE_CONNECTED);
	assert_int_equal(tunnel_phase_at(&l.t, T0 - 1), PHASE_BEFORE_TUNNEL);
	tunnel_free(&l.t);
}

static void
t_a_capture_that_starts_mid_session_is_connected(void **state)
{
	struct lab l;

	(void)state;
	lab_init(&l);
	busy(&l, T0, T0 + S);
	assert_int_equal(tunnel_phase_at(&l.t, T0 + S / 2), PHASE_CONNECTED);
	assert_int_equal(l.downs, 0);
	tunnel_free(&l.t);
}

static void
t_a_moment_in_a_silence_is_not_settled_until_the_carrier_speaks(void **state)
{
	struct lab l;

	(void)state;
	lab_init(&l);
	busy(&l, T0, T0 + S);
	/* a leak 100 ms after the carrier's last packet: not known yet */
	assert_false(tunnel_settled(&l.t, T0 + S + 100 * MS));
	wg(&l, T0 + S + 150 * MS, 4);
	assert_true(tunnel_settled(&l.t, T0 + S + 100 * MS));
	/* the same session went on: a lull, not an outage */
	assert_int_equal(tunnel_phase_at(&l.t, T0 + S + 100 * MS),
	    PHASE_CONNECTED);
	assert_int_equal(l.downs, 0);
	tunnel_free(&l.t);
}

static void
t_a_killed_client_is_an_outage_from_its_last_packet(void **state)
{
	struct lab l;
	uint64_t last = T0 + 2 * S;

	(void)state;
	lab_init(&l);
	busy(&l, T0, last);
	/* killed: nothing for 5 s, then a new session */
	tunnel_tick(&l.t, last + 4 * S);
	assert_int_equal(l.downs, 0);
	assert_false(tunnel_settled(&l.t, last + 200 * MS));
	tunnel_tick(&l.t, last + 5 * S + 1);
	/* recognised, but by silence alone: reported once confirmed */
	assert_int_equal(l.downs, 0);
	assert_true(tunnel_settled(&l.t, last + 200 * MS));
	assert_int_equal(tunnel_phase_at(&l.t, last + 200 * MS), PHASE_OUTAGE);
	assert_int_equal(tunnel_phase_at(&l.t, last), PHASE_CONNECTED);
	session(&l, last + 6 * S, last + 7 * S);
	/* a new session confirms it, stamped when it was recognised */
	assert_int_equal(l.downs, 1);
	assert_int_equal(l.down_start, last);
	assert_int_equal(l.down_at, last + 5 * S);
	assert_int_equal(tunnel_phase_at(&l.t, last + 6 * S + 7 * MS),
	    PHASE_RECONNECT);
	assert_int_equal(tunnel_phase_at(&l.t, last + 6 * S + 20 * MS),
	    PHASE_CONNECTED);
	assert_int_equal(l.ups, 1);
	assert_int_equal(l.up_end, last + 6 * S);
	tunnel_free(&l.t);
}

static void
t_a_new_session_after_a_short_gap_is_an_outage_at_once(void **state)
{
	struct lab l;
	uint64_t last = T0 + 2 * S;

	(void)state;
	lab_init(&l);
	busy(&l, T0, last);
	/* restarted within 1.5 s: shorter than --outage, but a new session
	 * after a gap its rhythm does not allow */
	session(&l, last + 1500 * MS, last + 2 * S);
	assert_int_equal(l.downs, 1);
	assert_int_equal(l.down_start, last);
	assert_int_equal(l.down_at, last + 1500 * MS);
	assert_int_equal(tunnel_phase_at(&l.t, last + 700 * MS), PHASE_OUTAGE);
	tunnel_free(&l.t);
}

static void
t_a_rekey_in_a_busy_tunnel_is_no_outage(void **state)
{
	struct lab l;

	(void)state;
	lab_init(&l);
	busy(&l, T0, T0 + 2 * S);
	session(&l, T0 + 2 * S + 20 * MS, T0 + 3 * S);
	assert_int_equal(l.downs, 0);
	assert_int_equal(tunnel_phase_at(&l.t, T0 + 2 * S + 25 * MS),
	    PHASE_CONNECTED);
	tunnel_free(&l.t);
}

static void
t_keepalives_set_the_rhythm_of_an_idle_tunnel(void **state)
{
	struct lab l;

	(void)state;
	lab_init(&l);
	busy(&l, T0, T0 + 100 * MS);
	/* only keepalives every 10 s: after the first, none is an outage */
	for (unsigned k = 1; k <= 6; k++)
		wg(&l, T0 + k * 10 * S, KEEPALIVE);
	unsigned after_first = l.downs;
	for (unsigned k = 7; k <= 12; k++) {
		tunnel_tick(&l.t, T0 + k * 10 * S - 1);
		wg(&l, T0 + k * 10 * S, KEEPALIVE);
	}
	assert_int_equal(l.downs, after_first);
	/* and a keepalive tunnel that stops its keepalives is out (the end
	 * of input confirms it: it never came back) */
	tunnel_tick(&l.t, T0 + 12 * 10 * S + 30 * S);
	tunnel_end_input(&l.t);
	assert_int_equal(l.downs, after_first + 1);
	assert_int_equal(l.down_start, T0 + 120 * S);
	tunnel_free(&l.t);
}

static void
t_a_rekey_after_a_keepalive_gap_is_no_outage(void **state)
{
	struct lab l;

	(void)state;
	lab_init(&l);
	for (unsigned k = 0; k <= 6; k++)
		wg(&l, T0 + k * 10 * S, KEEPALIVE);
	unsigned downs = l.downs;
	/* WireGuard rekeys on a keepalive: an initiation after one rhythm */
	session(&l, T0 + 70 * S, T0 + 70 * S + 100 * MS);
	assert_int_equal(l.downs, downs);
	tunnel_free(&l.t);
}

static void
t_the_end_of_input_settles_a_silence_as_it_was(void **state)
{
	struct lab l;

	(void)state;
	lab_init(&l);
	busy(&l, T0, T0 + S);
	assert_false(tunnel_settled(&l.t, T0 + S + 300 * MS));
	tunnel_end_input(&l.t);
	assert_true(tunnel_settled(&l.t, T0 + S + 300 * MS));
	assert_int_equal(tunnel_phase_at(&l.t, T0 + S + 300 * MS),
	    PHASE_CONNECTED);
	tunnel_free(&l.t);
}

static void
t_the_os_taking_the_interface_down_opens_an_outage(void **state)
{
	struct lab l;

	(void)state;
	lab_init(&l);
	busy(&l, T0, T0 + S);
	tunnel_os(&l.t, "wg0", false, T0 + S + 50 * MS);
	assert_int_equal(l.downs, 1);
	assert_int_equal(l.down_start, T0 + S);
	assert_int_equal(tunnel_phase_at(&l.t, T0 + S + 100 * MS), PHASE_OUTAGE);
	tunnel_free(&l.t);
}

/* What live's kernel filter asks: connected now?  Not from the outage
 * until a new session's first data is answered (its keepalive is not
 * enough). */
static void
t_connected_now_again_only_at_the_new_sessions_first_data(void **state)
{
	struct lab l;
	uint64_t t = T0 + S + 5 * S;

	(void)state;
	lab_init(&l);
	busy(&l, T0, T0 + S);
	assert_true(tunnel_connected_now(&l.t));
	tunnel_os(&l.t, "wg0", false, T0 + S + 50 * MS);
	assert_false(tunnel_connected_now(&l.t));
	wg(&l, t, 1);
	wg(&l, t + 5 * MS, 2);
	wg(&l, t + 6 * MS, KEEPALIVE);
	assert_false(tunnel_connected_now(&l.t));
	wg(&l, t + 30 * MS, 4);
	assert_false(tunnel_connected_now(&l.t));
	wg_dir(&l, t + 31 * MS, 4, DIR_TOCLIENT);
	assert_true(tunnel_connected_now(&l.t));
	tunnel_free(&l.t);
}

/* Silence alone, the same session going on after it and no leak in it: a
 * lull, never reported, and the carrier's rhythm from then on. */
static void
t_a_silence_the_same_session_ends_is_a_lull(void **state)
{
	struct lab l;

	(void)state;
	lab_init(&l);
	busy(&l, T0, T0 + S);
	tunnel_tick(&l.t, T0 + S + 8 * S);
	assert_int_equal(tunnel_phase_at(&l.t, T0 + S + 7 * S), PHASE_OUTAGE);
	wg(&l, T0 + S + 10 * S, KEEPALIVE);
	assert_int_equal(l.downs, 0);
	assert_int_equal(l.st.outages, 0);
	assert_int_equal(tunnel_phase_at(&l.t, T0 + S + 7 * S),
	    PHASE_CONNECTED);
	/* the next 10 s gap is its rhythm */
	tunnel_tick(&l.t, T0 + S + 19 * S);
	wg(&l, T0 + S + 20 * S, KEEPALIVE);
	tunnel_end_input(&l.t);
	assert_int_equal(l.downs, 0);
	tunnel_free(&l.t);
}

/* A leak in a silence makes it an outage: tunnel_count_leak confirms it. */
static void
t_a_leak_in_a_silence_confirms_the_outage(void **state)
{
	struct lab l;

	(void)state;
	lab_init(&l);
	busy(&l, T0, T0 + S);
	tunnel_tick(&l.t, T0 + S + 6 * S);
	assert_int_equal(l.downs, 0);
	tunnel_count_leak(&l.t, T0 + S + 200 * MS);
	assert_int_equal(l.downs, 1);
	assert_int_equal(l.st.outages, 1);
	wg(&l, T0 + S + 10 * S, 4);	/* the same session: still an outage */
	assert_int_equal(tunnel_phase_at(&l.t, T0 + S + 200 * MS),
	    PHASE_OUTAGE);
	assert_int_equal(l.ups, 1);
	tunnel_free(&l.t);
}

static void
t_phase_names_round_trip(void **state)
{
	(void)state;
	for (int p = 0; p < PHASE__COUNT; p++)
		assert_int_equal(phase_of(phase_name(p)), p);
	assert_int_equal(phase_of("down"), -1);
	assert_true(phase_killswitch(PHASE_OUTAGE));
	assert_true(phase_killswitch(PHASE_RECONNECT));
	assert_false(phase_killswitch(PHASE_CONNECTED));
	assert_false(phase_killswitch(PHASE_HANDSHAKE));
	assert_false(phase_killswitch(PHASE_BEFORE_TUNNEL));
	assert_int_equal(phase_tunnel(PHASE_CONNECTED), TUNNEL_UP);
	assert_int_equal(phase_tunnel(PHASE_BEFORE_TUNNEL), TUNNEL_UNKNOWN);
	assert_int_equal(phase_tunnel(PHASE_OUTAGE), TUNNEL_DOWN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_no_carrier_is_before_tunnel),
		cmocka_unit_test(t_handshake_until_the_first_answered_data),
		cmocka_unit_test(t_a_capture_that_starts_mid_session_is_connected),
		cmocka_unit_test(t_a_moment_in_a_silence_is_not_settled_until_the_carrier_speaks),
		cmocka_unit_test(t_a_killed_client_is_an_outage_from_its_last_packet),
		cmocka_unit_test(t_a_new_session_after_a_short_gap_is_an_outage_at_once),
		cmocka_unit_test(t_a_rekey_in_a_busy_tunnel_is_no_outage),
		cmocka_unit_test(t_keepalives_set_the_rhythm_of_an_idle_tunnel),
		cmocka_unit_test(t_a_rekey_after_a_keepalive_gap_is_no_outage),
		cmocka_unit_test(t_the_end_of_input_settles_a_silence_as_it_was),
		cmocka_unit_test(t_the_os_taking_the_interface_down_opens_an_outage),
		cmocka_unit_test(t_connected_now_again_only_at_the_new_sessions_first_data),
		cmocka_unit_test(t_a_silence_the_same_session_ends_is_a_lull),
		cmocka_unit_test(t_a_leak_in_a_silence_confirms_the_outage),
		cmocka_unit_test(t_phase_names_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
