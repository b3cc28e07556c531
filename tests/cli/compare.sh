#!/bin/sh
# compare: two to six models side by side on the demo database.  Every
# value of `compare --json` is computed here again, independently, from
# `ls --json` (providers, best latency, throughput and uptime), `cheapest
# --json` (the cheapest endpoint, its cost, the price range) and `models
# --json` (context, output, modalities, dates) for the same request shape;
# the table fits 80 columns for two and three models; bad input (one
# model, seven, an unknown one, the same one twice, a bad shape) is a
# one-line error and a non-zero exit.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd python3

DB="$T/d.db"
run 0 "$ORBROWSE" --db "$DB" demo --seed 7 --models 30 --endpoints 4
SHAPE="--at 10:00 --prompt 4k --completion 1500 --cached 20"

# Three models with several providers, and one without any endpoint.
"$ORBROWSE" --db "$DB" ls --json >"$T/ls.json" || fail "ls --json"
"$ORBROWSE" --db "$DB" models --json >"$T/models.json" || fail "models --json"
python3 - "$T" >"$T/pick" <<'PY' || fail "picking models"
import collections, json, sys
t = sys.argv[1]
rows = json.load(open(t + "/ls.json"))
per = collections.Counter(r["model_key"] for r in rows)
keys = sorted(k for k, n in per.items() if n >= 2)[:3]
assert len(keys) == 3, per
print(" ".join(keys))
PY
MODELS=$(cat "$T/pick")
set -- $MODELS
for m in "$@"; do
	"$ORBROWSE" --db "$DB" cheapest $SHAPE --json "$m" >"$T/ch-$(echo "$m" |
	    tr '/:' '__').json" || fail "cheapest $m"
done

run 0 "$ORBROWSE" --db "$DB" compare $SHAPE --json "$@"
cp "$T/out" "$T/cmp.json"
python3 - "$T" "$@" <<'PY' || fail "compare --json differs from ls, cheapest and models"
import json, math, sys
t, keys = sys.argv[1], sys.argv[2:]
got = json.load(open(t + "/cmp.json"))
rows = json.load(open(t + "/ls.json"))
models = {m["model_key"]: m for m in json.load(open(t + "/models.json"))}
assert [g["model_key"] for g in got] == keys, [g["model_key"] for g in got]
def close(a, b, what):
    if a is None or b is None:
        assert a is None and b is None, (what, a, b)
    else:
        assert math.isclose(a, b, rel_tol=1e-12), (what, a, b)
def known(v):
    return [x for x in v if x is not None]
for g, k in zip(got, keys):
    mine = [r for r in rows if r["model_key"] == k]
    ch = json.load(open(t + "/ch-" + k.replace("/", "_").replace(":", "_")
                        + ".json"))
    assert g["endpoints"] == len(mine) == len(ch), k
    assert g["providers"] == len({r["provider_slug"] for r in mine}), k
    lat = known(r["p50_latency_ms"] for r in mine)
    tps = known(r["p50_throughput"] for r in mine)
    up = known(r["uptime"] for r in mine)
    close(g["best_p50_latency_ms"], min(lat) if lat else None, "latency")
    close(g["best_p50_throughput"], max(tps) if tps else None, "tok/s")
    close(g["best_uptime"], max(up) if up else None, "uptime")
    first = ch[0]
    if first["cost_per_request"] is not None:
        assert g["cheapest_endpoint_id"] == first["endpoint_id"], k
        assert g["cheapest_provider"] == first["provider_slug"], k
        assert g["cheapest_status"] == first["status"], k
        close(g["cost_per_request"], first["cost_per_request"], "cost")
    else:
        assert g["cheapest_endpoint_id"] is None, k
    bl = known(c["price_blended"] for c in ch)
    close(g["price_min"], min(bl) if bl else None, "min")
    close(g["price_max"], max(bl) if bl else None, "max")
    m = models[k]
    for f in ("context_length", "max_output", "knowledge_cutoff",
              "expiration_date"):
        if m.get(f) is not None:
            assert g[f] == m[f], (k, f, g[f], m[f])
    for f in ("input_modalities", "output_modalities"):
        if m.get(f) is not None:
            want = m[f] if isinstance(m[f], str) else ",".join(m[f])
            assert g[f] == want, (k, f, g[f], m[f])
    for f in ("context_length", "max_output"):
        if m.get(f) is None:
            v = known(r[f] for r in mine)
            assert g[f] == (max(v) if v else None), (k, f, g[f])
    assert g["model_id"] == m["id"], k
PY
ok "compare --json: every value as ls, cheapest and models give it"

# The table: attributes as rows, models as columns, at most 80 columns for
# two and three models, even piped.
for n in 2 3; do
	run 0 "$ORBROWSE" --db "$DB" compare $SHAPE $(echo "$MODELS" |
	    cut -d' ' -f1-$n)
	w=$(awk '{ if (length($0) > w) w = length($0) } END { print w }' \
	    "$T/out")
	[ "$w" -le 80 ] || fail "compare of $n models is $w columns wide"
	eq "$(grep -cE '^(context|max output|modalities|cheapest|\$/request|\$/M range|providers|best p50 ms|best tok/s|best uptime %|expires|cutoff) ' "$T/out")" 12 \
	    "compare of $n models: 12 rows of attributes"
	eq "$(awk 'NR == 2 { print $1, $2 }' "$T/out")" "at 10:00" \
	    "the shape line wraps before 80 columns"
	contains "$T/out" "One request: 4000 prompt and 1500 completion tokens" \
	    "the shape is stated"
done
python3 - "$T" "$1" "$2" "$3" <<'PY' || fail "the table's cheapest row"
import json, sys
t, keys = sys.argv[1], sys.argv[2:]
got = json.load(open(t + "/cmp.json"))
rows = {r["endpoint_id"]: r for r in json.load(open(t + "/ls.json"))}
line = [l for l in open(t + "/out") if l.startswith("providers")][0]
assert line.split()[1:] == [str(g["providers"]) for g in got], line
line = [l for l in open(t + "/out") if l.startswith("cheapest")][0]
for g in got:
    name = rows[g["cheapest_endpoint_id"]]["provider_name"][:8]
    assert name in line, (name, line)
PY
ok "the table's rows hold each model's values in its column"

# Bad input.
run 2 "$ORBROWSE" --db "$DB" compare "$1"
contains "$T/err" "compare: give 2 to 6 models, not 1" "one model: an error"
run 2 "$ORBROWSE" --db "$DB" compare "$1" "$2" "$3" "$1" "$2" "$3" "$1"
contains "$T/err" "compare: give 2 to 6 models, not 7" "seven models: an error"
run 1 "$ORBROWSE" --db "$DB" compare "$1" no-such-model-at-all
contains "$T/err" 'compare: no model matches "no-such-model-at-all"' \
    "an unknown model: an error"
run 2 "$ORBROWSE" --db "$DB" compare "$1" "$1"
contains "$T/err" "is given twice" "the same model twice: an error"
run 2 "$ORBROWSE" --db "$DB" compare --mix 3 "$1" "$2"
contains "$T/err" 'compare: bad --mix "3"' "a bad shape: compare's own error"
run 2 "$ORBROWSE" --db "$DB" cheapest --mix 3 "$1"
contains "$T/err" 'cheapest: bad --mix "3"' "cheapest keeps its error"
eq "$(wc -l <"$T/err" | tr -d ' ')" 1 "a bad shape is one line"
