#!/bin/sh
# The fault matrix: every fault the fixture server injects (429 with
# Retry-After, 500, 502, 503, a reset mid-body, a truncated body, invalid
# JSON, a wrong envelope, a slow drip, an oversized body, 404, a wrong
# Content-Type, an HTML page with status 200) at every stage of the pipeline
# (keys, catalogue, a model's endpoints, its metrics); the transient ones
# both persisting and once.  Each cell starts from the same database and
# checks the run status, the exit status, the errors and retries recorded,
# the attempts made, PRAGMA integrity_check, and that a run that is not ok
# left the earlier rows as they were with nothing tombstoned.  README.md
# shows the matrix.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 5 6
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
cp "$DB" "$T/baseline.db"
baseline=$(projection "$DB")
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active = 0')" 0 "baseline: every endpoint active"
# A model with a few endpoints, and its URL-encoded permaslug, for faults on
# its routes.
model=$(sql "$DB" "SELECT model_key FROM endpoint WHERE instr(model_key, ':') = 0 GROUP BY model_key HAVING COUNT(*) >= 2 LIMIT 1")
enc=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$model")

faults() { printf '%s\n' "$1" >"$T/f.faults.tmp" && mv "$T/f.faults.tmp" "$T/f.faults"; }
last() { sql "$DB" "SELECT $1 FROM run_log ORDER BY id DESC LIMIT 1"; }

# The stages: the route a fault rule matches (a regex on the request
# target) and the same route as it appears in the request log.
route() {
	case $1 in
	keys) echo '^/api/v1/models\\?output_modalities=all$' ;;
	catalogue) echo '^/api/frontend/models$' ;;
	endpoints) echo "^/api/frontend/stats/endpoint\\\\?permaslug=$enc&variant=standard\$" ;;
	metrics) echo "^/api/frontend/stats/latency-comparison\\\\?permaslug=$enc&variant=standard\$" ;;
	esac
}
logged() {
	case $1 in
	keys) echo '"path":"/api/v1/models?output_modalities=all"' ;;
	catalogue) echo '"path":"/api/frontend/models"' ;;
	endpoints) echo "\"path\":\"/api/frontend/stats/endpoint?permaslug=$enc&variant=standard\"" ;;
	metrics) echo "\"path\":\"/api/frontend/stats/latency-comparison?permaslug=$enc&variant=standard\"" ;;
	esac
}

# The faults: the rule's parameters.
params() {
	case $1 in
	429) echo ', "retry_after": 1' ;;
	# 16 bytes every 0.5 s: under the 100 bytes/s the client asks for
	# over 1 s (timeout.low_speed).
	slow) echo ', "delay": 0.5' ;;
	oversize) echo ', "bytes": 8388608' ;;
	*) echo '' ;;
	esac
}
TRANSIENT="429 500 502 503 reset truncate slow"
FAULTS="$TRANSIENT badjson envelope html oversize 404 content-type"

# expect STAGE FAULT VARIANT: sets status, rc, retries and errs (1: errors
# recorded, 0: none) for the cell.  This is the README's matrix.
expect() {
	case " $TRANSIENT " in
	*" $2 "*) transient=1 ;;
	*) transient= ;;
	esac
	if [ "$3" = once ]; then
		# A retry succeeds: nothing to record.
		status=ok rc=0 retries=1 errs=0
		return
	fi
	[ -n "$transient" ] && retries=2 || retries=0
	case $1/$2 in
	*/content-type)
		# The body is checked, not its label.
		status=ok rc=0 errs=0 ;;
	keys/*)
		status=failed rc=1 errs=1 ;;
	catalogue/404)
		# This family is not served: the next one (here v1) carries
		# the run, which is complete.
		status=ok rc=0 errs=1 ;;
	catalogue/* | endpoints/[!4]* | endpoints/429)
		status=partial rc=3 errs=1 ;;
	endpoints/404)
		# The model lists no endpoints now.
		status=ok rc=0 errs=0 ;;
	metrics/404)
		status=ok rc=0 errs=0 ;;
	metrics/*)
		# Series are extras: the model is stored, the run complete.
		status=ok rc=0 errs=1 ;;
	esac
}

# intact NAME: after a run that is not ok, the earlier rows are there:
# those of other models as they were, those of the model under fault with
# the same ids, prices, context and active flag (what its catalogue entry
# and metrics say may be newer; rows a v1 fallback adds have other ids).
# A v1 route that carried the run wrote its objects into the same rows
# (one row per provider): their uptime and snapshot hash are its own.
same_data() { cut -d'|' -f1-21,23-27,29; }
intact() {
	printf '%s\n' "$baseline" | grep -v -F "|$model|" | same_data >"$T/p0"
	projection "$DB" | grep -v -F "|$model|" | grep -v '^v1:' | same_data >"$T/p1"
	cmp -s "$T/p0" "$T/p1" ||
	    { diff "$T/p0" "$T/p1" | head -5 >&2; fail "$1: other models' rows changed"; }
	printf '%s\n' "$baseline" | grep -F "|$model|" | cut -d'|' -f1,2,4,6,13,14,29 >"$T/p0"
	projection "$DB" | grep -F "|$model|" | grep -v '^v1:' | cut -d'|' -f1,2,4,6,13,14,29 >"$T/p1"
	cmp -s "$T/p0" "$T/p1" ||
	    { diff "$T/p0" "$T/p1" | head -5 >&2; fail "$1: the model's rows changed"; }
	ok "$1: earlier data intact"
}

# cell STAGE FAULT VARIANT: one sync from the baseline under the fault,
# and the checks every cell shares.
cell() {
	stage=$1
	fault=$2
	variant=$3
	name="$stage $fault${variant:+ $variant}"
	expect "$stage" "$fault" "$variant"
	times=
	[ "$variant" = once ] && times=', "times": 1'
	cp "$T/baseline.db" "$DB"
	faults "[{\"match\": \"$(route "$stage")\", \"fault\": \"$fault\"$(params "$fault")$times}]"
	: >"$T/f.log"
	run "$rc" "$ORBROWSE" --db "$DB" sync --config "$T/config" --base-url "$URL" --metrics --quiet
	faults '[]'
	ok "$name: exit status $rc"
	{
		read -r integrity
		read -r got
	} <<EOF
$(sql "$DB" "PRAGMA integrity_check(1);
    SELECT status || ' ' || retries || ' ' || (error_count > 0) || ' ' ||
     (SELECT COUNT(*) FROM endpoint WHERE active = 0)
     FROM run_log ORDER BY id DESC LIMIT 1")
EOF
	eq "$integrity" ok "$name: integrity_check"
	set -- $got
	eq "$1" "$status" "$name: run $status"
	eq "$2" "$retries" "$name: $retries retries recorded"
	eq "$3" "$errs" "$name: errors recorded: $errs"
	# A request is logged when the server is done with it: a slow drip
	# the client gave up on ends at the server's next write.
	w=0
	while attempts=$(grep -c -F "$(logged "$stage")" "$T/f.log");
	    [ "$attempts" -lt $((retries + 1)) ] && [ $w -lt 50 ]; do
		w=$((w + 1))
		sleep 0.1
	done
	eq "$attempts" $((retries + 1)) "$name: $((retries + 1)) attempts"
	if [ "$status" != ok ]; then
		eq "$4" 0 "$name: nothing tombstoned"
		intact "$name"
		case $stage in
		keys | catalogue) want=$stage ;;
		*) want=$model ;;
		esac
		contains "$T/err" "$want" "$name: the error names the $stage"
	elif [ "$stage/$fault" != catalogue/404 ] && [ "$stage/$fault" != endpoints/404 ]; then
		eq "$(projection "$DB")" "$baseline" "$name: the same data as a clean sync"
	fi
	if [ "$fault" = 429 ]; then
		# Each log line starts {"t_start":SECONDS,...
		awk -v route="$(logged "$stage")" 'index($0, route) {
			split($0, f, /[:,]/)
			if (n++ > 0 && f[2] - prev < 0.95)
				bad = 1
			prev = f[2]
		} END { exit !(n >= 2 && !bad) }' "$T/f.log" ||
		    fail "$name: Retry-After not honoured"
		ok "$name: attempts spaced by Retry-After"
	fi
	if [ "$fault" = oversize ] && [ "$status" != ok ]; then
		contains "$T/err" "larger than" "$name: oversize reported"
	fi
}

for stage in keys catalogue endpoints metrics; do
	for fault in $FAULTS; do
		cell "$stage" "$fault" ""
	done
	for fault in $TRANSIENT; do
		cell "$stage" "$fault" once
	done
done

# What some cells mean beyond the shared checks.
# The catalogue: with no family answering, v1 routes carry the run.
cell catalogue 503 ""
eq "$(last route_family)" v1 "catalogue 503: the v1 family was used"
cell catalogue 404 ""
eq "$(last route_family)" v1 "catalogue 404: the next family (v1) was used"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE endpoint_id LIKE 'v1:%'")" 0 \
    "catalogue 404: a complete v1 run writes into the frontend rows"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE active = 1")" \
    "$(sql "$T/baseline.db" "SELECT COUNT(*) FROM endpoint WHERE active = 1")" \
    "catalogue 404: one active row per provider, as before"
# A model whose frontend route keeps failing falls back to v1.
cell endpoints badjson ""
[ "$(requests_matching "$T/f.log" "/api/v1/models/.*/endpoints")" -ge 1 ] || fail "no v1 fallback request"
ok "endpoints badjson: the v1 fallback was asked"
# A model that lists no endpoints any more: a complete run tombstones them,
# all but the one its catalogue entry still features.
cell endpoints 404 ""
featured=$(python3 -c 'import json, sys
for e in json.load(open(sys.argv[1]))["data"]:
    ep = e.get("endpoint") or {}
    if ep.get("model_variant_permaslug") == sys.argv[2]:
        print(ep["id"])' "$T/set/frontend-models.json" "$model")
[ -n "$featured" ] || fail "no featured endpoint for $model in the catalogue"
eq "$(sql "$DB" "SELECT group_concat(endpoint_id) FROM endpoint WHERE model_key = '$model' AND active = 1")" "$featured" \
    "endpoints 404: the model's endpoints are tombstoned but the featured one"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE model_key != '$model' AND active = 0")" 0 \
    "endpoints 404: no other endpoint is tombstoned"

# Both routes of a model fail: the model fails, its rows are kept as they were.
cp "$T/baseline.db" "$DB"
before=$(sql "$DB" "SELECT group_concat(endpoint_id || price_prompt || active) FROM endpoint WHERE model_key = '$model'")
faults "[{\"match\": \"$(route endpoints)\", \"fault\": \"503\"}, {\"match\": \"/api/v1/models/.+/endpoints\", \"fault\": \"badjson\"}]"
run 3 "$ORBROWSE" --db "$DB" sync --config "$T/config" --base-url "$URL" --metrics --quiet
faults '[]'
eq "$(last status)" partial "endpoints and fallback fail: run partial"
integrity_ok "$DB" "endpoints and fallback fail"
eq "$(sql "$DB" "SELECT group_concat(endpoint_id || price_prompt || active) FROM endpoint WHERE model_key = '$model'")" "$before" "the failed model's rows are intact"
contains "$T/err" "$model" "the failed model is named"

# After a run that used the fallback, a clean sync restores the first state;
# what the fallback added under other ids is tombstoned by it.
cell endpoints 500 ""
run 0 "$ORBROWSE" --db "$DB" sync --config "$T/config" --base-url "$URL" --metrics --quiet
eq "$(last status)" ok "clean sync: ok"
integrity_ok "$DB" "clean sync"
projection "$DB" | awk -F'|' '$NF == 1' >"$T/p1"
printf '%s\n' "$baseline" >"$T/p2"
cmp -s "$T/p1" "$T/p2" || { diff "$T/p1" "$T/p2" | head; fail "after the faults, a clean sync differs from the first"; }
ok "a clean sync after a fallback equals the first"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE active = 0 AND endpoint_id NOT LIKE 'v1:%'")" 0 "only fallback rows were tombstoned"
