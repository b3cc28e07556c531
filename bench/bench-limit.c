/*
 * bench-limit: the single-core limit of the sync's work on a data set, and
 * the compression comparison of the benchmark (bench/run).
 *
 * For the same JSON files the fixture server serves (a directory written by
 * `orbrowse demo --out`), it does what a sync must do to every object, and
 * nothing else: jansson parse, canonical dump, SHA-256 and deflate, with
 * orbrowse's own code (codec/), on one core.  Twice: with plain gzip, and
 * with a preset dictionary trained the way the store trains it.  It also
 * measures both codecs on the endpoint objects alone: bytes per object and
 * compress and inflate speed.  The figures go to stdout as one JSON object.
 *
 * Files are read into memory before the clock starts; times are CPU time of
 * the process (CLOCK_PROCESS_CPUTIME_ID), so another process on the other
 * core does not count.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "codec/canon.h"
#include "codec/hash.h"
#include "codec/zblob.h"
#include "codec/ztrain.h"
#include "util/buf.h"
#include "util/xmalloc.h"


struct file {
	char	*name;
	char	*data;
	size_t	 len;
	int	 endpoints;	/* a stats-endpoint listing */
};

struct pass {
	double		 cpu;		/* seconds */
	uint64_t	 objects;
	uint64_t	 canon;		/* canonical bytes */
	uint64_t	 packed;	/* compressed bytes */
};

static double
cpu_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
}

static int
file_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct file *)a)->name,
	    ((const struct file *)b)->name));
}

static void
read_file(const char *dir, struct file *f)
{
	char	*path;
	FILE	*fp;
	char	 chunk[65536];
	size_t	 n;
	struct buf b = BUF_INIT;

	path = xasprintf("%s/%s", dir, f->name);
	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "bench-limit: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	free(path);
	f->len = b.len;
	f->data = buf_detach(&b);
}

/* The catalogue, the model list and every endpoint listing of dir. */
static struct file *
read_set(const char *dir, size_t *nfiles, uint64_t *bytes)
{
	DIR		*d;
	struct dirent	*de;
	struct file	*files = NULL;
	size_t		 n = 0, i;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "bench-limit: %s: %s\n", dir, strerror(errno));
		exit(1);
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, "frontend-models.json") != 0 &&
		    strcmp(de->d_name, "v1-models.json") != 0 &&
		    strncmp(de->d_name, "stats-endpoint-", 15) != 0)
			continue;
		files = xreallocarray(files, n + 1, sizeof *files);
		files[n].name = xstrdup(de->d_name);
		files[n].endpoints = de->d_name[0] == 's';
		n++;
	}
	closedir(d);
	if (n == 0) {
		fprintf(stderr, "bench-limit: %s: no data set here\n", dir);
		exit(1);
	}
	qsort(files, n, sizeof *files, file_cmp);
	*bytes = 0;
	for (i = 0; i < n; i++) {
		read_file(dir, &files[i]);
		*bytes += files[i].len;
	}
	*nfiles = n;
	return (files);
}

/*
 * Parse every file and canonicalise, hash and compress every object of its
 * data array.  With keep, the compressed objects of endpoint listings are
 * appended to *blobs (length-prefixed) for the inflate pass.  With train,
 * the objects are sampled as the store samples them (codec/ztrain.h:
 * endpoints as the main kind; the store samples their skeletons).
 */
static void
run_pass(struct file *files, size_t n, uint32_t dict, struct pass *p,
    struct buf *keep, struct ztrain *train)
{
	json_error_t	 err;
	json_t		*root, *data, *obj;
	struct buf	 canon = BUF_INIT, gz = BUF_INIT;
	char		 hash[HASH_HEX_LEN + 1];
	size_t		 i, j;
	uint32_t	 len;
	double		 t0;

	memset(p, 0, sizeof *p);
	t0 = cpu_now();
	for (i = 0; i < n; i++) {
		root = json_loadb(files[i].data, files[i].len, 0, &err);
		if (root == NULL) {
			fprintf(stderr, "bench-limit: %s: %s\n", files[i].name,
			    err.text);
			exit(1);
		}
		data = json_object_get(root, "data");
		json_array_foreach(data, j, obj) {
			if (canon_dump(obj, &canon) != 0 ||
			    hash_sha256_hex(canon.data, canon.len, hash) != 0 ||
			    zblob_compress_dict(canon.data, canon.len, dict,
			    &gz, NULL) != 0) {
				fprintf(stderr, "bench-limit: codec failed\n");
				exit(1);
			}
			p->objects++;
			p->canon += canon.len;
			p->packed += gz.len;
			if (train != NULL)
				ztrain_add(train, files[i].endpoints ?
				    ZTRAIN_MAIN : ZTRAIN_OTHER, canon.data,
				    canon.len);
			if (keep != NULL && files[i].endpoints) {
				len = (uint32_t)gz.len;
				buf_add(keep, &len, sizeof len);
				buf_add(keep, gz.data, gz.len);
			}
		}
		json_decref(root);
	}
	p->cpu = cpu_now() - t0;
	buf_free(&canon);
	buf_free(&gz);
}

/* Inflate every kept blob; CPU seconds and the bytes produced. */
static double
inflate_all(const struct buf *blobs, uint64_t *out_bytes, uint64_t *count)
{
	struct buf	 out = BUF_INIT;
	size_t		 off = 0;
	uint32_t	 len;
	double		 t0;
	char		*cause = NULL;

	*out_bytes = 0;
	*count = 0;
	t0 = cpu_now();
	while (off + sizeof len <= blobs->len) {
		memcpy(&len, blobs->data + off, sizeof len);
		off += sizeof len;
		if (zblob_inflate(blobs->data + off, len, ZBLOB_CAP, &out,
		    &cause) != 0) {
			fprintf(stderr, "bench-limit: %s\n", cause);
			exit(1);
		}
		off += len;
		*out_bytes += out.len;
		(*count)++;
	}
	buf_free(&out);
	return (cpu_now() - t0);
}

/* Compression of the endpoint objects alone, with one codec. */
static void
endpoint_codec(struct file *files, size_t n, uint32_t dict, const char *name,
    int comma)
{
	struct file	*eps;
	struct pass	 p;
	struct buf	 blobs = BUF_INIT;
	uint64_t	 out, count;
	size_t		 i, m = 0;
	double		 inflate;

	eps = xreallocarray(NULL, n, sizeof *eps);
	for (i = 0; i < n; i++) {
		if (files[i].endpoints)
			eps[m++] = files[i];
	}
	run_pass(eps, m, dict, &p, &blobs, NULL);
	inflate = inflate_all(&blobs, &out, &count);
	printf("    \"%s\": {\"objects\": %llu, \"canonical_bytes\": %llu, "
	    "\"packed_bytes\": %llu, \"bytes_per_object\": %.1f, "
	    "\"ratio\": %.2f, \"parse_canon_hash_compress_mb_s\": %.1f, "
	    "\"inflate_mb_s\": %.1f}%s\n", name,
	    (unsigned long long)p.objects, (unsigned long long)p.canon,
	    (unsigned long long)p.packed,
	    p.objects > 0 ? (double)p.packed / (double)p.objects : 0.0,
	    p.packed > 0 ? (double)p.canon / (double)p.packed : 0.0,
	    p.cpu > 0 ? (double)p.canon / 1e6 / p.cpu : 0.0,
	    inflate > 0 ? (double)out / 1e6 / inflate : 0.0,
	    comma ? "," : "");
	buf_free(&blobs);
	free(eps);
}

/* Keep the fastest of the passes: the one least disturbed. */
static void
best_pass(struct pass *best, const struct pass *p, int first)
{
	if (first || p->cpu < best->cpu)
		*best = *p;
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench-limit [-n RUNS] DIR (a data set "
	    "written by orbrowse demo --out)\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct file	*files;
	struct pass	 plain, dict, p;
	struct ztrain	 train;
	struct buf	 zdict = BUF_INIT;
	uint64_t	 raw;
	size_t		 n, i;
	uint32_t	 id;
	char		*end;
	long		 runs = 1, r;

	if (argc == 4 && strcmp(argv[1], "-n") == 0) {
		runs = strtol(argv[2], &end, 10);
		if (*argv[2] == '\0' || *end != '\0' || runs < 1 || runs > 100)
			usage();
		argv += 2;
		argc -= 2;
	}
	if (argc != 2)
		usage();
	files = read_set(argv[1], &n, &raw);

	/*
	 * Plain gzip; the dictionary is trained on the way, as the store
	 * does.  Each pass is run RUNS times and the fastest kept, as the
	 * benchmark does with the sync (a shared machine only ever slows a
	 * run down).
	 */
	ztrain_init(&train);
	run_pass(files, n, 0, &plain, NULL, &train);
	ztrain_build(&train, ZBLOB_DICT_MAX, &zdict);
	id = zblob_dict_add(zdict.data, zdict.len);
	for (r = 0; r < runs; r++) {
		if (r > 0) {
			run_pass(files, n, 0, &p, NULL, NULL);
			best_pass(&plain, &p, 0);
		}
		run_pass(files, n, id, &p, NULL, NULL);
		best_pass(&dict, &p, r == 0);
	}

	printf("{\n  \"files\": %zu,\n  \"raw_bytes\": %llu,\n"
	    "  \"objects\": %llu,\n", n, (unsigned long long)raw,
	    (unsigned long long)plain.objects);
	printf("  \"limit_gzip\": {\"cpu_s\": %.3f, \"mb_s\": %.2f},\n",
	    plain.cpu, (double)raw / 1e6 / plain.cpu);
	printf("  \"limit_dict\": {\"cpu_s\": %.3f, \"mb_s\": %.2f},\n",
	    dict.cpu, (double)raw / 1e6 / dict.cpu);
	printf("  \"endpoints\": {\n");
	endpoint_codec(files, n, 0, "gzip", 1);
	endpoint_codec(files, n, id, "zdict", 0);
	printf("  }\n}\n");

	for (i = 0; i < n; i++) {
		free(files[i].name);
		free(files[i].data);
	}
	free(files);
	ztrain_free(&train);
	buf_free(&zdict);
	zblob_dict_clear();
	return (0);
}
