#!/bin/sh
# Two writers at once; SIGINT and SIGTERM stop a sync cleanly.  (SIGKILL
# at many points of a run: crash.sh.)
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 11 12
start_server s --dir "$T/set"
faults() { printf '%s\n' "$1" >"$T/s.faults.tmp" && mv "$T/s.faults.tmp" "$T/s.faults"; }
# A second per model (12 of them, one at a time): the signals below come
# a second or two into the run, so a loaded machine cannot finish it first.
SLOW='[{"match": "stats/endpoint", "fault": "delay", "seconds": 1.0}]'

# A clean reference.
run 0 "$ORBROWSE" --db "$T/ref.db" sync --base-url "$URL" --quiet
reference=$(projection "$T/ref.db")

# start_slow DB: a sync that takes a few seconds, in the background.
start_slow() {
	faults "$SLOW"
	"$ORBROWSE" --db "$1" sync --base-url "$URL" --quiet --concurrency 1 \
	    >"$T/bg.out" 2>"$T/bg.err" &
	bg=$!
	i=0
	until [ "$(sql "$1" "SELECT COUNT(*) FROM run_log WHERE status = 'running'" 2>/dev/null)" = 1 ]; do
		i=$((i + 1))
		[ $i -lt 200 ] || fail "the background sync did not start"
		sleep 0.05
	done
}

# Two writers: the second gives up at once with its own exit status.
DB="$T/lock.db"
start_slow "$DB"
t0=$(date +%s%N)
run 4 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
contains "$T/err" "another orbrowse process" "second sync: clear message"
[ $(( ($(date +%s%N) - t0) / 1000000 )) -lt 2000 ] || fail "second sync waited"
ok "second sync exits at once"
printf '{"data": []}' >"$T/empty.json"
run 4 "$ORBROWSE" --db "$DB" import "$T/empty.json"
ok "an import meanwhile is refused too"
run 0 "$ORBROWSE" --db "$DB" runs
ok "readers are not blocked"

# SIGINT: aborted, exit 5, nothing requested afterwards, consistent.
sleep 1
kill -INT "$bg"
t_kill=$(python3 -c 'import time; print(time.time())')
wait "$bg"
eq "$?" 5 "SIGINT: exit status 5"
eq "$(sql "$DB" 'SELECT status FROM run_log ORDER BY id DESC LIMIT 1')" aborted "SIGINT: run aborted"
integrity_ok "$DB" "after SIGINT"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active = 0')" 0 "SIGINT: nothing tombstoned"
python3 - "$T/s.log" "$t_kill" <<'PY' || fail "requests after the abort"
import json, sys
t_kill = float(sys.argv[2])
late = [l for l in map(json.loads, open(sys.argv[1])) if l["t_start"] > t_kill + 0.3]
assert not late, late[:2]
PY
ok "SIGINT: no request after the abort"
done_models=$(sql "$DB" 'SELECT models_done FROM run_log ORDER BY id DESC LIMIT 1')
[ "$done_models" -lt 12 ] || fail "the aborted run claims every model"
# Each model written is whole: snapshot rows and projection agree.
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint e WHERE NOT EXISTS (SELECT 1 FROM endpoint_snapshot s WHERE s.endpoint_id = e.endpoint_id AND s.model_key = e.model_key AND s.hash = (SELECT b.hash FROM blob b WHERE b.id = e.blob))')" 0 \
   "SIGINT: every stored endpoint has its snapshot"

# SIGTERM, the same.
start_slow "$DB"
sleep 0.7
kill -TERM "$bg"
wait "$bg"
eq "$?" 5 "SIGTERM: exit status 5"
eq "$(sql "$DB" 'SELECT status FROM run_log ORDER BY id DESC LIMIT 1')" aborted "SIGTERM: run aborted"
faults '[]'
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
eq "$(projection "$DB" | cut -d'|' -f1-27)" "$(printf '%s\n' "$reference" | cut -d'|' -f1-27)" "after aborts, a clean sync gives the reference"
