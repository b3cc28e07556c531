#!/bin/sh
# sync --extras against the fixture server: authors, top apps and daily
# usage for every model served (one author request per author), the same
# with `extras = yes` in the config; faults on these routes (5xx, 404, bad
# JSON) leave the run ok with the errors recorded and nothing tombstoned.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 5 30
start_server a --dir "$T/set"
DB="$T/x.db"
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --extras --quiet --no-gc
eq "$(sql "$DB" 'SELECT status || COALESCE(errors, "") FROM run_log')" ok "run ok, no error"
# The models the run fetched: those whose endpoint list it asked for.
python3 - "$T/a.log" >"$T/keys" <<'PY'
import json, sys, urllib.parse
keys = set()
for line in open(sys.argv[1]):
    u = urllib.parse.urlsplit(json.loads(line)["path"])
    if u.path == "/api/frontend/stats/endpoint":
        q = urllib.parse.parse_qs(u.query)
        v = q["variant"][0]
        keys.add(q["permaslug"][0] + ("" if v == "standard" else ":" + v))
for k in sorted(keys):
    print(k)
PY
models=$(wc -l <"$T/keys")
[ "$models" -gt 20 ] || fail "only $models models"
sql "$DB" 'SELECT DISTINCT model_key FROM model_app ORDER BY 1' >"$T/apps"
cmp -s "$T/keys" "$T/apps" || fail "apps stored for other models than were synced"
ok "every model has its apps"
eq "$(sql "$DB" 'SELECT COUNT(DISTINCT model_key) || " " || COUNT(*) FROM model_usage')" \
    "$models $((models * 7))" "every model has seven days of usage"
# One author request per author, and each is stored.
authors=$(cut -d/ -f1 "$T/keys" | sort -u | wc -l)
eq "$(requests_matching "$T/a.log" '/api/frontend/author-models')" "$authors" "one request per author"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM author')" "$authors" "every author stored"
eq "$(sql "$DB" "SELECT COUNT(*) FROM model_snapshot WHERE kind = 'author'")" "$authors" "author snapshots"
eq "$(requests_matching "$T/a.log" '/api/frontend/stats/app')" "$models" "one app request per model"
# Usage comes from the author pages: no per-model usage route by default.
eq "$(requests_matching "$T/a.log" 'model-daily')" 0 "no per-model usage request by default"

# What the server served for one model, read independently from the server.
key=$(sql "$DB" 'SELECT model_key FROM model ORDER BY model_key LIMIT 1')
python3 - "$URL" "$key" >"$T/want" <<'PY' || fail "cannot ask the server"
import json, sys, urllib.parse, urllib.request
url, key = sys.argv[1], sys.argv[2]
perma, _, variant = key.partition(":")
q = urllib.parse.urlencode({"permaslug": perma, "variant": variant or "standard"})
apps = json.load(urllib.request.urlopen(url + "/api/frontend/stats/app?" + q))["data"]
days = json.load(urllib.request.urlopen(url + "/api/frontend/stats/model-daily?" + q))["data"]
print(len(apps), sum(int(a["total_tokens"]) for a in apps), apps[0]["app"]["title"])
print(sum(d["total_prompt_tokens"] + d["total_completion_tokens"] for d in days))
PY
eq "$(sql "$DB" "SELECT COUNT(*) || ' ' || SUM(tokens) || ' ' || (SELECT name FROM model_app WHERE model_key = '$key' AND rank = 1) FROM model_app WHERE model_key = '$key'")" \
    "$(sed -n 1p "$T/want")" "apps as served"
eq "$(sql "$DB" "SELECT SUM(prompt_tokens + completion_tokens) FROM model_usage WHERE model_key = '$key'")" \
    "$(sed -n 2p "$T/want")" "usage as served"

# A sync without --extras asks for none of it.
: >"$T/a.log"
run 0 "$ORBROWSE" --db "$T/plain.db" sync --base-url "$URL" --quiet --no-gc
eq "$(requests_matching "$T/a.log" '(author-models|stats/app|model-daily)')" 0 "no extras without --extras"
# extras = yes in the config does what --extras does.
printf 'extras = yes\n' >"$T/extras.conf"
run 0 "$ORBROWSE" --db "$T/conf.db" sync --config "$T/extras.conf" --base-url "$URL" --quiet --no-gc
eq "$(sql "$T/conf.db" 'SELECT COUNT(DISTINCT model_key) FROM model_usage')" "$models" "extras = yes"
# The route paths are settings like the others.
printf 'route.apps = /nowhere\n' >"$T/route.conf"
: >"$T/a.log"
run 0 "$ORBROWSE" --db "$T/route.db" sync --config "$T/route.conf" --base-url "$URL" --extras --quiet --no-gc
eq "$(requests_matching "$T/a.log" '/nowhere\?permaslug=')" "$models" "route.apps is configurable"

# Faults on every extras route asked for by default: the run stays ok, the errors are recorded,
# nothing is tombstoned, the core data is whole.
active=$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active = 1')
apps_before=$(sql "$DB" 'SELECT COUNT(*) FROM model_app')
cat >"$T/a.faults" <<'J'
[{"match": "stats/model-daily", "fault": "503"},
 {"match": "stats/app", "fault": "404"},
 {"match": "author-models", "fault": "badjson"}]
J
sleep 1
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --extras --quiet --no-gc
eq "$(sql "$DB" 'SELECT status FROM run_log WHERE id = 2')" ok "faulty extras: run ok"
eq "$(sql "$DB" 'SELECT error_count FROM run_log WHERE id = 2')" $((models + authors)) "every extras failure recorded"
errs=$(sql "$DB" 'SELECT errors FROM run_log WHERE id = 2')
case $errs in *"HTTP status 404"*) ;; *) fail "404 not recorded" ;; esac
case $errs in *"invalid JSON"*|*"JSON"*) ;; *) fail "bad JSON not recorded" ;; esac
ok "5xx, 404 and bad JSON recorded"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active = 1')" "$active" "nothing tombstoned"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM model_app')" "$apps_before" "stored apps kept"
eq "$(sql "$DB" 'SELECT models_done = models_total FROM run_log WHERE id = 2')" 1 "every model stored"
integrity_ok "$DB" "after faulty extras"

# route.usage turns on one usage request per model; its rows agree with the
# author pages', and its faults are recorded like the others'.
: >"$T/a.faults"
: >"$T/a.log"
printf 'route.usage = /api/frontend/stats/model-daily\n' >"$T/usage.conf"
run 0 "$ORBROWSE" --db "$T/usage.db" sync --config "$T/usage.conf" --base-url "$URL" --extras --quiet --no-gc
eq "$(requests_matching "$T/a.log" '/api/frontend/stats/model-daily\?permaslug=')" "$models" "route.usage: one request per model"
eq "$(sql "$T/usage.db" 'SELECT COUNT(DISTINCT model_key) || " " || COUNT(*) FROM model_usage')" \
    "$models $((models * 7))" "route.usage: the same usage rows"
printf '[{"match": "stats/model-daily", "fault": "503"}]\n' >"$T/a.faults"
sleep 1
run 0 "$ORBROWSE" --db "$T/usage.db" sync --config "$T/usage.conf" --base-url "$URL" --extras --quiet --no-gc
eq "$(sql "$T/usage.db" 'SELECT status || " " || error_count FROM run_log WHERE id = 2')" "ok $models" "route.usage faults: run ok, each recorded"
case $(sql "$T/usage.db" 'SELECT errors FROM run_log WHERE id = 2') in
*"HTTP status 503"*) ok "503 recorded" ;; *) fail "503 not recorded" ;; esac
printf 'route.usage = nowhere\n' >"$T/bad.conf"
run 2 "$ORBROWSE" --db "$T/usage.db" sync --config "$T/bad.conf" --base-url "$URL" --extras --quiet --no-gc
contains "$T/err" "a route is a path starting with /" "route.usage must be a path"
