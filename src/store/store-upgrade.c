/*
 * store-upgrade: the schema upgrades that are more than a script (see
 * store_migrate in store.c).
 *
 * 15 -> 16: endpoint snapshots name their endpoint and blob by integer ids
 * (data/schema.sql, endpoint_snap).  The projection is rebuilt with an id
 * column -- the rowid each row has, which becomes its INTEGER PRIMARY KEY,
 * so VACUUM keeps it -- from the table's definition in the schema itself,
 * copying every column the old table has by name.  Then the snapshot rows
 * move to endpoint_snap and endpoint_snapshot becomes the view of them by
 * name.  A snapshot whose endpoint has no projection row (none the sync
 * writes; possible in a database edited by hand) gets a row that is not
 * active, so that nothing is lost; one whose blob is not stored (which
 * gc never leaves) named nothing readable and goes.  A database already
 * at 16 that was taken back a version by hand gets its projection rebuilt
 * again, ids kept, and its snapshot rows as they are.
 *
 * 16 -> 17: change records name their endpoint by its projection row
 * (changelog.ep); a split blob may be a delta, which needs no table.  The
 * column is added unless a database taken back by hand has it.
 *
 * 17 -> 18: a change record that names its row keeps no model_key; a
 * projection row names its snapshot's blob by id (endpoint.blob), not by
 * hash, and keeps no model name where it is the one its model's listing
 * gave last (model.listed_name, which the next sync fills: rows keep
 * theirs until then).  A column is added unless the table has it (the 16
 * upgrade made endpoint from this schema).
 *
 * 18 -> 19: blob and endpoint are rebuilt from the schema, ids kept: blob
 * hashes are found by an index of their first 8 bytes instead of a UNIQUE
 * one, and the projection's key is (model_key, endpoint_id), which is
 * also the index of a model's rows (endpoint_model goes).  Each table is
 * copied to a new one that takes its name (the order SQLite's ALTER TABLE
 * page gives), so that blob_part's reference follows; the view that reads
 * both goes first and comes back after.  It can run again.
 */
#include "config.h"

#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

extern const char store_schema_sql[];

/*
 * Before the projection's copy.  The view of a database already at 16
 * (taken back a version by hand) goes before it (upgrade_v16_done): the
 * rename would point it at the old table.
 */
static const char upgrade_v16_before[] =
	"DROP INDEX IF EXISTS endpoint_model;"
	"DROP INDEX IF EXISTS endpoint_listing;"
	"ALTER TABLE endpoint RENAME TO endpoint_v15;";

static const char upgrade_v16_indexes[] =
	"DROP TABLE endpoint_v15;"
	"CREATE INDEX endpoint_model ON endpoint (model_key);"
	"CREATE INDEX endpoint_listing ON endpoint (listing);"
	/* The key's index, for the lookups below (upgrade 19 drops it with
	 * the table, and 20 makes it again). */
	"CREATE INDEX IF NOT EXISTS endpoint_key"
	"  ON endpoint (model_key, substr(endpoint_id, 1, 8));";

/*
 * The snapshot rows by ids, unless they are already (a database taken
 * back by hand).  A row whose blob is not stored named nothing readable
 * and is not carried over.
 */
static const char upgrade_v16_snaps[] =
	"INSERT INTO endpoint (endpoint_id, model_key, first_run_id,"
	"  last_run_id, active)"
	"  SELECT * FROM (SELECT endpoint_id, model_key, MIN(run_id),"
	"   MAX(run_id), 0 FROM endpoint_snapshot"
	"   GROUP BY endpoint_id, model_key) g"
	"  WHERE NOT EXISTS (SELECT 1 FROM endpoint e WHERE "
	EP_KEY_IS("e.", "g.model_key", "g.endpoint_id") ");"
	"CREATE TABLE endpoint_snap ("
	"  ep INTEGER NOT NULL,"
	"  run_id INTEGER NOT NULL REFERENCES run_log (id) ON DELETE CASCADE,"
	"  blob_id INTEGER NOT NULL,"
	"  PRIMARY KEY (ep, run_id)) WITHOUT ROWID;"
	"INSERT INTO endpoint_snap (ep, run_id, blob_id)"
	"  SELECT e.id, s.run_id, b.id FROM endpoint_snapshot s"
	"  JOIN endpoint e ON " EP_KEY_IS("e.", "s.model_key", "s.endpoint_id")
	"  JOIN blob b ON b.hash = s.hash;"
	"DROP TABLE endpoint_snapshot;"
	"CREATE INDEX endpoint_snap_run ON endpoint_snap (run_id);";

static const char upgrade_v16_view[] =
	"CREATE VIEW endpoint_snapshot (run_id, endpoint_id, model_key, hash)"
	"  AS SELECT s.run_id, e.endpoint_id, e.model_key, b.hash"
	"  FROM endpoint_snap s JOIN endpoint e ON e.id = s.ep"
	"  JOIN blob b ON b.id = s.blob_id;";

static const char upgrade_v16_done_sql[] =
	"SELECT COUNT(*) FROM sqlite_master"
	" WHERE type = 'table' AND name = 'endpoint_snap'";

/* The schema's first statement from p on that begins with head and ends
 * with end (a copy), *next just after it; NULL when there is none. */
static char *
schema_next(const char *p, const char *head, const char *end,
    const char **next)
{
	const char	*e;

	if ((p = strstr(p, head)) == NULL || (e = strstr(p, end)) == NULL)
		return (NULL);
	*next = e + strlen(end);
	return (xasprintf("%.*s", (int)(*next - p), p));
}

/* The schema's statement that begins with head and ends with end, or
 * NULL. */
static char *
schema_part(const char *head, const char *end)
{
	const char	*next;

	return (schema_next(store_schema_sql, head, end, &next));
}

/* The schema's CREATE TABLE statement of table (with its ";"), or NULL. */
static char *
schema_table_sql(const char *table)
{
	char	*head, *sql;

	head = xasprintf("CREATE TABLE %s (", table);
	sql = schema_part(head, "\n);");
	free(head);
	return (sql);
}

/* "a, b, c": the names of the columns of table, quoted. */
static int
table_columns(struct store *s, const char *table, struct buf *out,
    char **cause)
{
	sqlite3_stmt	*st;
	const char	*name;
	int		 rc;

	if (sqlite3_prepare_v2(s->db, "SELECT name FROM pragma_table_info(?1)",
	    -1, &st, NULL) != SQLITE_OK)
		return (store_fail(s, cause,
		    N_("cannot upgrade the database")));
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 0);
		/* A table given an id already has it as its rowid. */
		if (name == NULL || strchr(name, '"') != NULL ||
		    strcmp(name, "id") == 0)
			continue;
		if (out->len > 0)
			buf_add(out, ", ", 2);
		buf_add(out, "\"", 1);
		buf_add(out, name, strlen(name));
		buf_add(out, "\"", 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || out->len == 0)
		return (store_fail(s, cause,
		    N_("cannot upgrade the database")));
	buf_add(out, "", 1);
	return (0);
}

/* Whether a count is above 0: 1, 0, -1. */
static int
upgrade_any(struct store *s, const char *count_sql, char **cause)
{
	sqlite3_stmt	*st;
	int		 n = -1;

	if (sqlite3_prepare_v2(s->db, count_sql, -1, &st, NULL) ==
	    SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	if (n < 0)
		return (store_fail(s, cause,
		    N_("cannot upgrade the database")));
	return (n);
}

/* Whether the snapshots are rows of ids already: 1, 0, -1. */
static int
upgrade_v16_done(struct store *s, char **cause)
{
	return (upgrade_any(s, upgrade_v16_done_sql, cause));
}

int
store_upgrade_v16(struct store *s, char **cause)
{
	struct buf	 cols = BUF_INIT;
	char		*create, *copy = NULL;
	int		 rc = -1, done;

	if ((create = schema_table_sql("endpoint")) == NULL) {
		if (cause != NULL)
			*cause = xstrdup(_("cannot upgrade the database: no "
			    "endpoint table in the schema"));
		return (-1);
	}
	if ((done = upgrade_v16_done(s, cause)) < 0 ||
	    (done && store_exec(s, "DROP VIEW IF EXISTS endpoint_snapshot",
	    cause) != 0) ||
	    store_exec(s, upgrade_v16_before, cause) != 0 ||
	    store_exec(s, create, cause) != 0 ||
	    table_columns(s, "endpoint_v15", &cols, cause) != 0)
		goto out;
	/* The old table has no id column: its rowid becomes the id. */
	copy = xasprintf("INSERT INTO endpoint (%s, id) SELECT %s, rowid"
	    " FROM endpoint_v15", cols.data, cols.data);
	if (store_exec(s, copy, cause) != 0 ||
	    store_exec(s, upgrade_v16_indexes, cause) != 0 ||
	    (!done && store_exec(s, upgrade_v16_snaps, cause) != 0) ||
	    store_exec(s, upgrade_v16_view, cause) != 0)
		goto out;
	rc = 0;
out:
	free(create);
	free(copy);
	buf_free(&cols);
	return (rc);
}

/* Does table have column?  1, 0, -1 (with cause). */
static int
upgrade_has_column(struct store *s, const char *table, const char *column,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 has = -1;

	if (sqlite3_prepare_v2(s->db, "SELECT COUNT(*) FROM"
	    " pragma_table_info(?1) WHERE name = ?2", -1, &st,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, column, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			has = sqlite3_column_int(st, 0) > 0;
	}
	sqlite3_finalize(st);
	if (has < 0)
		return (store_fail(s, cause,
		    N_("cannot upgrade the database")));
	return (has);
}

/* ALTER TABLE table ADD COLUMN add ("name TYPE") unless it has name. */
static int
upgrade_add_column(struct store *s, const char *table, const char *name,
    const char *add, char **cause)
{
	char	*sql;
	int	 has, rc;

	if ((has = upgrade_has_column(s, table, name, cause)) != 0)
		return (has < 0 ? -1 : 0);
	sql = xasprintf("ALTER TABLE %s ADD COLUMN %s", table, add);
	rc = store_exec(s, sql, cause);
	free(sql);
	return (rc);
}

int
store_upgrade_v17(struct store *s, char **cause)
{
	return (upgrade_add_column(s, "changelog", "ep", "ep INTEGER", cause));
}

/*
 * 17 -> 18 (after the column): each step leaves what it did as it is, so
 * that it can run again.
 */
static const char upgrade_v18_sql[] =
	/*
	 * A record that names its row (ep) leaves its model_key '' (the
	 * full index goes first: it need not follow every row).
	 */
	"DROP INDEX IF EXISTS changelog_model;"
	"UPDATE changelog SET model_key = '' WHERE ep IS NOT NULL"
	"  AND model_key != '' AND model_key = (SELECT e.model_key"
	"  FROM endpoint e WHERE e.id = changelog.ep);"
	"CREATE INDEX changelog_model ON changelog (model_key, id)"
	"  WHERE model_key != '';"
	"CREATE INDEX IF NOT EXISTS changelog_ep ON changelog (ep, id)"
	"  WHERE ep IS NOT NULL;"
	/* Its snapshot by the blob's id, not its hash. */
	"UPDATE endpoint SET blob = (SELECT b.id FROM blob b"
	"  WHERE b.hash = endpoint.hash), hash = NULL WHERE hash IS NOT NULL;";

int
store_upgrade_v18(struct store *s, char **cause)
{
	if (upgrade_add_column(s, "endpoint", "blob", "blob INTEGER",
	    cause) != 0 || upgrade_add_column(s, "model", "listed_name",
	    "listed_name TEXT", cause) != 0)
		return (-1);
	return (store_exec(s, upgrade_v18_sql, cause));
}

/*
 * 18 -> 19.  The view would stop the renames (its tables are gone in
 * between); the indexes of the old tables go with them.
 */
static const char upgrade_v19_before[] =
	"DROP VIEW IF EXISTS endpoint_snapshot;"
	"DROP TABLE IF EXISTS blob_v19;"
	"DROP TABLE IF EXISTS endpoint_v19;";

#define UPGRADE_EP_INDEXES						\
	"CREATE INDEX endpoint_listing ON endpoint (listing);"		\
	"CREATE INDEX endpoint_eid ON endpoint (substr(endpoint_id, 1, 8));"

static const char upgrade_v19_after[] =
	"CREATE INDEX blob_hash ON blob (substr(hash, 1, 8));"
	UPGRADE_EP_INDEXES;

/*
 * Rebuild table from its definition in the schema: a copy (every column
 * the old one has, by name, its rowid as id) under a new name that then
 * takes the old one's.
 */
static int
upgrade_rebuild(struct store *s, const char *table, char **cause)
{
	struct buf	 cols = BUF_INIT;
	char		*create, *sql = NULL, *body;
	int		 rc = -1;

	if ((create = schema_table_sql(table)) == NULL) {
		if (cause != NULL)
			*cause = xasprintf(_("cannot upgrade the database: no "
			    "%s table in the schema"), table);
		return (-1);
	}
	body = strchr(create, '(');
	sql = xasprintf("CREATE TABLE %s_v19 %s", table, body);
	if (store_exec(s, sql, cause) != 0 ||
	    table_columns(s, table, &cols, cause) != 0)
		goto out;
	free(sql);
	sql = xasprintf("INSERT INTO %s_v19 (%s, id) SELECT %s, rowid FROM %s;"
	    "DROP TABLE %s; ALTER TABLE %s_v19 RENAME TO %s;", table,
	    cols.data, cols.data, table, table, table, table);
	rc = store_exec(s, sql, cause);
out:
	free(create);
	free(sql);
	buf_free(&cols);
	return (rc);
}

int
store_upgrade_v19(struct store *s, char **cause)
{
	if (store_exec(s, upgrade_v19_before, cause) != 0 ||
	    upgrade_rebuild(s, "blob", cause) != 0 ||
	    upgrade_rebuild(s, "endpoint", cause) != 0 ||
	    store_exec(s, upgrade_v19_after, cause) != 0)
		return (-1);
	return (store_exec(s, upgrade_v16_view, cause));
}

/*
 * 19 -> 20.  The projection without its UNIQUE key of the whole texts:
 * rebuilt (unless upgrade 19 just did, from this schema), with the key's
 * smaller index and the trigger that keeps a rename from making it twice,
 * as the schema has them (each the schema's statement, "IF NOT EXISTS"
 * after its first words: the upgrade can run again).
 */
static const char *const upgrade_v20_parts[][3] = {
	{ "CREATE INDEX", " endpoint_key ON", ";\n" },
	{ "CREATE TRIGGER", " endpoint_key_update", "\nEND;" }
};

int
store_upgrade_v20(struct store *s, char **cause)
{
	char	*head, *part, *sql;
	size_t	 i, kw;
	int	 unique, rc = 0;

	if ((unique = upgrade_any(s, "SELECT COUNT(*) FROM pragma_index_list("
	    "'endpoint') WHERE origin = 'u'", cause)) < 0)
		return (-1);
	if (unique && (store_exec(s, "DROP VIEW IF EXISTS"
	    " endpoint_snapshot; DROP TABLE IF EXISTS endpoint_v19;",
	    cause) != 0 || upgrade_rebuild(s, "endpoint", cause) != 0 ||
	    store_exec(s, UPGRADE_EP_INDEXES, cause) != 0 ||
	    store_exec(s, upgrade_v16_view, cause) != 0))
		return (-1);
	for (i = 0; i < sizeof upgrade_v20_parts /
	    sizeof upgrade_v20_parts[0] && rc == 0; i++) {
		head = xasprintf("%s%s", upgrade_v20_parts[i][0],
		    upgrade_v20_parts[i][1]);
		part = schema_part(head, upgrade_v20_parts[i][2]);
		free(head);
		if (part == NULL) {
			if (cause != NULL)
				*cause = xstrdup(_("cannot upgrade the "
				    "database: the schema has no key"));
			return (-1);
		}
		kw = strlen(upgrade_v20_parts[i][0]);
		sql = xasprintf("%.*s IF NOT EXISTS%s", (int)kw, part,
		    part + kw);
		free(part);
		rc = store_exec(s, sql, cause);
		free(sql);
	}
	return (rc);
}

/*
 * 20 -> 21.  Change records with their kind as a number (change_kind) and
 * without a time of their own (their run's start): the table, its
 * indexes and the view of it as the schema has them, ids kept.  The
 * projection's medians equal to the stats' become x''.  A kind the table
 * does not know fails the upgrade rather than lose its records.
 */
static const char upgrade_v21_copy[] =
	"INSERT INTO changelog_v21 (id, run_id, kind, model_key, endpoint_id,"
	" provider_slug, field, old, new, ep) SELECT c.id, c.run_id,"
	" (SELECT k.id FROM change_kind k WHERE k.name = c.kind), c.model_key,"
	" c.endpoint_id, c.provider_slug, c.field, c.old, c.new, c.ep"
	" FROM changelog c;"
	"DROP TABLE changelog;"
	"ALTER TABLE changelog_v21 RENAME TO changelog;";
/* The medians the projection keeps as x'' (store-endpoints.c, EP_SAME). */
static const char upgrade_v21_same[] =
	"UPDATE endpoint SET latency_p50_ms = x''"
	" WHERE latency_p50_ms = p50_latency_ms;"
	"UPDATE endpoint SET throughput_p50 = x''"
	" WHERE throughput_p50 = p50_throughput;";

/* Run every statement of the schema that begins with head and ends with
 * end. */
static int
schema_exec_all(struct store *s, const char *head, const char *end,
    char **cause)
{
	const char	*p = store_schema_sql;
	char		*sql;
	int		 rc = 0, n = 0;

	for (; rc == 0 && (sql = schema_next(p, head, end, &p)) != NULL; n++) {
		rc = store_exec(s, sql, cause);
		free(sql);
	}
	if (rc == 0 && n == 0) {
		if (cause != NULL)
			*cause = xasprintf(_("cannot upgrade the database: "
			    "the schema has no \"%s\""), head);
		return (-1);
	}
	return (rc);
}

int
store_upgrade_v21(struct store *s, char **cause)
{
	char	*create, *sql;
	int	 old, unknown, rc;

	/* A database taken back by hand may have the new table already. */
	if ((old = upgrade_any(s, "SELECT COUNT(*) FROM"
	    " pragma_table_info('changelog') WHERE name = 'at'", cause)) < 0)
		return (-1);
	if ((create = schema_table_sql("changelog")) == NULL) {
		if (cause != NULL)
			*cause = xasprintf(_("cannot upgrade the database: no "
			    "%s table in the schema"), "changelog");
		return (-1);
	}
	sql = xasprintf("CREATE TABLE changelog_v21 %s",
	    strchr(create, '('));
	free(create);
	rc = store_exec(s, "DROP VIEW IF EXISTS changes;"
	    " DROP TABLE IF EXISTS change_kind;", cause);
	if (rc == 0)
		rc = schema_exec_all(s, "CREATE TABLE change_kind (", "\n);",
		    cause);
	if (rc == 0)
		rc = schema_exec_all(s, "INSERT INTO change_kind", ";\n", cause);
	if (rc == 0 && old && (unknown = upgrade_any(s, "SELECT COUNT(*)"
	    " FROM changelog WHERE kind NOT IN (SELECT name FROM change_kind)",
	    cause)) != 0) {
		if (unknown > 0 && cause != NULL)
			*cause = xasprintf(_("%s: cannot upgrade the database: "
			    "a change record has a kind this version does not "
			    "know"), s->path);
		rc = -1;
	}
	if (rc == 0 && old)
		rc = store_exec(s, sql, cause);
	free(sql);
	if (rc == 0 && old)
		rc = store_exec(s, upgrade_v21_copy, cause);
	if (rc == 0 && !old)
		rc = store_exec(s, "DROP INDEX IF EXISTS changelog_run;"
		    " DROP INDEX IF EXISTS changelog_model;"
		    " DROP INDEX IF EXISTS changelog_ep;"
		    " DROP INDEX IF EXISTS changelog_expiry;", cause);
	if (rc == 0)
		rc = schema_exec_all(s, "CREATE INDEX changelog_", ";\n", cause);
	if (rc == 0)
		rc = schema_exec_all(s, "CREATE VIEW changes ", ";\n", cause);
	if (rc == 0)
		rc = store_exec(s, upgrade_v21_same, cause);
	return (rc);
}
