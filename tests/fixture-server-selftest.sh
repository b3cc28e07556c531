#!/bin/sh
# fixture-server-selftest: checks tests/fixture-server.py with curl(1).
#
# Serves the real captures ($ORBROWSE_SHARED/fixtures/openrouter/real, read
# in place through symbolic links) and checks the routes, gzip, every fault
# kind, the 2026 and v1 route families and the request log.
# Exit 0: pass, 1: fail, 77: skipped (no python3, curl or real captures).

set -u
SRCDIR=${ORBROWSE_SRCDIR:-.}
SERVER="$SRCDIR/tests/fixture-server.py"
REAL="${ORBROWSE_SHARED:-}/fixtures/openrouter/real"
NAME=fixture-server-selftest

skip() {
	printf 'SKIP: %s: %s\n' "$NAME" "$*" >&2
	exit 77
}
command -v python3 >/dev/null 2>&1 || skip "python3 is not installed"
command -v curl >/dev/null 2>&1 || skip "curl is not installed"
[ -n "${ORBROWSE_SHARED:-}" ] && [ -d "$REAL" ] ||
    skip "${REAL} not found (the real captures live in ../shared)"
[ -f "$SERVER" ] || { echo "FAIL: $SERVER not found" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/orbrowse-$NAME.XXXXXX")
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM
passes=0
NREQ=0

fail() {
	printf 'FAIL: %s: %s\n' "$NAME" "$*" >&2
	for f in "$T"/*.err; do
		[ -s "$f" ] && { echo "--- $f" >&2; tail -n 20 "$f" >&2; }
	done
	exit 1
}

ok() {
	passes=$((passes + 1))
	printf 'ok %d - %s\n' "$passes" "$*"
}

eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
	ok "$3"
}

# py FILE EXPR: print EXPR evaluated with d = the JSON in FILE.
py() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
print(eval(sys.argv[2]))' "$1" "$2"
}

# fetch PATH [CURL ARGS...]: body in $T/body, headers in $T/hdr, HTTP
# status in $CODE, curl's exit status in $RC.
fetch() {
	url="$BASE$1"
	shift
	rm -f "$T/body" "$T/hdr"
	CODE=$(curl -sS -o "$T/body" -D "$T/hdr" -w '%{http_code}' "$@" \
	    "$url" 2>"$T/curl.err")
	RC=$?
	NREQ=$((NREQ + 1))
}

# header NAME: the value of a response header in $T/hdr (last one).
header() {
	tr -d '\r' <"$T/hdr" | awk -v h="$1" 'BEGIN { h = tolower(h) ":" }
	    tolower(substr($0, 1, length(h))) == h {
		v = substr($0, length(h) + 1); sub(/^[ \t]*/, "", v) }
	    END { print v }'
}

# faults JSON: install fault rules (atomically, as a test should).
faults() {
	printf '%s\n' "$1" >"$T/faults.tmp" && mv "$T/faults.tmp" "$T/faults.json"
}

# start NAME [SERVER ARGS...]: start a server, wait for its port.
start() {
	sname=$1
	shift
	rm -f "$T/$sname.port"
	python3 "$SERVER" --dir "$FX" --port-file "$T/$sname.port" \
	    --log "$T/$sname.log" --faults "$T/faults.json" "$@" \
	    2>"$T/$sname.err" &
	PID=$!
	i=0
	while [ ! -s "$T/$sname.port" ]; do
		kill -0 "$PID" 2>/dev/null || fail "$sname: the server died"
		i=$((i + 1))
		[ $i -lt 300 ] || fail "$sname: no port file after 30 s"
		sleep 0.1
	done
	BASE="http://127.0.0.1:$(cat "$T/$sname.port")"
	NREQ=0
	ok "$sname: listening on $BASE"
}

# stop NAME: SIGTERM, which must end the server cleanly; then check that
# the log has one line per request, each with in_flight.
stop() {
	sleep 0.3		# hung requests are logged once noticed
	kill -TERM "$PID"
	wait "$PID"
	rc=$?
	PID=
	eq "$rc" 0 "$1: exits 0 on SIGTERM"
	eq "$(wc -l <"$T/$1.log" | tr -d ' ')" "$NREQ" "$1: one log line a request"
	eq "$(python3 -c 'import json, sys
n = 0
for line in open(sys.argv[1]):
    r = json.loads(line)
    n += isinstance(r.get("in_flight"), int) and r["in_flight"] >= 1
print(n)' "$T/$1.log")" "$NREQ" "$1: every log line has in_flight"
}

LIQ='/api/frontend/stats/endpoint?permaslug=liquid/lfm-7b&variant=standard'
UUID=3a6186c9-0ece-4797-9f97-45d7fab8c546

# The fixture directory: the real captures, plus one empty endpoint list
# named the way the demo generator names them (stats-endpoint-NNNN.json is
# catalogue entry NNNN).
FX="$T/fx"
mkdir "$FX"
for f in "$REAL"/*.json; do
	ln -s "$f" "$FX/"
done
printf '{"data": []}\n' >"$FX/stats-endpoint-0000.json"
faults '[]'

# ---------------------------------------------------------------- 2025 --
start s2025

fetch /api/v1/models
eq "$CODE" 200 "v1 models: status"
eq "$(py "$T/body" 'len(d["data"]) > 300 and all("id" in m for m in d["data"])')" \
    True "v1 models: served with ids"
eq "$(header Content-Type)" "application/json; charset=utf-8" "content type"
[ -n "$(header Content-Length)" ] || fail "no Content-Length"
ok "Content-Length sent"

fetch /api/frontend/models
eq "$CODE" 200 "catalogue: status"
eq "$(py "$T/body" 'len(d["data"])')" 431 "catalogue: the last capture"
# The key of catalogue entry 0, whose endpoint list is the empty file.
KEY0=$(py "$T/body" '"permaslug=%s&variant=%s" % (d["data"][0]["endpoint"]["model"]["permaslug"], d["data"][0]["endpoint"]["variant"])')

fetch "$LIQ"
eq "$CODE" 200 "stats/endpoint liquid/lfm-7b: status"
eq "$(py "$T/body" 'len(d["data"])')" 2 "stats/endpoint liquid/lfm-7b: 2 endpoints"
fetch '/api/frontend/stats/endpoint?permaslug=deepseek%2Fdeepseek-chat-v3-0324'
eq "$(py "$T/body" 'len(d["data"])')" 17 "stats/endpoint: variant defaults to standard"
fetch '/api/frontend/stats/endpoint?permaslug=meta-llama/llama-3.1-8b-instruct&variant=free'
eq "$(py "$T/body" 'len(d["data"])')" 1 "stats/endpoint: free variant"
fetch '/api/frontend/stats/endpoint?permaslug=nobody/nothing&variant=standard'
eq "$CODE" 404 "stats/endpoint: unknown model is a 404"
eq "$(py "$T/body" 'd["error"]["code"]')" 404 "404: JSON error body"
fetch "/api/frontend/stats/endpoint?$KEY0"
eq "$CODE/$(py "$T/body" 'd["data"]')" "200/[]" \
    "stats/endpoint: empty list mapped through the catalogue"

fetch '/api/frontend/stats/throughput-comparison?permaslug=liquid/lfm-7b&variant=standard'
eq "$CODE/$(py "$T/body" 'len(d["data"])')" 200/31 "throughput-comparison"
fetch '/api/frontend/stats/latency-comparison?permaslug=liquid/lfm-7b'
eq "$CODE/$(py "$T/body" 'len(d["data"])')" 200/31 "latency-comparison"
fetch '/api/frontend/stats/uptime-recent?permaslug=liquid/lfm-7b'
eq "$CODE/$(py "$T/body" 'sorted(d["data"])[0]')" \
    "200/$(py "$REAL/stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json" 'd["data"][0]["id"]')" "uptime-recent"
fetch '/api/frontend/stats/latency-comparison?permaslug=nobody/nothing'
eq "$CODE" 404 "metrics: unknown model is a 404"
fetch "/api/frontend/stats/uptime-hourly?id=$UUID"
eq "$CODE/$(py "$T/body" 'len(d["data"]["history"])')" 200/73 "uptime-hourly"
fetch '/api/frontend/stats/uptime-hourly?id=00000000-0000-0000-0000-000000000000'
eq "$CODE" 404 "uptime-hourly: unknown id is a 404"
fetch /api/frontend/v1/catalog/models
eq "$CODE" 404 "family 2025: no 2026 routes"
fetch /no/such/route
eq "$CODE" 404 "unknown route"

fetch /api/v1/models/qwen/qwen3-235b-a22b-thinking-2507/endpoints
eq "$CODE/$(py "$T/body" 'len(d["data"]["endpoints"])')" 200/5 \
    "v1 endpoints: the real capture"

# gzip
fetch "$LIQ" --compressed
eq "$CODE/$(py "$T/body" 'len(d["data"])')" 200/2 "gzip: curl --compressed"
fetch "$LIQ" -H 'Accept-Encoding: gzip'
eq "$(header Content-Encoding)" gzip "gzip: Content-Encoding"
eq "$(od -An -tx1 -N2 "$T/body" | tr -d ' ')" 1f8b "gzip: gzip magic"
eq "$(wc -c <"$T/body" | tr -d ' ')" "$(header Content-Length)" \
    "gzip: Content-Length is the compressed size"
fetch "$LIQ"
eq "$(header Content-Encoding)" "" "identity without Accept-Encoding"

# Keep-alive: curl reuses the connection for a second URL.
n=$(curl -sS -o /dev/null -o /dev/null -w '%{num_connects}\n' \
    "$BASE$LIQ" "$BASE/api/v1/models" | tail -n 1)
NREQ=$((NREQ + 2))
eq "$n" 0 "keep-alive: second request on the same connection"

# Authorization is logged.
fetch "$LIQ" -H 'Authorization: Bearer sk-or-test'
sleep 0.1
eq "$(tail -n 1 "$T/s2025.log" | python3 -c 'import json, sys
print(json.loads(sys.stdin.readline())["authorization"])')" \
    "Bearer sk-or-test" "log: authorization"

# ------------------------------------------------------------- faults --
faults '[{"match": "lfm-7b", "fault": "429", "retry_after": 7, "times": 1}]'
fetch "$LIQ"
eq "$CODE/$(header Retry-After)" 429/7 "fault 429: Retry-After"
fetch "$LIQ"
eq "$CODE" 200 "fault 429: times 1, then served"

# A rate limit: 2 answers per window (a window of 10^9 s: no boundary falls
# inside the test), then 429 with Retry-After; X-RateLimit-* on each.
faults '[{"match": "lfm-7b", "fault": "ratelimit", "rate": 2, "window": 1000000000}]'
fetch "$LIQ"
eq "$CODE/$(header X-RateLimit-Limit)/$(header X-RateLimit-Remaining)" 200/2/1 \
    "ratelimit: first answer, 1 left"
fetch "$LIQ"
eq "$CODE/$(header X-RateLimit-Remaining)" 200/0 "ratelimit: second, none left"
reset=$(header X-RateLimit-Reset)
fetch "$LIQ"
eq "$CODE/$(header Retry-After)/$(header X-RateLimit-Remaining)" 429/1/0 \
    "ratelimit: over the limit, 429 with Retry-After"
eq "$(header X-RateLimit-Reset)" "$reset" "ratelimit: the reset is the window's end"
[ "$reset" -gt 1000000000000 ] || fail "X-RateLimit-Reset is not in ms ($reset)"
faults '[{"match": "lfm-7b", "fault": "ratelimit", "rate": 1, "window": 1000000000, "headers": false, "retry_after": null}]'
fetch "$LIQ"
fetch "$LIQ"
eq "$CODE/$(header Retry-After)/$(header X-RateLimit-Limit)" 429// \
    "ratelimit without headers or Retry-After"

faults '[{"match": "lfm-7b", "fault": "500", "skip": 1, "times": 1}]'
fetch "$LIQ"
eq "$CODE" 200 "skip 1: first one served"
fetch "$LIQ"
eq "$CODE" 500 "skip 1: second one faulted (500)"
fetch "$LIQ"
eq "$CODE" 200 "skip 1, times 1: third one served"

faults '[{"match": "lfm-7b", "fault": "502"}]'
fetch "$LIQ"
eq "$CODE" 502 "fault 502"
fetch "$LIQ"
eq "$CODE" 502 "fault without times: every time"
fetch /api/v1/models
eq "$CODE" 200 "fault: match is a regex on the path"
faults '[{"match": "lfm-7b", "fault": "503", "retry_after": 3}]'
fetch "$LIQ"
eq "$CODE/$(header Retry-After)" 503/3 "fault 503 with Retry-After"
faults '[{"match": "lfm-7b", "fault": "404"}]'
fetch "$LIQ"
eq "$CODE" 404 "fault 404"

faults '[{"match": "lfm-7b", "fault": "reset"}]'
fetch "$LIQ"
eq "$RC" 56 "fault reset: curl sees a reset"
faults '[{"match": "lfm-7b", "fault": "truncate"}]'
fetch "$LIQ"
eq "$RC" 18 "fault truncate: curl sees a partial file"

faults '[{"match": "lfm-7b", "fault": "badjson"}]'
fetch "$LIQ"
eq "$CODE" 200 "fault badjson: status 200"
python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$T/body" \
    2>/dev/null && fail "fault badjson: the body parses"
ok "fault badjson: not parseable"

faults '[{"match": "lfm-7b", "fault": "envelope"}]'
fetch "$LIQ"
eq "$CODE/$(py "$T/body" '"data" in d')" 200/False "fault envelope: no data key"
faults '[{"match": "lfm-7b", "fault": "envelope", "shape": "string"}]'
fetch "$LIQ"
eq "$(py "$T/body" 'd["data"]')" oops "fault envelope: data is a string"

faults '[{"match": "lfm-7b", "fault": "slow", "delay": 0.5}]'
t0=$(date +%s)
fetch "$LIQ" -y 1 -Y 1000
t1=$(date +%s)
eq "$RC" 28 "fault slow: curl's low-speed limit trips"
[ $((t1 - t0)) -lt 10 ] || fail "fault slow: took $((t1 - t0)) s"
ok "fault slow: quickly"

faults '[{"match": "lfm-7b", "fault": "oversize"}]'
fetch "$LIQ" --max-filesize 67108864
eq "$RC" 63 "fault oversize: curl refuses it (max-filesize)"
len=$(header Content-Length)
[ "${len:-0}" -gt 67108864 ] || fail "fault oversize: Content-Length '$len'"
ok "fault oversize: Content-Length over 64 MiB"
faults '[{"match": "lfm-7b", "fault": "oversize", "bytes": 200000}]'
fetch "$LIQ"
eq "$CODE/$(wc -c <"$T/body" | tr -d ' ')" 200/200000 "fault oversize: exact size"
eq "$(py "$T/body" 'd["data"][-1]["id"]')" oversize/end "fault oversize: valid JSON"

faults '[{"match": "lfm-7b", "fault": "html"}]'
fetch "$LIQ"
case $(header Content-Type) in
text/html*) ok "fault html: text/html" ;;
*) fail "fault html: Content-Type '$(header Content-Type)'" ;;
esac
faults '[{"match": "lfm-7b", "fault": "content-type"}]'
fetch "$LIQ"
case $(header Content-Type) in
text/plain*) ok "fault content-type: text/plain" ;;
*) fail "fault content-type: Content-Type '$(header Content-Type)'" ;;
esac
eq "$(py "$T/body" 'len(d["data"])')" 2 "fault content-type: the normal body"
faults '[{"match": "lfm-7b", "fault": "identity"}]'
fetch "$LIQ" -H 'Accept-Encoding: gzip'
eq "$CODE/$(header Content-Encoding)" 200/ "fault identity: no gzip"

faults '[{"match": "lfm-7b", "fault": "hang"}]'
fetch "$LIQ" -m 1
eq "$RC" 28 "fault hang: curl -m 1 times out"

# hold: a pause at a known request, announced by the flag file.
faults "[{\"match\": \"lfm-7b\", \"fault\": \"hold\", \"skip\": 1, \"times\": 1, \"bytes\": \"half\", \"flag\": \"$T/held\"}]"
fetch "$LIQ"
eq "$CODE" 200 "fault hold: skip 1, the first is served"
full=$(wc -c <"$T/body" | tr -d ' ')
[ -e "$T/held" ] && fail "fault hold: flag raised before the held request"
ok "fault hold: no flag yet"
curl -sS -o /dev/null -m 20 "$BASE$LIQ" 2>/dev/null &
c1=$!
i=0
until [ -e "$T/held" ]; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "fault hold: no flag after 20 s"
	sleep 0.1
done
eq "$(cat "$T/held")" "$LIQ" "fault hold: the flag names the request"
sleep 0.2
kill -0 "$c1" 2>/dev/null || fail "fault hold: the request was not held"
ok "fault hold: the request is held"
kill "$c1"
wait "$c1" 2>/dev/null
NREQ=$((NREQ + 1))
i=0
until grep -q '"fault":"hold"' "$T/s2025.log"; do
	i=$((i + 1))
	[ $i -lt 50 ] || fail "fault hold: not logged after the client left"
	sleep 0.1
done
eq "$(grep '"fault":"hold"' "$T/s2025.log" | python3 -c 'import json, sys
r = json.loads(sys.stdin.readline())
print(r["status"], r["bytes"])')" "200 $((full / 2))" "fault hold: headers and half of the body sent"
faults '[{"match": "lfm-7b", "fault": "hold", "seconds": 0.5}]'
fetch "$LIQ"
eq "$CODE/$(py "$T/body" 'len(d["data"])')" 200/2 "fault hold: seconds, then the whole response"
rm -f "$T/held"
faults "[{\"match\": \"lfm-7b\", \"fault\": \"hold\", \"bytes\": 100, \"flag\": \"$T/held\", \"release\": \"$T/release\"}]"
curl -sS -o "$T/body" -m 20 "$BASE$LIQ" 2>/dev/null &
c1=$!
i=0
until [ -e "$T/held" ]; do
	i=$((i + 1))
	[ $i -lt 200 ] || fail "fault hold: no flag after 20 s"
	sleep 0.1
done
sleep 0.3
kill -0 "$c1" 2>/dev/null || fail "fault hold: released before the release file"
ok "fault hold: held until released"
touch "$T/release"
wait "$c1"
eq "$?/$(py "$T/body" 'len(d["data"])')" 0/2 "fault hold: released, the whole response"
NREQ=$((NREQ + 1))

# Concurrency: two requests held at once show in_flight 2.
faults '[{"match": "lfm-7b", "fault": "delay", "seconds": 1}]'
curl -s -o /dev/null "$BASE$LIQ" &
c1=$!
curl -s -o /dev/null "$BASE$LIQ" &
c2=$!
wait $c1 $c2
NREQ=$((NREQ + 2))
faults '[]'
eq "$(python3 -c 'import json, sys
print(max(json.loads(l)["in_flight"] for l in open(sys.argv[1])))' \
    "$T/s2025.log")" 2 "log: in_flight counts concurrent requests"
eq "$(grep -c '"fault":"delay"' "$T/s2025.log")" 2 "log: faults are logged"
stop s2025

# ---------------------------------------------------------------- 2026 --
start s2026 --family 2026
N26=/api/frontend/v1/stats/endpoint?permaslug=liquid/lfm-7b\&variant=standard
fetch "$N26"
eq "$CODE/$(py "$T/body" 'len(d["data"])')" 200/2 "2026: stats/endpoint"
eq "$(py "$T/body" 'all("p90_latency" in e["stats"] and "window_minutes" in e["stats"] for e in d["data"])')" \
    True "2026: p90_latency"
eq "$(py "$T/body" 'sorted(e["pricing"]["pricing_json"]["prompt"] for e in d["data"])')" \
    "['0.01e-6', '0.02e-6']" "2026: pricing_json in e-notation"
eq "$(py "$T/body" 'any("variable_pricings" in e for e in d["data"])')" \
    False "2026: no variable_pricings"
eq "$(py "$T/body" 'sorted(e["pricing"]["prompt"] for e in d["data"])')" \
    "['0.00000001', '0.00000002']" "2026: per-token prices kept"
fetch /api/frontend/v1/catalog/models
eq "$CODE/$(py "$T/body" 'len(d["data"])')" 200/431 "2026: catalog/models"
fetch "/api/frontend/v1/stats/uptime-hourly?id=$UUID"
eq "$CODE" 200 "2026: stats/uptime-hourly"
fetch "$LIQ"
eq "$CODE" 404 "2026: the 2025 stats/endpoint is a 404"
fetch /api/frontend/models
eq "$CODE" 404 "2026: the 2025 catalogue is a 404"
fetch /api/v1/models
eq "$CODE" 200 "2026: v1 models"
stop s2026

# ------------------------------------------------------------------ v1 --
start sv1 --family v1
fetch /api/frontend/models
eq "$CODE" 404 "v1: frontend catalogue is a 404"
fetch "$LIQ"
eq "$CODE" 404 "v1: frontend stats/endpoint is a 404"
fetch /api/frontend/v1/catalog/models
eq "$CODE" 404 "v1: 2026 catalogue is a 404"
fetch /api/v1/models
eq "$CODE" 200 "v1: v1 models"
fetch /api/v1/models/qwen/qwen3-235b-a22b-thinking-2507/endpoints
eq "$CODE" 200 "v1: real v1 endpoints"
eq "$(py "$T/body" '[e["tag"] for e in d["data"]["endpoints"]][1]')" \
    deepinfra/fp8 "v1: real v1 endpoints, as captured"
fetch /api/v1/models/liquid/lfm-7b/endpoints
eq "$CODE" 200 "v1: synthesized v1 endpoints"
eq "$(py "$T/body" 'd["data"]["id"]')" liquid/lfm-7b "v1: synthesized id"
eq "$(py "$T/body" 'sorted(e["tag"] for e in d["data"]["endpoints"])')" \
    "['lambda/bf16', 'liquid']" "v1: synthesized tags"
V1KEYS='["context_length", "max_completion_tokens", "max_prompt_tokens", "name", "pricing", "provider_name", "quantization", "status", "supported_parameters", "tag", "uptime_last_30m"]'
eq "$(py "$T/body" "all(sorted(e) == $V1KEYS for e in d['data']['endpoints'])")" \
    True "v1: synthesized endpoint keys"
fetch /api/v1/models/liquid%2Flfm-7b/endpoints
eq "$CODE" 200 "v1: the path is URL-decoded"
fetch /api/v1/models/nobody/nothing/endpoints
eq "$CODE" 404 "v1: unknown model is a 404"
# The provider list, made from the endpoint lists' provider_info.
fetch /api/v1/providers
eq "$CODE" 200 "v1: providers"
eq "$(py "$T/body" 'all(sorted(p) == ["datacenters", "headquarters", "name", "privacy_policy_url", "slug", "status_page_url", "terms_of_service_url"] for p in d["data"]) and "deepinfra" in [p["slug"] for p in d["data"]]')" \
    True "v1: providers in the 2026 shape, deepinfra among them"
stop sv1

# ---------------------------------------- v1 endpoint lists of 2026 --
start s1e --family v1 --v1-endpoints-2026
fetch /api/v1/models/liquid/lfm-7b/endpoints
eq "$CODE" 200 "v1-2026: synthesized v1 endpoints"
eq "$(py "$T/body" 'all(e["latency_last_30m"] is None and e["throughput_last_30m"] is None and e["status"] in (0, -2, -5) and "uptime_last_5m" in e and "uptime_last_1d" in e and isinstance(e["supports_implicit_caching"], bool) for e in d["data"]["endpoints"])')" \
    True "v1-2026: the new keys; no percentiles without a key"
fetch /api/v1/models/liquid/lfm-7b/endpoints -H 'Authorization: Bearer k'
eq "$(py "$T/body" 'sorted(d["data"]["endpoints"][0]["latency_last_30m"]) == ["p50", "p75", "p90", "p99"]')" \
    True "v1-2026: percentile objects with a key"
grep -q '"authorization": *"Bearer k"' "$T/s1e.log" || fail "v1-2026: the key is logged"
ok "v1-2026: the Authorization header is in the log"
fetch /api/v1/models/nobody/nothing/endpoints
eq "$CODE" 404 "v1-2026: a model not in the list is still a 404"
stop s1e

echo "PASS: $NAME ($passes checks)"
exit 0
