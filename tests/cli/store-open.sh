#!/bin/sh
# Where the database lives and how it is created.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
printf '{"data": []}' >"$T/empty-list.json"

# Default: $XDG_DATA_HOME/orbrowse/orbrowse.db, directories created.
export XDG_DATA_HOME="$T/xdg"
run 0 "$ORBROWSE" import "$T/empty-list.json"
[ -f "$T/xdg/orbrowse/orbrowse.db" ] || fail "XDG default path"
ok "database created at \$XDG_DATA_HOME/orbrowse/orbrowse.db"
eq "$(stat -c %a "$T/xdg/orbrowse/orbrowse.db")" 600 "database mode 0600"
eq "$(stat -c %a "$T/xdg/orbrowse")" 700 "new directory mode 0700"
eq "$(sql "$T/xdg/orbrowse/orbrowse.db" 'PRAGMA journal_mode')" wal "WAL mode"
eq "$(sql "$T/xdg/orbrowse/orbrowse.db" 'PRAGMA user_version')" 21 "schema version"
unset XDG_DATA_HOME

# An empty database lists nothing, cleanly (an empty sort must not reach
# qsort with a NULL array: UBSan checks that in CI).
run 0 "$ORBROWSE" --db "$T/xdg/orbrowse/orbrowse.db" ls
contains "$T/err" "ls: no endpoints match" "ls on an empty database"

# Without XDG_DATA_HOME: $HOME/.local/share.
run 0 "$ORBROWSE" import "$T/empty-list.json"
[ -f "$HOME/.local/share/orbrowse/orbrowse.db" ] || fail "HOME default path"
ok "database created under \$HOME/.local/share"

# ORBROWSE_DB, and --db before it.
ORBROWSE_DB="$T/env.db"
export ORBROWSE_DB
run 0 "$ORBROWSE" import "$T/empty-list.json"
[ -f "$T/env.db" ] || fail "ORBROWSE_DB"
ok "ORBROWSE_DB is used"
run 0 "$ORBROWSE" --db "$T/flag.db" import "$T/empty-list.json"
run 0 "$ORBROWSE" import --db "$T/flag2.db" "$T/empty-list.json"
[ -f "$T/flag.db" ] && [ -f "$T/flag2.db" ] || fail "--db"
eq "$(sql "$T/env.db" 'SELECT COUNT(*) FROM run_log')" 1 "--db wins over ORBROWSE_DB"
unset ORBROWSE_DB

# A directory given as the database, and a file that is not SQLite.
mkdir "$T/dir.db"
run 1 "$ORBROWSE" --db "$T/dir.db" runs
contains "$T/err" "is a directory" "directory as database"
printf 'not a database at all, but long enough to have a header.......\n' >"$T/text.db"
run 1 "$ORBROWSE" --db "$T/text.db" import "$T/empty-list.json"
contains "$T/err" "text.db" "a non-SQLite file is refused, named"
eq "$(head -c 21 "$T/text.db")" "not a database at all" "the non-SQLite file is untouched"

# A read-only database can still be read.
run 0 "$ORBROWSE" --db "$T/ro.db" import "$T/empty-list.json"
chmod 0400 "$T/ro.db"
run 0 "$ORBROWSE" --db "$T/ro.db" runs
contains "$T/out" "import" "read-only database is readable"

# A new orbrowse's first read of an older database it may write upgrades
# it (19 -> 20 rebuilds the projection, 20 -> 21 the change records; taken
# back by hand) and reads the same rows and records; one it may not write
# is refused with the reason.
demo_files "$T/up" 5 6
run 0 "$ORBROWSE" --db "$T/up.db" import "$T/up"
run 0 "$ORBROWSE" --db "$T/up.db" ls --all --json
cp "$T/out" "$T/up-before.json"
run 0 "$ORBROWSE" --db "$T/up.db" changes --since 520w --json
cp "$T/out" "$T/up-changes.json"
# Version 19's projection: a UNIQUE key of the whole texts, no
# endpoint_key and no trigger.
python3 - "$T/up.db" <<'PY' || fail "take back to 19"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'endpoint'"
                 ).fetchone()[0]
old = sql.replace("CREATE TABLE endpoint (", "CREATE TABLE e19 (", 1).replace(
    "\tblob\t\tINTEGER\n)",
    "\tblob\t\tINTEGER,\n\tUNIQUE (model_key, endpoint_id)\n)", 1)
assert "UNIQUE" in old
db.executescript("DROP VIEW endpoint_snapshot; %s;"
    "INSERT INTO e19 SELECT * FROM endpoint; DROP TABLE endpoint;"
    "ALTER TABLE e19 RENAME TO endpoint;"
    "CREATE INDEX endpoint_listing ON endpoint (listing);"
    "CREATE INDEX endpoint_eid ON endpoint (substr(endpoint_id, 1, 8));"
    "CREATE VIEW endpoint_snapshot (run_id, endpoint_id, model_key, hash)"
    " AS SELECT s.run_id, e.endpoint_id, e.model_key, b.hash"
    " FROM endpoint_snap s JOIN endpoint e ON e.id = s.ep"
    " JOIN blob b ON b.id = s.blob_id;"
    "PRAGMA user_version = 19;" % old)
# Version 20's change records: the kind's name, the run's start in at.
db.executescript("""CREATE TABLE c20 AS SELECT id, run_id, at, kind,
        model_key, endpoint_id, provider_slug, field, old, new, ep
        FROM changes;
    DROP VIEW changes; DROP TABLE changelog; DROP TABLE change_kind;
    CREATE TABLE changelog (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL,
        at INTEGER NOT NULL, kind TEXT NOT NULL, model_key TEXT NOT NULL,
        endpoint_id TEXT, provider_slug TEXT, field TEXT, old, new,
        ep INTEGER);
    INSERT INTO changelog SELECT * FROM c20; DROP TABLE c20;
    CREATE INDEX changelog_at ON changelog (at)
        WHERE kind NOT IN ('metrics', 'initial');
    CREATE INDEX changelog_run ON changelog (run_id);""")
PY
key="SELECT (SELECT COUNT(*) FROM pragma_index_list('endpoint')
    WHERE origin = 'u') || ',' || (SELECT COUNT(*) FROM sqlite_master
    WHERE name IN ('endpoint_key', 'endpoint_key_update'))"
eq "$(sql "$T/up.db" "$key")" "1,0" "taken back to 19's key"
run 0 "$ORBROWSE" --db "$T/up.db" ls --all --json
cmp -s "$T/out" "$T/up-before.json" || fail "ls after the upgrade differs"
run 0 "$ORBROWSE" --db "$T/up.db" changes --since 520w --json
cmp -s "$T/out" "$T/up-changes.json" || fail "changes after the upgrade differ"
ok "a read upgrades a writable older database and reads the same rows"
eq "$(sql "$T/up.db" 'PRAGMA user_version')" 21 "upgraded to 21"
eq "$(sql "$T/up.db" "SELECT typeof(kind) FROM changelog GROUP BY 1")" \
    integer "21's change records: the kind a number"
eq "$(sql "$T/up.db" "$key")" "0,2" "20's key: no UNIQUE index, endpoint_key"
integrity_ok "$T/up.db" "after the upgrade by a read"
if [ "$(id -u)" != 0 ]; then
	sqlite3 "$T/up.db" 'PRAGMA user_version = 19' || fail "back to 19"
	chmod 0400 "$T/up.db"
	run 1 "$ORBROWSE" --db "$T/up.db" ls
	contains "$T/err" "needs an upgrade (schema 19 to 21)" \
	    "an older database it may not write is refused"
fi
