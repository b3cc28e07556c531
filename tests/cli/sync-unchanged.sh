#!/bin/sh
# A re-sync that receives a model's listing byte for byte as last time only
# marks its rows seen: the database ends exactly as if the listing had been
# written again (checked against a twin database made to write every
# listing in full), and any other writer of a row makes the next sync write
# that listing in full again.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 5 30
# One endpoint's listing also gives uptime_last_30m, and a metric series
# gives the same endpoint another uptime: which one stands must not depend
# on how the listing was written.
python3 - "$T/set" >"$T/upt" <<'PY'
import glob, json, os, sys
d = sys.argv[1]
have = {os.path.basename(f)[len("uptime-hourly-"):-len(".json")]
        for f in glob.glob(os.path.join(d, "uptime-hourly-*.json"))}
for f in sorted(glob.glob(os.path.join(d, "stats-endpoint-*.json"))):
    doc = json.load(open(f))
    for e in doc["data"]:
        if e["id"] in have:
            e["uptime_last_30m"] = 97.25
            json.dump(doc, open(f, "w"), indent=1)
            print(e["id"])
            sys.exit(0)
sys.exit(1)
PY
UPT=$(cat "$T/upt")
start_server a --dir "$T/set"

# What a run left, run ids included, for comparing two databases.
state() {
	sql "$1" "SELECT endpoint_id, model_key, model_name, provider_slug,
	    context_length, price_prompt, price_completion, p50_latency_ms,
	    request_count, uptime, status, hash, first_run_id, last_run_id,
	    active, listed_uptime FROM endpoint ORDER BY endpoint_id, model_key;
	  SELECT * FROM endpoint_snapshot ORDER BY 1, 2, 3;
	  SELECT * FROM model_snapshot ORDER BY 1, 2, 3;
	  SELECT * FROM model ORDER BY model_key;
	  SELECT * FROM model_alias ORDER BY 1, 2;
	  SELECT model_key, body_sha, run_id, rows_n, endpoints, warnings, names
	    FROM listing ORDER BY model_key;
	  SELECT id, status, models_total, models_done, endpoints_done,
	    blobs_new, warnings, error_count FROM run_log ORDER BY id;
	  SELECT COUNT(*) FROM blob;"
}
same_state() {
	state "$T/a.db" >"$T/sa"
	state "$T/b.db" >"$T/sb"
	cmp -s "$T/sa" "$T/sb" || { diff "$T/sa" "$T/sb" | head -20; fail "$1"; }
	ok "$1"
}
# Make the next sync of a database write every listing in full.
forget() {
	sqlite3 "$1" 'UPDATE listing SET body_sha = NULL' || fail "forget $1"
}
syncj() {
	db=$1
	shift
	run 0 "$ORBROWSE" --db "$db" sync --base-url "$URL" --no-gc --json "$@"
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["status"], r["models_total"], r["models_unchanged"])' "$T/out"
}

# The first sync records every listing; nothing is unchanged yet.
syncj "$T/a.db" >"$T/first"
N=$(cut -d' ' -f2 "$T/first")
M=$((N - 1))
[ "$N" -gt 10 ] || fail "too few models ($N)"
eq "$(cat "$T/first")" "ok $N 0" "first sync: no listing known"
eq "$(syncj "$T/b.db")" "ok $N 0" "twin: first sync"
eq "$(sql "$T/a.db" 'SELECT COUNT(*) FROM listing WHERE body_sha IS NOT NULL')" "$N" "every listing recorded"
eq "$(sql "$T/a.db" 'SELECT COUNT(*) FROM endpoint WHERE listing IS NULL')" 0 "every row stamped with its listing"
eq "$(sql "$T/a.db" 'SELECT SUM(rows_n) = (SELECT COUNT(*) FROM endpoint) FROM listing')" 1 "the listings' rows are the projection"

# The same bytes again: all unchanged, every listing still fetched; the
# twin, told to forget, writes them all and must end the same.
: >"$T/a.log"
eq "$(syncj "$T/a.db")" "ok $N $N" "re-sync: every listing unchanged"
eq "$(requests_matching "$T/a.log" '/api/frontend/stats/endpoint')" "$N" "every listing was still asked for"
forget "$T/b.db"
eq "$(syncj "$T/b.db")" "ok $N 0" "twin: written in full"
same_state "an unchanged re-sync leaves what writing every listing would"
eq "$(sql "$T/a.db" 'SELECT blobs_new || " " || endpoints_done FROM run_log WHERE id = 2')" \
   "0 $(sql "$T/a.db" 'SELECT endpoints_done FROM run_log WHERE id = 1')" "run 2: no blob, every endpoint counted"
integrity_ok "$T/a.db" "after an unchanged re-sync"

# Metrics: a series sets the endpoint's uptime; a sync without metrics then
# puts back the uptime its listing gives, however the listing is written.
eq "$(syncj "$T/a.db" --metrics)" "ok $N $N" "with --metrics: still unchanged"
forget "$T/b.db"
eq "$(syncj "$T/b.db" --metrics)" "ok $N 0" "twin with --metrics"
same_state "with --metrics the twins agree"
[ "$(sql "$T/a.db" "SELECT uptime FROM endpoint WHERE endpoint_id = '$UPT'")" != 97.25 ] ||
	fail "the metric series did not set the uptime"
ok "a metric series sets the uptime"
eq "$(syncj "$T/a.db")" "ok $N $N" "without metrics: unchanged"
forget "$T/b.db"
eq "$(syncj "$T/b.db")" "ok $N 0" "twin without metrics"
eq "$(sql "$T/a.db" "SELECT uptime FROM endpoint WHERE endpoint_id = '$UPT'")" 97.25 "the listing's uptime is back"
same_state "after a sync with metrics the twins agree"

# Another writer: an import of one listing takes its rows; the next sync
# writes that listing in full and stamps them again.
one=$(ls "$T/set"/stats-endpoint-*.json | head -1)
mkdir "$T/one" && cp "$one" "$T/one/"
run 0 "$ORBROWSE" --db "$T/a.db" import --quiet "$T/one"
eq "$(syncj "$T/a.db")" "ok $N $M" "after an import of one listing: all but one unchanged"
eq "$(syncj "$T/a.db")" "ok $N $N" "and then all again"
eq "$(sql "$T/a.db" 'SELECT COUNT(*) FROM endpoint WHERE listing IS NULL')" 0 "the imported rows are the listing's again"

# A listing that fails: the catalogue's featured endpoint stands in (the
# run is partial, nothing is tombstoned); the next sync writes that
# listing in full, and the database is the twin's again.
enc=$(python3 - "$T/set" <<'PY'
import json, os, sys, urllib.parse
d = json.load(open(os.path.join(sys.argv[1], "frontend-models.json")))
m = [m for m in d["data"] if m.get("endpoint")][0]
print(urllib.parse.quote(m["endpoint"]["model_variant_permaslug"], safe=""))
PY
)
printf '[{"match": "^/api/frontend/stats/endpoint\\\\?permaslug=%s&", "fault": "503"}, {"match": "^/api/v1/models/.+/endpoints", "fault": "503"}]\n' "$enc" >"$T/a.faults"
run 3 "$ORBROWSE" --db "$T/a.db" sync --base-url "$URL" --no-gc --quiet
echo '[]' >"$T/a.faults"
eq "$(sql "$T/a.db" 'SELECT status FROM run_log ORDER BY id DESC LIMIT 1')" partial "a failed listing: partial"
eq "$(sql "$T/a.db" 'SELECT COUNT(*) FROM endpoint WHERE active = 0')" 0 "nothing tombstoned"
eq "$(sql "$T/a.db" 'SELECT COUNT(*) FROM endpoint WHERE listing IS NULL AND last_run_id = (SELECT MAX(id) FROM run_log)')" 1 \
   "the featured endpoint was written from the catalogue"
eq "$(syncj "$T/a.db")" "ok $N $M" "next sync: that listing in full"
forget "$T/b.db"
syncj "$T/b.db" >/dev/null
syncj "$T/b.db" >/dev/null
syncj "$T/b.db" >/dev/null
projection "$T/a.db" >"$T/pa"
projection "$T/b.db" >"$T/pb"
cmp -s "$T/pa" "$T/pb" || { diff "$T/pa" "$T/pb" | head; fail "after the failed listing the projection differs"; }
ok "after the failed listing the projection is the twin's"

# A changed price: only that model's listing is written in full.
python3 - "$T/set" <<'PY' || fail "no price to change"
import glob, json, os, sys
f = sorted(glob.glob(os.path.join(sys.argv[1], "stats-endpoint-*.json")))[-1]
doc = json.load(open(f))
doc["data"][-1]["pricing"]["prompt"] = "0.000000321"
json.dump(doc, open(f, "w"), indent=1)
PY
stop_server a
start_server a --dir "$T/set"
eq "$(syncj "$T/a.db")" "ok $N $M" "a changed listing: all but one unchanged"
eq "$(sql "$T/a.db" 'SELECT COUNT(*) FROM endpoint WHERE price_prompt = 3.21e-07')" 1 "the new price is stored"
eq "$(sql "$T/a.db" 'SELECT blobs_new FROM run_log ORDER BY id DESC LIMIT 1')" 1 "one new blob"

# Bytes the store never saw under a recorded hash cannot be trusted to it:
# a listing whose rows were all deleted is written in full.
sqlite3 "$T/a.db" "DELETE FROM endpoint WHERE listing = (SELECT MIN(id) FROM listing)" || fail "delete"
n=$(sql "$T/a.db" 'SELECT COUNT(*) FROM endpoint')
eq "$(syncj "$T/a.db")" "ok $N $M" "rows gone: that listing in full"
[ "$(sql "$T/a.db" 'SELECT COUNT(*) FROM endpoint')" -gt "$n" ] || fail "the rows were not written back"
ok "the deleted rows are written back"
integrity_ok "$T/a.db" "at the end"
