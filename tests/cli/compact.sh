#!/bin/sh
# The blobs stored before a database has its compression dictionary are
# compressed again with it once it is made, and shrink where they are:
# the database is packed right then (VACUUM), or those pages would stay
# half empty for good.  A first import and a first sync leave the blob
# table with little unused room, and the database whole.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
sqlite3 -batch :memory: 'SELECT COUNT(*) FROM dbstat' >/dev/null 2>&1 ||
    skip "this sqlite3 has no dbstat table"

# unused DB NAME: the blob table's unused bytes, in percent of its pages.
unused() {
	eq "$(sql "$1" 'SELECT COUNT(*) FROM zdict')" 1 "$2: a dictionary"
	pct=$(sql "$1" "SELECT 100 * SUM(unused) / SUM(pgsize) FROM dbstat
	    WHERE name = 'blob'")
	[ "$pct" -lt 15 ] || fail "$2: $pct% of the blob table unused"
	ok "$2: $pct% of the blob table unused"
	integrity_ok "$1" "$2"
}

demo_files "$T/e0" 31 60
"$ORBROWSE" demo --out "$T/e1" --seed 31 --models 60 --epoch 1 >/dev/null ||
    fail "demo --out --epoch 1"

DB="$T/import.db"
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/e0"
unused "$DB" "first import"
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/e1"
integrity_ok "$DB" "second import"
run 0 "$ORBROWSE" --db "$DB" ls --json
n=$(grep -c '"endpoint_id"' "$T/out")
[ "$n" -gt 100 ] || fail "only $n endpoints listed"
ok "$n endpoints listed"

start_server e0 --dir "$T/e0"
DB="$T/sync.db"
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
unused "$DB" "first sync"
