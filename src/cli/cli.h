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

#include <getopt.h>
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
int	cmd_changes(int, char **);
int	cmd_history(int, char **);
int	cmd_watch(int, char **);
int	cmd_schedule(int, char **);
int	cmd_compare(int, char **);
int	cmd_alerts(int, char **);
/* An import_report_cb that prints each message with cli_error. */
void	cli_report(void *arg, const char *message);
/* s as one shell word: bare when it can be, else in single quotes
 * (caller frees). */
char	*cli_shell_word(const char *s);
/* Print "orbrowse: message" on stderr. */
void	cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The database path: --db, $ORBROWSE_DB, or the XDG default (caller frees);
 * NULL after printing an error. */
char	*cli_db_path(void);
/* Open the store or print why not; returns EXIT_OK or an exit status. */
int	cli_open(int flags, struct store **);
/*
 * What a user typed for a model, as `cheapest` and `show` take it
 * (store_model_resolve(): a key, a v1 id or an unambiguous part of either
 * or of a name).  0 with *key set (caller frees) for exactly one model; 1
 * when none matches (nothing said); -1 after saying why (an ambiguous
 * part, listing what it matches, or a store error).
 */
int	cli_model_resolve(struct store *, const char *cmd, const char *query,
	    char **key);
/* 0 unless both --json and --csv were given; then -1 after saying so. */
int	cli_formats_ok(const char *cmd, int json, int csv);
/* Common options every subcommand accepts: returns 1 if handled. */
int	cli_common_option(int opt, const char *arg);
/*
 * getopt_long() for the main command line (cmd NULL) or a subcommand's
 * (cmd its name): returns as it does, except that a bad option is '?'
 * after one line saying what is wrong ("orbrowse: unrecognized option
 * '--x'") and the hint of cli_hint().
 */
int	cli_getopt(int argc, char **argv, const char *optstring,
	    const struct option *longopts, const char *cmd);
/* "Try 'orbrowse CMD --help'." on stderr (cmd NULL: the main help). */
void	cli_hint(const char *cmd);
/* Parse a non-negative integer option; -1 on error (message printed). */
long long cli_parse_count(const char *what, const char *arg);

/*
 * cli_model_resolve() for commands that need exactly one model: the key
 * (caller frees), or NULL after saying why not ("cmd: no model matches").
 */
char	*cli_resolve_model(struct store *, const char *cmd, const char *query);
/*
 * argv[from..argc) joined by spaces as one filter (project/filter.h), or
 * NULL after reporting where it is bad.  The caller frees the filter.
 */
struct filter;
struct filter *cli_filter_args(const char *cmd, int argc, char **argv,
	    int from);

/* A change record's old or new value (store/store-changelog.h) as JSON:
 * a number, text, or null.  The caller owns the reference. */
struct change_value;
json_t	*cli_change_value_json(const struct change_value *);
/* A change record as `changes --json` gives it (a new reference), and as
 * one line of text, "kind model provider field: old -> new +pct%" (the
 * caller frees; not sanitised). */
struct change_rec;
json_t	*cli_change_json(const struct change_rec *);
char	*cli_change_line(const struct change_rec *);
/* A time for a person, into a caller buffer (numbers: util/numfmt.h). */
const char *cli_fmt_time(int64_t unix_ms, char *out, size_t len);
/* unix_ms as ISO 8601 in UTC with milliseconds, "2026-03-01T12:00:00.250Z"
 * (null for none, <= 0), a new reference. */
json_t	*cli_json_iso(int64_t unix_ms);

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
/*
 * A --json array written as a stream: the caller writes "[", then element
 * i of it with cli_json_item() (compact, keys in order, reals exact; takes
 * o's reference), and cli_json_end() after n of them.
 */
void	cli_json_item(FILE *, size_t i, json_t *o);
void	cli_json_end(FILE *, size_t n);
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
/* A flat object as one CSV line of its values, after a header line of its
 * keys when header is set. */
void	cli_object_csv(FILE *, const json_t *, int header);

#endif
