#!/bin/sh
# Every fault the fixture server injects, at the keys, catalogue, endpoints
# and metrics stages: what the run records, what the store keeps (earlier
# data intact, no tombstones from a failed or partial run, integrity ok),
# what was requested, and the exit status.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 5 12
start_server f --dir "$T/set"
# Quick retries and timeouts so faults play out in seconds.
cat >"$T/config" <<EOF2
backoff.base_ms = 20
rate = 0
retries = 2
timeout.low_speed = 1
timeout.total = 3
max_response_mb = 4
EOF2
DB="$T/f.db"
run 0 "$ORBROWSE" --db "$DB" sync --config "$T/config" --base-url "$URL" --metrics --quiet
baseline=$(projection "$DB")
# A model and its URL-encoded permaslug, for faults on its routes.
model=$(sql "$DB" "SELECT model_key FROM endpoint WHERE instr(model_key, ':') = 0 GROUP BY model_key HAVING COUNT(*) >= 2 LIMIT 1")
enc=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$model")

faults() { printf '%s\n' "$1" >"$T/f.faults.tmp" && mv "$T/f.faults.tmp" "$T/f.faults"; }

# sync_with FAULTS STATUS EXIT NAME: one sync under the faults, then the
# checks every cell shares.
sync_with() {
	faults "$1"
	: >"$T/f.log"
	run "$3" "$ORBROWSE" --db "$DB" sync --config "$T/config" --base-url "$URL" --metrics --quiet
	eq "$(sql "$DB" 'SELECT status FROM run_log ORDER BY id DESC LIMIT 1')" "$2" "$4: run $2"
	integrity_ok "$DB" "$4"
	if [ "$2" != ok ]; then
		eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active = 0')" 0 "$4: nothing tombstoned"
		[ "$(sql "$DB" 'SELECT error_count > 0 FROM run_log ORDER BY id DESC LIMIT 1')" = 1 ] ||
			fail "$4: no error recorded"
		ok "$4: errors recorded"
	fi
	faults '[]'
}
last() { sql "$DB" "SELECT $1 FROM run_log ORDER BY id DESC LIMIT 1"; }
ep_route="stats/endpoint\\\\?permaslug=$enc&variant=standard\$"

# --- keys: a failed or unusable key list fails the run and changes nothing.
for f in 500 502 503 reset truncate badjson envelope html; do
	sync_with "[{\"match\": \"^/api/v1/models\$\", \"fault\": \"$f\"}]" failed 1 "keys $f"
	[ "$(projection "$DB")" = "$baseline" ] || fail "keys $f: projection changed"
	ok "keys $f: projection unchanged"
	case $f in
	5*|reset|truncate)
		eq "$(last retries)" 2 "keys $f: retried twice (retries = 2)"
		eq "$(requests_matching "$T/f.log" '/api/v1/models"')" 3 "keys $f: three attempts" ;;
	*)
		eq "$(last retries)" 0 "keys $f: not retried" ;;
	esac
done
contains "$T/err" "keys" "the keys error is reported"
sync_with '[{"match": "^/api/v1/models$", "fault": "429", "retry_after": 1}]' failed 1 "keys 429 forever"
python3 - "$T/f.log" <<'PY' || fail "Retry-After not honoured"
import json, sys
t = [json.loads(l)["t_start"] for l in open(sys.argv[1]) if json.loads(l)["path"] == "/api/v1/models"]
assert len(t) == 3, t
assert all(b - a >= 0.95 for a, b in zip(t, t[1:])), t
PY
ok "keys 429: three attempts spaced by Retry-After"
sync_with '[{"match": "^/api/v1/models$", "fault": "oversize", "bytes": 8388608}]' failed 1 "keys oversize"
contains "$T/err" "larger than" "oversize reported"
sync_with '[{"match": "^/api/v1/models$", "fault": "404"}]' failed 1 "keys 404"
# The body is what is checked, not the label: valid JSON of the right shape
# under a wrong Content-Type is accepted.
sync_with '[{"match": "^/api/v1/models$", "fault": "content-type"}]' ok 0 "keys content-type"

# --- transient faults are retried and the run completes.
for f in 500 502 503 reset truncate; do
	sync_with "[{\"match\": \"$ep_route\", \"fault\": \"$f\", \"times\": 1}]" ok 0 "endpoints $f once"
	eq "$(last retries)" 1 "endpoints $f once: one retry"
done
sync_with "[{\"match\": \"$ep_route\", \"fault\": \"429\", \"retry_after\": 1, \"times\": 1}]" ok 0 "endpoints 429 once"
python3 - "$T/f.log" "$enc" <<'PY' || fail "endpoints Retry-After"
import json, sys
t = [json.loads(l)["t_start"] for l in open(sys.argv[1]) if "permaslug=%s&variant=standard" % sys.argv[2] in json.loads(l)["path"] and "stats/endpoint" in json.loads(l)["path"]]
assert len(t) == 2 and t[1] - t[0] >= 0.95, t
PY
ok "endpoints 429: the retry waited for Retry-After"
sync_with "[{\"match\": \"$ep_route\", \"fault\": \"slow\", \"delay\": 1.5, \"times\": 1}]" ok 0 "endpoints slow drip once"

# --- a model whose frontend route keeps failing falls back to v1: partial.
for f in badjson envelope html 500; do
	sync_with "[{\"match\": \"$ep_route\", \"fault\": \"$f\"}]" partial 3 "endpoints $f"
done
[ "$(requests_matching "$T/f.log" "/api/v1/models/.*/endpoints")" -ge 1 ] || fail "no v1 fallback request"
ok "the v1 fallback was asked"
sync_with "[{\"match\": \"$ep_route\", \"fault\": \"oversize\", \"bytes\": 8388608}]" partial 3 "endpoints oversize"
# Both routes fail: the model fails, its earlier rows are kept as they were.
before=$(sql "$DB" "SELECT group_concat(endpoint_id || price_prompt || active) FROM endpoint WHERE model_key = '$model'")
sync_with "[{\"match\": \"$ep_route\", \"fault\": \"503\"}, {\"match\": \"/api/v1/models/.+/endpoints\", \"fault\": \"badjson\"}]" partial 3 "endpoints and fallback fail"
eq "$(sql "$DB" "SELECT group_concat(endpoint_id || price_prompt || active) FROM endpoint WHERE model_key = '$model'")" "$before" "the failed model's rows are intact"
contains "$T/err" "$model" "the failed model is named"

# --- the catalogue: no family answers, v1 routes carry the run: partial.
sync_with '[{"match": "/api/frontend/models$", "fault": "503"}]' partial 3 "catalogue 503"
eq "$(last route_family)" v1 "catalogue 503: v1 family used"
sync_with '[{"match": "/api/frontend/models$", "fault": "badjson"}]' partial 3 "catalogue badjson"

# --- metrics are extras: a bad series is an error, the run stays complete
# enough to store the model, and nothing is tombstoned.
sync_with '[{"match": "latency-comparison", "fault": "badjson"}]' ok 0 "metrics badjson"
[ "$(last error_count)" -gt 0 ] || fail "metrics error not recorded"
ok "metrics errors recorded"
sync_with '[{"match": "uptime-recent", "fault": "503"}]' ok 0 "metrics 503"

# Finally a clean sync completes and restores the first state; what the v1
# fallback added under other ids is tombstoned by it.
sync_with '[]' ok 0 "clean sync"
projection "$DB" | awk -F'|' '$NF == 1' >"$T/p1"
printf '%s\n' "$baseline" >"$T/p2"
cmp -s "$T/p1" "$T/p2" || { diff "$T/p1" "$T/p2" | head; fail "after the faults, a clean sync differs from the first"; }
ok "a clean sync after all faults equals the first"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE active = 0 AND endpoint_id NOT LIKE 'v1:%'")" 0 "only fallback rows were tombstoned"
