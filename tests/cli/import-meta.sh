#!/bin/sh
# Import of the captured model metadata: an author, a model's top apps, a
# model's daily usage and the frontend provider list.  Every count and sum
# is computed here from the raw JSON with python3, never written down.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_shared
need_cmd sqlite3
need_cmd python3
AUTHOR="$REAL/model-author-liquid-2025-05-24.json"
APPS="$REAL/stats-app-liquid-lfm-7b-standard-2025-05-24.data-array-only.json"
DAILY="$REAL/model-daily-stats-deepseek-deepseek-r1-2025-06-02.unwrapped.json"
PROVS="$REAL/frontend-all-providers-2025-05-20.json"
CAT="$REAL/frontend-models-2025-05-24.json"
DB="$T/meta.db"

# What the captures hold, in the order the checks below read it.
python3 - "$AUTHOR" "$APPS" "$DAILY" "$PROVS" >"$T/want" <<'PY'
import json, sys
author, apps, daily, provs = (json.load(open(p)) for p in sys.argv[1:5])
def key(r):
    v = r["variant"]
    return r["model_permaslug"] + ("" if v in (None, "standard") else ":" + v)
a = author["data"]["author"]
models = author["data"]["modelsWithStats"]
rows = {}
for m in models:
    for r in m["stats"]:
        rows[(key(r), r["date"][:10])] = r
for r in daily["data"]:
    rows[(key(r), r["date"][:10])] = r
print(a["slug"], a["name"], len(models))
print(len(rows))
print(sum(r["total_prompt_tokens"] + r["total_completion_tokens"]
    for r in rows.values()))
print(len(apps), sum(int(x["total_tokens"]) for x in apps), apps[0]["app"]["title"])
p = provs["data"]
print(len({x["slug"] for x in p}))
print(sum(1 for x in p if x.get("headquarters")))
print(sum(1 for x in p if x["dataPolicy"].get("privacyPolicyURL")))
print(sum(1 for x in p if x["dataPolicy"].get("paidModels", {}).get("training") is not None))
PY
line() { sed -n "$1p" "$T/want"; }

# An app list names no model: alone, it cannot be attributed (a warning).
run 0 "$ORBROWSE" --db "$T/alone.db" import "$APPS"
contains "$T/err" "names no model" "unattributed app list reported"
eq "$(sql "$T/alone.db" 'SELECT COUNT(*) FROM model_app')" 0 "no apps without a model"

# With the catalogue, its file name names liquid/lfm-7b.
run 0 "$ORBROWSE" --db "$DB" import "$CAT" "$AUTHOR" "$APPS" "$DAILY" "$PROVS"
contains "$T/out" "5 imported, 0 failed, 0 skipped" "all five files imported"
eq "$(sql "$DB" "SELECT slug || ' ' || name || ' ' || model_count FROM author")" \
    "$(line 1)" "author projection"
eq "$(sql "$DB" "SELECT COUNT(*) FROM model_snapshot WHERE kind = 'author'")" 1 "author snapshot"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM model_usage')" "$(line 2)" "daily usage rows"
eq "$(sql "$DB" 'SELECT SUM(prompt_tokens + completion_tokens) FROM model_usage')" \
    "$(line 3)" "daily token sum"
eq "$(sql "$DB" "SELECT COUNT(*) || ' ' || SUM(tokens) || ' ' || (SELECT name FROM model_app WHERE rank = 1) FROM model_app WHERE model_key = 'liquid/lfm-7b'")" \
    "$(line 4)" "apps of liquid/lfm-7b"
eq "$(sql "$DB" "SELECT COUNT(*) FROM model_snapshot WHERE kind = 'apps' AND model_key = 'liquid/lfm-7b'")" 1 "app list snapshot"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM provider WHERE fe_run_id IS NOT NULL')" \
    "$(line 5)" "frontend providers merged"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM provider WHERE fe_headquarters IS NOT NULL')" \
    "$(line 6)" "headquarters"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM provider WHERE fe_privacy_policy_url IS NOT NULL')" \
    "$(line 7)" "privacy policy URLs"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM provider WHERE training IS NOT NULL')" \
    "$(line 8)" "data policy (training)"
# Usage is a time series: no snapshot, no blob of its own.
eq "$(sql "$DB" "SELECT COUNT(*) FROM model_snapshot WHERE kind NOT IN ('catalogue', 'author', 'apps', 'provider-fe')")" 0 "no other snapshot kind"
eq "$(sql "$DB" "SELECT COUNT(*) FROM blob")" \
    "$(sql "$DB" "SELECT COUNT(DISTINCT hash) FROM model_snapshot")" "blobs are the snapshots' own"
# The provider view reads the frontend's values where v1 gave none.
run 0 "$ORBROWSE" --db "$DB" providers --json
python3 - "$T/out" "$PROVS" <<'PY' || fail "providers --json lacks the frontend's values"
import json, sys
got = {p["slug"]: p for p in json.load(open(sys.argv[1]))}
for x in json.load(open(sys.argv[2]))["data"]:
    g = got[x["slug"]]
    assert g.get("headquarters") == x.get("headquarters"), x["slug"]
    assert g.get("status_page_url") == x.get("statusPageUrl"), x["slug"]
PY
ok "providers --json shows headquarters and status pages"

blobs=$(sql "$DB" 'SELECT COUNT(*) FROM blob')
usage=$(sql "$DB" 'SELECT COUNT(*) FROM model_usage')
run 0 "$ORBROWSE" --db "$DB" import "$AUTHOR" "$APPS" "$DAILY" "$PROVS"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob')" "$blobs" "re-import adds no blob"
eq "$(sql "$DB" 'SELECT blobs_new FROM run_log WHERE id = 2')" 0 "run 2 counted no new blob"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM model_usage')" "$usage" "re-import adds no usage row"
integrity_ok "$DB" "database intact"

# Mistyped fields, written here: a token total that is an object, a count
# that is a string of letters, a date that is not one.
cat >"$T/bad-apps-liquid-lfm-7b.json" <<'J'
[{"app_id": 1, "total_tokens": {"x": 1}, "app": {"title": "A", "origin_url": 5}},
 {"app_id": "two", "total_tokens": "12", "app": {"title": "B"}}]
J
cat >"$T/bad-daily.json" <<'J'
{"data": [{"date": "2026-03-01 00:00:00", "model_permaslug": "liquid/lfm-7b", "variant": "standard", "count": "many", "total_prompt_tokens": 5, "total_completion_tokens": 6, "total_native_tokens_reasoning": null},
 {"date": "yesterday", "model_permaslug": "liquid/lfm-7b", "variant": "standard", "count": 1}]}
J
run 0 "$ORBROWSE" --db "$DB" import "$T/bad-apps-liquid-lfm-7b.json" "$T/bad-daily.json"
eq "$(sql "$DB" "SELECT group_concat(rank || ':' || COALESCE(app_id, '-') || ':' || COALESCE(tokens, '-') || ':' || COALESCE(url, '-'), ' ') FROM model_app WHERE model_key = 'liquid/lfm-7b'")" \
    "1:1:-:- 2:-:12:-" "mistyped app fields are unknown"
eq "$(sql "$DB" "SELECT COALESCE(requests, '-') || ' ' || prompt_tokens || ' ' || COALESCE(reasoning_tokens, '-') FROM model_usage WHERE ts = 1772323200")" \
    "- 5 -" "mistyped count is unknown"
# total_tokens, origin_url, app_id, count; the undated row: five.
eq "$(sql "$DB" 'SELECT warnings FROM run_log WHERE id = 3')" 5 "warnings counted"
