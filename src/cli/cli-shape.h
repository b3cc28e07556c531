/*
 * cli-shape: the request shape as `cheapest` and `compare` take it on the
 * command line (--mix, --prompt, --completion, --cached, --cache-write,
 * --reasoning, --searches, --at), one parser for both: the options, their
 * messages, and the line that says what was priced.  The costs themselves
 * come from project/cost.c.
 */
#ifndef ORBROWSE_CLI_SHAPE_H
#define ORBROWSE_CLI_SHAPE_H

#include <getopt.h>

#include "project/cost.h"

struct cli_shape {
	struct cost_shape	shape;
	struct cost_extra	extra;
	double			prompt;		/* -1: not given */
	double			completion;	/* -1: not given */
	int			at;		/* -1: not given */
};

/* The long options of the shape, to put in a command's option table; their
 * values are the short options cli_shape_option() takes ("m:" is also a
 * short option). */
#define CLI_SHAPE_LONGOPTS \
	{ "mix", required_argument, NULL, 'm' }, \
	{ "prompt", required_argument, NULL, 'p' }, \
	{ "completion", required_argument, NULL, 'c' }, \
	{ "cached", required_argument, NULL, 'C' }, \
	{ "cache-write", required_argument, NULL, 'W' }, \
	{ "reasoning", required_argument, NULL, 'r' }, \
	{ "searches", required_argument, NULL, 's' }, \
	{ "at", required_argument, NULL, 'a' }

void	cli_shape_init(struct cli_shape *);
/*
 * Apply option opt of command cmd: 1 when it is a shape option and good,
 * 0 when it is not a shape option, -1 after saying what is wrong.
 */
int	cli_shape_option(struct cli_shape *, const char *cmd, int opt,
	    const char *arg);
/*
 * The shape from what was given (token counts win over the mix's size; one
 * count alone takes the other from the mix; without --at the time of day
 * is now): 0, or -1 after saying what is wrong.
 */
int	cli_shape_finish(struct cli_shape *, const char *cmd);
/* "One request: 7500 prompt and 2500 completion tokens, at 09:30 UTC". */
void	cli_shape_line(const struct cli_shape *, FILE *);
/* The options' part of a usage text, shared by the commands' --help. */
void	cli_shape_usage(FILE *);

#endif
