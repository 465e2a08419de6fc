/* SPDX-License-Identifier: MIT */
/*
 * pcapng.c - the pcapng block reader (see pcapng.h).
 *
 * specification: draft-ietf-opsawg-pcapng (PCAP Next Generation Dump File
 * Format), sections 3 (block layout), 4.1-4.4 (SHB, IDB, EPB, SPB) and
 * appendix A (the obsolete Packet Block).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------------------------------------------------------+
 *   |                          Block Type                           |
 *   +---------------------------------------------------------------+
 *   |                      Block Total Length                       |
 *   +---------------------------------------------------------------+
 *   /                          Block Body                           /
 *   +---------------------------------------------------------------+
 *   |                      Block Total Length                       |
 *   +---------------------------------------------------------------+
 *
 * A block is read whole into one buffer and its fields are read through
 * the bounds-checked cursor.  Damage (a block cut short, a length that
 * does not add up, a packet of an interface the section never described,
 * captured bytes beyond their block) ends the file at that block's first
 * byte; everything before it has been handed on.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "pcapng.h"

#define BT_IDB		0x00000001u
#define BT_OPB		0x00000002u	/* obsolete Packet Block */
#define BT_SPB		0x00000003u
#define BT_EPB		0x00000006u
#define BOM		0x1a2b3c4du

#define OPT_END		0
#define IF_NAME		2
#define IF_DESCR	3
#define IF_TSRESOL	9
#define IF_TSOFFSET	14

static uint16_t
rd16(struct ls_cursor *c, bool be)
{
	uint16_t v = cur_be16(c);
	return be ? v : (uint16_t)(v >> 8 | v << 8);
}

static uint32_t
rd32(struct ls_cursor *c, bool be)
{
	return be ? cur_be32(c) : cur_le32(c);
}

static uint32_t
get32(const uint8_t *p, bool be)
{
	struct ls_cursor c = cur_init(p, 4);
	return rd32(&c, be);
}

static int __attribute__((format(printf, 2, 3)))
damage(struct ls_pcapng *ng, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ng->why, sizeof(ng->why), fmt, ap);
	va_end(ap);
	return PCAPNG_DAMAGE;
}

/* n bytes into buf + at; PCAPNG_PACKET, PCAPNG_END (nothing at all when
 * none), a short read's damage or the stream's error. */
static int
fill(struct ls_pcapng *ng, size_t at, size_t n, size_t *got)
{
	*got = fread(ng->buf + at, 1, n, ng->fp);
	if (*got == n)
		return PCAPNG_PACKET;
	if (ferror(ng->fp)) {
		if (errno == 0)
			errno = EIO;
		return PCAPNG_READERR;
	}
	return PCAPNG_END;
}

static bool
grow(struct ls_pcapng *ng, size_t n)
{
	uint8_t *b;

	if (n <= ng->cap)
		return true;
	if ((b = realloc(ng->buf, n)) == NULL)
		return false;
	ng->buf = b;
	ng->cap = n;
	return true;
}

/* The next block into buf: its type and length, checked. */
static int
read_block(struct ls_pcapng *ng, uint32_t *type, uint32_t *len)
{
	size_t got;
	int rc;

	ng->at = ng->off;
	if ((rc = fill(ng, 0, 8, &got)) != PCAPNG_PACKET) {
		if (rc == PCAPNG_END && got > 0)
			return damage(ng, "a block header cut short: %zu of 8 "
			    "bytes", got);
		return rc;
	}
	*type = get32(ng->buf, ng->be);
	if (*type == PCAPNG_MAGIC) {
		/* a new section: its own byte order, by its magic */
		if ((rc = fill(ng, 8, 4, &got)) != PCAPNG_PACKET)
			return rc == PCAPNG_END ? damage(ng, "a section header "
			    "cut short: %zu of 12 bytes", 8 + got) : rc;
		if (get32(ng->buf + 8, true) == BOM)
			ng->be = true;
		else if (get32(ng->buf + 8, false) == BOM)
			ng->be = false;
		else
			return damage(ng, "a section header without the "
			    "byte-order magic 0x1a2b3c4d");
	}
	*len = get32(ng->buf + 4, ng->be);
	if (*len < 12 || (*len & 3) != 0 || (*type == PCAPNG_MAGIC &&
	    *len < 28))
		return damage(ng, "a block of type 0x%08" PRIx32 " with the "
		    "impossible length %" PRIu32, *type, *len);
	if (*len > PCAPNG_MAX_BLOCK)
		return damage(ng, "a block of %" PRIu32 " bytes, over the %u "
		    "a capture block may have", *len, PCAPNG_MAX_BLOCK);
	if (!grow(ng, *len))
		return damage(ng, "out of memory for a block of %" PRIu32
		    " bytes", *len);
	size_t have = *type == PCAPNG_MAGIC ? 12 : 8;
	if ((rc = fill(ng, have, *len - have, &got)) != PCAPNG_PACKET)
		return rc == PCAPNG_END ? damage(ng, "a block of %" PRIu32
		    " bytes cut short after %zu", *len, have + got) : rc;
	if (get32(ng->buf + *len - 4, ng->be) != *len)
		return damage(ng, "a block whose trailing length %" PRIu32
		    " is not its leading one %" PRIu32,
		    get32(ng->buf + *len - 4, ng->be), *len);
	ng->off += *len;
	return PCAPNG_PACKET;
}

static int
section(struct ls_pcapng *ng, uint32_t len)
{
	struct ls_cursor c = cur_init(ng->buf + 12, len - 16);
	uint16_t major = rd16(&c, ng->be);

	if (major != 1)
		return damage(ng, "a section of pcapng version %u (1 is known)",
		    major);
	ng->base = ng->nif;	/* the section's interfaces begin at 0 */
	return PCAPNG_PACKET;
}

/* An option's value as a string, without its padding. */
static void
opt_str(char *dst, size_t n, struct ls_cursor *v, uint16_t olen)
{
	size_t k = olen < n - 1 ? olen : n - 1;

	cur_bytes(v, dst, k);
	dst[k] = '\0';
	for (size_t i = 0; i < k; i++)
		if ((unsigned char)dst[i] < 0x20 || dst[i] == 0x7f)
			dst[i] = dst[i] == '\0' ? '\0' : '?';
}

static int
interface(struct ls_pcapng *ng, uint32_t len)
{
	struct ls_cursor c = cur_init(ng->buf + 8, len - 12);
	struct ls_pcapng_if *f;

	if (ng->nif == PCAPNG_MAX_IF)
		return damage(ng, "more than %u interfaces", PCAPNG_MAX_IF);
	if (ng->nif == ng->capif) {
		uint32_t n = ng->capif * 2 + 4;
		void *p = realloc(ng->ifs, n * sizeof(*ng->ifs));
		if (p == NULL)
			return damage(ng, "out of memory for an interface");
		ng->ifs = p;
		ng->capif = n;
	}
	f = &ng->ifs[ng->nif];
	memset(f, 0, sizeof(*f));
	f->exp = 6;
	f->linktype = rd16(&c, ng->be);
	(void)rd16(&c, ng->be);		/* reserved */
	f->snaplen = rd32(&c, ng->be);
	if (!cur_ok(&c))
		return damage(ng, "an interface description of %" PRIu32
		    " bytes, too short for one", len);
	while (cur_remaining(&c) > 0) {
		uint16_t code = rd16(&c, ng->be), olen = rd16(&c, ng->be);
		struct ls_cursor v;
		bool cut;

		if (!cur_ok(&c))
			return damage(ng, "an interface option cut short");
		if (code == OPT_END)
			break;
		v = cur_sub(&c, olen, &cut);
		if (cut || !cur_skip(&c, (4 - (olen & 3)) & 3))
			return damage(ng, "interface option %u of %u bytes runs "
			    "past its block", code, olen);
		switch (code) {
		case IF_NAME:
			opt_str(f->name, sizeof(f->name), &v, olen);
			break;
		case IF_DESCR:
			opt_str(f->descr, sizeof(f->descr), &v, olen);
			break;
		case IF_TSRESOL: {
			uint8_t r = cur_u8(&v);
			f->pow2 = (r & 0x80) != 0;
			f->exp = r & 0x7f;
			if (olen != 1 || (f->pow2 ? f->exp > 63 : f->exp > 19))
				return damage(ng, "an interface time resolution "
				    "of %s-%u, not one a timestamp can have",
				    f->pow2 ? "2^" : "10^", f->exp);
			break;
		}
		case IF_TSOFFSET: {
			uint64_t hi = rd32(&v, ng->be), lo = rd32(&v, ng->be);
			if (olen != 8)
				return damage(ng, "an interface time offset of "
				    "%u bytes (8 it has)", olen);
			f->tsoffset = (int64_t)(ng->be ? hi << 32 | lo :
			    lo << 32 | hi);
			break;
		}
		default:
			break;
		}
	}
	ng->nif++;
	return PCAPNG_PACKET;
}

uint64_t
pcapng_ts_us(const struct ls_pcapng_if *f, uint64_t ts)
{
	static const uint64_t p10[] = { 1, 10, 100, 1000, 10000, 100000,
	    1000000, 10000000, 100000000, 1000000000, 10000000000ull,
	    100000000000ull, 1000000000000ull, 10000000000000ull,
	    100000000000000ull };
	uint64_t us;
	int64_t off;

	if (f->pow2) {
		unsigned n = f->exp;
		uint64_t frac = n == 0 ? 0 : ts & ((UINT64_C(1) << n) - 1);
		us = (n == 0 ? ts : ts >> n) * 1000000u;
		if (n > 44) {		/* frac * 10^6 fits: drop sub-us bits */
			frac >>= n - 44;
			n = 44;
		}
		us += (frac * 1000000u) >> n;
	} else if (f->exp <= 6)
		us = ts * p10[6 - f->exp];
	else
		us = f->exp - 6 < 15 ? ts / p10[f->exp - 6] : 0;
	off = f->tsoffset;		/* wraps as unsigned: no overflow */
	if (off < 0 && (0 - (uint64_t)off) * 1000000u > us)
		return 0;
	return us + (uint64_t)off * 1000000u;
}

/* The packet of an EPB, an OPB or an SPB in buf. */
static int
packet(struct ls_pcapng *ng, uint32_t type, uint32_t len,
    struct ls_pcapng_rec *r)
{
	struct ls_cursor c = cur_init(ng->buf + 8, len - 12);
	uint32_t id, hi = 0, lo = 0, fixed;

	if (type == BT_SPB) {
		id = 0;
		r->len = rd32(&c, ng->be);
		fixed = 4;
	} else {
		id = type == BT_OPB ? rd16(&c, ng->be) : rd32(&c, ng->be);
		if (type == BT_OPB)
			(void)rd16(&c, ng->be);		/* drops */
		hi = rd32(&c, ng->be);
		lo = rd32(&c, ng->be);
		r->caplen = rd32(&c, ng->be);
		r->len = rd32(&c, ng->be);
		fixed = 20;
	}
	if (!cur_ok(&c))
		return damage(ng, "a packet block of %" PRIu32 " bytes, too "
		    "short for one", len);
	if (id >= ng->nif - ng->base)
		return damage(ng, "a packet of interface %" PRIu32 ", which the "
		    "section has not described (%" PRIu32 " it has)", id,
		    ng->nif - ng->base);
	const struct ls_pcapng_if *f = &ng->ifs[ng->base + id];
	if (type == BT_SPB) {
		r->caplen = r->len;
		if (f->snaplen != 0 && r->caplen > f->snaplen)
			r->caplen = f->snaplen;
		if (r->caplen > len - 12 - fixed)
			r->caplen = len - 12 - fixed;
		r->ts_us = ng->last_us;
	} else {
		if (r->caplen > len - 12 - fixed)
			return damage(ng, "a packet of %" PRIu32 " captured "
			    "bytes in a block of %" PRIu32, r->caplen, len);
		if (f->snaplen != 0 && r->caplen > f->snaplen)
			return damage(ng, "a packet of %" PRIu32 " captured "
			    "bytes, longer than its interface's snapshot length "
			    "%" PRIu32, r->caplen, f->snaplen);
		r->ts_us = pcapng_ts_us(f, (uint64_t)hi << 32 | lo);
		ng->last_us = r->ts_us;
	}
	r->ifid = ng->base + id;
	r->data = ng->buf + 8 + fixed;
	ng->packets++;
	return PCAPNG_PACKET;
}

/* Blocks up to the next packet (kept) or interface. */
static int
step(struct ls_pcapng *ng, struct ls_pcapng_rec *r, bool to_interface)
{
	uint32_t type, len;
	int rc;

	for (;;) {
		if (ng->held) {
			ng->held = false;
			type = get32(ng->buf, ng->be);
			len = get32(ng->buf + 4, ng->be);
		} else if ((rc = read_block(ng, &type, &len)) != PCAPNG_PACKET)
			return rc;
		switch (type) {
		case PCAPNG_MAGIC:
			rc = section(ng, len);
			break;
		case BT_IDB:
			rc = interface(ng, len);
			if (rc == PCAPNG_PACKET && to_interface)
				return rc;
			break;
		case BT_EPB:
		case BT_SPB:
		case BT_OPB:
			if (to_interface) {
				ng->held = true;
				return PCAPNG_PACKET;
			}
			return packet(ng, type, len, r);
		default:	/* NRB, ISB, DSB, custom, unknown: skipped */
			rc = PCAPNG_PACKET;
			break;
		}
		if (rc != PCAPNG_PACKET)
			return rc;
	}
}

int
pcapng_open(struct ls_pcapng *ng, FILE *fp)
{
	uint32_t type, len;
	int rc;

	memset(ng, 0, sizeof(*ng));
	ng->fp = fp;
	if (!grow(ng, 4096))
		return damage(ng, "out of memory");
	if ((rc = read_block(ng, &type, &len)) != PCAPNG_PACKET)
		return rc == PCAPNG_END ? damage(ng, "an empty file") : rc;
	if (type != PCAPNG_MAGIC)
		return damage(ng, "no section header first");
	if ((rc = section(ng, len)) != PCAPNG_PACKET)
		return rc;
	rc = step(ng, NULL, true);
	return rc == PCAPNG_END ? PCAPNG_PACKET : rc;
}

int
pcapng_next(struct ls_pcapng *ng, struct ls_pcapng_rec *r)
{
	return step(ng, r, false);
}

void
pcapng_free(struct ls_pcapng *ng)
{
	free(ng->buf);
	free(ng->ifs);
	ng->buf = NULL;
	ng->ifs = NULL;
}
