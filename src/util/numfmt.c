#include "config.h"

#include "util/numfmt.h"

#include <stdio.h>

const char *
numfmt_big(int64_t v, char *out, size_t len)
{
	static const char	 units[] = "kMBT";
	double			 d;
	int			 u;

	if (v == INT64_MIN) {
		snprintf(out, len, "-");
		return (out);
	}
	if (v < 1000 && v > -1000) {
		snprintf(out, len, "%lld", (long long)v);
		return (out);
	}
	d = (double)v;
	for (u = -1; u < 3 && (d >= 999.5 || d <= -999.5); u++)
		d /= 1000;
	snprintf(out, len, d >= 99.95 || d <= -99.95 ? "%.0f%c" : "%.1f%c", d,
	    units[u]);
	return (out);
}
