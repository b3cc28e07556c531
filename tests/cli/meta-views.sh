#!/bin/sh
# The views of model metadata: models and ls sorted and filtered by usage
# (tokens over the last 7 days stored), a model's versions in models
# --json, and `orbrowse author`.  Data from the demo generator and JSON
# written here.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3
DB="$T/v.db"
demo_files "$T/set" 7 20
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/set"
K1=$(sql "$DB" 'SELECT DISTINCT model_key FROM endpoint WHERE active = 1 ORDER BY model_key LIMIT 1')
K2=$(sql "$DB" 'SELECT DISTINCT model_key FROM endpoint WHERE active = 1 ORDER BY model_key LIMIT 1 OFFSET 1')
[ -n "$K1" ] && [ -n "$K2" ] || fail "no models in the demo set"

# Seven days for K1 (150 tokens a day), eight for K2 (1500 a day, and a
# huge day a week before the newest, outside the window).
python3 - "$K1" "$K2" >"$T/usage.json" <<'PY'
import json, sys
rows = []
def row(key, day, p, c):
    perma, _, variant = key.partition(":")
    rows.append({"date": "2026-04-%02d 00:00:00" % day, "model_permaslug": perma,
                 "variant": variant or "standard", "count": 1,
                 "total_prompt_tokens": p, "total_completion_tokens": c,
                 "total_native_tokens_reasoning": 0})
for d in range(24, 31):
    row(sys.argv[1], d, 100, 50)
    row(sys.argv[2], d, 1000, 500)
row(sys.argv[2], 23, 10**9, 0)
print(json.dumps({"data": rows}))
PY
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/usage.json"
run 0 "$ORBROWSE" --db "$DB" models --sort -usage --json
python3 - "$T/out" "$K1" "$K2" <<'PY' || fail "models --sort -usage"
import json, sys
m = json.load(open(sys.argv[1]))
assert [x["model_key"] for x in m[:2]] == [sys.argv[3], sys.argv[2]], m[:2]
assert m[0]["usage_7d"] == 10500 and m[1]["usage_7d"] == 1050, m[:2]
assert all(x["usage_7d"] is None for x in m[2:])
PY
ok "models --sort -usage: most tokens first, the old day left out"
run 0 "$ORBROWSE" --db "$DB" models --json 'usage>2k'
eq "$(python3 -c 'import json,sys; print(" ".join(x["model_key"] for x in json.load(open(sys.argv[1]))))' "$T/out")" \
    "$K2" "models usage>2k"
run 0 "$ORBROWSE" --db "$DB" ls --json 'usage>=1000'
eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/out")" \
    "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE active = 1 AND model_key IN ('$K1', '$K2')")" \
    "ls usage>=1000: the endpoints of both models"
run 0 "$ORBROWSE" --db "$DB" ls --json --sort -usage
eq "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["model_key"])' "$T/out")" \
    "$K2" "ls --sort -usage"
run 2 "$ORBROWSE" --db "$DB" ls --sort usages
contains "$T/err" "usage" "the sort columns name usage"

# An author: its models are those whose key starts with its slug.
A=${K1%%/*}
cat >"$T/author.json" <<J
{"data": {"author": {"slug": "$A", "name": "The $A Lab", "description": "Makes \u001b[31mmodels"},
 "modelsWithStats": [{"slug": "$K1", "stats": []}, {"slug": "x", "stats": []}]}}
J
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/author.json"
run 0 "$ORBROWSE" --db "$DB" author "the $A lab" --json
python3 - "$T/out" "$A" "$(sql "$DB" "SELECT COUNT(*) FROM model WHERE model_key LIKE '$A/%'")" <<'PY' || fail "author --json"
import json, sys
a = json.load(open(sys.argv[1]))
assert a["slug"] == sys.argv[2] and a["model_count"] == 2, a
assert len(a["models"]) == int(sys.argv[3]) > 0, a
assert all(m["model_key"].startswith(sys.argv[2] + "/") for m in a["models"])
PY
ok "author by name: the author and their models"
run 0 "$ORBROWSE" --db "$DB" author "$A"
contains "$T/out" "The $A Lab ($A)" "author heading"
grep -q "$(printf '\033')" "$T/out" && fail "a control sequence reached the terminal"
ok "the description is sanitised"
run 1 "$ORBROWSE" --db "$DB" author nobody-at-all
contains "$T/err" "no author" "unknown author"
run 2 "$ORBROWSE" --db "$DB" author

# Versions: the same public id names a new dated permaslug.
v1() {
	cat <<J
{"data": [{"id": "acme/widget", "canonical_slug": "acme/widget-$1", "name": "Acme: Widget",
  "context_length": 1000, "pricing": {"prompt": "0.000001", "completion": "0.000002"},
  "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]}}]}
J
}
v1 20250522 >"$T/v1-a.json"
v1 20260512 >"$T/v1-b.json"
run 0 "$ORBROWSE" --db "$T/ver.db" import --quiet "$T/v1-a.json"
run 0 "$ORBROWSE" --db "$T/ver.db" import --quiet "$T/v1-b.json"
run 0 "$ORBROWSE" --db "$T/ver.db" models --json
python3 - "$T/out" <<'PY' || fail "versions"
import json, sys
m = {x["model_key"]: x for x in json.load(open(sys.argv[1]))}
want = [("acme/widget-20250522", 1, 1), ("acme/widget-20260512", 2, 2)]
for k in ("acme/widget-20250522", "acme/widget-20260512"):
    got = [(v["model_key"], v["first_run"], v["last_run"]) for v in m[k]["versions"]]
    assert got == want, (k, got)
PY
ok "models --json: versions, oldest first"
