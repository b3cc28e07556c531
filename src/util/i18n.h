/*
 * i18n: gettext wrappers.  Every user-visible string goes through _() or,
 * in static tables, N_() and then _() where it is shown.
 */
#ifndef ORBROWSE_I18N_H
#define ORBROWSE_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)	gettext(s)
#else
#define _(s)	(s)
#endif
#define N_(s)	(s)

#endif
