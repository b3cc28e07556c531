/*
 * civil: dates of the proleptic Gregorian calendar as day numbers.
 *
 * A day number counts days since 1970-01-01 (day 0; earlier days are
 * negative), so day * 86400 is the Unix time of that day's midnight UTC.
 * timegm() is not POSIX and mktime() applies the local time zone; these are
 * pure arithmetic (Howard Hinnant's days_from_civil and civil_from_days),
 * the same on every system.
 *
 * Years are astronomical (year 0 is 1 BC), months 1..12, days 1..31.  Every
 * year an int holds is in range, and civil_from_days() takes every day
 * number of those years (civil_to_days(INT_MIN, 1, 1) to
 * civil_to_days(INT_MAX, 12, 31)).  civil_to_days() does not check its
 * date: a caller with untrusted input checks it with civil_month_days()
 * first.  Nothing here allocates or keeps a pointer.
 */
#ifndef ORBROWSE_CIVIL_H
#define ORBROWSE_CIVIL_H

#include <stdint.h>

/* 1 if y is a leap year, else 0. */
int	civil_leap_year(int y);
/* The number of days of month m (1..12) of year y: 28 to 31. */
int	civil_month_days(int y, int m);
/* The day number of y-m-d. */
int64_t	civil_to_days(int y, int m, int d);
/* The date of a day number; the inverse of civil_to_days(). */
void	civil_from_days(int64_t days, int *y, int *m, int *d);

#endif
