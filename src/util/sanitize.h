/*
 * sanitize: make a string from the network safe to show on a terminal.
 *
 * sanitize_text() removes every C0 and C1 control character (ESC, CSI, OSC
 * introducers, DEL, ...) together with the escape sequence or control
 * string it introduces, the bidi embedding, override, isolate and mark
 * characters (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F, U+061C) and
 * the deprecated format characters U+206A..U+206F (symmetric swapping and
 * shaping switches, which reorder text as bidi controls do), and the zero
 * width joiner and emoji presentation selectors (U+200D, U+FE0E, U+FE0F),
 * whose width terminals disagree about; replaces
 * invalid UTF-8 and the noncharacters (U+FDD0..U+FDEF, U+xFFFE, U+xFFFF)
 * with U+FFFD; and truncates to at most max_bytes bytes of output on a
 * character boundary (0 = no limit).  Newlines, tabs and the Unicode line
 * and paragraph separators become spaces.  Returns a string the caller
 * frees.
 *
 * sanitize_json() is for JSON text (jansson's output, which is valid UTF-8
 * with C0 escaped): it writes the code points that steer a terminal or
 * reorder text even inside a string -- DEL, C1, the characters above and
 * U+2028/U+2029 -- as \u escapes, so the result is the same JSON document
 * and safe to print.  Raw C0 controls other than tab, newline and carriage
 * return (jansson never leaves one) and anything that is not well-formed
 * UTF-8 are written as \u00XX escapes of their bytes too: never raw.
 * Returns a string the caller frees.
 */
#ifndef ORBROWSE_SANITIZE_H
#define ORBROWSE_SANITIZE_H

#include <stddef.h>
#include <stdint.h>

char	*sanitize_text(const char *, size_t max_bytes);
char	*sanitize_json(const char *);

/*
 * The pieces both use, for code that escapes text itself (codec/json-lines):
 * sanitize_utf8() decodes the character at s, n bytes left (SIZE_MAX for a
 * NUL-terminated string), into *cp and returns its length; an ill-formed
 * sequence gives SANITIZE_INVALID and the length of its bad part, at least
 * 1.  sanitize_json_escapes() is 1 for the code points sanitize_json()
 * writes as \u escapes.
 */
#define SANITIZE_INVALID	(-1)
size_t	 sanitize_utf8(const unsigned char *s, size_t n, int32_t *cp);
int	 sanitize_json_escapes(int32_t cp);

#endif
