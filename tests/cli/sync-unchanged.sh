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

# What a run left, run ids included, for comparing two databases (not the
# listings' hashes: forget() clears them in one twin).
state() {
	sql "$1" "SELECT endpoint_id, model_key, $MODEL_NAME, provider_slug,
	    context_length, price_prompt, price_completion, p50_latency_ms,
	    request_count, uptime, status,
	    (SELECT hex(b.hash) FROM blob b WHERE b.id = endpoint.blob),
	    first_run_id, last_run_id, active, listed_uptime
	    FROM endpoint ORDER BY endpoint_id, model_key;
	  SELECT * FROM endpoint_snapshot ORDER BY 1, 2, 3;
	  SELECT * FROM model_snapshot ORDER BY 1, 2, 3;
	  SELECT * FROM model ORDER BY model_key;
	  SELECT * FROM model_alias ORDER BY 1, 2;
	  SELECT model_key, run_id, rows_n, endpoints, warnings, names
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

# Twins from scratch for the rest: e recognises listings, f is made to
# write every listing in full before each sync.
same_ef() {
	state "$T/e.db" >"$T/se"
	state "$T/f.db" >"$T/sf"
	cmp -s "$T/se" "$T/sf" || { diff "$T/se" "$T/sf" | head -20; fail "$1"; }
	ok "$1"
}
syncj "$T/e.db" >/dev/null
syncj "$T/f.db" >/dev/null

# The v1 fallback: the route's objects go into the model's frontend rows
# (one row per provider, tests/cli/sync-identity.sh), stamped with no
# listing; the next sync writes that listing in full again.
printf '[{"match": "^/api/frontend/stats/endpoint\\\\?permaslug=%s&", "fault": "503"}]\n' "$enc" >"$T/a.faults"
run 3 "$ORBROWSE" --db "$T/e.db" sync --base-url "$URL" --no-gc --quiet
forget "$T/f.db"
run 3 "$ORBROWSE" --db "$T/f.db" sync --base-url "$URL" --no-gc --quiet
echo '[]' >"$T/a.faults"
eq "$(sql "$T/e.db" "SELECT COUNT(*) FROM endpoint WHERE endpoint_id LIKE 'v1:%'")" 0 \
    "no v1 row beside the frontend rows"
[ "$(sql "$T/e.db" "SELECT COUNT(*) FROM endpoint WHERE listing IS NULL
    AND last_run_id = (SELECT MAX(id) FROM run_log)")" -gt 0 ] ||
	fail "no rows from the v1 route"
ok "the v1 fallback stored its rows"
same_ef "after a v1 fallback the twins agree"
# (The catalogue's featured endpoint stood in for that model's listing.)
eq "$(syncj "$T/e.db")" "ok $N $M" "after the fallback: all but that listing unchanged"
forget "$T/f.db"
syncj "$T/f.db" >/dev/null
same_ef "and the next sync leaves the twins alike (the v1 rows tombstoned)"
eq "$(sql "$T/e.db" "SELECT COUNT(*) FROM endpoint WHERE endpoint_id LIKE 'v1:%' AND active = 1")" 0 "v1 rows tombstoned"

# Retention that deletes every snapshot row (all runs older than the keep
# window): the listings are written in full again, snapshots and all.
for db in e f; do
	sqlite3 "$T/$db.db" 'UPDATE run_log SET started_at = started_at - 10 * 86400000, ended_at = ended_at - 10 * 86400000' ||
		fail "backdate"
	run 0 "$ORBROWSE" --db "$T/$db.db" gc --keep-days 1 --window-hours 1
done
eq "$(sql "$T/e.db" 'SELECT COUNT(*) FROM endpoint_snapshot')" 0 "gc deleted every snapshot row"
eq "$(syncj "$T/e.db")" "ok $N 0" "after such a gc no listing is taken as unchanged"
forget "$T/f.db"
syncj "$T/f.db" >/dev/null
same_ef "after the gc the twins agree"
eq "$(sql "$T/e.db" 'SELECT COUNT(*) FROM endpoint_snapshot')" "$(sql "$T/e.db" 'SELECT COUNT(*) FROM endpoint WHERE active = 1')" \
   "every endpoint has its snapshot again"

# A listing that gives one endpoint twice: written in full every time (the
# second write of the row is not what seeing it again would do), and the
# twins still agree.  (Two models' listings cannot give one row here: the
# fixture server serves each model the endpoints that name it.)
demo_files "$T/set2" 6 12
python3 - "$T/set2" <<'PY' || fail "cannot make the duplicates"
import glob, json, os, sys
d = sys.argv[1]
# Listings of models the catalogue has (a sync asks for those).
synced = {m["endpoint"]["model_variant_permaslug"] for m in
          json.load(open(os.path.join(d, "frontend-models.json")))["data"]
          if m.get("endpoint")}
fs, docs = [], []
for f in sorted(glob.glob(os.path.join(d, "stats-endpoint-*.json"))):
    doc = json.load(open(f))
    if doc["data"] and doc["data"][0]["model_variant_permaslug"] in synced:
        fs.append(f)
        docs.append(doc)
assert docs
docs[0]["data"].append(dict(docs[0]["data"][0]))
json.dump(docs[0], open(fs[0], "w"), indent=1)
PY
start_server b --dir "$T/set2"
syncj "$T/g.db" >"$T/g1"
N2=$(cut -d' ' -f2 "$T/g1")
syncj "$T/h.db" >/dev/null
eq "$(sql "$T/g.db" "SELECT COUNT(*) FROM listing WHERE body_sha IS NULL")" 1 "the listing with a duplicate is not recorded"
eq "$(syncj "$T/g.db")" "ok $N2 $((N2 - 1))" "a duplicated endpoint: that listing in full"
forget "$T/h.db"
syncj "$T/h.db" >/dev/null
state "$T/g.db" >"$T/sg"
state "$T/h.db" >"$T/sh"
cmp -s "$T/sg" "$T/sh" || { diff "$T/sg" "$T/sh" | head -20; fail "duplicates: the twins differ"; }
ok "with a duplicated endpoint the twins agree"
integrity_ok "$T/g.db" "duplicates"
