#!/bin/sh
# orbrowse sync against the fixture server: the same result as importing
# the same files, dedup on re-sync, exactly the changed snapshots, tombstones
# only after a complete run, route families, the API key, the lock.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 3 40
start_server a --dir "$T/set"
# The provider list the server makes of the set, as a file: the import
# below stores what the sync fetches.
python3 -c 'import sys, urllib.request; open(sys.argv[2], "wb").write(urllib.request.urlopen(sys.argv[1] + "/api/v1/providers").read())' \
    "$URL" "$T/set/providers.json" || fail "cannot fetch the provider list"

# A full sync equals an import of the same files.
run 0 "$ORBROWSE" --db "$T/sync.db" sync --base-url "$URL" --metrics --quiet --no-gc
run 0 "$ORBROWSE" --db "$T/import.db" import --quiet "$T/set"
[ "$(projection "$T/sync.db")" = "$(projection "$T/import.db")" ] ||
	fail "sync and import projections differ"
ok "sync gives the same projections as import"
hashes() { sql "$1" 'SELECT hash FROM blob ORDER BY hash' | cksum; }
eq "$(hashes "$T/sync.db")" "$(hashes "$T/import.db")" "sync stores the same blobs as import"
eq "$(sql "$T/sync.db" 'SELECT COUNT(*) FROM endpoint_metric')" \
   "$(sql "$T/import.db" 'SELECT COUNT(*) FROM endpoint_metric')" "same metric points"
eq "$(sql "$T/sync.db" "SELECT status || ' ' || route_family || ' ' || (models_done = models_total) FROM run_log")" \
   "ok 2025 1" "run ok, 2025 family, every model done"
eq "$(sql "$T/sync.db" 'SELECT requests > models_total FROM run_log')" 1 "requests counted"
[ "$(sql "$T/sync.db" "SELECT COUNT(*) FROM endpoint_metric WHERE bucket = 'hour' AND metric = 'uptime'")" -gt 100 ] ||
	fail "no uptime-hourly points"
ok "uptime-hourly series fetched per endpoint"
# Connections are reused (keep-alive): far fewer connections than requests.
python3 - "$T/a.log" <<'PY' || fail "connections not reused"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
conns = {l["conn"] for l in log}
assert len(conns) * 5 < len(log), (len(conns), len(log))
PY
ok "connections are reused"
integrity_ok "$T/sync.db" "after sync"

# What was asked: gzip, a User-Agent naming orbrowse, never more than N in
# flight.
grep -q '"user_agent": *"orbrowse/' "$T/a.log" || fail "User-Agent"
ok "User-Agent names orbrowse"
grep -q '"accept_encoding": *"gzip"' "$T/a.log" || fail "Accept-Encoding"
ok "Accept-Encoding: gzip"
: >"$T/a.log"
run 0 "$ORBROWSE" --db "$T/c2.db" sync --base-url "$URL" --metrics --quiet --concurrency 2 --rate 0
max=$(python3 -c 'import json,sys; print(max(json.loads(l)["in_flight"] for l in open(sys.argv[1])))' "$T/a.log")
[ "$max" -le 2 ] || fail "more than 2 requests in flight ($max)"
ok "never more than --concurrency requests in flight ($max)"

# A maximum request rate: starts at least 1/rate apart.
: >"$T/a.log"
run 0 "$ORBROWSE" --db "$T/c3.db" sync --base-url "$URL" --quiet --rate 20 --rate-max 20
# (Measured over the whole run: the server sees single requests with
# scheduling jitter, the client's spacing holds on average.)
python3 - "$T/a.log" <<'PY' || fail "rate limit"
import json, sys
t = sorted(json.loads(l)["t_start"] for l in open(sys.argv[1]))
rate = (len(t) - 1) / (t[-1] - t[0])
assert len(t) > 20 and rate <= 20 * 1.05, (len(t), rate)
PY
ok "--rate 20 --rate-max 20 keeps the request rate at or below 20/s"

# On a terminal, a progress line on stderr.
if command -v script >/dev/null 2>&1; then
	script -qec "$ORBROWSE --db $T/c4.db sync --base-url $URL" /dev/null >"$T/tty" 2>&1
	grep -q 'models' "$T/tty" && grep -q 'req/s' "$T/tty" && grep -q 'ETA' "$T/tty" ||
		{ cat "$T/tty"; fail "no progress line on a terminal"; }
	ok "progress line on a terminal"
fi
run 0 "$ORBROWSE" --db "$T/c5.db" sync --base-url "$URL"
! grep -q 'ETA' "$T/err" || fail "progress line without a terminal"
ok "no progress line when stderr is not a terminal"

# Re-sync with nothing changed: a new run, no new blob.
blobs=$(sql "$T/sync.db" 'SELECT COUNT(*) FROM blob')
run 0 "$ORBROWSE" --db "$T/sync.db" sync --base-url "$URL" --metrics --quiet
eq "$(sql "$T/sync.db" 'SELECT COUNT(*) FROM blob')" "$blobs" "unchanged re-sync adds no blob"
eq "$(sql "$T/sync.db" 'SELECT blobs_new FROM run_log WHERE id = 2')" 0 "run 2 counted no new blob"
run 0 "$ORBROWSE" --db "$T/sync.db" sync --base-url "$URL" --metrics --quiet
eq "$(sql "$T/sync.db" 'SELECT blobs_new FROM run_log WHERE id = 3')" 0 "nor does a third (retention leaves no churn)"

# One price changes: exactly that endpoint's snapshot is new.  Pick an
# endpoint that is not the catalogue's featured one, so only it changes.
python3 - "$T/set" >"$T/changed" <<'PY'
import json, sys, glob, os
d = sys.argv[1]
featured = {m["endpoint"]["id"] for m in json.load(open(os.path.join(d, "frontend-models.json")))["data"] if m.get("endpoint")}
for f in sorted(glob.glob(os.path.join(d, "stats-endpoint-*.json"))):
    doc = json.load(open(f))
    for e in doc["data"]:
        if e["id"] not in featured and e["pricing"]["prompt"] not in ("0", "-1"):
            e["pricing"]["prompt"] = "0.000000123"
            json.dump(doc, open(f, "w"), indent=1)
            print(e["id"], e["model_variant_permaslug"])
            sys.exit(0)
sys.exit(1)
PY
set -- $(cat "$T/changed")
stop_server a
start_server a --dir "$T/set"
run 0 "$ORBROWSE" --db "$T/sync.db" sync --base-url "$URL" --metrics --quiet
eq "$(sql "$T/sync.db" 'SELECT blobs_new FROM run_log WHERE id = 4')" 1 "a changed price stores exactly one blob"
eq "$(sql "$T/sync.db" "SELECT price_prompt FROM endpoint WHERE endpoint_id = '$1' AND model_key = '$2'")" \
   "1.23e-07" "the projection has the new price"
eq "$(sql "$T/sync.db" "SELECT COUNT(DISTINCT hash) FROM endpoint_snapshot WHERE endpoint_id = '$1' AND model_key = '$2'")" 2 \
   "the endpoint has two distinct snapshots"

# A model whose endpoints now answer 404 has none: after a complete run its
# endpoints are tombstoned, and ls hides them.
model=$(sql "$T/sync.db" "SELECT model_key FROM endpoint WHERE active AND instr(model_key, ':') = 0 GROUP BY model_key HAVING COUNT(*) >= 2 LIMIT 1")
enc=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$model")
printf '[{"match": "stats/endpoint\\\\?permaslug=%s&variant=standard$", "fault": "404"}]\n' "$enc" >"$T/a.faults"
run 0 "$ORBROWSE" --db "$T/sync.db" sync --base-url "$URL" --quiet --json
contains "$T/out" '"tombstoned":' "--json summary"
gone=$(sql "$T/sync.db" "SELECT COUNT(*) FROM endpoint WHERE model_key = '$model' AND active = 0")
[ "$gone" -ge 2 ] || fail "404 model's endpoints not tombstoned ($gone)"
# (The catalogue still names one of them as the model's featured endpoint:
# that one was seen by the run and stays.)
eq "$(sql "$T/sync.db" "SELECT COUNT(*) FROM endpoint WHERE model_key = '$model' AND active = 1")" 1 "all but the catalogue's featured one"
ok "a model answering 404 has its endpoints tombstoned ($gone)"
eq "$(sql "$T/sync.db" "SELECT tombstoned_check FROM (SELECT COUNT(*) AS tombstoned_check FROM endpoint WHERE active = 0)")" "$gone" "nothing else was tombstoned"
run 0 "$ORBROWSE" --db "$T/sync.db" ls --json "model:$model"
python3 -c 'import json,sys; r=[r for r in json.load(open(sys.argv[1])) if r["model_key"] == sys.argv[2]]; assert len(r) == 1 and r[0]["active"]' "$T/out" "$model" ||
	fail "ls shows tombstoned endpoints"
ok "ls hides tombstoned endpoints"
run 0 "$ORBROWSE" --db "$T/sync.db" ls --all --json "model:$model"
python3 -c 'import json,sys; assert [r for r in json.load(open(sys.argv[1])) if r["model_key"] == sys.argv[2] and r["active"] is False]' "$T/out" "$model" ||
	fail "ls --all"
ok "ls --all shows them, inactive"
echo '[]' >"$T/a.faults"
run 0 "$ORBROWSE" --db "$T/sync.db" sync --base-url "$URL" --quiet
eq "$(sql "$T/sync.db" "SELECT COUNT(*) FROM endpoint WHERE model_key = '$model' AND active = 0")" 0 "they come back when listed again"

# The 2026 route family gives the same projection (but for the hashes,
# since the objects themselves differ).
stop_server a
start_server b --dir "$T/set" --family 2026
run 0 "$ORBROWSE" --db "$T/s2026.db" sync --base-url "$URL" --metrics --quiet
eq "$(sql "$T/s2026.db" 'SELECT route_family || status FROM run_log')" "2026ok" "2026 family found and recorded"
strip() { projection "$1" | cut -d'|' -f1-27; }
run 0 "$ORBROWSE" --db "$T/s2025.db" import --quiet "$T/set"
[ "$(strip "$T/s2026.db")" = "$(strip "$T/s2025.db")" ] || {
	strip "$T/s2026.db" >"$T/p1"; strip "$T/s2025.db" >"$T/p2"; diff "$T/p1" "$T/p2" | head -5
	fail "2026 projections differ"; }
ok "2026 family: same projections"
stop_server b

# The v1 family: frontend routes all 404, endpoints from the documented route.
start_server c --dir "$T/set" --family v1
run 0 "$ORBROWSE" --db "$T/sv1.db" sync --base-url "$URL" --quiet
eq "$(sql "$T/sv1.db" 'SELECT route_family || status FROM run_log')" "v1ok" "v1 fallback family recorded"
n1=$(sql "$T/sv1.db" "SELECT COUNT(*) FROM endpoint WHERE endpoint_id LIKE 'v1:%'")
[ "$n1" -gt 20 ] || fail "too few v1 endpoints ($n1)"
ok "v1 endpoints stored ($n1)"
eq "$(sql "$T/sv1.db" "SELECT COUNT(*) FROM endpoint e WHERE endpoint_id LIKE 'v1:%' AND NOT EXISTS (SELECT 1 FROM model m WHERE m.model_key = e.model_key)")" 0 \
   "v1 endpoints are filed under known model keys"

# The API key (sent as a bearer token, stored nowhere) and TLS: secrets.sh.

# Settings: a bad base URL or config line is a usage error.
run 2 "$ORBROWSE" --db "$T/x.db" sync --base-url "ftp://example"
contains "$T/err" "not http" "bad base URL"
printf 'concurrency = lots\n' >"$T/config"
run 2 "$ORBROWSE" --db "$T/x.db" sync --config "$T/config" --base-url "$URL"
contains "$T/err" "config:1" "bad config line named"
printf '# a comment\nroute.order = v1\nconcurrency = 3\n' >"$T/config"
run 0 "$ORBROWSE" --db "$T/cfg.db" sync --config "$T/config" --base-url "$URL" --quiet
eq "$(sql "$T/cfg.db" 'SELECT route_family FROM run_log')" v1 "route.order from the config file"
ORBROWSE_BASE_URL="$URL" run 0 "$ORBROWSE" --db "$T/env.db" sync --quiet
ok "ORBROWSE_BASE_URL is used"
# Options beyond the 128 the parser keeps (it once wrote past its array).
run 0 "$ORBROWSE" --db "$T/many.db" sync --base-url "$URL" --quiet \
    $(i=0; while [ $i -lt 200 ]; do printf -- '--no-gc --rate 0 '; i=$((i + 1)); done)
ok "200 --no-gc and --rate options"
