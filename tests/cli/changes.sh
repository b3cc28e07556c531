#!/bin/sh
# Change records: syncs from the fixture server across demo epochs (prices,
# endpoints added and removed), a model that goes and comes back, and a
# hostile provider slug.  Each run's records (`changes --run N --json`) are
# what the served data changed, computed here from the served JSON; the
# default feed holds them all, newest first; --atom is XML holding every
# change; no control character reaches the terminal; history --json is the
# served prices run by run; watch and the filter term `watched`; the
# migration builds the same records from the snapshots as the syncs wrote;
# gc leaves the records as they were.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo() {
	"$ORBROWSE" demo --out "$1" --seed 7 --models 30 --endpoints 4 \
	    --no-metrics --epoch "$2" >/dev/null || fail "demo --epoch $2"
}
demo "$T/d0" 0
demo "$T/d1" 1
demo "$T/d2" 2
demo "$T/d3" 3

# The served sets: s1 = epoch 0; s2 = epoch 1 plus a hostile endpoint;
# s3 = epoch 2 without one model (gone from v1, the catalogue and its
# listing); s4 = epoch 3 (the model is back).
cp -R "$T/d0" "$T/s1"
cp -R "$T/d1" "$T/s2"
cp -R "$T/d2" "$T/s3"
cp -R "$T/d3" "$T/s4"
python3 - "$T" <<'PY' >"$T/gone" || fail "cannot edit the data sets"
import glob, json, os, sys
t = sys.argv[1]
def stats(d):
    return sorted(glob.glob(os.path.join(d, "stats-endpoint-*.json")))
# A hostile endpoint beside the first one of s2.
f = stats(t + "/s2")[0]
doc = json.load(open(f))
e = json.loads(json.dumps(doc["data"][0]))
e["id"] = "0badc0de-0000-4000-8000-000000000001"
e["provider_slug"] = "evil\u001b]0;pwn\u0007<&>\"'\u009b2J"
e["provider_name"] = "Evil\u001b[31m Corp"
doc["data"].append(e)
json.dump(doc, open(f, "w"))
# The model of the last listing of s3 (no variant) goes.
for f in reversed(stats(t + "/s3")):
    doc = json.load(open(f))
    m = doc["data"][0]["model_variant_permaslug"]
    if ":" not in m and all(x["model_variant_permaslug"] == m
                            for x in doc["data"]):
        break
slug = doc["data"][0]["model_variant_slug"]
os.remove(f)
v1 = json.load(open(t + "/s3/v1-models.json"))
v1["data"] = [x for x in v1["data"] if x["id"] != slug
              and x.get("canonical_slug") != m]
json.dump(v1, open(t + "/s3/v1-models.json", "w"))
fm = json.load(open(t + "/s3/frontend-models.json"))
fm["data"] = [x for x in fm["data"] if x.get("permaslug") != m
              and x.get("slug") != slug]
json.dump(fm, open(t + "/s3/frontend-models.json", "w"))
# Expiry dates: set in s2, moved in s3, gone in s4 (epoch 3 has none);
# the migration's data set sets, moves and drops one too.
for d, date in (("s2", "2026-09-30"), ("s3", "2026-10-31"),
                ("d1", "2026-09-30"), ("d2", "2026-10-31")):
    v1 = json.load(open(os.path.join(t, d, "v1-models.json")))
    x = [x for x in v1["data"] if x.get("canonical_slug") != m][0]
    x["expiration_date"] = date
    json.dump(v1, open(os.path.join(t, d, "v1-models.json"), "w"))
print(m)
PY

# expect.py PREV CUR: the records a sync of CUR after PREV must write, one
# JSON line each, sorted (PREV "-": the first sync).
cat >"$T/expect.py" <<'EOF'
import glob, json, os, sys

PARTS = ["prompt", "completion", "request", "image", "image_token",
         "image_output", "audio", "audio_output", "input_audio_cache",
         "web_search", "internal_reasoning", "input_cache_read",
         "input_cache_write", "input_cache_write_1h"]

def load(d):
    out = {}
    if d == "-":
        return out
    for f in glob.glob(os.path.join(d, "stats-endpoint-*.json")):
        for e in json.load(open(f))["data"]:
            out[(e["model_variant_permaslug"], e["id"])] = e
    return out

def price(v):
    if isinstance(v, str):
        v = float(v)
    if not isinstance(v, (int, float)) or isinstance(v, bool) or v < 0:
        return None
    return float(v)

def prices(e):
    p = e.get("pricing") or {}
    out = {k: price(p.get(k)) for k in PARTS}
    d = p.get("discount")
    out["discount"] = float(d) if isinstance(d, (int, float)) else None
    return out

def overrides(e):
    o = (e.get("pricing") or {}).get("overrides")
    return json.dumps(o, sort_keys=True) if o else None

prev, cur = load(sys.argv[1]), load(sys.argv[2])
recs = []
def rec(kind, model, slug=None, field=None, old=None, new=None):
    recs.append([kind, model, slug, field, old, new])
pm = {k[0] for k in prev}
cm = {k[0] for k in cur}
for m in cm - pm:
    rec("model_added", m)
for m in pm - cm:
    rec("model_removed", m)
for k in cur.keys() - prev.keys():
    rec("endpoint_added", k[0], cur[k]["provider_slug"])
for k in prev.keys() - cur.keys():
    rec("endpoint_removed", k[0], prev[k]["provider_slug"])
for k in cur.keys() & prev.keys():
    a, b = prev[k], cur[k]
    slug = b["provider_slug"]
    pa, pb = prices(a), prices(b)
    for f in pa:
        if pa[f] != pb[f]:
            rec("price_changed", k[0], slug, f, pa[f], pb[f])
    if overrides(a) != overrides(b):
        rec("price_changed", k[0], slug, "overrides", "*", "*")
    for f, j in (("context_length", "context_length"),
                 ("max_output", "max_completion_tokens")):
        if a.get(j) != b.get(j):
            rec("context_changed", k[0], slug, f, a.get(j), b.get(j))
    if a.get("status") != b.get("status"):
        rec("status_changed", k[0], slug, "status", a.get("status"),
            b.get("status"))
def expiries(d):
    if d == "-":
        return {}
    v1 = json.load(open(os.path.join(d, "v1-models.json")))["data"]
    return {x["canonical_slug"]: x.get("expiration_date") for x in v1}
pe, ce = expiries(sys.argv[1]), expiries(sys.argv[2])
for k in ce:
    if ce[k] != pe.get(k):
        rec("expiry_changed", k, None, "expiration_date", pe.get(k), ce[k])
for r in sorted(json.dumps(r) for r in recs):
    print(r)
EOF
# got.py FILE: the records of `changes --json` in the same form.
cat >"$T/got.py" <<'EOF'
import json, sys
for r in sorted(json.dumps([c["kind"], c["model_key"], c["provider_slug"],
        c["field"], "*" if c["field"] == "overrides" else c["old"],
        "*" if c["field"] == "overrides" else c["new"]])
        for c in json.load(open(sys.argv[1]))):
    print(r)
EOF

DB="$T/c.db"
prev=-
n=0
for s in s1 s2 s3 s4; do
	n=$((n + 1))
	start_server "$s" --dir "$T/$s"
	run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
	stop_server "$s"
	python3 "$T/expect.py" "$prev" "$T/$s" >"$T/want$n" ||
	    fail "expect.py $s"
	run 0 "$ORBROWSE" --db "$DB" changes --run "$n" --json
	cp "$T/out" "$T/run$n.json"
	python3 "$T/got.py" "$T/out" >"$T/got$n" || fail "got.py run $n"
	diff "$T/want$n" "$T/got$n" >"$T/diff" ||
	    fail "run $n: records differ from the served data: $(head -20 "$T/diff")"
	[ -s "$T/want$n" ] || fail "run $n changed nothing"
	ok "run $n: $(wc -l <"$T/want$n") records, as the served data changed"
	prev="$T/$s"
done
grep -q '"model_removed"' "$T/want3" || fail "the model did not go in run 3"
grep -q '"model_added"' "$T/want4" || fail "the model did not come back in run 4"
grep -q '"price_changed"' "$T/want2" || fail "epoch 1 changed no price"
for n in 2 3 4; do
	grep -q '"expiry_changed"' "$T/want$n" || fail "no expiry change in run $n"
done
ok "runs 3 and 4 took a model away and brought it back"

# Every kind of record carries the run's time and the model's v1 id.
python3 - "$T/run2.json" "$(sql "$DB" 'SELECT started_at FROM run_log WHERE id = 2')" <<'PY' || fail "the records' fields"
import json, sys, datetime
at = datetime.datetime.fromtimestamp(int(sys.argv[2]) // 1000,
    datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
for c in json.load(open(sys.argv[1])):
    assert list(c) == ["run_id", "at", "kind", "model_id", "model_key",
        "provider_slug", "field", "old", "new", "pct"], list(c)
    assert c["run_id"] == 2 and c["at"] == at, c
    if c["kind"] == "price_changed" and c["field"] != "overrides" and \
            c["old"] and c["new"] is not None:
        assert abs(c["pct"] - (c["new"] - c["old"]) / c["old"] * 100) < 1e-6, c
    elif c["kind"] != "price_changed":
        assert c["pct"] is None, c
PY
ok "records carry run_id, the run's time in ISO 8601 and pct"

# The default feed: every record of the four runs, newest first.
run 0 "$ORBROWSE" --db "$DB" changes --json
python3 - "$T/out" "$T/run1.json" "$T/run2.json" "$T/run3.json" "$T/run4.json" <<'PY' || fail "the feed"
import json, sys
feed = json.load(open(sys.argv[1]))
want = sum(len(json.load(open(f))) for f in sys.argv[2:])
assert len(feed) == want, (len(feed), want)
runs = [c["run_id"] for c in feed]
assert runs == sorted(runs, reverse=True), "not newest first"
assert {c["kind"] for c in feed} <= {"model_added", "model_removed",
    "endpoint_added", "endpoint_removed", "price_changed",
    "context_changed", "status_changed", "expiry_changed"}
PY
ok "changes --json: every record, newest first, only the public kinds"
sqlite3 "$DB" "UPDATE run_log SET started_at = started_at - 8 * 86400000 WHERE id = 1"
run 0 "$ORBROWSE" --db "$DB" changes --json
grep -q '"run_id":1,' "$T/out" && fail "--since 7d shows a run of 8 days ago"
ok "the default --since 7d leaves older runs out"
sqlite3 "$DB" "UPDATE run_log SET started_at = started_at + 8 * 86400000 WHERE id = 1"

# A filter: only the records of matching listings (or models).
m=$(cat "$T/gone")
run 0 "$ORBROWSE" --db "$DB" changes --json "model:$m"
python3 - "$T/out" "$m" <<'PY' || fail "a filter keeps other models"
import json, sys
feed = json.load(open(sys.argv[1]))
assert feed and all(c["model_key"] == sys.argv[2] for c in feed), feed[:2]
assert {"model_removed", "model_added"} <= {c["kind"] for c in feed}
PY
ok "a filter keeps the records of the models it matches"
run 2 "$ORBROWSE" --db "$DB" changes "ctx>>1"
run 2 "$ORBROWSE" --db "$DB" changes --since 7x
run 2 "$ORBROWSE" --db "$DB" changes --since 7d --run 2

# The hostile slug reaches neither the terminal nor the feed raw.
run 0 "$ORBROWSE" --db "$DB" changes --run 2
contains "$T/out" "evil" "the hostile endpoint is listed"
if LC_ALL=C grep -q "$(printf '[\033\007\233]')" "$T/out"; then
	fail "a control character reached the terminal"
fi
ok "no control character in the table"
run 0 "$ORBROWSE" --db "$DB" changes --atom "$T/feed.xml"
python3 - "$T/feed.xml" "$T/run1.json" "$T/run2.json" "$T/run3.json" "$T/run4.json" <<'PY' || fail "the Atom feed"
import json, re, sys
import xml.etree.ElementTree as ET
A = "{http://www.w3.org/2005/Atom}"
raw = open(sys.argv[1], "rb").read()
assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw), "control"
assert "\u009b".encode() not in raw
feed = ET.parse(sys.argv[1]).getroot()
assert feed.tag == A + "feed"
for tag in ("id", "title", "updated"):
    assert feed.find(A + tag) is not None, tag
entries = feed.findall(A + "entry")
runs = [json.load(open(f)) for f in sys.argv[2:]]
assert len(entries) == 4, len(entries)
for e, recs in zip(entries, reversed(runs)):
    rid = recs[0]["run_id"]
    assert e.find(A + "id").text == "tag:orbrowse,2026:run/%d" % rid
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$",
                    e.find(A + "updated").text)
    lines = e.find(A + "content").text.split("\n")
    assert len(lines) == len(recs), (len(lines), len(recs))
    for c in recs:
        assert any(l.startswith(c["kind"] + " " + c["model_key"])
                   for l in lines), c
text = ET.tostring(feed, encoding="unicode")
assert "evil" in text and "<&>" not in text
PY
ok "--atom: valid XML, one entry per run, every change in it"
[ -z "$(ls "$T" | grep 'feed.xml.')" ] || fail "a temporary file was left"
run 1 "$ORBROWSE" --db "$DB" changes --atom "$T/no/such/dir/feed.xml"
contains "$T/err" "cannot write " "an unwritable feed is reported"

# history --json: one point per run that changed the listing, with the
# served prices.
run 0 "$ORBROWSE" --db "$DB" history --json "$m"
python3 - "$T/out" "$m" "$T" <<'PY' || fail "history --json"
import glob, json, os, sys
pts = json.load(open(sys.argv[1]))
m, t = sys.argv[2], sys.argv[3]
def price(v):
    v = float(v) if isinstance(v, str) else v
    return v if v is not None and v >= 0 else None
served = []
for s in ("s1", "s2", "s3", "s4"):
    cur = {}
    for f in glob.glob(os.path.join(t, s, "stats-endpoint-*.json")):
        for e in json.load(open(f))["data"]:
            if e["model_variant_permaslug"] == m:
                cur[e["id"]] = e
    served.append(cur)
keys = ["at", "run_id", "model_id", "model_key", "provider_slug",
        "provider_name", "price_prompt", "price_completion",
        "price_cache_read", "p50_latency_ms", "p50_throughput", "uptime",
        "status", "active"]
last = {}
want = []
for run, cur in enumerate(served, 1):
    for i in sorted(set(cur) | set(last)):
        e = cur.get(i)
        if e is None:
            if last.get(i, {}).get("active"):
                last[i] = dict(last[i], active=False)
                want.append((run, i, last[i]))
            continue
        p = e.get("pricing") or {}
        st = e.get("stats") or {}
        v = {"price_prompt": price(p.get("prompt")),
             "price_completion": price(p.get("completion")),
             "price_cache_read": price(p.get("input_cache_read")),
             "status": e.get("status"), "active": True}
        if last.get(i) != v:
            want.append((run, i, v))
        last[i] = v
got = [(q["run_id"], q["provider_slug"], q) for q in pts]
assert all(list(q) == keys for q in pts), list(pts[0])
assert all(q["model_key"] == m for q in pts)
ts = [q["at"] for q in pts]
assert ts == sorted(ts), "not in time order"
# Every served change is a point (latency may add points of its own).
for run, i, v in want:
    slug = (served[run - 1].get(i) or served[run - 2][i])["provider_slug"]
    ok = [q for r, s, q in got if r == run and s == slug and
          all(q[k] == v[k] for k in v)]
    assert ok, (run, slug, v)
PY
ok "history --json: every served change of the model, in time order"
# The first values of a listing are in its endpoint_added record (one
# record, not one per value), and the feed shows none of them.
eq "$(sql "$DB" "SELECT COUNT(*) FROM changes WHERE kind = 'initial'")" 0 "no initial records"
eq "$(sql "$DB" "SELECT COUNT(*) FROM changes WHERE kind = 'endpoint_added' AND new NOT LIKE 'v1:%'")" 0 \
    "every endpoint_added record holds the listing's first values"
run 0 "$ORBROWSE" --db "$DB" changes --run 1 --json
python3 -c 'import json,sys; f=[c for c in json.load(open(sys.argv[1])) if c["kind"] == "endpoint_added"]; assert f and all(c["new"] is None for c in f)' \
    "$T/out" || fail "endpoint_added shows its first values in the feed"
ok "changes: endpoint_added records without values"
run 0 "$ORBROWSE" --db "$DB" history --csv "$m"
head -1 "$T/out" | grep -q '^at,run_id,model_id,model_key,provider_slug' ||
    fail "history --csv has no header"
run 1 "$ORBROWSE" --db "$DB" history no-such-model-zz
contains "$T/err" "no model matches" "history: an unknown model"
run 2 "$ORBROWSE" --db "$DB" history
run 2 "$ORBROWSE" --db "$DB" history --json --csv "$m"
contains "$T/err" "history: --json and --csv are exclusive" "history: --json with --csv"

# The watchlist and the filter term watched.
run 0 "$ORBROWSE" --db "$DB" watch add "$m"
run 0 "$ORBROWSE" --db "$DB" watch ls --json
eq "$(cat "$T/out")" "[{\"model_key\":\"$m\"}]" "watch ls --json"
run 0 "$ORBROWSE" --db "$DB" ls --json watched
eq "$(python3 -c 'import json,sys; print(sorted({r["model_key"] for r in json.load(open(sys.argv[1]))}))' "$T/out")" \
    "['$m']" "ls watched: the watched model's endpoints only"
run 0 "$ORBROWSE" --db "$DB" changes --json watched
python3 -c 'import json,sys; f=json.load(open(sys.argv[1])); assert f and all(c["model_key"] == sys.argv[2] for c in f)' \
    "$T/out" "$m" || fail "changes watched"
ok "changes watched: the watched model's records"
run 0 "$ORBROWSE" --db "$DB" watch rm "$m"
run 0 "$ORBROWSE" --db "$DB" ls --json watched
eq "$(cat "$T/out")" "[]" "no model watched after watch rm"
run 1 "$ORBROWSE" --db "$DB" watch add no-such-model-zz
run 2 "$ORBROWSE" --db "$DB" watch frob

# The migration: the same records from the snapshots as the syncs wrote.
# (The database before the change records: no changelog or watch table
# and the schema version before theirs.  Records of a listing swept and
# brought back cannot be rebuilt -- see store-changelog-backfill.c -- so
# this database is synced over plain epochs.)
DB2="$T/m.db"
for s in d0 d1 d2 d3; do
	start_server "m$s" --dir "$T/$s"
	run 0 "$ORBROWSE" --db "$DB2" sync --base-url "$URL" --quiet
	stop_server "m$s"
done
cols="run_id, at, kind, model_key, endpoint_id, provider_slug, field, old, new"
sqlite3 "$DB2" "CREATE TABLE t_live AS SELECT $cols FROM changes"
v=$(sql "$DB2" 'PRAGMA user_version')
# Back to version 9, before the change records (10), the run sizes (11),
# the model metadata (12), the alerts (13) and the snapshots by ids (16).
sqlite3 "$DB2" "CREATE TABLE es_v15 AS SELECT * FROM endpoint_snapshot;
    DROP VIEW endpoint_snapshot; DROP TABLE endpoint_snap;
    CREATE TABLE endpoint_snapshot (run_id INTEGER NOT NULL,
      endpoint_id TEXT NOT NULL, model_key TEXT NOT NULL, hash BLOB NOT NULL,
      PRIMARY KEY (run_id, endpoint_id, model_key)) WITHOUT ROWID;
    INSERT INTO endpoint_snapshot SELECT * FROM es_v15; DROP TABLE es_v15;
    DROP TABLE alert; DROP VIEW changes; DROP TABLE change_kind;
    DROP TABLE changelog; DROP TABLE watch;
    ALTER TABLE run_log DROP COLUMN db_bytes;
    DROP TABLE author; DROP TABLE model_app; DROP TABLE model_usage;
    ALTER TABLE provider DROP COLUMN fe_privacy_policy_url;
    ALTER TABLE provider DROP COLUMN fe_terms_of_service_url;
    PRAGMA user_version = 9"
run 0 "$ORBROWSE" --db "$DB2" gc
eq "$(sql "$DB2" 'PRAGMA user_version')" "$v" "the database is upgraded"
eq "$(sql "$DB2" "SELECT COUNT(*) FROM (SELECT $cols FROM changes EXCEPT SELECT * FROM t_live)")" 0 \
    "the migration builds no record the syncs did not write"
eq "$(sql "$DB2" "SELECT COUNT(*) FROM (SELECT * FROM t_live EXCEPT SELECT $cols FROM changes)")" 0 \
    "the migration builds every record the syncs wrote"
[ "$(sql "$DB2" "SELECT COUNT(*) FROM changes WHERE kind = 'price_changed'")" -gt 0 ] ||
    fail "the migration built no price change"
eq "$(sql "$DB2" "SELECT COUNT(*) FROM changes WHERE kind = 'expiry_changed'")" 3 \
    "the migration built the expiry changes"
integrity_ok "$DB2" "after the migration"

# gc thins the snapshots and leaves every record.
sqlite3 "$DB" "SELECT * FROM changelog ORDER BY id" >"$T/before"
day=86400000
now=$(($(date +%s) * 1000))
sqlite3 "$DB" "UPDATE run_log SET started_at = $now - 10 * $day + id * 1000,
    ended_at = $now - 10 * $day + id * 1000 + 500 WHERE id <= 3"
snaps=$(sql "$DB" 'SELECT COUNT(*) FROM endpoint_snapshot')
run 0 "$ORBROWSE" --db "$DB" gc --window-hours 48 --keep-days 5
[ "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint_snapshot')" -lt "$snaps" ] ||
    fail "gc deleted no snapshot"
[ "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint_snapshot WHERE run_id <= 3')" -eq 0 ] ||
    fail "gc kept the old runs' snapshots"
sqlite3 "$DB" "SELECT * FROM changelog ORDER BY id" >"$T/after"
cmp -s "$T/before" "$T/after" || fail "gc changed the change records"
ok "gc deleted snapshots and left every change record"
integrity_ok "$DB" "after gc"

# A run's metrics of a listing are one record (no field; the p50 latency,
# p50 throughput and uptime after the run, store-replay.h), not one a value.
packed=$(sql "$DB" "SELECT COUNT(*) FROM changes WHERE kind = 'metrics'")
[ "$packed" -gt 0 ] || fail "no metrics record"
eq "$(sql "$DB" "SELECT COUNT(*) FROM changes WHERE kind = 'metrics' AND (field IS NOT NULL OR new NOT LIKE 'v1:,,,%,%,%,')")" 0 \
    "metrics records hold a listing's three values"
eq "$(sql "$DB" "SELECT COUNT(*) FROM (SELECT 1 FROM changes WHERE kind = 'metrics' GROUP BY run_id, model_key, endpoint_id, ep HAVING COUNT(*) > 1)")" 0 \
    "one metrics record per listing and run ($packed)"

# History's metrics records of days before the window are thinned to the
# last of each listing, field and day; nothing else is.  (Five hourly
# latency records and a price record on a day 20 days ago, as a database
# upgraded with old runs has; the mark of the days already thinned is
# dropped, as such a database has none.)
old=$(( (now / day - 20) * day ))
ep=$(sql "$DB" "SELECT endpoint_id FROM endpoint WHERE active = 1 ORDER BY endpoint_id LIMIT 1")
sqlite3 "$DB" "DELETE FROM meta WHERE key = 'changelog_thinned';
    INSERT INTO run_log (id, started_at, ended_at, status)
    SELECT 900 + v, $old + v * 3600000, $old + v * 3600000, 'ok' FROM
        (SELECT 1 v UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5);
    INSERT INTO run_log (id, started_at, ended_at, status)
    SELECT 910 + v, $old - $day + v * 3600000, $old - $day + v * 3600000, 'ok' FROM
        (SELECT 1 v UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5);
    INSERT INTO changelog (run_id, kind, model_key, endpoint_id, provider_slug, field, old, new)
    SELECT 900 + v, $(kind metrics), model_key, endpoint_id, provider_slug,
        'p50_latency_ms', v - 1.0, v * 1.0 FROM endpoint, (SELECT 1 v UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5)
        WHERE endpoint_id = '$ep';
    INSERT INTO changelog (run_id, kind, model_key, endpoint_id, provider_slug, field, old, new)
    SELECT 901, $(kind price_changed), model_key, endpoint_id, provider_slug, 'prompt', 1e-6, 2e-6
        FROM endpoint WHERE endpoint_id = '$ep';
    INSERT INTO changelog (run_id, kind, model_key, endpoint_id, provider_slug, new)
    SELECT 910 + v, $(kind metrics), model_key, endpoint_id, provider_slug,
        'v1:,,,r' || v || ',,r99,' FROM endpoint, (SELECT 1 v UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5)
        WHERE endpoint_id = '$ep';"
sqlite3 "$DB" "SELECT * FROM changes WHERE kind != 'metrics' ORDER BY id" >"$T/before"
run 0 "$ORBROWSE" --db "$DB" gc
eq "$(sql "$DB" "SELECT group_concat(new, ' ') FROM (SELECT new FROM changes WHERE kind = 'metrics' AND run_id > 900 AND at < $now - 2 * $day ORDER BY at)")" \
    "v1:,,,r5,,r99, 5.0" "gc keeps the last metrics record of an old day"
sqlite3 "$DB" "SELECT * FROM changes WHERE kind != 'metrics' ORDER BY id" >"$T/after"
cmp -s "$T/before" "$T/after" || fail "gc thinned other records"
[ "$(sql "$DB" "SELECT COUNT(*) FROM changes WHERE kind = 'metrics' AND at > $now - 2 * $day")" -gt 0 ] ||
    fail "no recent metrics record left"
ok "gc thins only old metrics records"
