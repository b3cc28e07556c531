/*
 * test-demo: the demo generator.  The same seed and options give the same
 * bytes and another seed other ones; the counts match the options and the
 * stats it returns; the metric files cover the 30 days up to 2026-11-01;
 * epoch K differs from epoch K-1 only as demo.h says (prices or stats of
 * ~5% of the endpoints, ~1% gone, ~1% new); and a directory it cannot
 * write to is an error with a cause.
 */
#include "config.h"

#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <unistd.h>

#include "demo/demo.h"
#include "project/metric.h"

/* ------------------------------------------------------------ helpers */

static char *
dir_new(void)
{
	const char	*tmp = getenv("TMPDIR");
	char		*dir;

	dir = xasprintf("%s/test-demo.XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		fail_msg("mkdtemp %s: %s", dir, strerror(errno));
	return (dir);
}

static int
name_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* The sorted names of the files in dir; the caller frees each and all. */
static char **
dir_list(const char *dir, size_t *n)
{
	DIR		*d;
	struct dirent	*de;
	char		**names = NULL;
	size_t		 cap = 0;

	*n = 0;
	if ((d = opendir(dir)) == NULL)
		fail_msg("opendir %s: %s", dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			names = xrealloc(names, cap * sizeof *names);
		}
		names[(*n)++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(names, *n, sizeof *names, name_cmp);
	return (names);
}

static void
names_free(char **names, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
dir_remove(char *dir)
{
	char	**names, *path;
	size_t	  n, i;

	names = dir_list(dir, &n);
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		unlink(path);
		free(path);
	}
	names_free(names, n);
	rmdir(dir);
	free(dir);
}

/* The bytes of dir/name (NUL-terminated); the caller frees them. */
static char *
file_read(const char *dir, const char *name, size_t *len)
{
	FILE	*f;
	char	*path, *data;
	long	 size;

	path = xasprintf("%s/%s", dir, name);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("%s: %s", path, strerror(errno));
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	data = xmalloc((size_t)size + 1);
	if (fread(data, 1, (size_t)size, f) != (size_t)size)
		fail_msg("%s: short read", path);
	data[size] = '\0';
	fclose(f);
	free(path);
	*len = (size_t)size;
	return (data);
}

/* 1 if both directories hold the same file names with the same bytes. */
static int
dirs_same(const char *a, const char *b)
{
	char	**na, **nb, *da, *db;
	size_t	  ca, cb, la, lb, i;
	int	  same;

	na = dir_list(a, &ca);
	nb = dir_list(b, &cb);
	same = ca == cb;
	for (i = 0; same && i < ca; i++) {
		same = strcmp(na[i], nb[i]) == 0;
		if (!same)
			break;
		da = file_read(a, na[i], &la);
		db = file_read(b, nb[i], &lb);
		same = la == lb && memcmp(da, db, la) == 0;
		free(da);
		free(db);
	}
	names_free(na, ca);
	names_free(nb, cb);
	return (same);
}

static void
generate(const char *dir, const struct demo_options *o,
    struct demo_stats *st)
{
	char	*cause = NULL;

	if (demo_generate_opts(dir, o, st, &cause) != 0)
		fail_msg("demo_generate_opts: %s", cause);
}

static struct demo_options
options(uint64_t seed, unsigned models, unsigned endpoints, unsigned epoch,
    int no_metrics)
{
	struct demo_options	o;

	memset(&o, 0, sizeof o);
	o.seed = seed;
	o.models = models;
	o.endpoints = endpoints;
	o.epoch = epoch;
	o.no_metrics = no_metrics;
	return (o);
}

/*
 * Generate with a and with b into two new directories and compare them;
 * *st (may be NULL) gets b's stats.
 */
static int
outputs_same(const struct demo_options *a, const struct demo_options *b,
    struct demo_stats *st)
{
	char	*da, *db;
	int	 same;

	da = dir_new();
	db = dir_new();
	generate(da, a, NULL);
	generate(db, b, st);
	same = dirs_same(da, db);
	dir_remove(da);
	dir_remove(db);
	return (same);
}

/* The "data" member of dir/name (a new reference), failing if absent. */
static json_t *
data_load(const char *dir, const char *name)
{
	json_error_t	 err;
	json_t		*root, *data;
	char		*path;

	path = xasprintf("%s/%s", dir, name);
	if ((root = json_load_file(path, 0, &err)) == NULL)
		fail_msg("%s: %s", path, err.text);
	if ((data = json_object_get(root, "data")) == NULL)
		fail_msg("%s: no data member", path);
	json_incref(data);
	json_decref(root);
	free(path);
	return (data);
}

static json_t *
listing_load(const char *dir, unsigned entry)
{
	char	name[64];

	snprintf(name, sizeof name, "stats-endpoint-%04u.json", entry);
	return (data_load(dir, name));
}

static int
file_exists(const char *dir, const char *name)
{
	char	*path;
	int	 rc;

	path = xasprintf("%s/%s", dir, name);
	rc = access(path, F_OK) == 0;
	free(path);
	return (rc);
}

/* -------------------------------------------------------- determinism */

static void
test_same_seed_same_bytes(void **state)
{
	struct demo_options	 o;
	struct demo_stats	 s1, s2, s3;
	char			*a, *b, *c;

	(void)state;
	a = dir_new();
	b = dir_new();
	c = dir_new();
	o = options(7, 25, 0, 0, 0);
	generate(a, &o, &s1);
	generate(b, &o, &s2);
	assert_true(dirs_same(a, b));
	assert_memory_equal(&s1, &s2, sizeof s1);

	o.seed = 8;
	generate(c, &o, &s3);
	assert_false(dirs_same(a, c));
	assert_int_equal(s3.models, 25);
	dir_remove(a);
	dir_remove(b);
	dir_remove(c);
}

/* The scale set and its epochs are as reproducible as the default set. */
static void
test_same_epoch_same_bytes(void **state)
{
	struct demo_options	 o;

	(void)state;
	o = options(3, 30, 12, 4, 1);
	assert_true(outputs_same(&o, &o, NULL));
}

/* demo_generate() is demo_generate_opts() with only a seed and a count. */
static void
test_generate_shorthand(void **state)
{
	struct demo_options	 o;
	char			*a, *b, *cause = NULL;

	(void)state;
	a = dir_new();
	b = dir_new();
	o = options(5, 15, 0, 0, 0);
	generate(a, &o, NULL);
	assert_int_equal(demo_generate(b, 5, 15, NULL, &cause), 0);
	assert_true(dirs_same(a, b));
	dir_remove(a);
	dir_remove(b);
}

/* ------------------------------------------------------------- counts */

/*
 * Count the endpoint listings of a generated directory: their total, the
 * largest, how many are empty, and the distinct providers; fails if a
 * listing holds neither 0 nor `fixed` endpoints (when fixed is not 0).
 */
static void
listings_count(const char *dir, unsigned entries, unsigned fixed,
    unsigned *total, unsigned *most, unsigned *empty, unsigned *providers)
{
	json_t		*data, *ep, *seen;
	unsigned	 entry;
	size_t		 i, n;

	seen = json_object();
	*total = *most = *empty = 0;
	for (entry = 0; entry < entries; entry++) {
		data = listing_load(dir, entry);
		n = json_array_size(data);
		if (fixed != 0 && n != 0 && n != fixed)
			fail_msg("entry %u: %zu endpoints, want 0 or %u",
			    entry, n, fixed);
		*total += (unsigned)n;
		if (n > *most)
			*most = (unsigned)n;
		*empty += n == 0;
		json_array_foreach(data, i, ep) {
			json_object_set(seen, json_string_value(
			    json_object_get(ep, "provider_name")), json_true());
		}
		json_decref(data);
	}
	*providers = (unsigned)json_object_size(seen);
	json_decref(seen);
}

static void
test_counts_default(void **state)
{
	struct demo_options	 o;
	struct demo_stats	 st;
	json_t			*cat, *v1;
	unsigned		 total, most, empty, providers;
	size_t			 nfiles;
	char			*dir, **names;

	(void)state;
	dir = dir_new();
	o = options(1, 0, 0, 0, 1);
	generate(dir, &o, &st);
	/* 0 models means the default, a few hundred. */
	assert_int_equal(st.models, 300);
	cat = data_load(dir, "frontend-models.json");
	assert_int_equal(json_array_size(cat), 300);
	listings_count(dir, 300, 0, &total, &most, &empty, &providers);
	assert_int_equal(st.endpoints, total);
	assert_int_equal(st.providers, providers);
	/* 1 to 10 endpoints an entry, ~1,000 in all, ~40 providers. */
	assert_in_range(most, 1, 10);
	assert_in_range(total, 800, 1500);
	assert_in_range(providers, 30, 40);
	/* Retired models are listed without endpoints and without v1 entry. */
	assert_true(empty > 0);
	v1 = data_load(dir, "v1-models.json");
	assert_int_equal(json_array_size(v1), 300 - empty);
	/* Without metrics: the two listings and one file per entry. */
	names = dir_list(dir, &nfiles);
	assert_int_equal(nfiles, 302);
	assert_int_equal(st.files, 302);
	assert_int_equal(st.changed + st.appeared + st.disappeared, 0);
	names_free(names, nfiles);
	json_decref(cat);
	json_decref(v1);
	dir_remove(dir);
}

static void
test_counts_fixed(void **state)
{
	struct demo_options	 o;
	struct demo_stats	 st;
	json_t			*cat;
	unsigned		 total, most, empty, providers;
	char			*dir;

	(void)state;
	dir = dir_new();
	o = options(2, 40, 7, 0, 1);
	generate(dir, &o, &st);
	assert_int_equal(st.models, 40);
	cat = data_load(dir, "frontend-models.json");
	assert_int_equal(json_array_size(cat), 40);
	listings_count(dir, 40, 7, &total, &most, &empty, &providers);
	assert_int_equal(most, 7);
	assert_int_equal(total, (40 - empty) * 7);
	assert_int_equal(st.endpoints, total);
	assert_int_equal(st.providers, providers);
	assert_false(file_exists(dir, "stats-endpoint-0040.json"));
	assert_false(file_exists(dir, "throughput-comparison-0000.json"));
	json_decref(cat);
	dir_remove(dir);
}

/* More endpoints than DEMO_MAX_PER_MODEL count as the most. */
static void
test_counts_capped(void **state)
{
	struct demo_options	 o, more;

	(void)state;
	o = options(4, 10, DEMO_MAX_PER_MODEL, 0, 1);
	more = o;
	more.endpoints = 1000;
	assert_true(outputs_same(&o, &more, NULL));
	/* One fewer is another data set. */
	more.endpoints = DEMO_MAX_PER_MODEL - 1;
	assert_false(outputs_same(&o, &more, NULL));
}

/* ------------------------------------------------------------ metrics */

/* Check that the dates of a list are one step of seconds apart. */
static void
dates_check(json_t *list, const char *key, const char *first,
    int64_t step)
{
	json_t		*pt;
	const char	*s;
	int64_t		 ts, prev = 0;
	size_t		 i;

	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(list, 0), key)), first);
	json_array_foreach(list, i, pt) {
		s = json_string_value(json_object_get(pt, key));
		if (metric_parse_date(s, &ts) != 0)
			fail_msg("not a date: %s", s != NULL ? s : "(null)");
		if (i > 0 && ts - prev != step)
			fail_msg("%s is not %lld s after the one before", s,
			    (long long)step);
		prev = ts;
	}
}

/* The metric files of one entry with endpoints; returns its hourly files. */
static unsigned
entry_metrics_check(const char *dir, unsigned entry, json_t *eps)
{
	json_t		*series, *recent, *hourly, *ep;
	char		 name[96];
	const char	*id;
	size_t		 i;

	snprintf(name, sizeof name, "throughput-comparison-%04u.json", entry);
	series = data_load(dir, name);
	assert_int_equal(json_array_size(series), 30);
	dates_check(series, "x", "2026-10-03 00:00:00", 86400);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(series, 29), "x")), "2026-11-01 00:00:00");
	json_decref(series);
	snprintf(name, sizeof name, "latency-comparison-%04u.json", entry);
	series = data_load(dir, name);
	assert_int_equal(json_array_size(series), 30);
	json_decref(series);

	snprintf(name, sizeof name, "uptime-recent-%04u.json", entry);
	recent = data_load(dir, name);
	assert_int_equal(json_object_size(recent), json_array_size(eps));
	json_array_foreach(eps, i, ep) {
		id = json_string_value(json_object_get(ep, "id"));
		dates_check(json_object_get(recent, id), "date",
		    "2026-11-01 00:00:00", -86400);
		snprintf(name, sizeof name, "uptime-hourly-%s.json", id);
		hourly = data_load(dir, name);
		assert_int_equal(json_array_size(json_object_get(hourly,
		    "history")), 24);
		dates_check(json_object_get(hourly, "history"), "date",
		    "2026-11-01 23:00:00", -3600);
		json_decref(hourly);
	}
	json_decref(recent);
	return ((unsigned)json_array_size(eps));
}

static void
test_metric_files(void **state)
{
	struct demo_options	 o;
	struct demo_stats	 st;
	json_t			*eps, *ep, *ids;
	unsigned		 entry, nonempty = 0, hourly = 0;
	size_t			 nfiles, i;
	char			*dir, **names;

	(void)state;
	dir = dir_new();
	o = options(6, 20, 0, 0, 0);
	generate(dir, &o, &st);
	ids = json_object();
	for (entry = 0; entry < 20; entry++) {
		eps = listing_load(dir, entry);
		if (json_array_size(eps) > 0) {
			nonempty++;
			hourly += entry_metrics_check(dir, entry, eps);
		}
		json_array_foreach(eps, i, ep) {
			json_object_set(ids, json_string_value(
			    json_object_get(ep, "id")), json_true());
		}
		json_decref(eps);
	}
	/*
	 * Thinking and beta entries list the standard endpoints again, whose
	 * hourly files are written again: st.files counts writes.
	 */
	assert_int_equal(st.files, 2 + 20 + 3 * nonempty + hourly);
	names = dir_list(dir, &nfiles);
	assert_int_equal(nfiles, 2 + 20 + 3 * nonempty +
	    json_object_size(ids));
	names_free(names, nfiles);
	json_decref(ids);
	dir_remove(dir);
}

/* ------------------------------------------------------------- epochs */

/*
 * The standard and free listings of a directory by "id|variant permaslug".
 * Thinking and beta entries only list the standard endpoints again, so
 * these are the endpoints each round of changes walks over.
 */
static json_t *
endpoints_load(const char *dir, unsigned entries)
{
	json_t		*all, *data, *ep;
	const char	*variant;
	unsigned	 entry;
	size_t		 i;
	char		*key;

	all = json_object();
	for (entry = 0; entry < entries; entry++) {
		data = listing_load(dir, entry);
		json_array_foreach(data, i, ep) {
			variant = json_string_value(json_object_get(ep,
			    "variant"));
			if (strcmp(variant, "standard") != 0 &&
			    strcmp(variant, "free") != 0)
				continue;
			key = xasprintf("%s|%s", json_string_value(
			    json_object_get(ep, "id")), json_string_value(
			    json_object_get(ep, "model_variant_permaslug")));
			json_object_set(all, key, ep);
			free(key);
		}
		json_decref(data);
	}
	return (all);
}

static double
price(const json_t *ep, const char *which)
{
	return (strtod(json_string_value(json_object_get(json_object_get(ep,
	    "pricing"), which)), NULL));
}

static json_int_t
requests(const json_t *ep)
{
	return (json_integer_value(json_object_get(json_object_get(ep,
	    "stats"), "request_count")));
}

/*
 * Compare one endpoint at two successive epochs: nothing but its price or
 * its stats may change, and only one of them.  Returns 1 if it changed.
 */
static int
endpoint_drift_check(const char *key, json_t *a, json_t *b)
{
	json_t	*ra, *rb;
	int	 priced, stats;
	double	 ratio;

	ra = json_deep_copy(a);
	rb = json_deep_copy(b);
	json_object_del(ra, "pricing");
	json_object_del(ra, "stats");
	json_object_del(rb, "pricing");
	json_object_del(rb, "stats");
	if (!json_equal(ra, rb))
		fail_msg("%s changed beyond its price and stats", key);
	json_decref(ra);
	json_decref(rb);
	priced = !json_equal(json_object_get(a, "pricing"),
	    json_object_get(b, "pricing"));
	stats = !json_equal(json_object_get(a, "stats"),
	    json_object_get(b, "stats"));
	if (priced && stats)
		fail_msg("%s: price and stats changed in one round", key);
	if (priced) {
		/* -15% to +15%, then two significant digits. */
		ratio = price(b, "prompt") / price(a, "prompt");
		if (ratio < 0.8 || ratio > 1.2)
			fail_msg("%s: prompt price ratio %g", key, ratio);
	}
	if (stats && requests(b) <= requests(a))
		fail_msg("%s: stats changed but no new requests", key);
	return (priced || stats);
}

/* Check epoch b against epoch a; the stats are b's. */
static void
epoch_check(const char *da, const char *db, unsigned entries,
    const struct demo_stats *st)
{
	json_t		*a, *b, *ep;
	const char	*key;
	unsigned	 gone = 0, added = 0, changed = 0, n;

	a = endpoints_load(da, entries);
	b = endpoints_load(db, entries);
	n = (unsigned)json_object_size(a);
	json_object_foreach(a, key, ep) {
		if (json_object_get(b, key) == NULL)
			gone++;
		else
			changed += endpoint_drift_check(key, ep,
			    json_object_get(b, key));
	}
	json_object_foreach(b, key, ep) {
		added += json_object_get(a, key) == NULL;
	}
	/* What the generator says it did is what the files show. */
	assert_int_equal(gone, st->disappeared);
	assert_int_equal(added, st->appeared);
	/* A price moved by less than its rounding does not show. */
	assert_true(changed <= st->changed);
	assert_true(changed >= st->changed * 3 / 4);
	/* ~5% changed, ~1% gone, ~1% new. */
	assert_true(changed > n * 2 / 100 && changed < n * 9 / 100);
	assert_true(gone > n / 500 && gone < n * 3 / 100);
	assert_true(added > n / 500 && added < n * 3 / 100);
	json_decref(a);
	json_decref(b);
}

static void
test_epochs(void **state)
{
	struct demo_options	 o;
	struct demo_stats	 s0, s1, s2;
	char			*e0, *e1, *e2;

	(void)state;
	e0 = dir_new();
	e1 = dir_new();
	e2 = dir_new();
	o = options(9, 120, 20, 0, 1);
	generate(e0, &o, &s0);
	o.epoch = 1;
	generate(e1, &o, &s1);
	o.epoch = 2;
	generate(e2, &o, &s2);
	assert_int_equal(s0.changed + s0.appeared + s0.disappeared, 0);
	/* Each epoch is one round of changes on the one before. */
	epoch_check(e0, e1, 120, &s1);
	epoch_check(e1, e2, 120, &s2);
	/* The catalogue itself stays. */
	assert_int_equal(s2.models, s0.models);
	dir_remove(e0);
	dir_remove(e1);
	dir_remove(e2);
}

/* Without a fixed count of endpoints, an epoch gives epoch 0's data. */
static void
test_epochs_need_scale_set(void **state)
{
	struct demo_options	 o, later;
	struct demo_stats	 st;

	(void)state;
	o = options(11, 20, 0, 0, 0);
	later = o;
	later.epoch = 3;
	assert_true(outputs_same(&o, &later, &st));
	assert_int_equal(st.changed + st.appeared + st.disappeared, 0);
}

/* ------------------------------------------------------------- errors */

static void
test_missing_directory(void **state)
{
	struct demo_options	 o;
	struct demo_stats	 st;
	char			*dir, *gone, *cause = NULL;

	(void)state;
	dir = dir_new();
	gone = xasprintf("%s/not-there", dir);
	o = options(1, 5, 0, 0, 0);
	assert_int_equal(demo_generate_opts(gone, &o, &st, &cause), -1);
	assert_non_null(cause);
	/* The cause names the file and why. */
	assert_int_equal(strncmp(cause, gone, strlen(gone)), 0);
	assert_non_null(strstr(cause, strerror(ENOENT)));
	free(cause);
	/* cause may be NULL. */
	assert_int_equal(demo_generate_opts(gone, &o, NULL, NULL), -1);
	free(gone);
	dir_remove(dir);
}

static void
test_not_a_directory(void **state)
{
	struct demo_options	 o;
	FILE			*f;
	char			*dir, *file, *cause = NULL;

	(void)state;
	dir = dir_new();
	file = xasprintf("%s/plain", dir);
	if ((f = fopen(file, "w")) == NULL)
		fail_msg("%s: %s", file, strerror(errno));
	fclose(f);
	o = options(1, 5, 3, 0, 1);
	assert_int_equal(demo_generate_opts(file, &o, NULL, &cause), -1);
	assert_non_null(strstr(cause, strerror(ENOTDIR)));
	free(cause);
	free(file);
	dir_remove(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_seed_same_bytes),
		cmocka_unit_test(test_same_epoch_same_bytes),
		cmocka_unit_test(test_generate_shorthand),
		cmocka_unit_test(test_counts_default),
		cmocka_unit_test(test_counts_fixed),
		cmocka_unit_test(test_counts_capped),
		cmocka_unit_test(test_metric_files),
		cmocka_unit_test(test_epochs),
		cmocka_unit_test(test_epochs_need_scale_set),
		cmocka_unit_test(test_missing_directory),
		cmocka_unit_test(test_not_a_directory),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
