#include "config.h"

#include "util/civil.h"

#include <stdint.h>

int
civil_leap_year(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

int
civil_month_days(int y, int m)
{
	static const int	mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && civil_leap_year(y))
		return (29);
	return (mdays[m - 1]);
}

/*
 * The year is counted from March, so that the leap day is the last day of
 * its year; an era is the 400-year cycle of 146097 days, and 719468 is the
 * day number of 0000-03-01.  The arithmetic is in int64_t so that the
 * years at the ends of an int do not overflow.
 */
int64_t
civil_to_days(int y, int m, int d)
{
	int64_t	yy, era, yoe, doy, doe;

	yy = (int64_t)y - (m <= 2);
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

void
civil_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t	z, era, doe, yoe, doy, mp;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}
