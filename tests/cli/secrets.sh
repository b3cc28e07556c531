#!/bin/sh
# Secrets and transport: TLS verification is on unless `sync --insecure`
# (which warns, is recorded in the run log, and cannot come from the config
# file); OPENROUTER_API_KEY is sent as a bearer token and appears nowhere
# else -- not in the database, its WAL, any output, error message or file
# orbrowse writes -- over ok, partial, failed and TLS runs.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3
need_cmd openssl

demo_files "$T/set" 7 8

# Everything orbrowse prints goes to $T/outs, for the final grep.
mkdir -p "$T/outs"
n=0
keep() {
	n=$((n + 1))
	cp "$T/out" "$T/outs/$n.out"
	cp "$T/err" "$T/outs/$n.err"
}

# A distinctive key, different in every run of the test.
KEY="sk-or-v1-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
[ ${#KEY} = 41 ] || fail "could not make a random key ($KEY)"
export OPENROUTER_API_KEY="$KEY"

# ---------------------------------------------------------------- TLS
# A self-signed certificate for 127.0.0.1, made now.
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout "$T/key.pem" -out "$T/cert.pem" -days 2 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 >"$T/openssl.out" 2>&1 ||
	{ cat "$T/openssl.out" >&2; fail "openssl could not make a certificate"; }
start_server tls --dir "$T/set" --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"
HTTPS="https://127.0.0.1:$(cat "$T/tls.port")"

# The server speaks TLS with that certificate (so a failure below is
# orbrowse refusing it, not a broken server).
python3 - "$HTTPS" "$T/cert.pem" <<'PY' || fail "the TLS fixture server does not answer"
import ssl, sys, urllib.request
ctx = ssl.create_default_context(cafile=sys.argv[2])
with urllib.request.urlopen(sys.argv[1] + "/api/v1/models", context=ctx) as r:
    assert r.status == 200 and b'"data"' in r.read()
PY
: >"$T/tls.log"
ok "the TLS fixture server answers with its self-signed certificate"

# Without --insecure: a certificate error, nothing requested, the key
# never sent.
run 1 "$ORBROWSE" --db "$T/tls.db" sync --base-url "$HTTPS" --quiet
keep
contains "$T/err" "certificate" "a self-signed certificate is refused"
! grep -q "insecure" "$T/err" || fail "a warning about --insecure without it"
ok "no --insecure warning without the option"
eq "$(sql "$T/tls.db" "SELECT status || ' ' || (errors LIKE '%certificate%') FROM run_log")" \
   "failed 1" "the run failed and recorded the certificate error"
eq "$(sql "$T/tls.db" 'SELECT COUNT(*) FROM endpoint')" 0 "nothing stored from an unverified server"
eq "$(wc -l <"$T/tls.log" | tr -d ' ')" 0 "no request reached the server (the key was not sent)"

# A config file cannot turn verification off.
printf 'insecure = yes\n' >"$T/insecure.conf"
run 2 "$ORBROWSE" --db "$T/tls.db" sync --config "$T/insecure.conf" --base-url "$HTTPS" --quiet
keep
contains "$T/err" 'unknown setting "insecure"' "insecure is not a config setting"

# With --insecure: the sync goes through, warns on stderr (even with
# --quiet and --json), and the run log says so.
run 0 "$ORBROWSE" --db "$T/tls.db" sync --base-url "$HTTPS" --quiet --insecure
keep
contains "$T/err" "warning: --insecure" "--insecure warns"
[ "$(sql "$T/tls.db" "SELECT COUNT(*) FROM endpoint WHERE last_run_id = 2")" -gt 10 ] ||
	fail "nothing stored over --insecure"
ok "--insecure syncs from a self-signed server"
eq "$(sql "$T/tls.db" "SELECT status || ' ' || error_count || ' ' || (errors LIKE '%TLS certificate verification was off%') FROM run_log WHERE id = 2")" \
   "ok 1 1" "the run log records that verification was off"
grep -q "\"authorization\": *\"Bearer $KEY\"" "$T/tls.log" || fail "no bearer token over TLS"
ok "the key is sent over TLS"
run 0 "$ORBROWSE" --db "$T/tls.db" runs --json
keep
contains "$T/out" "TLS certificate verification was off" "runs --json shows the warning"
run 0 "$ORBROWSE" --db "$T/tls.db" runs
keep
run 0 "$ORBROWSE" --db "$T/tls.db" sync --base-url "$HTTPS" --json --insecure
keep
contains "$T/err" "warning: --insecure" "--insecure warns with --json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"] == "ok"' "$T/out" ||
	fail "sync --json --insecure: not one JSON object with status ok"
ok "--json output stays JSON"
run 0 "$ORBROWSE" sync --help
contains "$T/out" "--insecure" "sync --help documents --insecure"
stop_server tls

# ---------------------------------------------------------------- the key
start_server a --dir "$T/set"
faults() { printf '%s\n' "$1" >"$T/a.faults.tmp" && mv "$T/a.faults.tmp" "$T/a.faults"; }
printf 'rate = 0\nbackoff.base_ms = 20\nretries = 1\ntimeout.total = 5\n' >"$T/fast.conf"
DB="$T/key.db"

# An ok run, with metrics.
run 0 "$ORBROWSE" --db "$DB" sync --config "$T/fast.conf" --base-url "$URL" --metrics --json
keep
eq "$(sql "$DB" 'SELECT status FROM run_log WHERE id = 1')" ok "ok run"

# A partial run: one model's endpoints fail on both routes (500), every
# latency series is reset and every uptime series is bad JSON; each message
# quotes its URL.
model=$(sql "$DB" 'SELECT model_key FROM endpoint ORDER BY endpoint_id LIMIT 1')
slug=$(python3 -c 'import sys; print(sys.argv[1].split(":")[0].split("/")[1])' "$model")
faults '[{"match": "'"$slug"'", "fault": "500"},
	 {"match": "latency-comparison", "fault": "reset"},
	 {"match": "uptime-recent", "fault": "badjson"}]'
run 3 "$ORBROWSE" --db "$DB" sync --config "$T/fast.conf" --base-url "$URL" --metrics
keep
eq "$(sql "$DB" "SELECT status || ' ' || (error_count > 0) || ' ' || (errors LIKE '%http://127.0.0.1:%') FROM run_log WHERE id = 2")" \
   "partial 1 1" "partial run with errors that quote URLs"

# A failed run: the key list is refused with 401 (what a bad key gets).
faults '[{"match": "^/api/v1/models\\?", "fault": "401"}]'
run 1 "$ORBROWSE" --db "$DB" sync --config "$T/fast.conf" --base-url "$URL"
keep
contains "$T/err" "401" "a refused key list is reported"

# A failed run: nothing listening.
faults '[]'
run 1 "$ORBROWSE" --db "$DB" sync --config "$T/fast.conf" --base-url "http://127.0.0.1:9" --quiet
keep

# The views.
run 0 "$ORBROWSE" --db "$DB" runs --json
keep
run 0 "$ORBROWSE" --db "$DB" runs
keep
run 0 "$ORBROWSE" --db "$DB" ls --all --json
keep
run 0 "$ORBROWSE" --db "$DB" ls --all --csv
keep
ep=$(sql "$DB" 'SELECT endpoint_id FROM endpoint ORDER BY endpoint_id LIMIT 1')
model=$(sql "$DB" 'SELECT model_key FROM endpoint ORDER BY endpoint_id LIMIT 1')
run 0 "$ORBROWSE" --db "$DB" show "$ep"
keep
run 0 "$ORBROWSE" --db "$DB" show "$model"
keep
run 0 "$ORBROWSE" --db "$DB" cheapest "$model"
keep

# The documented v1 endpoint listings get the key too (their latency and
# throughput percentiles are null without one), and the percentiles it
# unlocks are stored -- the key itself is not (checked below).
start_server v --dir "$T/set" --family v1 --v1-2026 --v1-endpoints-2026
run 0 "$ORBROWSE" --db "$T/v1key.db" sync --config "$T/fast.conf" --base-url "$URL" --quiet
keep
nl=$(grep -c '"path": *"/api/v1/models/[^"]*/endpoints"' "$T/v.log")
[ "$nl" -gt 3 ] || fail "only $nl v1 endpoint listings requested"
eq "$(grep '"path": *"/api/v1/models/[^"]*/endpoints"' "$T/v.log" |
    grep -c "\"authorization\": *\"Bearer $KEY\"")" "$nl" \
    "every v1 endpoint listing carried the bearer token"
[ "$(sql "$T/v1key.db" 'SELECT COUNT(*) FROM endpoint WHERE latency_p50_ms IS NOT NULL AND throughput_p99 IS NOT NULL')" -gt 3 ] ||
	fail "no percentiles stored from authenticated listings"
ok "authenticated listings filled the percentiles"
grep -q -a -F "$KEY" "$T/v.log" || fail "the grep cannot find the key in the v1 log"
stop_server v
unset OPENROUTER_API_KEY

# The key was sent (so the grep below looks for something real)...
[ "$(grep -c "\"authorization\": *\"Bearer $KEY\"" "$T/a.log")" -gt 10 ] ||
	fail "the bearer token was not sent"
ok "the key was sent as a bearer token"
# ...and the grep finds it where it is.
grep -r -q -a -F "$KEY" "$T/a.log" || fail "the grep cannot find the key"

# It is nowhere else: not in any database, WAL or journal, nothing printed,
# nothing orbrowse wrote under $HOME (data, config, state, cache).
[ "$n" -gt 15 ] || fail "only $n outputs kept"
ls "$T"/*.db >/dev/null || fail "no database"
leaks=$(grep -r -l -a -F "$KEY" "$T"/*.db* "$T/outs" "$HOME" 2>/dev/null)
[ -z "$leaks" ] || fail "the API key leaked into: $leaks"
ok "the API key is in no database, output, error or file ($n outputs)"
