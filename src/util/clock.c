#include "config.h"

#include "util/clock.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/civil.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/*
 * The UTC layout filled with question marks; every second one is escaped
 * because a C99 compiler reads a doubled question mark as a trigraph.
 */
#define CLOCK_UTC_UNKNOWN	"?\?\?\?-?\?-?\? ?\?:?\?:?\?"

static int64_t
clock_read_ms(clockid_t id)
{
	struct timespec	ts;

	if (clock_gettime(id, &ts) != 0)
		return (0);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/* What ORBROWSE_NOW moves the wall clock by (clock_pin()). */
static int64_t	clock_pin_ms;
/* And what clock_set_offset_ms() moves it by from there. */
static int64_t	clock_offset_ms;

int64_t
clock_now_ms(void)
{
	return (clock_read_ms(CLOCK_REALTIME) + clock_pin_ms + clock_offset_ms);
}

int
clock_parse_instant(const char *s, int64_t *ms)
{
	int	y, mo, d, h = 0, mi = 0, sec = 0, len = 0;

	if (s == NULL)
		return (-1);
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &len) != 3 || len != 10)
		return (-1);
	if (s[len] != '\0') {
		if (s[len] != 'T' || strlen(s + len) != 10 ||
		    sscanf(s + len, "T%2d:%2d:%2dZ", &h, &mi, &sec) != 3 ||
		    s[len + 9] != 'Z')
			return (-1);
	}
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    d > civil_month_days(y, mo) || h > 23 || mi > 59 || sec > 59 ||
	    h < 0 || mi < 0 || sec < 0)
		return (-1);
	*ms = ((civil_to_days(y, mo, d) * 86400) + h * 3600 + mi * 60 + sec) *
	    (int64_t)1000;
	return (0);
}

int
clock_pin(const char *instant)
{
	int64_t	at;

	clock_pin_ms = 0;
	if (instant == NULL || *instant == '\0')
		return (0);
	if (clock_parse_instant(instant, &at) != 0)
		return (-1);
	clock_pin_ms = at - clock_read_ms(CLOCK_REALTIME);
	return (0);
}

void
clock_set_offset_ms(int64_t ms)
{
	clock_offset_ms = ms;
}

int64_t
clock_mono_ms(void)
{
	return (clock_read_ms(CLOCK_MONOTONIC));
}

int64_t
clock_mono_us(void)
{
	struct timespec	ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return (0);
	return ((int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
}

static int64_t	clock_started;

void
clock_start(void)
{
	clock_started = clock_mono_us();
}

int64_t
clock_since_start_us(void)
{
	return (clock_mono_us() - clock_started);
}

static char *
clock_format(int64_t unix_seconds, const char *fmt)
{
	struct tm	tm;
	time_t		t;
	char		out[32];

	/* time_t may be narrower than 64 bits; refuse what it cannot hold. */
	t = (time_t)unix_seconds;
	if ((int64_t)t != unix_seconds || gmtime_r(&t, &tm) == NULL)
		return (xstrdup(CLOCK_UTC_UNKNOWN));
	if (tm.tm_year < -1900 || tm.tm_year > 9999 - 1900)
		return (xstrdup(CLOCK_UTC_UNKNOWN));
	if (strftime(out, sizeof out, fmt, &tm) == 0)
		return (xstrdup(CLOCK_UTC_UNKNOWN));
	return (xstrdup(out));
}

char *
clock_format_utc(int64_t unix_seconds)
{
	return (clock_format(unix_seconds, "%Y-%m-%d %H:%M:%S"));
}

char *
clock_format_iso(int64_t unix_seconds)
{
	return (clock_format(unix_seconds, "%Y-%m-%dT%H:%M:%SZ"));
}

char *
clock_format_duration(int64_t ms)
{
	const char	*sign = "";
	uint64_t	 v, s, m, h;

	/* Work on the magnitude as unsigned so INT64_MIN is not overflowed. */
	if (ms < 0) {
		sign = "-";
		v = (uint64_t)0 - (uint64_t)ms;
	} else
		v = (uint64_t)ms;

	if (v < 1000)
		return (xasprintf("%s%llums", sign, (unsigned long long)v));
	s = v / 1000;
	if (s < 60) {
		return (xasprintf("%s%llu.%llus", sign, (unsigned long long)s,
		    (unsigned long long)(v % 1000 / 100)));
	}
	m = s / 60;
	if (m < 60) {
		return (xasprintf("%s%llum%02llus", sign, (unsigned long long)m,
		    (unsigned long long)(s % 60)));
	}
	h = m / 60;
	if (h < 24) {
		return (xasprintf("%s%lluh%02llum", sign, (unsigned long long)h,
		    (unsigned long long)(m % 60)));
	}
	return (xasprintf("%s%llud%02lluh", sign, (unsigned long long)(h / 24),
	    (unsigned long long)(h % 24)));
}

/* Milliseconds in one of a duration's units, 0 for none. */
static int64_t
clock_unit_ms(char c)
{
	switch (c) {
	case 's':
		return (1000);
	case 'm':
		return (60 * 1000);
	case 'h':
		return (3600 * 1000);
	case 'd':
		return (86400 * 1000);
	case 'w':
		return (7 * 86400 * 1000);
	}
	return (0);
}

int
clock_parse_duration(const char *text, int64_t *ms, char **cause)
{
	const char	*p = text;
	int64_t		 total = 0, n, unit;

	*ms = 0;
	if (*p == '\0')
		goto bad;
	while (*p != '\0') {
		if (*p < '0' || *p > '9')
			goto bad;
		for (n = 0; *p >= '0' && *p <= '9'; p++) {
			n = n * 10 + (*p - '0');
			if (n > CLOCK_DURATION_MAX_MS / 1000)
				goto too_long;
		}
		if ((unit = clock_unit_ms(*p)) == 0)
			goto bad;
		p++;
		total += n * unit;
		if (total > CLOCK_DURATION_MAX_MS)
			goto too_long;
	}
	if (total == 0) {
		*cause = xasprintf(_("duration must be longer than zero: %s"),
		    text);
		return (-1);
	}
	*ms = total;
	return (0);

bad:
	*cause = xasprintf(_("bad duration: %s (a number and a unit, s, m, h, "
	    "d or w: 30m, 2h, 1d, 1h30m, 2w)"), text);
	return (-1);
too_long:
	*cause = xasprintf(_("duration too long: %s (at most 3650d)"), text);
	return (-1);
}
