/*
 * Tests for codec/atom.c: the feed's frame, escaping, and hostile text.
 */
#include "config.h"

#include "unit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec/atom.h"

static void
test_atom_feed(void **state)
{
	struct buf		 b = BUF_INIT;
	const char *const	 lines[] = { "price_changed a/b", "x < y & z" };
	const char		*s;

	(void)state;
	atom_begin(&b, "tag:orbrowse,2026:changes", "Changes", 1777636800000LL);
	atom_entry(&b, "tag:orbrowse,2026:run/7", "Run 7", 1777636860000LL,
	    lines, 2);
	atom_end(&b);
	s = buf_str(&b);
	assert_non_null(strstr(s, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"));
	assert_non_null(strstr(s, "  <id>tag:orbrowse,2026:changes</id>\n"));
	assert_non_null(strstr(s, "<updated>2026-05-01T12:00:00Z</updated>"));
	assert_non_null(strstr(s, "    <id>tag:orbrowse,2026:run/7</id>\n"
	    "    <title>Run 7</title>\n"
	    "    <updated>2026-05-01T12:01:00Z</updated>\n"
	    "    <content type=\"text\">price_changed a/b\n"
	    "x &lt; y &amp; z</content>\n  </entry>\n"));
	assert_non_null(strstr(s, "</feed>\n"));
	buf_free(&b);
}

static void
test_atom_hostile(void **state)
{
	struct buf	 b = BUF_INIT;
	const char	*s;
	size_t		 i;

	(void)state;
	atom_text(&b, "a\x1b]0;pwn\x07" "b\x01<\"'>&\xff\xc3" "c\x7f");
	s = buf_str(&b);
	for (i = 0; s[i] != '\0'; i++) {
		assert_false((unsigned char)s[i] < 0x20);
		assert_false((unsigned char)s[i] == 0x7f);
		assert_false(s[i] == '<' || s[i] == '>' || s[i] == '"' ||
		    s[i] == '\'');
	}
	assert_non_null(strstr(s, "&lt;&quot;&apos;&gt;&amp;"));
	assert_null(strstr(s, "pwn"));
	buf_free(&b);
	/* A NULL string is empty, and an absurd time still reads as one. */
	atom_entry(&b, NULL, "t", INT64_MAX, NULL, 0);
	assert_non_null(strstr(buf_str(&b), "<id></id>"));
	assert_non_null(strstr(buf_str(&b),
	    "<updated>1970-01-01T00:00:00Z</updated>"));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_atom_feed),
		cmocka_unit_test(test_atom_hostile),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
