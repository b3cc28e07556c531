/*
 * clock: the time now, and time shown to people.
 *
 * clock_now_ms() is wall-clock time (CLOCK_REALTIME) in milliseconds since
 * the Unix epoch, for timestamps that are stored; clock_mono_ms() is
 * CLOCK_MONOTONIC in milliseconds from an arbitrary origin, for measuring
 * how long something took.  Neither fails on a POSIX system; if the clock
 * cannot be read they return 0.
 *
 * clock_format_utc() renders Unix seconds as "YYYY-MM-DD HH:MM:SS" in UTC;
 * a time outside years 0000..9999 becomes the same layout filled with
 * question marks, so columns keep their width.  clock_format_duration()
 * renders milliseconds compactly ("250ms", "1.2s", "3m05s", "2h04m",
 * "3d07h"; a negative value gets a '-'), truncating rather than rounding so
 * a value never reads as the next unit up.
 * Both return a string the caller frees.
 *
 * clock_parse_duration() reads what a person writes for a span of time:
 * one or more groups of a whole number and a unit, s, m, h, d or w
 * ("90s", "30m", "2h", "1d", "1h30m", "2w"), positive and at most CLOCK_DURATION_MAX_MS.
 * 0 with *ms set; -1 with *cause (caller frees) saying what is wrong.
 */
#ifndef ORBROWSE_CLOCK_H
#define ORBROWSE_CLOCK_H

#include <stdint.h>

int64_t	 clock_now_ms(void);
/*
 * The wall clock as if it had read `instant` now ("2026-12-01" or
 * "2026-12-01T12:00:00Z", UTC) and runs on from there: what ORBROWSE_NOW
 * asks for, so that tests and screenshots hold no date of the day they ran.
 * NULL or "" puts the real clock back; so does an instant that is not one
 * of those forms, for which it returns -1.
 */
int	 clock_pin(const char *instant);
/* Parse one of those forms into Unix milliseconds; -1 if it is not one. */
int	 clock_parse_instant(const char *, int64_t *ms);
/*
 * Move clock_now_ms() by ms from the wall clock, or from the pinned one
 * (0: not moved): the demo stamps the runs of its history days in the
 * past with it.
 */
void	 clock_set_offset_ms(int64_t ms);
int64_t	 clock_mono_ms(void);
/* CLOCK_MONOTONIC in microseconds, and since clock_start() was called. */
int64_t	 clock_mono_us(void);
void	 clock_start(void);
int64_t	 clock_since_start_us(void);
char	*clock_format_utc(int64_t unix_seconds);
/* The same instant as ISO 8601 ("2026-05-01T12:00:00Z"), caller frees. */
char	*clock_format_iso(int64_t unix_seconds);
char	*clock_format_duration(int64_t ms);
/* Ten years: longer spans are refused as typing mistakes. */
#define CLOCK_DURATION_MAX_MS	(3650LL * 86400000LL)
int	 clock_parse_duration(const char *, int64_t *ms, char **cause);

#endif
