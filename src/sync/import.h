/*
 * import: `orbrowse import`, a sync whose source is files.
 *
 * import_scan() reads and parses every file (bounded by SOURCE_MAX_BYTES)
 * and recognises its content, without touching any database, so a command
 * line of nothing but bad files changes nothing.  import_run() then feeds the
 * usable files, in pipeline order (keys, catalogue, endpoints, metrics), to
 * the same ingest path the sync engine uses, as one run.
 *
 * The only things taken from a file's name are what a response's content
 * cannot say and a request would: whether a *-comparison series is latency
 * or throughput, and which endpoint an uptime-hourly series belongs to (an
 * endpoint uuid in the name).
 *
 * Messages about individual files go to the report callback (already
 * translated, borrowed for the call).  The plan owns its strings and is
 * freed with import_plan_free().
 */
#ifndef ORBROWSE_SYNC_IMPORT_H
#define ORBROWSE_SYNC_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "project/payload.h"
#include "store/store.h"

typedef void (*import_report_cb)(void *arg, const char *message);

struct import_file {
	char			*path;
	enum payload_kind	 kind;
	size_t			 size;
	char			*error;		/* NULL when usable */
};

struct import_plan {
	struct import_file	*files;
	size_t			 n;
	size_t			 usable;
	/*
	 * Set by the caller: after an ok run, tombstone the endpoints it did
	 * not list, as a complete sync does (the demo lists everything).
	 */
	int			 sweep;
};

struct import_result {
	int64_t		run_id;
	char		status[16];
	unsigned	files_ok;
	unsigned	files_failed;
	unsigned	files_skipped;	/* valid data orbrowse does not use */
	int64_t		models;
	int64_t		endpoints;
	int64_t		blobs_new;
	int64_t		bytes_raw;
	int64_t		bytes_gz;
	int64_t		metrics;
	int64_t		warnings;
};

int	import_scan(char **paths, size_t n, struct import_plan *,
	    import_report_cb, void *arg);
int	import_run(struct store *, const struct import_plan *,
	    struct import_result *, import_report_cb, void *arg,
	    char **cause);
void	import_plan_free(struct import_plan *);

#endif
