#!/bin/sh
# sync --if-older DURATION: no request while the newest ok run is younger
# (said on stderr, silent with --quiet, status "fresh" with --json), a
# sync once it is older (its end moved back in the database: no wall-clock
# value in the test), and a bad duration is a usage error.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 3 6
start_server a --dir "$T/set"
DB="$T/a.db"
S="$ORBROWSE --db $DB sync --base-url $URL --no-gc"

# Malformed durations: exit 2, one clear line, nothing asked.
for d in 2 h 2x -1h 0m '2 h' 99999d ''; do
	run 2 $S --if-older "$d"
	contains "$T/err" "orbrowse: sync: --if-older:" "'$d' refused"
done
eq "$(wc -l <"$T/a.log" | tr -d ' ')" 0 "a refused duration makes no request"

# No run yet: --if-older syncs.
run 0 $S --if-older 2h --quiet
eq "$(sql "$DB" "SELECT COUNT(*) || ' ' || status FROM run_log")" "1 ok" "first call syncs"
[ -s "$T/a.log" ] || fail "the first call made no request"

# Second call: fresh, zero requests.
: >"$T/a.log"
run 0 $S --if-older 2h
eq "$(wc -l <"$T/a.log" | tr -d ' ')" 0 "second call makes no request"
contains "$T/err" "run 1, the newest complete one, ended" "says why on stderr"
contains "$T/err" "less than 2h00m: not syncing" "names the limit"
eq "$(cat "$T/out")" "" "nothing on stdout"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM run_log')" 1 "no run recorded"
run 0 $S --if-older 1d --quiet
eq "$(cat "$T/err")$(cat "$T/out")" "" "--quiet: silent"
run 0 $S --if-older 30m --json
python3 - "$T/out" >"$T/j" <<'PY' || fail "--json output"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["status"] == "fresh" and r["run_id"] is None, r
assert r["last_ok_run_id"] == 1 and r["requests"] == 0, r
assert r["if_older_ms"] == 1800000, r
assert 0 <= r["age_ms"] < 1800000, r
assert r["last_ok_ended"].endswith("Z"), r
print("ok")
PY
eq "$(cat "$T/j")" ok "--json reports the fresh run"
eq "$(wc -l <"$T/a.log" | tr -d ' ')" 0 "still no request"

# Only an ok run counts: a newer partial or failed run does not make the
# data fresh, and the age is from the ok run's end.
sqlite3 "$DB" "UPDATE run_log SET ended_at = ended_at - 3 * 3600000,
    started_at = started_at - 3 * 3600000 WHERE id = 1;
    INSERT INTO run_log (started_at, ended_at, status, source)
    SELECT ended_at + 1000, ended_at + 2000, 'partial', 'sync'
    FROM run_log WHERE id = 1;
    UPDATE run_log SET started_at = started_at + 3 * 3600000 - 5000,
    ended_at = ended_at + 3 * 3600000 - 5000 WHERE id = 2;" ||
    fail "ageing the run"
run 0 $S --if-older 4h --quiet
eq "$(wc -l <"$T/a.log" | tr -d ' ')" 0 "3h-old ok run, --if-older 4h: no request"
run 0 $S --if-older 2h --quiet
[ -s "$T/a.log" ] || fail "3h-old ok run, --if-older 2h: no request made"
ok "an older ok run syncs despite a newer partial one"
eq "$(sql "$DB" "SELECT id || ' ' || status FROM run_log ORDER BY id DESC LIMIT 1")" "3 ok" "the new run is recorded"

# A run that ended in the future (a clock set back) is not fresh.
sqlite3 "$DB" "UPDATE run_log SET ended_at = ended_at + 86400000 WHERE id = 3" ||
    fail "moving the run"
: >"$T/a.log"
run 0 $S --if-older 2h --quiet
[ -s "$T/a.log" ] || fail "a run from the future counted as fresh"
ok "a run that ended in the future does not count"
