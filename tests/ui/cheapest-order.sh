#!/bin/sh
# `orbrowse cheapest` and the UI's model screen rank a model's providers in
# the same order (both call src/project/cost.c), on data made to tell two
# rules apart: two providers at the same price, one of them with unknown
# throughput and the smaller endpoint id, beside a provider with a cache-read
# price.  (Before the two shared one ranking, cheapest broke that tie by the
# endpoint id and the model screen by putting the known throughput first.)
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd python3

# A key that starts a sync by mistake must not reach the network.
export ORBROWSE_BASE_URL=http://127.0.0.1:9

demo_files "$T/set" 1 20

# In one listing: the cheapest price at 3:1 given to a second provider, the
# throughput of the tied endpoint with the smaller id made unknown, and a
# cache-read price on a third.  Prints the model and the two tied ids,
# unknown throughput first.
python3 - "$T/set" >"$T/picked" <<'PY' || fail "no listing to change"
import glob, json, os, sys
d = sys.argv[1]
featured = {m["endpoint"]["id"] for m in json.load(open(os.path.join(d, "frontend-models.json")))["data"]
            if m.get("endpoint")}
p = lambda e, k: float(e["pricing"][k])
for f in sorted(glob.glob(os.path.join(d, "stats-endpoint-*.json"))):
    doc = json.load(open(f))
    eps = [e for e in doc["data"] if e["id"] not in featured and e["status"] == 0
           and not e["is_disabled"] and e["pricing"]["prompt"] not in ("0", "-1")]
    if len(eps) < 3:
        continue
    eps.sort(key=lambda e: 3 * p(e, "prompt") + p(e, "completion"))
    a = eps[0]
    b = next((e for e in eps[1:] if e["provider_name"] != a["provider_name"]), None)
    if b is None:
        continue
    c = next(e for e in eps if e is not a and e is not b)
    for k in ("prompt", "completion"):
        b["pricing"][k] = a["pricing"][k]
    c["pricing"]["input_cache_read"] = "%.10f" % (p(c, "prompt") / 10)
    lo, hi = sorted((a, b), key=lambda e: e["id"])
    lo["stats"]["p50_throughput"] = None
    json.dump(doc, open(f, "w"), indent=1)
    print(a["model_variant_permaslug"], lo["id"], hi["id"])
    sys.exit(0)
sys.exit(1)
PY
set -- $(cat "$T/picked")
model=$1 unknown=$2 known=$3
DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/set"
eq "$(sql "$DB" "SELECT p50_throughput IS NULL FROM endpoint WHERE endpoint_id = '$unknown'")" 1 \
    "the tied endpoint $unknown has no throughput"
eq "$(sql "$DB" "SELECT (SELECT COUNT(*) FROM endpoint WHERE active AND model_key = '$model' AND price_cache_read IS NOT NULL) > 0")" 1 \
    "an endpoint of $model has a cache-read price"

# cheapest: the tie goes to the known throughput, not to the smaller id.
run 0 "$ORBROWSE" --db "$DB" cheapest --json "$model"
cp "$T/out" "$T/cheapest.json"
python3 - "$T/cheapest.json" "$unknown" "$known" <<'PY' || fail "cheapest breaks the tie by throughput"
import json, sys
ids = [r["endpoint_id"] for r in json.load(open(sys.argv[1]))]
assert ids.index(sys.argv[3]) + 1 == ids.index(sys.argv[2]), ids
PY
ok "cheapest puts the known throughput first among equal prices"

# The model screen at the same (default) mix and cache share.
ui_start --db "$DB"
ui_wait "endpoints  filter: -"
ui_keys : "model $model" Enter
ui_wait "$model"
ui_wait "mix 3:1  cache 0%"
sleep 0.2
ui_screen >"$T/screen.txt"

# The screen's provider column, row by row, is cheapest's provider order.
python3 - "$T/screen.txt" "$T/cheapest.json" <<'PY' || { cat "$T/screen.txt" >&2; fail "the model screen and cheapest disagree"; }
import json, os, sys
sys.path.insert(0, os.path.join(os.environ.get("ORBROWSE_SRCDIR", "."), "tests", "ui"))
import model_table
rows = json.load(open(sys.argv[2], encoding="utf-8"))
h, p0, pw, lines = model_table.read(sys.argv[1])
got = [l[p0:p0 + pw].rstrip() for l in lines]
fit = lambda s, w: s if len(s) <= w else s[:w - 1] + "~"
want = [fit(r["provider_name"] or r["provider_slug"], pw) for r in rows]
assert got == want, "screen %r, cheapest %r" % (got, want)
assert len(set(want)) == len(want), "two rows read the same: the order is not shown"
PY
ok "the model screen lists the providers in cheapest's order"
ui_keys Q
ui_wait "EXITED 0"
