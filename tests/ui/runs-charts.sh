#!/bin/sh
# The runs screen's panel of charts (issue 18): one line per figure of a
# run with a sparkline of the runs that ended (oldest left) and the
# newest value, least and most, all checked against `runs --json`; block
# glyphs in UTF-8, ASCII in the C locale; 80x24 and 120x40 (goldens), a
# short terminal shows fewer charts and keeps the list, and Tab turns to
# the list alone, the charts alone (scrolled by j) and back.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd sqlite3
need_cmd python3
export ORBROWSE_BASE_URL=http://127.0.0.1:9

# A log of fixed figures and times: an import (its times fixed) and
# fourteen runs written into the log, one partial and one failed.
DB="$T/a.db"
demo_files "$T/set" 5 12
run 0 "$ORBROWSE" --db "$DB" import "$T/set"
sqlite3 "$DB" "
UPDATE run_log SET started_at = 1780000000000, ended_at = 1780000004321
    WHERE id = 1;
WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 14)
INSERT INTO run_log (started_at, ended_at, status, source, route_family,
    models_total, models_done, endpoints_done, requests, retries,
    bytes_raw, bytes_gz, blobs_new, error_count, pid)
SELECT 1780000000000 + i * 7200000,
    1780000000000 + i * 7200000 + 60000 + (i * i * 7919) % 300000,
    CASE WHEN i = 6 THEN 'partial' WHEN i = 11 THEN 'failed' ELSE 'ok' END,
    'sync', '2026', 300, 300 - (i % 4), 1000 + i * 17 % 50,
    320 + (i * 37) % 90, (i * 5) % 7, 2000000 + (i * 123457) % 900000,
    40000 + (i * 7777) % 30000, (i * 13) % 40,
    CASE WHEN i = 6 THEN 3 WHEN i = 11 THEN 1 ELSE 0 END, 100 + i
FROM k;" || fail "writing the log"
run 0 "$ORBROWSE" --db "$DB" runs --json
cp "$T/out" "$T/runs.json"

# The chart lines of the screen against runs --json: label, one glyph per
# run (the lowest and highest glyph where the least and most are), and
# "latest X  min Y  max Z" as the CLI's own formats write them.
check_charts() {
	ui_screen >"$T/s.txt"
	python3 - "$T/s.txt" "$T/runs.json" "$1" "$2" <<'PY' || fail "$3: the charts differ from runs --json"
import json, re, sys
screen = open(sys.argv[1], encoding="utf-8").read().split("\n")
runs = json.load(open(sys.argv[2]))
low, high = sys.argv[3], sys.argv[4]
ended = [r for r in reversed(runs) if r["ended_at"] is not None]
def dur(ms):
    if ms < 1000: return "%dms" % ms
    s = ms // 1000
    if s < 60: return "%d.%ds" % (s, ms % 1000 // 100)
    return "%dm%02ds" % (s // 60, s % 60)
charts = [
    ("Duration", lambda r: r["ended_at"] - r["started_at"], dur),
    ("Requests", lambda r: r["requests"], str),
    ("Retries", lambda r: r["retries"], str),
    ("MB read", lambda r: r["bytes_raw"], lambda v: "%.2f" % (v / 1e6)),
    ("MB stored", lambda r: r["bytes_gz"], lambda v: "%.2f" % (v / 1e6)),
    ("New blobs", lambda r: r["blobs_new"], str),
    ("Models", lambda r: r["models_done"], str),
    ("Endpoints", lambda r: r["endpoints_done"], str),
    ("Errors", lambda r: r["error_count"], str),
]
head = [l for l in screen if "oldest left" in l]
assert len(head) == 1, screen
m = int(re.search(r"Last (\d+) runs", head[0]).group(1))
assert m == len(ended), (m, len(ended))
seen = 0
for label, get, fmt in charts:
    line = [l for l in screen if l.startswith(" " + label + " ")]
    if not line:
        continue
    seen += 1
    rest = line[0][1 + len(label):].lstrip(" ")
    spark, _, stats = rest.partition("  ")
    assert len(spark) == m, (label, spark, m)
    v = [get(r) for r in ended[-m:]]
    want = "latest %s  min %s  max %s" % (fmt(v[-1]), fmt(min(v)), fmt(max(v)))
    assert stats.strip() == want, (label, stats, want)
    if max(v) > min(v):
        assert spark[v.index(max(v))] == high, (label, spark)
        assert spark[v.index(min(v))] == low, (label, spark)
print(seen)
PY
}

# 80x24, UTF-8: the panel whole above the list.
UI_COLS=80 UI_ROWS=24
export UI_COLS UI_ROWS
ui_start --db "$DB"
ui_wait "endpoints"
ui_keys R
ui_wait "Last 15 runs, oldest left"
ui_wait "run 15 (1 of 15)"
eq "$(check_charts ▁ █ 80x24)" 9 "80x24: the nine charts, as runs --json has them"
ui_screen | grep -Eq '^ +15 2026-05-30 00:26:40 ' || { ui_screen >&2; fail "80x24: the list under the charts"; }
ok "80x24: the list under the charts"
ui_golden runs-charts-80x24
# Tab: the list alone, then the charts alone, then both.
ui_keys Tab
ui_wait_gone "oldest left"
ui_screen | sed -n 2p | grep -q '^ RUN STARTED' || { ui_screen >&2; fail "Tab: the list alone"; }
ok "Tab: the list alone"
ui_keys Tab
ui_wait "oldest left"
ui_screen | grep -q "STARTED" && { ui_screen >&2; fail "Tab Tab: the charts alone"; }
ok "Tab Tab: the charts alone"
ui_keys Tab
ui_wait "STARTED"
ui_wait "oldest left"
ok "Tab Tab Tab: both again"
# The list works under the charts: Enter opens the selected run.
ui_keys j Enter
ui_wait "Run 14 ok"
ok "Enter under the charts opens the run"

# 120x40 in the C locale: ASCII glyphs.
UI_COLS=120 UI_ROWS=40
UI_LOCALE=C ui_start --db "$DB"
ui_wait "endpoints"
ui_keys R
ui_wait "Last 15 runs, oldest left"
eq "$(check_charts _ '#' 120x40)" 9 "120x40, C locale: the nine charts in ASCII"
ui_screen | grep -q "$(printf '\342\226')" && fail "C locale: a block glyph on screen"
ok "C locale: no block glyph"
ui_golden runs-charts-120x40

# A short terminal: fewer charts, the list keeps its rows; the charts
# alone scroll with j.
UI_COLS=80 UI_ROWS=12
ui_start --db "$DB"
ui_wait "endpoints"
ui_keys R
ui_wait "Last 15 runs, oldest left"
n=$(check_charts ▁ █ 80x12)
[ "$n" -ge 1 ] && [ "$n" -lt 9 ] || { ui_screen >&2; fail "80x12: $n charts"; }
ok "80x12: $n of the charts"
[ "$(ui_screen | grep -Ec '^ +[0-9]+ 2026-05-')" -ge 4 ] || { ui_screen >&2; fail "80x12: fewer than 4 runs listed"; }
ok "80x12: the list keeps four runs"
ui_keys Tab Tab
ui_wait_gone "STARTED"
ui_screen | grep -q '^ Errors ' && fail "80x12: all the charts fit: nothing to scroll"
ui_keys j j j j j j j j j j
ui_wait " Errors "
check_charts ▁ █ 80x12-scrolled >/dev/null
ok "80x12: j scrolls the charts alone to the last"
