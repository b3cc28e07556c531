/*
 * test-table-layout: which columns fit a width and how wide each is, the
 * horizontal scroll, identifiers shortened without two reading alike, the
 * column under a click, and a table's chosen columns (shown, hidden,
 * reordered, parsed from and written as "a,b,c").
 */
#include "config.h"

#include "unit.h"

#include <locale.h>
#include <string.h>

#include "util/table-layout.h"

/* The endpoints screen's shape: model, provider, two prices, latency,
 * throughput, quantisation; the model pinned and cuttable. */
enum { M, P, IN, OUT, LAT, TPS, QUANT, N };

static void
cols_init(struct table_layout_col *c)
{
	static const int want[N] = { 40, 16, 6, 7, 6, 5, 7 };
	static const int min[N] = { 20, 10, 0, 0, 0, 0, 5 };
	static const int prio[N] = { 0, 1, 2, 3, 4, 5, 6 };
	int	i;

	memset(c, 0, N * sizeof *c);
	for (i = 0; i < N; i++) {
		c[i].want = want[i];
		c[i].min = min[i];
		c[i].prio = prio[i];
	}
	c[M].pinned = 1;
}

static int
total_width(const struct table_layout_col *c)
{
	int	i, end = 0;

	for (i = 0; i < N; i++) {
		if (c[i].width > 0 && c[i].x + c[i].width > end)
			end = c[i].x + c[i].width;
	}
	return (end);
}

static void
test_everything_fits(void **state)
{
	struct table_layout_col	c[N];
	int			i;

	(void)state;
	cols_init(c);
	assert_int_equal(table_layout_fit(c, N, 200, 1, 0), 0);
	for (i = 0; i < N; i++)
		assert_int_equal(c[i].width, c[i].want);
	assert_int_equal(c[P].x, 41);
	/* Content-sized: the spare room stays at the right. */
	assert_int_equal(total_width(c), 40 + 16 + 6 + 7 + 6 + 5 + 7 + 6);
}

static void
test_widest_narrows_first(void **state)
{
	struct table_layout_col	c[N];

	(void)state;
	cols_init(c);
	/* 93 wanted, 80 there: the model gives 13, the provider nothing. */
	assert_int_equal(table_layout_fit(c, N, 80, 1, 0), 0);
	assert_int_equal(c[M].width, 27);
	assert_int_equal(c[P].width, 16);
	assert_int_equal(total_width(c), 80);
}

static void
test_drop_by_priority(void **state)
{
	struct table_layout_col	c[N];
	int			rv;

	(void)state;
	cols_init(c);
	/* At minimum 20+10+6+7+6+5+5 + 6 gaps = 65: 60 drops QUANT. */
	rv = table_layout_fit(c, N, 60, 1, 0);
	assert_int_equal(rv, TABLE_LAYOUT_DROPPED | TABLE_LAYOUT_RIGHT);
	assert_int_equal(c[QUANT].width, 0);
	assert_int_equal(c[TPS].width, 5);
	assert_true(total_width(c) <= 60);
	/* Numbers are never cut. */
	assert_int_equal(c[IN].width, 6);
	assert_int_equal(c[OUT].width, 7);
	/* Narrower: throughput goes next, then latency. */
	table_layout_fit(c, N, 54, 1, 0);
	assert_int_equal(c[TPS].width, 0);
	assert_int_equal(c[LAT].width, 6);
	table_layout_fit(c, N, 48, 1, 0);
	assert_int_equal(c[LAT].width, 0);
	assert_int_equal(c[OUT].width, 7);
}

static void
test_scroll_reaches_every_column(void **state)
{
	struct table_layout_col	c[N];
	int			skip, rv, seen[N] = { 0 }, i;

	(void)state;
	cols_init(c);
	assert_int_equal(table_layout_unpinned(c, N), N - 1);
	for (skip = 0;; skip++) {
		rv = table_layout_fit(c, N, 50, 1, skip);
		assert_int_equal(c[M].width > 0, 1);
		assert_int_equal(!!(rv & TABLE_LAYOUT_LEFT), skip > 0);
		for (i = 0; i < N; i++)
			seen[i] |= c[i].width > 0;
		if (!(rv & TABLE_LAYOUT_RIGHT))
			break;
		assert_true(skip < N);
	}
	for (i = 0; i < N; i++)
		assert_int_equal(seen[i], 1);
	/* Scrolled, the columns skipped are not shown. */
	table_layout_fit(c, N, 50, 1, 2);
	assert_int_equal(c[P].width, 0);
	assert_int_equal(c[IN].width, 0);
	assert_int_equal(c[OUT].width, 7);
	/* Past the end is the last column. */
	rv = table_layout_fit(c, N, 50, 1, 99);
	assert_int_equal(c[QUANT].width > 0, 1);
	assert_int_equal(rv & TABLE_LAYOUT_RIGHT, 0);
}

static void
test_too_narrow_cuts_the_edge(void **state)
{
	struct table_layout_col	c[N];

	(void)state;
	cols_init(c);
	table_layout_fit(c, N, 12, 1, 0);
	assert_int_equal(c[M].x, 0);
	assert_int_equal(c[M].width, 12);
	assert_int_equal(c[P].width, 0);
}

static char *
elide(const char *const *ids, size_t n, size_t i, int width)
{
	return (table_layout_elide(ids, n, i, width));
}

static void
test_elide_fits_whole(void **state)
{
	const char	*ids[] = { "arbor/umbra-1" };
	char		*s;

	(void)state;
	s = elide(ids, 1, 0, 20);
	assert_string_equal(s, "arbor/umbra-1");
	free(s);
}

static void
test_elide_keeps_vendor_and_tail(void **state)
{
	const char	*ids[] = {
		"meta-llama/llama-3.3-70b-instruct-turbo-2025-07-01",
	};
	char		*s;

	(void)state;
	s = elide(ids, 1, 0, 24);
	assert_string_equal(s, "meta-llama/~o-2025-07-01");
	free(s);
}

static void
test_elide_never_alike(void **state)
{
	const char	*ids[] = {
		"arbor/umbra-1-405b-instruct-preview-2026-01-01",
		"arbor/umbra-1-70b-instruct-preview-2026-01-01",
		"arbor/umbra-1-405b-instruct-preview-2026-01-01",
		"arbor/umbra-2-405b-instruct-preview-2026-01-01",
	};
	char		*s[4];
	size_t		 i, j;

	(void)state;
	for (i = 0; i < 4; i++) {
		s[i] = elide(ids, 4, i, 20);
		assert_int_equal(strlen(s[i]), 20);
	}
	/* The same id reads the same; different ones never do. */
	assert_string_equal(s[0], s[2]);
	for (i = 0; i < 4; i++) {
		for (j = 0; j < 4; j++) {
			if (strcmp(ids[i], ids[j]) != 0)
				assert_string_not_equal(s[i], s[j]);
		}
	}
	for (i = 0; i < 4; i++)
		free(s[i]);
}

static void
test_elide_drops_shared_vendor(void **state)
{
	const char	*ids[] = {
		"arbor/umbra-1-405b", "arbor/umbra-1-70b", "cedar/x",
	};
	char		*s;

	(void)state;
	s = elide(ids, 3, 0, 15);
	assert_string_equal(s, "umbra-1-405b");
	free(s);
	/* Alone, the vendor stays and the middle goes. */
	s = elide(ids, 1, 0, 15);
	assert_string_equal(s, "arbor/~a-1-405b");
	free(s);
}

static void
test_elide_vendor_kept_when_alike(void **state)
{
	const char	*ids[] = {
		"arbor/umbra-1-405b", "arbor/umbra-2", "cedar/umbra-1-405b",
	};
	char		*a, *c;

	(void)state;
	/* Without their vendors the first and last would read the same. */
	a = elide(ids, 3, 0, 14);
	c = elide(ids, 3, 2, 14);
	assert_string_not_equal(a, c);
	assert_int_equal(strncmp(a, "arbor/", 6), 0);
	free(a);
	free(c);
}

static void
test_elide_wide(void **state)
{
	/* "模型" twice: a wide head is cut on a character. */
	const char	*ids[] = { "\xe6\xa8\xa1\xe5\x9e\x8b/abcdefghijkl" };
	char		*s;

	(void)state;
	s = elide(ids, 1, 0, 10);
	assert_true(strchr(s, '~') != NULL);
	free(s);
	/* Too narrow to elide: cut as textwidth_cut() does. */
	s = elide(ids, 1, 0, 2);
	assert_string_equal(s, "~");
	free(s);
}

static void
test_spare_column_gives_way(void **state)
{
	struct table_layout_col	c[N];
	int			w, found = 0;

	(void)state;
	/* Some width cuts the provider while throughput is shown. */
	for (w = 100; w > 40 && !found; w--) {
		cols_init(c);
		table_layout_fit(c, N, w, 1, 0);
		if (c[P].width < c[P].want && c[TPS].width > 0 &&
		    c[LAT].width > 0)
			found = w;
	}
	assert_true(found > 0);
	/* There a spare throughput column drops instead: the provider
	 * gets its room back, latency stays. */
	cols_init(c);
	c[TPS].spare = 1;
	assert_true(table_layout_fit(c, N, found, 1, 0) &
	    TABLE_LAYOUT_DROPPED);
	assert_int_equal(c[TPS].width, 0);
	assert_true(c[P].width > 0);
	assert_int_equal(c[LAT].width, c[LAT].want);
	assert_true(total_width(c) <= found);
	/* Where nothing is cut, a spare column shows like any other. */
	cols_init(c);
	c[TPS].spare = 1;
	assert_int_equal(table_layout_fit(c, N, 200, 1, 0), 0);
	assert_int_equal(c[TPS].width, c[TPS].want);
}

/*
 * Spare columns give way in the order of their importance at every width:
 * a less important one never shows where a more important one gave way.
 */
static void
test_spare_columns_in_order(void **state)
{
	struct table_layout_col	c[N];
	int			w;

	(void)state;
	for (w = 110; w > 40; w--) {
		cols_init(c);
		c[LAT].spare = c[TPS].spare = c[QUANT].spare = 1;
		table_layout_fit(c, N, w, 1, 0);
		if (c[LAT].width == 0)
			assert_int_equal(c[TPS].width, 0);
		if (c[TPS].width == 0)
			assert_int_equal(c[QUANT].width, 0);
		/* The provider is cut only with every spare column gone. */
		if (c[P].width > 0 && c[P].width < c[P].want)
			assert_int_equal(c[LAT].width, 0);
		assert_true(total_width(c) <= w);
	}
}

/* The header's columns under a click: every shown cell, no gap, no
 * hidden column. */
static void
test_layout_at(void **state)
{
	struct table_layout_col	c[N];
	int			i, x;

	(void)state;
	cols_init(c);
	(void)table_layout_fit(c, N, 80, 1, 0);
	for (i = 0; i < N; i++) {
		if (c[i].width == 0)
			continue;
		assert_int_equal(table_layout_at(c, N, c[i].x), i);
		assert_int_equal(table_layout_at(c, N, c[i].x + c[i].width - 1),
		    i);
	}
	/* The gap after the model column, and past the last column. */
	assert_int_equal(table_layout_at(c, N, c[M].x + c[M].width), -1);
	assert_int_equal(table_layout_at(c, N, -1), -1);
	for (x = 0, i = -1; x < 200; x++)
		if (table_layout_at(c, N, x) >= 0)
			i = x;
	assert_int_equal(table_layout_at(c, N, i + 1), -1);
	/* Scrolled: the columns scrolled out are under no x. */
	cols_init(c);
	(void)table_layout_fit(c, N, 50, 1, 2);
	assert_int_equal(c[P].width, 0);
	for (x = 0; x < 50; x++)
		assert_true(table_layout_at(c, N, x) != P);
}

static const char *const colnames[] = { "model", "provider", "in", "out",
    "lat" };

static char *
cols_spec(const struct table_columns *t)
{
	return (table_columns_format(t, colnames));
}

static void
test_columns_parse(void **state)
{
	struct table_columns	 t;
	char			*cause = NULL, *s;
	int			 vis[5], n;

	(void)state;
	table_columns_init(&t, 5);
	s = cols_spec(&t);
	assert_string_equal(s, "model,provider,in,out,lat");
	free(s);
	assert_int_equal(table_columns_parse(&t, colnames, 5, "out, model,lat",
	    &cause), 0);
	n = table_columns_visible(&t, vis);
	assert_int_equal(n, 3);
	assert_int_equal(vis[0], 3);
	assert_int_equal(vis[1], 0);
	assert_int_equal(vis[2], 4);
	/* The hidden ones follow in their default order. */
	assert_int_equal(t.order[3], 1);
	assert_int_equal(t.order[4], 2);
	s = cols_spec(&t);
	assert_string_equal(s, "out,model,lat");
	free(s);

	/* Errors leave the set as it was. */
	assert_int_equal(table_columns_parse(&t, colnames, 5, "model,price",
	    &cause), -1);
	assert_non_null(strstr(cause, "\"price\""));
	assert_non_null(strstr(cause, "model, provider, in, out, lat"));
	free(cause);
	assert_int_equal(table_columns_parse(&t, colnames, 5, "in,in", &cause),
	    -1);
	free(cause);
	assert_int_equal(table_columns_parse(&t, colnames, 5, "in,,out",
	    &cause), -1);
	free(cause);
	assert_int_equal(table_columns_parse(&t, colnames, 5, "", &cause), -1);
	free(cause);
	/* A prefix is not a name. */
	assert_int_equal(table_columns_parse(&t, colnames, 5, "mod", &cause),
	    -1);
	free(cause);
	s = cols_spec(&t);
	assert_string_equal(s, "out,model,lat");
	free(s);
}

static void
test_columns_toggle_move(void **state)
{
	struct table_columns	 t;
	char			*s;
	int			 i;

	(void)state;
	table_columns_init(&t, 5);
	/* Hide provider: the rest keep their order. */
	assert_int_equal(table_columns_toggle(&t, 1), 1);
	s = cols_spec(&t);
	assert_string_equal(s, "model,in,out,lat");
	free(s);
	/* Move lat to the front, then one back; the ends stop a move. */
	assert_int_equal(table_columns_move(&t, 4, -10), 0);
	assert_int_equal(table_columns_move(&t, 0, 1), 1);
	s = cols_spec(&t);
	assert_string_equal(s, "model,lat,in,out");
	free(s);
	assert_int_equal(table_columns_move(&t, 4, 1), 4);
	/* Shown again where it now stands. */
	for (i = 0; i < 5 && t.order[i] != 1; i++)
		;
	assert_int_equal(table_columns_toggle(&t, i), 1);
	s = cols_spec(&t);
	assert_string_equal(s, "model,lat,provider,in,out");
	free(s);
	/* The last shown column cannot be hidden. */
	for (i = 0; i < 5; i++)
		(void)table_columns_toggle(&t, i);
	assert_int_equal(table_columns_visible(&t, (int[5]){ 0 }), 1);
	assert_int_equal(table_columns_toggle(&t, 4), 0);
	/* Out of range is ignored. */
	assert_int_equal(table_columns_toggle(&t, 5), 0);
	assert_int_equal(table_columns_move(&t, -1, 1), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_everything_fits),
		cmocka_unit_test(test_widest_narrows_first),
		cmocka_unit_test(test_drop_by_priority),
		cmocka_unit_test(test_spare_column_gives_way),
		cmocka_unit_test(test_spare_columns_in_order),
		cmocka_unit_test(test_scroll_reaches_every_column),
		cmocka_unit_test(test_too_narrow_cuts_the_edge),
		cmocka_unit_test(test_elide_fits_whole),
		cmocka_unit_test(test_elide_keeps_vendor_and_tail),
		cmocka_unit_test(test_elide_never_alike),
		cmocka_unit_test(test_elide_drops_shared_vendor),
		cmocka_unit_test(test_elide_vendor_kept_when_alike),
		cmocka_unit_test(test_elide_wide),
		cmocka_unit_test(test_layout_at),
		cmocka_unit_test(test_columns_parse),
		cmocka_unit_test(test_columns_toggle_move),
	};

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "C.utf8") == NULL) {
		printf("SKIP: no C.UTF-8 locale\n");
		return (77);
	}
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
