#!/bin/sh
# Bad input: each case gets a clear message and a non-zero exit, and the
# database keeps what it had (integrity ok, no run marked ok, data intact).
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
DB="$T/db/base.db"

# A database with earlier data, from the project's own generator.
run 0 "$ORBROWSE" --db "$DB" demo --models 20 --seed 7
before=$(db_state "$DB")
runs_ok=$(sql "$DB" "SELECT COUNT(*) FROM run_log WHERE status = 'ok'")

unchanged() {
	after=$(db_state "$DB")
	[ "$before" = "$after" ] || fail "$1: database changed: $before / $after"
	integrity_ok "$DB" "$1"
	eq "$(sql "$DB" "SELECT COUNT(*) FROM run_log WHERE status = 'ok'")" "$runs_ok" "$1: no new ok run"
}

: >"$T/empty.json"
run 1 "$ORBROWSE" --db "$DB" import "$T/empty.json"
contains "$T/err" "empty file" "empty file: message"
unchanged "empty file"

printf '{"data": [{"id": "a", "provider_name": "x", "pricing": {"prompt": "0.1"' >"$T/truncated.json"
run 1 "$ORBROWSE" --db "$DB" import "$T/truncated.json"
contains "$T/err" "invalid JSON at line 1" "truncated JSON: message with position"
unchanged "truncated JSON"

printf '[1, 2, 3, 4.5]\n' >"$T/numbers.json"
run 1 "$ORBROWSE" --db "$DB" import "$T/numbers.json"
contains "$T/err" "not an OpenRouter response" "array of numbers: message"
unchanged "array of numbers"

printf '{"data": {"unexpected": true}}' >"$T/object.json"
run 1 "$ORBROWSE" --db "$DB" import "$T/object.json"
contains "$T/err" "not an OpenRouter response" "unknown object: message"
unchanged "unknown object"

head -c 52428800 /dev/urandom >"$T/random.json"
run 1 "$ORBROWSE" --db "$DB" import "$T/random.json"
contains "$T/err" "invalid JSON" "50 MB of random bytes: message"
unchanged "50 MB of random bytes"
rm -f "$T/random.json"

mkdir -p "$T/nojson"
printf 'hello\n' >"$T/nojson/readme.txt"
run 1 "$ORBROWSE" --db "$DB" import "$T/nojson"
contains "$T/err" "no .json files" "directory without JSON: message"
unchanged "directory without JSON"

run 1 "$ORBROWSE" --db "$DB" import "$T/does-not-exist.json"
contains "$T/err" "does-not-exist.json" "missing file: message names it"
unchanged "missing file"

run 2 "$ORBROWSE" --db "$DB" import
contains "$T/err" "no file or directory" "no arguments: usage error"

# Several files, one good and one bad: a partial run keeps the good one.
mkdir -p "$T/mixed"
cp "$T/numbers.json" "$T/mixed/a.json"
printf '{"data": []}' >"$T/mixed/b.json"
run 3 "$ORBROWSE" --db "$DB" import "$T/mixed"
contains "$T/out" "partial" "mixed directory: partial run"
eq "$(sql "$DB" "SELECT status FROM run_log ORDER BY id DESC LIMIT 1")" partial "mixed directory: run marked partial"
integrity_ok "$DB" "after partial run"

# A database directory the user may not write: a clear error, nothing made.
if [ "$(id -u)" = 0 ]; then
	# root ignores permissions; use a path below a regular file instead.
	: >"$T/afile"
	run 1 "$ORBROWSE" --db "$T/afile/sub/x.db" import "$T/mixed/b.json"
	contains "$T/err" "cannot create directory" "unwritable DB directory: message"
else
	mkdir -p "$T/locked"
	chmod 0500 "$T/locked"
	run 1 "$ORBROWSE" --db "$T/locked/sub/x.db" import "$T/mixed/b.json"
	contains "$T/err" "Permission denied" "unwritable DB directory: message"
	chmod 0700 "$T/locked"
fi
[ ! -e "$T/locked/sub/x.db" ] || fail "a database appeared"
ok "no database created"

# Reading commands never create a database.
run 1 "$ORBROWSE" --db "$T/none.db" ls
contains "$T/err" "no such database" "ls on a missing database"
[ ! -e "$T/none.db" ] || fail "ls created a database"
ok "ls created nothing"

# Bad filters and options are usage errors with positions.
run 2 "$ORBROWSE" --db "$DB" ls 'tools ctx>=abc'
contains "$T/err" "column 7" "bad filter: column reported"
run 2 "$ORBROWSE" --db "$DB" ls --sort nope
contains "$T/err" "unknown sort column" "bad sort column"
run 2 "$ORBROWSE" --db "$DB" cheapest --mix 3-1 x
contains "$T/err" "bad --mix" "bad mix"
run 2 "$ORBROWSE" --db "$DB" frobnicate
contains "$T/err" "unknown command" "unknown command"
run 2 "$ORBROWSE" --db "$DB" show --run 0 x
run 1 "$ORBROWSE" --db "$DB" show --run 999 x
contains "$T/err" "no run 999" "show --run of a missing run"

# A database from a newer orbrowse is refused and left alone.
cp "$DB" "$T/newer.db"
sqlite3 "$T/newer.db" 'PRAGMA user_version = 42'
sum1=$(cksum <"$T/newer.db")
run 1 "$ORBROWSE" --db "$T/newer.db" import "$T/mixed/b.json"
contains "$T/err" "newer than this orbrowse supports" "newer schema refused"
eq "$(cksum <"$T/newer.db")" "$sum1" "newer database untouched"

# The UI without a terminal: a clear message, nothing created.
run 2 "$ORBROWSE" --db "$T/ui.db"
contains "$T/err" "needs a terminal" "UI without a terminal"
[ ! -e "$T/ui.db" ] || fail "the UI created a database without a terminal"
ok "nothing created"

# A pinned clock that is not a UTC date is refused before anything opens;
# a good one is what the next run is stamped with.
for bad in tomorrow 2026-02-30 "2026-12-01 12:00" 2026-12-01T12:00:00; do
	ORBROWSE_NOW="$bad" run 2 "$ORBROWSE" --db "$T/pin.db" demo --models 3
	contains "$T/err" "ORBROWSE_NOW is \"$bad\"" "ORBROWSE_NOW=$bad refused"
	[ ! -e "$T/pin.db" ] || fail "ORBROWSE_NOW=$bad: a database was created"
done
ORBROWSE_NOW=2031-05-04T10:00:00Z run 0 "$ORBROWSE" --db "$T/pin.db" demo --models 3
started=$(sql "$T/pin.db" "SELECT started_at FROM run_log ORDER BY id DESC LIMIT 1")
[ "$started" -ge 1935655200000 ] && [ "$started" -lt 1935655260000 ] ||
	fail "pinned clock: run started at $started, not 2031-05-04 10:00 UTC"
ok "a pinned clock stamps the run"
