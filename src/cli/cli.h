/*
 * cli: the subcommands and their output formats.
 *
 * Each cmd_* function parses its own options (argv[0] is the subcommand
 * name), does its work, prints to stdout/stderr, and returns the process
 * exit status (enum cli_exit).  Only main.c, cli/ and ui/ print.
 *
 * Human output is sanitised (util/sanitize.h) and shows prices in USD per
 * 1M tokens; --json and --csv give the column names of the projection and
 * prices in USD per token, as stored.
 */
#ifndef ORBROWSE_CLI_H
#define ORBROWSE_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "project/endpoint.h"
#include "store/store.h"
#include "sync/sync.h"

enum cli_exit {
	EXIT_OK = 0,		/* success */
	EXIT_FAIL = 1,		/* failure: nothing (more) was done */
	EXIT_USAGE = 2,		/* bad command line or filter */
	EXIT_PARTIAL = 3,	/* some inputs failed, the rest was stored */
	EXIT_LOCKED = 4,	/* another process holds the database */
	EXIT_ABORTED = 5	/* interrupted by a signal, stopped cleanly */
};

struct cli_global {
	const char	*db;		/* --db, or NULL */
	const char	*progname;
};

extern struct cli_global cli_global;

int	cmd_import(int, char **);
int	cmd_ls(int, char **);
int	cmd_providers(int, char **);
int	cmd_cheapest(int, char **);
int	cmd_show(int, char **);
int	cmd_runs(int, char **);
int	cmd_demo(int, char **);
int	cmd_sync(int, char **);
int	cmd_gc(int, char **);
int	cmd_ui(int, char **);
int	cmd_models(int, char **);
int	cmd_author(int, char **);
/* An import_report_cb that prints each message with cli_error. */
void	cli_report(void *arg, const char *message);
/* Print "orbrowse: message" on stderr. */
void	cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The database path: --db, $ORBROWSE_DB, or the XDG default (caller frees);
 * NULL after printing an error. */
char	*cli_db_path(void);
/* Open the store or print why not; returns EXIT_OK or an exit status. */
int	cli_open(int flags, struct store **);
/* Common options every subcommand accepts: returns 1 if handled. */
int	cli_common_option(int opt, const char *arg);
/* Parse a non-negative integer option; -1 on error (message printed). */
long long cli_parse_count(const char *what, const char *arg);

/* Human formatting into a caller buffer. */
const char *cli_fmt_price(double per_token, char *out, size_t len);
const char *cli_fmt_count(int64_t, char *out, size_t len);
const char *cli_fmt_real(double, int decimals, char *out, size_t len);
const char *cli_fmt_time(int64_t unix_ms, char *out, size_t len);

/*
 * A plain text table with sanitised, width-aware cells.  Piped or in a
 * file it prints whole; on a terminal it fits the width by the rules of
 * every table (util/table-layout.h): the columns drop by priority (by
 * default the right-most first), the ones with a minimum width narrow to
 * it, the widest first (by default those with a maximum width, to
 * TABLE_MIN_CUT), and an id column is shortened in the middle.
 */
struct table;
struct table	*table_new(int ncols, const char *const *headers,
		     const char *align /* 'l' or 'r' per column */,
		     const int *maxwidth /* 0 = no limit; may be NULL */);
/* prio (0 the most important) and min (0: never cut; -1: never cut and
 * shown only where it cuts no more important column) per column, either
 * NULL for the default; ids the column of identifiers, or -1. */
void		 table_set_layout(struct table *, const int *prio,
		     const int *min, int ids);
void		 table_add(struct table *, const char *const *cells);
void		 table_print(struct table *, FILE *);
void		 table_free(struct table *);

/* JSON of v (jansson's flags) with the code points that steer a terminal
 * escaped, as util/sanitize.h does for --json output. */
void	cli_json_write(FILE *, const json_t *, size_t flags);
/* A JSON value, null for NULL, EP_NULL_INT or NAN (new reference). */
json_t	*cli_json_str(const char *);
json_t	*cli_json_int(int64_t);
json_t	*cli_json_real(double);
/* Machine output of endpoint rows (projection column names). */
void	cli_rows_json(FILE *, const struct ep_row *, size_t,
	    const double *extra, const char *extra_name);
void	cli_rows_csv(FILE *, const struct ep_row *, size_t,
	    const double *extra, const char *extra_name);
/* One CSV field of a JSON value: text quoted as needed (and sanitised),
 * booleans 1/0, null empty, anything else as compact JSON. */
void	cli_csv_value(FILE *, const json_t *);
/* One CSV field, sanitised and quoted where it needs it. */
void	cli_csv_field(FILE *, const char *);

#endif
