#!/bin/sh
# A run that at least doubles the database (a first sync, a first import)
# leaves it packed: VACUUM INTO makes no smaller copy, and the run log
# holds the packed size.  A later run that adds a little does not rewrite
# the file: pages freed before it stay free.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3

pages() {
	sql "$1" 'PRAGMA page_count'
}
# packed DB NAME: the file's pages are those of a packed copy of it.
packed() {
	rm -f "$T/copy.db"
	sqlite3 -batch "$1" "VACUUM INTO '$T/copy.db'" ||
	    fail "$2: VACUUM INTO"
	eq "$(pages "$1")" "$(pages "$T/copy.db")" "$2: packed"
}

demo_files "$T/e0" 31 40
"$ORBROWSE" demo --out "$T/e1" --seed 31 --models 40 --epoch 1 >/dev/null ||
    fail "demo --out --epoch 1"
start_server e0 --dir "$T/e0"

DB="$T/sync.db"
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
packed "$DB" "first sync"
eq "$(sql "$DB" 'SELECT db_bytes FROM run_log WHERE id = 1')" \
    "$(sql "$DB" 'SELECT page_count * page_size FROM pragma_page_count, pragma_page_size')" \
    "the run log has the packed size"
integrity_ok "$DB" "first sync"

# Free pages the next run cannot all reuse: it adds a few rows.
sqlite3 -batch "$DB" "CREATE TABLE junk (x);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
    WHERE i < 2000) INSERT INTO junk SELECT randomblob(1000) FROM n;
    DROP TABLE junk;" || fail "cannot free pages"
free=$(sql "$DB" 'PRAGMA freelist_count')
[ "$free" -gt 400 ] || fail "only $free free pages"
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
left=$(sql "$DB" 'PRAGMA freelist_count')
[ "$left" -gt 0 ] || fail "a second sync rewrote the file"
ok "a second sync leaves $left of $free free pages"

DB="$T/import.db"
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/e0"
packed "$DB" "first import"
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/e1"
integrity_ok "$DB" "second import"
