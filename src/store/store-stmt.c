/*
 * store-stmt: the connection's cache of prepared statements and the helpers
 * that step, bind and read them for every file of the store (see
 * store-private.h).
 */
#include "config.h"

#include "store/store-private.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

int
store_fail(struct store *s, char **cause, const char *what)
{
	const char	*why = NULL;
	int		 code, sys;

	if (cause == NULL)
		return (-1);
	/* "disk I/O error" alone does not tell the user what to do. */
	code = sqlite3_errcode(s->db) & 0xff;
	sys = code == SQLITE_IOERR || code == SQLITE_CANTOPEN ?
	    sqlite3_system_errno(s->db) : 0;
	if (code == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
		why = _("the disk is full");
	else if (sys == EFBIG)
		why = _("the file size limit is reached");
	else if (code == SQLITE_READONLY || sys == EROFS || sys == EACCES ||
	    sys == EPERM)
		why = _("the database or its directory is read-only");
	if (why != NULL)
		*cause = xasprintf(_("%s: %s: %s (%s)"), s->path, what, why,
		    sqlite3_errmsg(s->db));
	else
		*cause = xasprintf(_("%s: %s: %s"), s->path, what,
		    sqlite3_errmsg(s->db));
	return (-1);
}

sqlite3_stmt *
store_stmt(struct store *s, const struct store_sql *sql, char **cause)
{
	sqlite3_stmt	*st;

	st = s->stmts[sql->id];
	if (st == NULL) {
		if (sqlite3_prepare_v3(s->db, sql->text, -1,
		    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
			store_fail(s, cause, _("cannot prepare statement"));
			return (NULL);
		}
		s->stmts[sql->id] = st;
		return (st);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return (st);
}

void
store_stmt_finalize(struct store *s)
{
	int	i;

	for (i = 0; i < ST__COUNT; i++) {
		sqlite3_finalize(s->stmts[i]);
		s->stmts[i] = NULL;
	}
}

int
store_exec(struct store *s, const char *sql, char **cause)
{
	char	*msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", s->path,
			    msg != NULL ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return (-1);
	}
	return (0);
}

int64_t
store_count(struct store *s, const struct store_sql *sql)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	if ((st = store_stmt(s, sql, NULL)) == NULL)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return (n);
}

int
store_step_done(struct store *s, sqlite3_stmt *st, char **cause,
    const char *what)
{
	int	rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return (store_fail(s, cause, what));
	return (0);
}

int
store_step_int(struct store *s, sqlite3_stmt *st, int64_t *v, char **cause,
    const char *what)
{
	int	rc;

	*v = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, what));
	return (0);
}

void
store_bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
}

char *
store_column_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char	*text;

	text = sqlite3_column_text(st, i);
	return (text == NULL ? NULL : xstrdup((const char *)text));
}

double
store_column_real(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (NAN);
	return (sqlite3_column_double(st, i));
}

void
store_column_copy(sqlite3_stmt *st, int i, char *dst, size_t size)
{
	const unsigned char	*text;

	text = sqlite3_column_text(st, i);
	snprintf(dst, size, "%s", text != NULL ? (const char *)text : "");
}

int
store_collect(struct store *s, sqlite3_stmt *st, void **list, size_t *n,
    size_t elsize, void (*read)(sqlite3_stmt *, void *),
    void (*free_list)(void *, size_t), const char *what, char **cause)
{
	size_t	cap = 0;
	int	rc;

	*list = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*list = xreallocarray(*list, cap, elsize);
		}
		read(st, (char *)*list + *n * elsize);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free_list(*list, *n);
		*list = NULL;
		*n = 0;
		return (store_fail(s, cause, what));
	}
	return (0);
}

void
store_list_free(void *list, size_t n, size_t elsize, void (*clear)(void *))
{
	size_t	i;

	for (i = 0; i < n; i++)
		clear((char *)list + i * elsize);
	free(list);
}
