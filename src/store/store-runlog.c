/*
 * store-runlog: the run log -- one row per sync or import, its counters
 * written as the run goes so that any process can watch it, and the runs a
 * dead process left "running".
 */
#include "config.h"

#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store-private.h"
#include "util/clock.h"
#include "util/i18n.h"

#define RUN_COLUMNS							\
    "id, started_at, ended_at, status, source, route_family,"		\
    " models_total, models_done, endpoints_done, requests, retries,"	\
    " bytes_raw, bytes_gz, blobs_new, warnings, error_count, errors, pid,"	\
    " warning_texts, db_bytes"

static const struct store_sql run_insert_sql = { ST_RUN_INSERT,
    "INSERT INTO run_log (started_at, status, source, pid)"
    " VALUES (?1, 'running', ?2, ?3)" };
static const struct store_sql run_update_sql = { ST_RUN_UPDATE,
    "UPDATE run_log SET models_total = ?2, models_done = ?3,"
    " endpoints_done = ?4, requests = ?5, retries = ?6,"
    " bytes_raw = ?7, bytes_gz = ?8, blobs_new = ?9, warnings = ?10,"
    " error_count = ?11, route_family = ?12, warning_texts = ?13"
    " WHERE id = ?1" };
static const struct store_sql run_finish_sql = { ST_RUN_FINISH,
    "UPDATE run_log SET models_total = ?2, models_done = ?3,"
    " endpoints_done = ?4, requests = ?5, retries = ?6,"
    " bytes_raw = ?7, bytes_gz = ?8, blobs_new = ?9, warnings = ?10,"
    " error_count = ?11, route_family = ?12, status = ?13,"
    " errors = ?14, ended_at = ?15, warning_texts = ?16,"
    " db_bytes = (SELECT page_count * page_size"
    " FROM pragma_page_count, pragma_page_size) WHERE id = ?1" };
static const struct store_sql run_get_sql = { ST_RUN_GET,
    "SELECT " RUN_COLUMNS " FROM run_log WHERE id = ?1" };
static const struct store_sql run_list_sql = { ST_RUN_LIST,
    "SELECT " RUN_COLUMNS " FROM run_log ORDER BY id DESC" };
static const struct store_sql run_latest_sql = { ST_RUN_LATEST,
    "SELECT COALESCE(MAX(id), 0) FROM run_log" };
static const struct store_sql run_newest_sql = { ST_RUN_NEWEST,
    "SELECT id FROM run_log WHERE status = ?1 ORDER BY id DESC LIMIT 1" };
static const struct store_sql run_reap_sql = { ST_RUN_REAP,
    "UPDATE run_log SET status = 'failed', ended_at = ?1,"
    " errors = COALESCE(errors || char(10), '') ||"
    " 'the process (pid ' || COALESCE(pid, '?') ||"
    " ') ended before the run finished'"
    " WHERE status = 'running'" };
/* Less than an hour apart, two sizes say little of a day's growth. */
#define STORE_GROWTH_MIN_MS	3600000

/* The run log summed up: counts by status, and means over ended runs. */
static const struct store_sql run_stats_sql = { ST_RUN_STATS,
    "SELECT COUNT(*), TOTAL(status = 'ok'), TOTAL(status = 'partial'),"
    " TOTAL(status = 'failed'), TOTAL(status = 'aborted'),"
    " TOTAL(status = 'running'), COUNT(ended_at),"
    " AVG(CASE WHEN ended_at IS NOT NULL THEN requests END),"
    " AVG(CASE WHEN ended_at IS NOT NULL THEN bytes_raw END),"
    " AVG(CASE WHEN ended_at IS NOT NULL THEN bytes_gz END)"
    " FROM run_log" };
/* The (?1 + 1)-th shortest duration of the runs that ended. */
static const struct store_sql run_duration_at_sql = { ST_RUN_DURATION_AT,
    "SELECT ended_at - started_at AS d FROM run_log"
    " WHERE ended_at IS NOT NULL ORDER BY d LIMIT 1 OFFSET ?1" };
/* The oldest and the newest run that recorded the database's size. */
static const struct store_sql run_growth_sql = { ST_RUN_GROWTH,
    "SELECT a.id, a.ended_at, a.db_bytes, b.id, b.ended_at, b.db_bytes"
    " FROM (SELECT id, ended_at, db_bytes FROM run_log"
    "  WHERE db_bytes > 0 AND ended_at IS NOT NULL"
    "  ORDER BY ended_at, id LIMIT 1) AS a,"
    " (SELECT id, ended_at, db_bytes FROM run_log"
    "  WHERE db_bytes > 0 AND ended_at IS NOT NULL"
    "  ORDER BY ended_at DESC, id DESC LIMIT 1) AS b" };
static const struct store_sql db_bytes_sql = { ST_DB_BYTES,
    "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size" };

int
store_run_begin(struct store *s, const char *source, int64_t *run_id,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &run_insert_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, clock_now_ms());
	store_bind_text(st, 2, source);
	sqlite3_bind_int64(st, 3, (int64_t)getpid());
	if (store_step_done(s, st, cause, N_("cannot record the run")) != 0)
		return (-1);
	*run_id = sqlite3_last_insert_rowid(s->db);
	return (0);
}

static void
store_bind_counters(sqlite3_stmt *st, const struct run_info *r)
{
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->models_total);
	sqlite3_bind_int64(st, 3, r->models_done);
	sqlite3_bind_int64(st, 4, r->endpoints_done);
	sqlite3_bind_int64(st, 5, r->requests);
	sqlite3_bind_int64(st, 6, r->retries);
	sqlite3_bind_int64(st, 7, r->bytes_raw);
	sqlite3_bind_int64(st, 8, r->bytes_gz);
	sqlite3_bind_int64(st, 9, r->blobs_new);
	sqlite3_bind_int64(st, 10, r->warnings);
	sqlite3_bind_int64(st, 11, r->error_count);
	store_bind_text(st, 12, r->route_family);
}

int
store_run_update(struct store *s, const struct run_info *r, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &run_update_sql, cause)) == NULL)
		return (-1);
	store_bind_counters(st, r);
	store_bind_text(st, 13, r->warning_texts);
	return (store_step_done(s, st, cause, N_("cannot update the run")));
}

int
store_run_finish(struct store *s, const struct run_info *r, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &run_finish_sql, cause)) == NULL)
		return (-1);
	store_bind_counters(st, r);
	store_bind_text(st, 13, r->status);
	store_bind_text(st, 14, r->errors);
	sqlite3_bind_int64(st, 15, r->ended_at != 0 ? r->ended_at :
	    clock_now_ms());
	store_bind_text(st, 16, r->warning_texts);
	return (store_step_done(s, st, cause, N_("cannot finish the run")));
}

static void
store_run_read(sqlite3_stmt *st, struct run_info *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->started_at = sqlite3_column_int64(st, 1);
	r->ended_at = sqlite3_column_int64(st, 2);
	store_column_copy(st, 3, r->status, sizeof r->status);
	r->source = store_column_strdup(st, 4);
	r->route_family = store_column_strdup(st, 5);
	r->models_total = sqlite3_column_int64(st, 6);
	r->models_done = sqlite3_column_int64(st, 7);
	r->endpoints_done = sqlite3_column_int64(st, 8);
	r->requests = sqlite3_column_int64(st, 9);
	r->retries = sqlite3_column_int64(st, 10);
	r->bytes_raw = sqlite3_column_int64(st, 11);
	r->bytes_gz = sqlite3_column_int64(st, 12);
	r->blobs_new = sqlite3_column_int64(st, 13);
	r->warnings = sqlite3_column_int64(st, 14);
	r->error_count = sqlite3_column_int64(st, 15);
	r->errors = store_column_strdup(st, 16);
	r->pid = sqlite3_column_int64(st, 17);
	r->warning_texts = store_column_strdup(st, 18);
	r->db_bytes = sqlite3_column_int64(st, 19);
}

int
store_run_get(struct store *s, int64_t id, struct run_info *r, int *found,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*found = 0;
	if ((st = store_stmt(s, &run_get_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_run_read(st, r);
		*found = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read the run log")));
	return (0);
}

static void
store_run_read_cb(sqlite3_stmt *st, void *r)
{
	store_run_read(st, r);
}

static void
store_run_free_cb(void *list, size_t n)
{
	run_info_list_free(list, n);
}

int
store_run_list(struct store *s, struct run_info **list, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;

	*list = NULL;
	*n = 0;
	if ((st = store_stmt(s, &run_list_sql, cause)) == NULL)
		return (-1);
	return (store_collect(s, st, (void **)list, n, sizeof **list,
	    store_run_read_cb, store_run_free_cb, N_("cannot read the run log"),
	    cause));
}

/* The newest run with the status. */
static int
store_run_newest(struct store *s, const char *status, struct run_info *run,
    int *found, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 id;

	*found = 0;
	memset(run, 0, sizeof *run);
	if ((st = store_stmt(s, &run_newest_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, status);
	if (store_step_int(s, st, &id, cause,
	    N_("cannot read the run log")) != 0)
		return (-1);
	if (id == 0)
		return (0);
	return (store_run_get(s, id, run, found, cause));
}

int
store_run_running(struct store *s, struct run_info *run, int *found,
    char **cause)
{
	return (store_run_newest(s, "running", run, found, cause));
}

int
store_run_last_ok(struct store *s, struct run_info *run, int *found,
    char **cause)
{
	return (store_run_newest(s, "ok", run, found, cause));
}

int64_t
store_run_latest(struct store *s)
{
	return (store_count(s, &run_latest_sql));
}

void
run_info_clear(struct run_info *r)
{
	free(r->source);
	free(r->route_family);
	free(r->errors);
	free(r->warning_texts);
	memset(r, 0, sizeof *r);
}

void
run_info_list_free(struct run_info *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		run_info_clear(&list[i]);
	free(list);
}

int64_t
store_run_reap(struct store *s, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &run_reap_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, clock_now_ms());
	if (store_step_done(s, st, cause, N_("cannot update the run log")) != 0)
		return (-1);
	return (sqlite3_changes(s->db));
}

/* The (k + 1)-th shortest duration of the ended runs, into *ms. */
static int
store_run_duration_at(struct store *s, int64_t k, int64_t *ms, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &run_duration_at_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, k);
	return (store_step_int(s, st, ms, cause,
	    N_("cannot read the run log")));
}

/* Counts and means. */
static int
store_run_stats_counts(struct store *s, struct run_stats *rs, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, &run_stats_sql, cause)) == NULL)
		return (-1);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rs->runs = sqlite3_column_int64(st, 0);
		rs->ok = sqlite3_column_int64(st, 1);
		rs->partial = sqlite3_column_int64(st, 2);
		rs->failed = sqlite3_column_int64(st, 3);
		rs->aborted = sqlite3_column_int64(st, 4);
		rs->running = sqlite3_column_int64(st, 5);
		rs->finished = sqlite3_column_int64(st, 6);
		rs->mean_requests = store_column_real(st, 7);
		rs->mean_bytes_raw = store_column_real(st, 8);
		rs->mean_bytes_gz = store_column_real(st, 9);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return (store_fail(s, cause, N_("cannot read the run log")));
	return (0);
}

/* The database's size now and its growth between runs that recorded it. */
static int
store_run_stats_growth(struct store *s, struct run_stats *rs, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 t0, t1;
	int		 rc;

	if ((rs->db_bytes = store_count(s, &db_bytes_sql)) < 0)
		return (store_fail(s, cause, N_("cannot read the database")));
	if ((st = store_stmt(s, &run_growth_sql, cause)) == NULL)
		return (-1);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t0 = sqlite3_column_int64(st, 1);
		t1 = sqlite3_column_int64(st, 4);
		if (t1 - t0 >= STORE_GROWTH_MIN_MS) {
			rs->growth_from = sqlite3_column_int64(st, 0);
			rs->growth_to = sqlite3_column_int64(st, 3);
			rs->growth_per_day = (double)(sqlite3_column_int64(st,
			    5) - sqlite3_column_int64(st, 2)) * 86400000.0 /
			    (double)(t1 - t0);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read the run log")));
	return (0);
}

int
store_run_stats(struct store *s, struct run_stats *rs, char **cause)
{
	struct run_info	 last;
	int64_t		 n, lo, hi;
	int		 found;

	memset(rs, 0, sizeof *rs);
	rs->median_ms = rs->p95_ms = -1;
	rs->growth_per_day = NAN;
	if (store_run_stats_counts(s, rs, cause) != 0 ||
	    store_run_stats_growth(s, rs, cause) != 0)
		return (-1);
	if ((n = rs->finished) > 0) {
		if (store_run_duration_at(s, (n - 1) / 2, &lo, cause) != 0 ||
		    store_run_duration_at(s, n / 2, &hi, cause) != 0 ||
		    store_run_duration_at(s, (95 * n + 99) / 100 - 1,
		    &rs->p95_ms, cause) != 0)
			return (-1);
		rs->median_ms = lo + (hi - lo) / 2;
	}
	if (store_run_last_ok(s, &last, &found, cause) != 0)
		return (-1);
	if (found) {
		rs->last_ok_id = last.id;
		rs->last_ok_ended = last.ended_at;
		run_info_clear(&last);
	}
	return (0);
}
