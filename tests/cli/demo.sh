#!/bin/sh
# The demo generator: deterministic, realistic in size, imported through the
# same path as real captures, and safe to show; a new demo database has 30
# days of history (issue 17).
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3

run 0 "$ORBROWSE" --db "$T/a.db" --demo
contains "$T/out" "Demo data (seed 1)" "--demo reports what it generated"
run 0 "$ORBROWSE" --db "$T/b.db" demo --seed 1
dump() {
	sql "$1" "SELECT endpoint_id, model_key, provider_slug, price_prompt, price_completion, context_length, p50_latency_ms FROM endpoint ORDER BY 1, 2"
}
[ "$(dump "$T/a.db")" = "$(dump "$T/b.db")" ] || fail "same seed, different data"
ok "same seed gives the same data"
eq "$(sql "$T/a.db" 'SELECT group_concat(hash) FROM (SELECT hash FROM blob ORDER BY hash)' | cksum)" \
   "$(sql "$T/b.db" 'SELECT group_concat(hash) FROM (SELECT hash FROM blob ORDER BY hash)' | cksum)" "same seed gives the same blobs"
run 0 "$ORBROWSE" --db "$T/c.db" demo --seed 2
[ "$(dump "$T/a.db")" != "$(dump "$T/c.db")" ] || fail "different seeds, same data"
ok "another seed gives other data"

n=$(sql "$T/a.db" 'SELECT COUNT(*) FROM endpoint WHERE active = 1')
[ "$n" -ge 800 ] && [ "$n" -le 1500 ] || fail "about 1,000 endpoints expected, got $n"
ok "about 1,000 endpoints ($n)"
p=$(sql "$T/a.db" "SELECT COUNT(DISTINCT CASE WHEN instr(provider_slug, '/') > 0 THEN substr(provider_slug, 1, instr(provider_slug, '/') - 1) ELSE provider_slug END) FROM endpoint WHERE active = 1")
[ "$p" -ge 30 ] && [ "$p" -le 50 ] || fail "about 40 providers expected, got $p"
ok "about 40 providers ($p)"
m=$(sql "$T/a.db" "SELECT COUNT(*) FROM model_snapshot WHERE kind = 'catalogue'")
[ "$m" -ge 200 ] && [ "$m" -le 500 ] || fail "a few hundred models expected, got $m"
ok "a few hundred models ($m)"
[ "$(sql "$T/a.db" 'SELECT COUNT(*) FROM endpoint_metric')" -gt 10000 ] || fail "metric histories expected"
ok "metric histories"
eq "$(sql "$T/a.db" "SELECT group_concat(DISTINCT status) FROM run_log")" ok "demo runs ok"

# 30 days of history (issue 17): a run a day, stamped in the past up to now,
# with every kind of change a sync records.
runs=$(sql "$T/a.db" 'SELECT COUNT(*) FROM run_log')
[ "$runs" -ge 20 ] || fail "at least 20 runs expected, got $runs"
days=$(sql "$T/a.db" 'SELECT (MAX(started_at) - MIN(started_at)) / 86400000 FROM run_log')
[ "$days" -ge 28 ] && [ "$days" -le 30 ] || fail "runs over 30 days expected, got $days days"
ok "$runs runs over $days days"
run 0 "$ORBROWSE" --db "$T/a.db" changes --since 30d --json
cp "$T/out" "$T/changes.json"
python3 - "$T/changes.json" <<'PY' || fail "changes --since 30d lacks a kind"
import collections, json, sys
d = json.load(open(sys.argv[1]))
kinds = collections.Counter(c["kind"] for c in d)
for k in ("model_added", "model_removed", "endpoint_added",
          "endpoint_removed", "price_changed", "status_changed",
          "expiry_changed", "context_changed"):
    assert kinds[k] > 0, (k, kinds)
# Changes on many days, not only the first run's.
assert len({c["run_id"] for c in d}) >= 20, kinds
# Tiers or windows appeared: the overrides changed.
assert any(c["field"] == "overrides" for c in d if c["kind"] == "price_changed")
# The expiry announced, then postponed.
e = [c for c in d if c["kind"] == "expiry_changed" and c["old"] is not None]
assert e and all(c["new"] > c["old"] for c in e), e
PY
ok "changes --since 30d lists every kind"
# The endpoint that degrades and recovers, as history shows it.
set -- $(sql "$T/a.db" "SELECT e.model_key || ' ' || e.provider_slug FROM changes c JOIN endpoint e ON e.id = c.ep WHERE c.kind = 'status_changed' LIMIT 1")
[ $# -eq 2 ] || fail "no status change"
run 0 "$ORBROWSE" --db "$T/a.db" history "$1" --provider "$2" --json
python3 - "$T/out" <<'PY' || fail "history does not show the degradation and recovery"
import json, sys
pts = json.load(open(sys.argv[1]))
st = [p["status"] for p in pts]
bad = [i for i, p in enumerate(pts) if p["status"] != 0]
assert bad, st
first, last = bad[0], bad[-1]
# Healthy before, degraded (status, uptime, latency), healthy after.
assert first > 0 and last < len(pts) - 1, st
assert pts[first - 1]["status"] == 0 and pts[last + 1]["status"] == 0, st
assert min(p["uptime"] for p in pts[first:last + 1]) < 90, pts
assert pts[-1]["uptime"] > 99 and pts[0]["uptime"] > 99, pts
assert max(p["p50_latency_ms"] for p in pts[first:last + 1]) > \
    2 * pts[-1]["p50_latency_ms"], pts
PY
ok "history shows the endpoint degrade and recover"

# Re-running the demo into the same database adds one run and no blob.
blobs=$(sql "$T/a.db" 'SELECT COUNT(*) FROM blob')
run 0 "$ORBROWSE" --db "$T/a.db" demo
eq "$(sql "$T/a.db" 'SELECT COUNT(*) FROM blob')" "$blobs" "demo again: no new blob"
eq "$(sql "$T/a.db" 'SELECT COUNT(*) FROM run_log')" $((runs + 1)) "demo again: one more run"

# ls works on it, and a wide-character model name keeps its width.
run 0 "$ORBROWSE" --db "$T/a.db" ls --json '星河'
contains "$T/out" "星河" "a filter on a wide-character name"
key=$(sql "$T/a.db" "SELECT e.model_key FROM endpoint e JOIN model m USING (model_key) WHERE m.name LIKE '%星河%' LIMIT 1")
run 0 "$ORBROWSE" --db "$T/a.db" cheapest "$key"
contains "$T/out" "星河" "cheapest shows the model's name"
run 0 "$ORBROWSE" --db "$T/a.db" ls --sort prompt 'tools ctx>=128k'
[ "$(wc -l <"$T/out")" -gt 10 ] || fail "filter on demo data"
ok "ls on demo data"

# The default demo database is a separate file from the user's own, and
# the generated files are removed.
mkdir -p "$T/tmp"
export XDG_DATA_HOME="$T/xdg" TMPDIR="$T/tmp"
run 0 "$ORBROWSE" --demo
unset XDG_DATA_HOME
[ -f "$T/xdg/orbrowse/demo.db" ] || fail "default demo database path"
[ ! -e "$T/xdg/orbrowse/orbrowse.db" ] || fail "demo touched the user's database"
ok "demo uses \$XDG_DATA_HOME/orbrowse/demo.db"
eq "$(ls -A "$T/tmp" | wc -l)" 0 "no temporary files left"

# The benchmark's scale options: a fixed count per model, no metrics, and
# epochs whose changes are what the generator says, about 5% / 1% / 1%.
run 0 "$ORBROWSE" demo --out "$T/e0" --models 120 --endpoints 20 --no-metrics
run 0 "$ORBROWSE" demo --out "$T/e1" --models 120 --endpoints 20 --no-metrics --epoch 1
contains "$T/out" "Epoch 1 changed" "an epoch says what it changed"
run 0 "$ORBROWSE" demo --out "$T/e1b" --models 120 --endpoints 20 --no-metrics --epoch 1
diff -r "$T/e1" "$T/e1b" >/dev/null || fail "an epoch is not deterministic"
ok "the same epoch gives the same files"
python3 - "$T/e0" "$T/e1" "$T/out" <<'PY' || fail "the epoch's changes are not what it says"
import glob, json, os, re, sys
def load(d):
    eps = {}
    for f in glob.glob(os.path.join(d, "stats-endpoint-*.json")):
        data = json.load(open(f))["data"]
        # Every listing that has endpoints has the fixed count at epoch 0.
        if d == sys.argv[1]:
            assert len(data) in (0, 20), (f, len(data))
        for e in data:
            eps[(e["id"], e["model_variant_permaslug"])] = e
    assert not glob.glob(os.path.join(d, "*comparison*")), "metrics written"
    return eps
a, b = load(sys.argv[1]), load(sys.argv[2])
gone = len(a.keys() - b.keys())
new = len(b.keys() - a.keys())
changed = sum(1 for k in a.keys() & b.keys()
              if (a[k]["pricing"], a[k]["stats"]) != (b[k]["pricing"], b[k]["stats"]))
said = re.search(r"changed (\d+) endpoints, added (\d+) and removed (\d+)",
                 open(sys.argv[3]).read())
n = len(a)
# Thinking and beta variants list standard endpoints again, so the file
# counts can only be compared with the generator's own within that factor.
assert 0.02 * n < changed < 0.09 * n, (changed, n)
assert 0.002 * n < gone < 0.03 * n and 0.002 * n < new < 0.03 * n, (gone, new, n)
assert said and int(said.group(1)) <= changed and int(said.group(2)) <= new \
    and int(said.group(3)) <= gone, (said.groups() if said else None, changed, new, gone)
PY
ok "epoch 1 changes about 5% of the endpoints, adds and removes about 1%"
# Epochs change the demo catalogue too, without --endpoints.
run 0 "$ORBROWSE" demo --out "$T/d0" --no-metrics
run 0 "$ORBROWSE" demo --out "$T/d1" --no-metrics --epoch 1
contains "$T/out" "Epoch 1 changed" "a demo catalogue epoch says what it changed"
! diff -r "$T/d0" "$T/d1" >/dev/null || fail "epoch 1 of the demo catalogue is epoch 0"
ok "demo --epoch 1 without --endpoints differs from epoch 0"
# --epoch into a database is one run of that epoch.
run 0 "$ORBROWSE" --db "$T/e.db" demo --epoch 1 --no-metrics
eq "$(sql "$T/e.db" 'SELECT COUNT(*) FROM run_log')" 1 "--epoch: one run"

run 2 "$ORBROWSE" demo --out "$T/x" --endpoints 31
contains "$T/err" "between 1 and 30" "--endpoints is bounded"
