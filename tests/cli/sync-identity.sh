#!/bin/sh
# One row per provider of a model, whichever route family listed it.  A full
# sync; then a sync of changed prices where 30% of the frontend endpoint
# listings fail (every model whose prices changed among them) and fall back
# to the documented v1 route: each (model, provider tag) is listed once by
# `ls --json` and `cheapest`, with the new price, and the partial run
# tombstones nothing.  Then a sync with the frontend working again: still
# one row each, no "v1:" row left beside a frontend row, and only the
# endpoints the data removed are tombstoned.  Last, a model first seen
# through v1 only takes its frontend id once the frontend lists it.  The v1
# route answers in its 2026 shape, where some tags name a region
# ("bramble/global") that the frontend's provider slug ("bramble") has not.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo() {
	"$ORBROWSE" demo --out "$1" --seed 7 --models 30 --endpoints 4 \
	    --no-metrics --epoch "$2" >/dev/null || fail "demo --epoch $2"
}
demo "$T/e0" 0
demo "$T/e1" 12

# check.py MODE DB|FILE DIR: compare what orbrowse shows with the data set
# in DIR (the frontend listings the server serves).
cat >"$T/check.py" <<'EOF'
import json, os, sys

mode, arg, d = sys.argv[1], sys.argv[2], sys.argv[3]
# The regions tests/fixture-server.py puts in 2026 v1 tags.
REGIONS = ("us-east-1", "global", "turbo", "eu-west-1")

def prov(slug):
    base, _, sfx = (slug or "").lower().partition("/")
    return base if sfx in REGIONS else (slug or "").lower()

want = {}
for f in sorted(os.listdir(d)):
    if not f.startswith("stats-endpoint-"):
        continue
    data = json.load(open(os.path.join(d, f)))
    data = data["data"] if isinstance(data, dict) else data
    for e in data:
        v = (e.get("pricing") or {}).get("prompt")
        v = float(v) if v is not None else -1.0
        want[(e["model_variant_permaslug"], e["provider_slug"].lower())] = \
            v if v >= 0 else None

def fail(why):
    print(why)
    sys.exit(1)

rows = json.load(open(arg))
if mode == "faults":
    # 30% of the models, every model whose prices changed among them.
    old = {}
    for k, v in json.load(open(arg)).items():
        old[tuple(k.split("|"))] = v
    models = sorted({m for m, _ in want})
    changed = sorted({m for (m, p), v in want.items()
                      if (m, p) in old and old[(m, p)] != v})
    pick = changed + [m for m in models if m not in changed]
    pick = pick[:(len(models) * 3 + 9) // 10]
    import urllib.parse
    alts = []
    for m in pick:
        slug, _, var = m.partition(":")
        alts.append("permaslug=%s&variant=%s$" % (
            urllib.parse.quote(slug, safe=""), var or "standard"))
    print(json.dumps([{"match": "^/api/frontend/stats/endpoint\\?(" +
        "|".join(a.replace("?", "\\?") for a in alts) + ")",
        "fault": "500"}]))
    print("%d %d" % (len(pick), len(changed)), file=sys.stderr)
    sys.exit(0)

seen = {}
for r in rows:
    if not r.get("active", True):
        continue
    k = (r["model_key"], prov(r["provider_slug"]))
    if k in seen:
        fail("%s listed twice: %s and %s" % (k, seen[k], r["endpoint_id"]))
    seen[k] = r["endpoint_id"]
    if k in want and (r["price_prompt"] is None) != (want[k] is None) or \
            k in want and want[k] is not None and \
            abs(r["price_prompt"] - want[k]) > 1e-15:
        fail("%s: price %r, the data says %r" % (k, r["price_prompt"],
             want[k]))
missing = [k for k in want if k not in seen]
if missing:
    fail("not listed: %s" % missing[:3])
if mode == "exact":
    extra = [k for k in seen if k not in want]
    if extra:
        fail("listed but gone: %s" % extra[:3])
    v1 = [i for i in seen.values() if i.startswith("v1:")]
    if v1:
        fail("v1 rows left: %s" % v1[:3])
print("ok %d" % len(seen))
EOF
check() {
	"$ORBROWSE" --db "$2" ls --json >"$T/ls.json" || fail "ls --json"
	python3 "$T/check.py" "$1" "$T/ls.json" "$3" >"$T/check.out" ||
	    fail "$4: $(cat "$T/check.out")"
	ok "$4"
}

DB="$T/i.db"
start_server a --dir "$T/e0"
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
stop_server a
check exact "$DB" "$T/e0" "full sync: one row per (model, provider)"

# The prices of the first data set, by model|provider, for picking faults.
sql "$DB" "SELECT json_group_object(model_key || '|' || lower(provider_slug),
    price_prompt) FROM endpoint" >"$T/old.json"
python3 "$T/check.py" faults "$T/old.json" "$T/e1" >"$T/b.faults" \
    2>"$T/picked" || fail "cannot write the fault rules"
set -- $(cat "$T/picked")
[ "$2" -gt 0 ] || fail "the epoch changed no price"
ok "faults on $1 models' listings, $2 with changed prices"

start_server b --dir "$T/e1" --v1-endpoints-2026
run 3 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
eq "$(sql "$DB" 'SELECT status FROM run_log ORDER BY id DESC LIMIT 1')" \
    partial "fallback sync: partial"
fb=$(requests_matching "$T/b.log" '/api/v1/models/[^"]+/endpoints')
[ "$fb" -ge "$1" ] || fail "only $fb v1 fallbacks for $1 failed listings"
ok "the failed listings fell back to v1"
check some "$DB" "$T/e1" "fallback sync: one row per (model, provider), new prices"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active = 0')" 0 \
    "fallback sync: nothing tombstoned"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint v JOIN endpoint f
    ON f.model_key = v.model_key AND lower(f.provider_slug) IN
    (lower(v.provider_slug), lower(substr(v.provider_slug, 1,
    instr(v.provider_slug, '/') - 1)))
    WHERE v.endpoint_id LIKE 'v1:%' AND f.endpoint_id NOT LIKE 'v1:%'")" 0 \
    "fallback sync: v1 observations went into the frontend rows"
# The v1 answers of the models that fell back did name regions.
python3 -c '
import json, re, sys, urllib.request
n, paths = 0, set()
for line in open(sys.argv[2]):
    m = re.search(r"\"path\": ?\"(/api/v1/models/[^\"]+/endpoints)\"", line)
    if m:
        paths.add(m.group(1))
for p in sorted(paths):
    data = json.load(urllib.request.urlopen(sys.argv[1] + p))["data"]
    for e in data["endpoints"]:
        n += e["tag"].partition("/")[2] in ("us-east-1", "global", "turbo",
                                            "eu-west-1")
print(n)' "$URL" "$T/b.log" >"$T/regions" || fail "cannot read the v1 lists"
[ "$(cat "$T/regions")" -gt 0 ] || fail "no v1 tag named a region"
ok "$(cat "$T/regions") v1 tags named a region"
[ "$(sql "$DB" "SELECT COUNT(*) FROM endpoint_snapshot WHERE run_id =
    (SELECT MAX(id) FROM run_log) AND endpoint_id NOT LIKE 'v1:%' AND endpoint_id IN
    (SELECT endpoint_id FROM endpoint WHERE listing IS NULL)")" -gt 0 ] ||
    fail "no v1 snapshot stored under a frontend id"
ok "the v1 snapshots are under the frontend ids"
integrity_ok "$DB" "fallback sync"

# cheapest, for every model that fell back: each provider once.
for m in $(sql "$DB" "SELECT DISTINCT model_key FROM endpoint
    WHERE last_run_id = (SELECT MAX(id) FROM run_log) AND listing IS NULL"); do
	"$ORBROWSE" --db "$DB" cheapest --json "$m" >"$T/c.json" ||
	    fail "cheapest $m"
	python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
rows = rows.get("endpoints", rows) if isinstance(rows, dict) else rows
slugs = [r["provider_slug"].lower().split("/")[0] if
         r["provider_slug"].lower().partition("/")[2] in
         ("us-east-1", "global", "turbo", "eu-west-1")
         else r["provider_slug"].lower() for r in rows]
sys.exit(len(slugs) != len(set(slugs)) or not slugs)' "$T/c.json" ||
	    fail "cheapest $m lists a provider twice: $(cat "$T/c.json")"
done
ok "cheapest lists each provider once"

# The frontend works again.
echo '[]' >"$T/b.faults.tmp" && mv "$T/b.faults.tmp" "$T/b.faults"
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
check exact "$DB" "$T/e1" "frontend again: one row each, no v1 row left"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active = 1')" \
    "$(cut -d' ' -f2 "$T/check.out")" \
    "frontend again: only the removed endpoints tombstoned"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE endpoint_id LIKE 'v1:%'")" 0 \
    "frontend again: no v1 row left, even inactive"

# A model first seen through v1 alone, then through the frontend.
D2="$T/j.db"
python3 "$T/check.py" faults "$T/old.json" "$T/e1" >"$T/b.faults.tmp" \
    2>/dev/null && mv "$T/b.faults.tmp" "$T/b.faults"
run 3 "$ORBROWSE" --db "$D2" sync --base-url "$URL" --quiet
[ "$(sql "$D2" "SELECT COUNT(*) FROM endpoint WHERE endpoint_id LIKE 'v1:%'")" -gt 0 ] ||
    fail "first sync through v1 stored no v1 row"
check some "$D2" "$T/e1" "v1 first: one row each"
hist=$(sql "$D2" "SELECT COUNT(*) FROM endpoint_snapshot WHERE endpoint_id LIKE 'v1:%'")
echo '[]' >"$T/b.faults.tmp" && mv "$T/b.faults.tmp" "$T/b.faults"
run 0 "$ORBROWSE" --db "$D2" sync --base-url "$URL" --quiet
check exact "$D2" "$T/e1" "v1 then frontend: one row each, frontend ids"
eq "$(sql "$D2" "SELECT COUNT(*) FROM endpoint_snapshot WHERE endpoint_id LIKE 'v1:%'")" 0 \
    "v1 then frontend: the v1 snapshots follow the row"
eq "$(sql "$D2" "SELECT COUNT(*) FROM endpoint_snapshot s WHERE NOT EXISTS
    (SELECT 1 FROM endpoint e WHERE e.endpoint_id = s.endpoint_id
    AND e.model_key = s.model_key)")" 0 "every snapshot belongs to a row"
[ "$hist" -gt 0 ] || fail "no v1 snapshot to follow"
integrity_ok "$D2" "v1 then frontend"
stop_server b
