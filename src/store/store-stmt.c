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
		*cause = xasprintf(_("%s: %s: %s (%s)"), s->path, _(what),
		    why, sqlite3_errmsg(s->db));
	else
		*cause = xasprintf(_("%s: %s: %s"), s->path, _(what),
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
			store_fail(s, cause, N_("cannot prepare statement"));
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

static int
store_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	return (-1);
}

int
store_hash_bin(const char *hex, unsigned char out[STORE_HASH_BYTES])
{
	int	i, hi, lo;

	if (hex == NULL)
		return (-1);
	for (i = 0; i < STORE_HASH_BYTES; i++) {
		if ((hi = store_hex_digit(hex[2 * i])) < 0 ||
		    (lo = store_hex_digit(hex[2 * i + 1])) < 0)
			return (-1);
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return (hex[2 * STORE_HASH_BYTES] == '\0' ? 0 : -1);
}

void
store_hash_hex(const unsigned char *bin, char out[65])
{
	static const char	 digits[] = "0123456789abcdef";
	int			 i;

	for (i = 0; i < STORE_HASH_BYTES; i++) {
		out[2 * i] = digits[bin[i] >> 4];
		out[2 * i + 1] = digits[bin[i] & 0xf];
	}
	out[2 * STORE_HASH_BYTES] = '\0';
}

void
store_bind_hash(sqlite3_stmt *st, int i, const char *hex)
{
	unsigned char	bin[STORE_HASH_BYTES];

	if (store_hash_bin(hex, bin) == 0)
		sqlite3_bind_blob(st, i, bin, sizeof bin, SQLITE_TRANSIENT);
	else
		store_bind_text(st, i, hex);
}

void
store_column_hash(sqlite3_stmt *st, int i, char out[65])
{
	if (sqlite3_column_type(st, i) == SQLITE_BLOB &&
	    sqlite3_column_bytes(st, i) == STORE_HASH_BYTES)
		store_hash_hex(sqlite3_column_blob(st, i), out);
	else
		store_column_copy(st, i, out, 65);
}

char *
store_column_hash_strdup(sqlite3_stmt *st, int i)
{
	char	hex[65];

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (NULL);
	store_column_hash(st, i, hex);
	return (xstrdup(hex));
}

static void
store_fn_unhex(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	unsigned char	 bin[STORE_HASH_BYTES];
	const char	*text;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_TEXT &&
	    (text = (const char *)sqlite3_value_text(argv[0])) != NULL &&
	    store_hash_bin(text, bin) == 0)
		sqlite3_result_blob(ctx, bin, sizeof bin, SQLITE_TRANSIENT);
	else
		sqlite3_result_value(ctx, argv[0]);
}

int
store_hash_functions(sqlite3 *db)
{
	return (sqlite3_create_function(db, "orb_unhex", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, store_fn_unhex, NULL, NULL));
}
