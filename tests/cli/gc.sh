#!/bin/sh
# Retention: per-run snapshot rows within the window, then one run per day;
# unreferenced blobs deleted; hourly metrics rolled up to daily means.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3

demo_files "$T/set" 21 10
DB="$T/gc.db"
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/set"
# Four more runs, each with one price changed, so each run has blobs of
# its own.
for i in 1 2 3 4; do
	python3 - "$T/set" "$i" <<'PY'
import glob, json, os, sys
f = sorted(glob.glob(os.path.join(sys.argv[1], "stats-endpoint-*.json")))[0]
doc = json.load(open(f))
doc["data"][0]["pricing"]["completion"] = "0.00000%d" % (10 + int(sys.argv[2]))
json.dump(doc, open(f, "w"))
PY
	run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/set"
done
eq "$(sql "$DB" 'SELECT COUNT(*) FROM run_log')" 5 "five runs"
# Runs 1-3 happened on one day ten days ago, run 4 on the day after;
# run 5 is now.
day=86400000
now=$(($(date +%s) * 1000))
sqlite3 "$DB" "UPDATE run_log SET started_at = $now - 10 * $day + id * 1000,
    ended_at = $now - 10 * $day + id * 1000 + 500 WHERE id <= 3;
    UPDATE run_log SET started_at = $now - 9 * $day, ended_at = $now - 9 * $day + 500 WHERE id = 4;
    INSERT INTO endpoint_metric SELECT endpoint_id, 'uptime', 'hour', ts - 864000, value FROM endpoint_metric WHERE bucket = 'hour';"
blobs=$(sql "$DB" 'SELECT COUNT(*) FROM blob')
hourly_old=$(sql "$DB" "SELECT COUNT(*) FROM endpoint_metric WHERE bucket = 'hour' AND ts < $now / 1000 - 5 * 86400")
[ "$hourly_old" -gt 0 ] || fail "no old hourly points to roll up"
# What the roll-up must produce, computed here (a table of the test's own).
# A day that already has a daily point (from uptime-recent) keeps it.
sqlite3 "$DB" "CREATE TABLE t_want AS SELECT endpoint_id, ts / 86400 * 86400 AS day, AVG(value) AS mean
    FROM endpoint_metric h WHERE bucket = 'hour' AND metric = 'uptime' AND ts < $now / 1000 - 5 * 86400
    AND NOT EXISTS (SELECT 1 FROM endpoint_metric d WHERE d.endpoint_id = h.endpoint_id AND d.metric = 'uptime'
        AND d.bucket = 'day' AND d.ts = h.ts / 86400 * 86400) GROUP BY 1, 2;
    CREATE TABLE t_kept AS SELECT * FROM endpoint_metric WHERE bucket = 'day'"
rollups=$(sql "$DB" 'SELECT COUNT(*) FROM t_want')
[ "$rollups" -gt 0 ] || fail "nothing to roll up"

sql "$DB" 'SELECT COUNT(*) FROM model m WHERE NOT EXISTS (SELECT 1 FROM model_snapshot s WHERE s.model_key = m.model_key)' >"$T/models-unsnapped"
run 0 "$ORBROWSE" --db "$DB" gc --window-hours 48 --keep-days 180
contains "$T/out" "runs pruned" "gc reports"
# Runs 1 and 2 lose their snapshot rows (run 3 is the newest of that day);
# runs 3, 4 and 5 keep theirs.
eq "$(sql "$DB" 'SELECT group_concat(run_id) FROM (SELECT DISTINCT run_id FROM endpoint_snapshot ORDER BY run_id)')" "3,4,5" "one run per day kept, the window kept"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM run_log')" 5 "the run log itself is kept"
# Rows record changes, so run 1's rows of listings that never changed
# moved to run 3 instead of going: every listing still resolves to its
# current snapshot, as of run 3 too.
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint e WHERE (SELECT b.hash FROM blob b WHERE b.id = e.blob) IS NOT (SELECT s.hash FROM endpoint_snapshot s WHERE s.endpoint_id = e.endpoint_id AND s.model_key = e.model_key ORDER BY s.run_id DESC LIMIT 1)')" 0 "every listing resolves to its current snapshot"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint e WHERE NOT EXISTS (SELECT 1 FROM endpoint_snapshot s WHERE s.endpoint_id = e.endpoint_id AND s.model_key = e.model_key AND s.run_id <= 3)')" 0 "every listing has a snapshot as of run 3"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM model m WHERE NOT EXISTS (SELECT 1 FROM model_snapshot s WHERE s.model_key = m.model_key)')" \
   "$(cat "$T/models-unsnapped")" "model snapshots moved, not lost"
after=$(sql "$DB" 'SELECT COUNT(*) FROM blob')
[ "$after" -lt "$blobs" ] || fail "no blob deleted ($blobs -> $after)"
ok "unreferenced blobs deleted ($blobs -> $after)"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob WHERE hash NOT IN (SELECT hash FROM endpoint_snapshot) AND hash NOT IN (SELECT hash FROM model_snapshot) AND id NOT IN (SELECT blob FROM endpoint WHERE blob IS NOT NULL) AND id NOT IN (SELECT part_id FROM blob_part)')" 0 "no unreferenced blob left"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint_snapshot s LEFT JOIN blob b ON b.hash = s.hash WHERE b.hash IS NULL')" 0 "every snapshot still has its blob"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint_metric WHERE bucket = 'hour' AND ts < $now / 1000 - 5 * 86400")" 0 "old hourly points rolled up"
eq "$(sql "$DB" "SELECT COUNT(*) FROM t_want w JOIN endpoint_metric m ON m.endpoint_id = w.endpoint_id AND m.metric = 'uptime' AND m.bucket = 'day' AND m.ts = w.day WHERE abs(m.value - w.mean) < 1e-9")" "$rollups" "one daily mean per endpoint and day"
eq "$(sql "$DB" "SELECT COUNT(*) FROM t_kept k JOIN endpoint_metric m USING (endpoint_id, metric, bucket, ts) WHERE m.value = k.value")" \
   "$(sql "$DB" 'SELECT COUNT(*) FROM t_kept')" "existing daily points kept as they were"
integrity_ok "$DB" "after gc"
# Every stored snapshot still shows.
ep=$(sql "$DB" 'SELECT endpoint_id FROM endpoint LIMIT 1')
run 0 "$ORBROWSE" --db "$DB" show "$ep"
run 0 "$ORBROWSE" --db "$DB" show --run 3 "$ep"
run 1 "$ORBROWSE" --db "$DB" show --run 1 "$ep"
contains "$T/err" "in run 1 or before" "a pruned run's snapshot is reported gone"
# Nothing left to do the second time.
run 0 "$ORBROWSE" --db "$DB" gc
contains "$T/out" "0 runs pruned, 0 snapshot rows and 0 blobs" "gc is idempotent"
run 2 "$ORBROWSE" --db "$DB" gc --window-hours x
