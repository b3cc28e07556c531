/*
 * i18n: gettext wrappers.  Every user-visible string goes through _() or,
 * in static tables, N_() and then _() where it is shown; a message with a
 * count uses P_(singular, plural, n).
 */
#ifndef ORBROWSE_I18N_H
#define ORBROWSE_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)		gettext(s)
#define P_(s, p, n)	ngettext(s, p, n)
#else
#define _(s)		(s)
#define P_(s, p, n)	((n) == 1 ? (s) : (p))
#endif
#define N_(s)	(s)

#endif
