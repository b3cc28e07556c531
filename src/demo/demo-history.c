/*
 * demo-history: the story of the demo catalogue's last DEMO_HISTORY_DAYS
 * days.  Epoch k is the catalogue k days before its present (epoch 0), so
 * every event below is "on day d before now": what is true at epochs up to
 * d is new, what is true after d is how it was.
 *
 * - A few models were launched on some day (before it: not listed at all)
 *   and about one retired model in three was still served until some day.
 * - Some price tiers and off-peak windows appeared on some day, and a few
 *   endpoints had their context doubled.
 * - One model had its expiry date announced 18 days ago and postponed 6
 *   days ago.
 * - One endpoint degraded 13 days ago (latency up, throughput and uptime
 *   down, status -2 for two days) and recovered 9 days ago.
 *
 * Every choice comes from streams of its own (purpose numbers 300+), so the
 * epoch-0 data and the random rounds of demo-catalogue.c stay what they
 * were.  The scale set (a fixed endpoint count) has none of it.
 */
#include "config.h"

#include "demo/demo-private.h"

#include <string.h>

#include "util/civil.h"

#define HIST_BASE_STREAM	300
#define HIST_EP_STREAM		310

/* The expiry story, in days before now, and its dates. */
#define EXPIRY_ANNOUNCED	18
#define EXPIRY_POSTPONED	6

/* The degradation, days before now: first and last day, and each day's. */
#define DEGRADE_FROM		13
#define DEGRADE_TO		9
static const struct {
	unsigned	latency_pct;
	unsigned	throughput_pct;
	double		uptime;
	int		status;
} degrade_days[DEGRADE_FROM - DEGRADE_TO + 1] = {
	{ 150, 80, 98.4, 0 },		/* 9 days ago: recovering */
	{ 300, 50, 91.3, 0 },
	{ 600, 20, 61.8, -2 },
	{ 400, 30, 84.5, -2 },
	{ 200, 60, 97.2, 0 },		/* 13 days ago: it starts */
};
#define HEALTHY_UPTIME		99.7

/* A day in 1..DEMO_HISTORY_DAYS - 2 from r. */
static unsigned
hist_day(struct demo_rng *r)
{
	return (1 + demo_rng_below(r, DEMO_HISTORY_DAYS - 2));
}

/* Whether the default rule of demo-json.c gives m an expiry date. */
static int
has_default_expiry(const struct demo_base *m)
{
	return (m->created / 86400 < civil_to_days(2025, 1, 1) &&
	    m->created_us % 7 == 0);
}

void
demo_history_base(struct demo_gen *g, unsigned idx, struct demo_base *m)
{
	struct demo_rng	r;
	unsigned	day;

	m->idx = idx;
	if (g->fixed != 0 || m->router || idx < 3)
		return;
	demo_rng_seed(&r, g->seed, HIST_BASE_STREAM + (uint64_t)idx * 16);
	if (m->retired) {
		/* Still served until some day of the history. */
		if (demo_rng_chance(&r, 35)) {
			day = hist_day(&r);
			if (g->epoch > day) {
				m->retired = 0;
				m->hidden = 0;
				m->revived = 1;
			}
		}
		return;
	}
	if (demo_rng_chance(&r, 3)) {
		m->unborn = g->epoch > hist_day(&r);
		return;
	}
	if (!g->picked_degrade) {
		g->picked_degrade = 1;
		g->degrade_idx = idx;
		return;
	}
	if (!g->picked_expiry && !has_default_expiry(m)) {
		g->picked_expiry = 1;
		if (g->epoch > EXPIRY_ANNOUNCED)
			m->expiry = -1;
		else if (g->epoch > EXPIRY_POSTPONED)
			m->expiry = civil_to_days(2026, 12, 11);
		else
			m->expiry = civil_to_days(2026, 12, 25);
	}
}

void
demo_history_pick(struct demo_gen *g, const struct demo_base *m,
    enum demo_variant v, const struct demo_ep *eps, unsigned n)
{
	if (g->fixed != 0 || !g->picked_degrade || m->idx != g->degrade_idx ||
	    v != VAR_STANDARD || n == 0 || g->degrade_id[0] != '\0')
		return;
	memcpy(g->degrade_id, eps[0].id, sizeof g->degrade_id);
}

int
demo_history_kept(const struct demo_gen *g, const struct demo_ep *e)
{
	return (g->degrade_id[0] != '\0' && strcmp(e->id, g->degrade_id) == 0);
}

/* The degrading endpoint at the run's epoch. */
static void
demo_history_degrade(const struct demo_gen *g, struct demo_ep *e)
{
	unsigned	d;

	if (g->epoch < DEGRADE_TO || g->epoch > DEGRADE_FROM) {
		e->uptime = HEALTHY_UPTIME;
		e->status = 0;
		return;
	}
	d = g->epoch - DEGRADE_TO;
	e->latency = demo_round_to(e->latency * degrade_days[d].latency_pct /
	    100, 1);
	e->throughput = demo_round_to(e->throughput *
	    degrade_days[d].throughput_pct / 100, 0.001);
	e->uptime = degrade_days[d].uptime;
	e->status = degrade_days[d].status;
}

void
demo_history_eps(struct demo_gen *g, const struct demo_base *m,
    struct demo_ep *eps, unsigned n)
{
	struct demo_rng	 r;
	struct demo_ep	*e;
	unsigned	 i;

	(void)m;
	if (g->fixed != 0)
		return;
	for (i = 0; i < n; i++) {
		e = &eps[i];
		demo_rng_seed(&r, g->seed ^ e->mseed, HIST_EP_STREAM);
		/* Tiers and windows that appeared on some day. */
		if ((e->extra.ntiers != 0 || e->extra.win_pct != 0) &&
		    demo_rng_chance(&r, 40) && g->epoch > hist_day(&r)) {
			e->extra.ntiers = 0;
			e->extra.win_pct = 0;
		}
		/* A context doubled on some day. */
		if (e->ctx >= 16384 && demo_rng_chance(&r, 4) &&
		    g->epoch > hist_day(&r)) {
			e->ctx /= 2;
			if (e->max_out > e->ctx)
				e->max_out = e->ctx;
		}
		if (demo_history_kept(g, e))
			demo_history_degrade(g, e);
	}
}
