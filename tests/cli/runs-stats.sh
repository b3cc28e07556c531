#!/bin/sh
# runs --stats [--json]: every figure computed again here from
# `runs --json` (and the database's size from sqlite3) over a log of real
# syncs and an import, spread out in time and joined by runs of every
# status written into the log; the text form shows the same figures.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

DB="$T/a.db"

# An empty log: counts 0, no figure made up.
run 1 "$ORBROWSE" --db "$DB" sync --base-url http://127.0.0.1:9 --retries 0 --quiet
sqlite3 "$DB" 'DELETE FROM run_log' || fail "emptying the log"
run 0 "$ORBROWSE" --db "$DB" runs --stats --json
python3 - "$T/out" <<'PY' || fail "empty log"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["runs"] == 0 and r["ended"] == 0, r
for k in ("duration_median_ms", "duration_p95_ms", "mean_requests",
          "mean_bytes_read", "last_ok_run_id", "db_growth_bytes_per_day"):
    assert r[k] is None, (k, r)
assert r["db_bytes"] > 0, r
PY
ok "an empty log: zeros and nulls"
run 0 "$ORBROWSE" --db "$DB" runs --stats
contains "$T/out" "Runs: 0 (ok 0, partial 0, failed 0, aborted 0, running 0)" "empty: counts"
contains "$T/out" "Duration: median -, p95 -" "empty: no duration"
contains "$T/out" "Last ok run: none" "empty: no ok run"
contains "$T/out" "growth per day unknown" "empty: no growth"

# Real runs: three syncs (the third against a server that fails one
# model: partial) and an import.
demo_files "$T/set" 11 8
start_server a --dir "$T/set"
for i in 1 2; do
	run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --no-gc --quiet
done
printf '[{"match": "endpoint", "fault": "500", "skip": 2}]\n' >"$T/a.faults"
run 3 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --no-gc --quiet --retries 0
echo '[]' >"$T/a.faults"
run 0 "$ORBROWSE" --db "$DB" import "$T/set"
# The others, written into the log, then every run spread over days with
# durations of its own (relative to the first run: no wall-clock value).
sqlite3 "$DB" "
    INSERT INTO run_log (started_at, ended_at, status, source, requests,
        bytes_raw, bytes_gz)
    SELECT started_at, started_at, 'failed', 'sync', 3, 1000, 0
    FROM run_log WHERE id = 1;
    INSERT INTO run_log (started_at, status, source, requests)
    SELECT started_at, 'running', 'sync', 50 FROM run_log WHERE id = 1;
    INSERT INTO run_log (started_at, ended_at, status, source, requests,
        bytes_raw, bytes_gz)
    SELECT started_at, started_at, 'aborted', 'sync', 7, 4000, 10
    FROM run_log WHERE id = 1;
    WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k
        WHERE i < 17)
    INSERT INTO run_log (started_at, ended_at, status, source, requests,
        bytes_raw, bytes_gz)
    SELECT r.started_at, r.started_at, 'ok', 'sync', 100 + i * 13,
        i * 71234, i * 5311 FROM k, run_log AS r WHERE r.id = 1;
    UPDATE run_log SET
        started_at = (SELECT started_at FROM run_log WHERE id = 1)
            + (id - 1) * 5400000 + 0,
        ended_at = CASE WHEN status = 'running' THEN NULL ELSE
            (SELECT started_at FROM run_log WHERE id = 1)
            + (id - 1) * 5400000 + (id * id * 7919) % 600000 END;
    UPDATE run_log SET db_bytes = 1000000 + id * 37321 WHERE id > 4
        AND ended_at IS NOT NULL AND id % 3 != 0;
    UPDATE run_log SET db_bytes = NULL WHERE id = 1;  -- as before version 10
" || fail "writing the log"
# The newest run must not be the last ok one: a partial run at the end.
sqlite3 "$DB" "INSERT INTO run_log (started_at, ended_at, status, source,
    requests) SELECT MAX(started_at) + 5400000, MAX(started_at) + 5460000,
    'partial', 'sync', 1 FROM run_log" || fail "the last run"

run 0 "$ORBROWSE" --db "$DB" runs --json
cp "$T/out" "$T/runs.json"
sql "$DB" 'PRAGMA page_count' >"$T/pages"
sql "$DB" 'PRAGMA page_size' >"$T/psize"
run 0 "$ORBROWSE" --db "$DB" runs --stats --json
cp "$T/out" "$T/stats.json"
python3 - "$T" <<'PY' || fail "the figures"
import json, math, os, sys
t = sys.argv[1]
runs = json.load(open(os.path.join(t, "runs.json")))
got = json.load(open(os.path.join(t, "stats.json")))
want = {"runs": len(runs)}
for s in ("ok", "partial", "failed", "aborted", "running"):
    want[s] = sum(1 for r in runs if r["status"] == s)
ended = [r for r in runs if r["ended_at"] is not None]
want["ended"] = len(ended)
d = sorted(r["ended_at"] - r["started_at"] for r in ended)
n = len(d)
want["duration_median_ms"] = (d[(n - 1) // 2] + d[n // 2]) // 2
want["duration_p95_ms"] = d[math.ceil(0.95 * n) - 1]
want["mean_requests"] = sum(r["requests"] for r in ended) / n
want["mean_bytes_read"] = sum(r["bytes_raw"] for r in ended) / n
want["mean_bytes_stored"] = sum(r["bytes_gz"] for r in ended) / n
oks = [r for r in runs if r["status"] == "ok"]
last = max(oks, key=lambda r: r["id"])
want["last_ok_run_id"] = last["id"]
want["last_ok_ended_at"] = last["ended_at"]
want["last_ok_ended"] = last["ended"]
want["db_bytes"] = int(open(os.path.join(t, "pages")).read()) * \
    int(open(os.path.join(t, "psize")).read())
sized = sorted((r for r in ended if r["db_bytes"]),
               key=lambda r: (r["ended_at"], r["id"]))
a, b = sized[0], sized[-1]
want["db_growth_bytes_per_day"] = (b["db_bytes"] - a["db_bytes"]) * \
    86400000 / (b["ended_at"] - a["ended_at"])
want["growth_from_run_id"] = a["id"]
want["growth_to_run_id"] = b["id"]
# The log must exercise what it claims to.
assert n >= 20 and want["duration_p95_ms"] != d[-1], d
assert n % 2 == 0 and d[n // 2 - 1] != d[n // 2], "median of two middles"
for s in ("ok", "partial", "failed", "aborted", "running"):
    assert want[s] > 0, s
assert runs[0]["status"] != "ok" and a["id"] != 1, (runs[0], a)
assert set(got) == set(want), set(got) ^ set(want)
for k, v in want.items():
    if isinstance(v, float):
        assert abs(got[k] - v) <= 1e-9 * max(1, abs(v)), (k, got[k], v)
    else:
        assert got[k] == v, (k, got[k], v)
open(os.path.join(t, "want"), "w").write(json.dumps(want))
PY
ok "runs --stats --json: every figure as computed from runs --json"

# The text form: the same figures.
run 0 "$ORBROWSE" --db "$DB" runs --stats
python3 - "$T/want" "$T/out" <<'PY' || fail "the text form"
import json, sys
w = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
def dur(ms):
    if ms < 1000: return "%dms" % ms
    s = ms // 1000
    if s < 60: return "%d.%ds" % (s, ms % 1000 // 100)
    return "%dm%02ds" % (s // 60, s % 60)
lines = [
    "Runs: %(runs)d (ok %(ok)d, partial %(partial)d, failed %(failed)d, "
    "aborted %(aborted)d, running %(running)d)" % w,
    "Duration: median %s, p95 %s (%d runs ended)" % (
        dur(w["duration_median_ms"]), dur(w["duration_p95_ms"]), w["ended"]),
    "Last ok run: %d, ended %s" % (w["last_ok_run_id"],
        w["last_ok_ended"][:19].replace("T", " ") + "Z"),
    "Mean per run: %.1f requests, %.2f MB read, %.2f MB stored" % (
        w["mean_requests"], w["mean_bytes_read"] / 1e6,
        w["mean_bytes_stored"] / 1e6),
    "Database: %.2f MB, %.2f MB per day (runs %d to %d)" % (
        w["db_bytes"] / 1e6, w["db_growth_bytes_per_day"] / 1e6,
        w["growth_from_run_id"], w["growth_to_run_id"]),
]
for l in lines:
    assert l in text.splitlines(), (l, text)
PY
ok "runs --stats: the same figures as text"

# Sizes recorded less than an hour apart give no growth.
sqlite3 "$DB" "UPDATE run_log SET db_bytes = NULL WHERE id NOT IN
    (SELECT id FROM run_log WHERE db_bytes IS NOT NULL ORDER BY id LIMIT 1);
    UPDATE run_log SET db_bytes = 5, ended_at = (SELECT ended_at FROM run_log
    WHERE db_bytes > 5) + 3599999 WHERE id = (SELECT MAX(id) FROM run_log)" ||
    fail "sizes close together"
run 0 "$ORBROWSE" --db "$DB" runs --stats --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["db_growth_bytes_per_day"] is None, r' "$T/out" ||
    fail "growth from sizes 59m59.999s apart"
ok "no growth from sizes less than an hour apart"
sqlite3 "$DB" "UPDATE run_log SET ended_at = ended_at + 1
    WHERE id = (SELECT MAX(id) FROM run_log)" || fail "an hour apart"
run 0 "$ORBROWSE" --db "$DB" runs --stats --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["db_growth_bytes_per_day"] < 0, r' "$T/out" ||
    fail "growth from sizes an hour apart"
ok "a shrinking database an hour apart: negative growth"

# A real sync records the size it leaves.
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --no-gc --quiet
eq "$(sql "$DB" 'SELECT db_bytes FROM run_log ORDER BY id DESC LIMIT 1')" \
   "$(( $(sql "$DB" 'PRAGMA page_count') * $(sql "$DB" 'PRAGMA page_size') ))" \
   "a sync records the database's size at its end"
