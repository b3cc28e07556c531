/*
 * test-demo: the demo generator.  The same seed and options give the same
 * bytes and another seed other ones; the counts match the options and the
 * stats it returns; the metric files cover the 30 days up to 2026-11-01;
 * epoch K differs from epoch K-1 only as demo.h says (prices or stats of
 * ~5% of the endpoints, ~1% gone, ~1% new), in the demo catalogue too,
 * whose epochs tell the story of its last 30 days (demo-history.c); a
 * sink gets what would be files; and a directory it cannot write to is an
 * error with a cause.
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
	/* 0 models means the default, a few hundred, and the 6 media
	 * models after them. */
	assert_int_equal(st.models, 306);
	cat = data_load(dir, "frontend-models.json");
	assert_int_equal(json_array_size(cat), 306);
	listings_count(dir, 306, 0, &total, &most, &empty, &providers);
	assert_int_equal(st.endpoints, total);
	assert_int_equal(st.providers, providers);
	/* 1 to 10 endpoints an entry, ~1,000 in all, ~40 providers. */
	assert_in_range(most, 1, 10);
	assert_in_range(total, 800, 1500);
	assert_in_range(providers, 30, 40);
	/* Retired models are listed without endpoints and without v1 entry;
	 * the 4 ~ aliases only there. */
	assert_true(empty > 0);
	v1 = data_load(dir, "v1-models.json");
	assert_int_equal(json_array_size(v1), 306 - empty + 4);
	/* Without metrics: the two listings and one file per entry. */
	names = dir_list(dir, &nfiles);
	assert_int_equal(nfiles, 308);
	assert_int_equal(st.files, 308);
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

/* The demo catalogue changes with the epoch too, the same way each time. */
static void
test_epochs_demo_catalogue(void **state)
{
	struct demo_options	 o, later;
	struct demo_stats	 st;

	(void)state;
	o = options(11, 20, 0, 0, 0);
	later = o;
	later.epoch = 3;
	assert_false(outputs_same(&o, &later, &st));
	assert_true(st.changed + st.appeared + st.disappeared > 0);
	assert_true(outputs_same(&later, &later, NULL));
}

/*
 * The 2026 catalogue beside text models: media models of every output
 * modality with a context of 0 or null and only the prices that apply, and
 * ~ aliases whose target is a listed model.
 */
static json_t	*entry_get(json_t *, const char *, const char *,
		    const char *);

static void
test_media_aliases(void **state)
{
	struct demo_options	 o;
	json_t			*v1, *e, *out, *target, *ctx, *seen;
	const char		*id, *mod;
	char			*dir;
	size_t			 i, k;
	unsigned		 aliases = 0;

	(void)state;
	dir = dir_new();
	o = options(1, 0, 0, 0, 1);
	generate(dir, &o, NULL);
	v1 = data_load(dir, "v1-models.json");
	seen = json_object();
	json_array_foreach(v1, i, e) {
		id = json_string_value(json_object_get(e, "id"));
		out = json_object_get(json_object_get(e, "architecture"),
		    "output_modalities");
		mod = json_string_value(json_array_get(out, 0));
		if (id[0] == '~') {
			aliases++;
			target = json_object_get(e, "alias_target");
			assert_non_null(entry_get(v1, "id", json_string_value(
			    json_object_get(target, "slug")), "id"));
			assert_non_null(json_object_get(target, "name"));
			assert_int_equal(json_object_size(json_object_get(e,
			    "pricing")), 0);
			continue;
		}
		if (strcmp(mod, "text") == 0 && strcmp(json_string_value(
		    json_array_get(json_object_get(json_object_get(e,
		    "architecture"), "input_modalities"), 0)), "text") == 0)
			continue;
		json_object_set_new(seen, mod, json_true());
		/* Unknown context: 0 or null, bar speech. */
		ctx = json_object_get(e, "context_length");
		if (strcmp(mod, "audio") != 0)
			assert_true(json_is_null(ctx) ||
			    json_integer_value(ctx) == 0);
		/* No completion price on a media model. */
		assert_null(json_object_get(json_object_get(e, "pricing"),
		    "completion"));
		k = json_object_size(json_object_get(e, "pricing"));
		assert_in_range(k, 1, 2);
	}
	assert_int_equal(aliases, 4);
	assert_non_null(json_object_get(seen, "image"));
	assert_non_null(json_object_get(seen, "audio"));
	assert_non_null(json_object_get(seen, "embeddings"));
	assert_non_null(json_object_get(seen, "video"));
	assert_non_null(json_object_get(seen, "text"));	/* transcription */
	json_decref(seen);
	json_decref(v1);
	dir_remove(dir);
}

/* ------------------------------------------------------------ history */

/*
 * Every endpoint object of dir's listings by id (the first seen), with
 * the number of listed endpoints and of those with price overrides.
 */
static json_t *
all_endpoints(const char *dir, unsigned *total, unsigned *overrides)
{
	json_t		*all, *data, *ep;
	char		**names;
	const char	*id;
	size_t		 n, i, k;

	all = json_object();
	*total = *overrides = 0;
	names = dir_list(dir, &n);
	for (i = 0; i < n; i++) {
		if (strncmp(names[i], "stats-endpoint-", 15) != 0)
			continue;
		data = data_load(dir, names[i]);
		json_array_foreach(data, k, ep) {
			id = json_string_value(json_object_get(ep, "id"));
			assert_non_null(id);
			if (json_object_get(all, id) != NULL)
				continue;
			json_object_set(all, id, ep);
			(*total)++;
			*overrides += json_object_get(json_object_get(ep,
			    "pricing"), "overrides") != NULL;
		}
		json_decref(data);
	}
	names_free(names, n);
	return (all);
}

/* The value of key in the v1 entry or catalogue entry whose idkey is id. */
static json_t *
entry_get(json_t *list, const char *idkey, const char *id, const char *key)
{
	json_t	*e;
	size_t	 i;

	json_array_foreach(list, i, e) {
		if (strcmp(json_string_value(json_object_get(e, idkey)),
		    id) == 0)
			return (json_object_get(e, key));
	}
	return (NULL);
}

/* Entries of a whose idkey is in no entry of b. */
static unsigned
entries_missing(json_t *a, json_t *b, const char *idkey)
{
	json_t		*e;
	size_t		 i;
	unsigned	 n = 0;

	json_array_foreach(a, i, e) {
		n += entry_get(b, idkey, json_string_value(json_object_get(e,
		    idkey)), idkey) == NULL;
	}
	return (n);
}

#define NHIST 6
static const unsigned hist_epochs[NHIST] = { 0, 10, 11, 13, 20, 29 };

/* The degrading endpoint: the only one with an uptime, day by day. */
static void
history_degrade(json_t *const *eps)
{
	static const double	uptime[NHIST] = { 99.7, 91.3, 61.8, 97.2,
				    99.7, 99.7 };
	static const int	status[NHIST] = { 0, 0, -2, 0, 0, 0 };
	json_t			*ep, *e;
	const char		*id, *found = NULL;
	unsigned		 i;

	json_object_foreach(eps[0], id, ep) {
		if (json_object_get(ep, "uptime_last_30m") != NULL) {
			assert_null(found);
			found = id;
		}
	}
	assert_non_null(found);
	for (i = 0; i < NHIST; i++) {
		e = json_object_get(eps[i], found);
		if (e == NULL)
			fail_msg("epoch %u: the degrading endpoint is gone",
			    hist_epochs[i]);
		assert_true(json_number_value(json_object_get(e,
		    "uptime_last_30m")) == uptime[i]);
		assert_int_equal(json_integer_value(json_object_get(e,
		    "status")), status[i]);
	}
	/* At its worst it is slower than the day after it recovered. */
	assert_true(json_number_value(json_object_get(json_object_get(
	    json_object_get(eps[2], found), "stats"), "p50_latency")) >
	    json_number_value(json_object_get(json_object_get(
	    json_object_get(eps[1], found), "stats"), "p50_latency")));
}

/* The one model (and its variants) whose expiry was announced, then
 * postponed. */
static void
history_expiry(json_t *const *v1)
{
	json_t		*e, *d10, *d20;
	const char	*id, *d0, *found = NULL;
	size_t		 i;

	json_array_foreach(v1[0], i, e) {
		id = json_string_value(json_object_get(e, "id"));
		d10 = entry_get(v1[1], "id", id, "expiration_date");
		if (d10 == NULL || json_equal(d10, json_object_get(e,
		    "expiration_date")))
			continue;
		/* Its variants too: one base model. */
		if (found != NULL)
			assert_string_equal(found, json_string_value(
			    json_object_get(e, "canonical_slug")));
		found = json_string_value(json_object_get(e,
		    "canonical_slug"));
		d0 = json_string_value(json_object_get(e, "expiration_date"));
		assert_string_equal(d0, "2026-12-25");
		assert_string_equal(json_string_value(d10), "2026-12-11");
		d20 = entry_get(v1[4], "id", id, "expiration_date");
		assert_true(json_is_null(d20));
	}
	assert_non_null(found);
}

/*
 * The demo catalogue's 30 days: epoch k is k days ago.  Checked on the
 * files: the degrading endpoint day by day, the expiry story, models
 * launched and retired within the days, tiers that appeared; and the
 * scale of every day stays the demo's.
 */
static void
test_history(void **state)
{
	struct demo_options	 o;
	struct demo_stats	 st;
	json_t			*eps[NHIST], *v1[NHIST], *cat[NHIST], *w;
	char			*dirs[NHIST];
	unsigned		 i, total[NHIST], over[NHIST], revived = 0;
	size_t			 k;
	json_t			*e;

	(void)state;
	for (i = 0; i < NHIST; i++) {
		dirs[i] = dir_new();
		o = options(5, 0, 0, hist_epochs[i], 1);
		generate(dirs[i], &o, &st);
		eps[i] = all_endpoints(dirs[i], &total[i], &over[i]);
		v1[i] = data_load(dirs[i], "v1-models.json");
		cat[i] = data_load(dirs[i], "frontend-models.json");
		assert_int_equal(st.models, json_array_size(cat[i]));
		assert_in_range(total[i], 700, 1500);
	}
	history_degrade(eps);
	history_expiry(v1);
	/* Launched within the 30 days: listed now, not 29 days ago. */
	assert_true(entries_missing(cat[0], cat[5], "permaslug") > 0);
	assert_int_equal(entries_missing(cat[5], cat[0], "permaslug"), 0);
	/* Retired within them: served 29 days ago, a warning now. */
	json_array_foreach(cat[0], k, e) {
		w = json_object_get(e, "warning_message");
		if (!json_is_string(w))
			continue;
		w = entry_get(cat[5], "permaslug", json_string_value(
		    json_object_get(e, "permaslug")), "warning_message");
		revived += w != NULL && json_is_null(w);
	}
	assert_true(revived > 0);
	/* Tiers and windows appeared. */
	assert_true(over[5] < over[0]);
	for (i = 0; i < NHIST; i++) {
		json_decref(eps[i]);
		json_decref(v1[i]);
		json_decref(cat[i]);
		dir_remove(dirs[i]);
	}
}

/* A sink gets every file instead of the directory, and can skip listings. */
struct sink_count {
	int		have;		/* what have() answers */
	unsigned	asked;
	unsigned	listings;
	unsigned	others;
	int		keys_ok;
};

static int
sink_have(void *arg, const char *key, const void *fp, size_t len)
{
	struct sink_count	*c = arg;

	assert_non_null(key);
	assert_true(fp != NULL && len > 0);
	c->asked++;
	return (c->have);
}

static int
sink_put(void *arg, const char *name, json_t *root, const char *key,
    char **cause)
{
	struct sink_count	*c = arg;
	json_t			*ep;
	size_t			 i;

	(void)cause;
	if (key == NULL) {
		c->others++;
		return (0);
	}
	c->listings++;
	assert_true(strncmp(name, "stats-endpoint-", 15) == 0);
	json_array_foreach(json_object_get(root, "data"), i, ep) {
		if (strcmp(json_string_value(json_object_get(ep,
		    "model_variant_permaslug")), key) != 0)
			c->keys_ok = 0;
	}
	return (0);
}

static void
test_sink(void **state)
{
	struct demo_options	 o;
	struct demo_sink	 sink;
	struct demo_stats	 st;
	struct sink_count	 c;
	char			*cause = NULL;

	(void)state;
	o = options(3, 40, 0, 2, 1);
	sink.have = sink_have;
	sink.put = sink_put;
	sink.arg = &c;
	o.sink = &sink;
	memset(&c, 0, sizeof c);
	c.keys_ok = 1;
	assert_int_equal(demo_generate_opts("/nonexistent", &o, &st, &cause),
	    0);
	assert_int_equal(c.asked, st.models);
	assert_int_equal(c.listings, st.models);
	assert_int_equal(c.others, 2);	/* the two lists */
	assert_true(c.keys_ok);
	/* What the sink has is not built again; no catalogue when asked. */
	memset(&c, 0, sizeof c);
	c.have = 1;
	o.no_catalogue = 1;
	assert_int_equal(demo_generate_opts("/nonexistent", &o, &st, &cause),
	    0);
	assert_int_equal(c.listings, 0);
	assert_int_equal(c.others, 1);
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
		cmocka_unit_test(test_epochs_demo_catalogue),
		cmocka_unit_test(test_media_aliases),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_sink),
		cmocka_unit_test(test_missing_directory),
		cmocka_unit_test(test_not_a_directory),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
