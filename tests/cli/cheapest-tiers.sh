#!/bin/sh
# Prices with tiers and time windows, end to end: a v1 model list and v1
# endpoint listings in the 2026 shape (sparse pricing, "overrides"), written
# here, served by the fixture server, synced; then `cheapest --json` across
# each tier boundary (N and N+1 prompt tokens) and around a window that
# wraps midnight, cache writes of 5 minutes and 1 hour, the reasoning
# fallback, per-request and per-search prices; a malformed override is a
# warning of the run and its row stays; `ls --json` gives the parts.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd python3
need_cmd sqlite3

mkdir -p "$T/set"
python3 - "$T/set" <<'PY' || fail "writing the v1 data set"
import json, os, sys
d = sys.argv[1]
arch = {"modality": "text->text", "input_modalities": ["text"],
        "output_modalities": ["text"], "tokenizer": "Other",
        "instruct_type": None}
def model(mid, pricing):
    return {"id": mid, "canonical_slug": mid + "-2609", "name": mid,
            "created": 1790000000, "context_length": 400000,
            "architecture": arch, "pricing": pricing,
            "hugging_face_id": "", "expiration_date": None,
            "top_provider": {"context_length": 400000,
                             "max_completion_tokens": 32000,
                             "is_moderated": False},
            "supported_parameters": ["max_tokens", "temperature"]}
def ep(name, tag, pricing, status=0, pct=None):
    return {"name": name, "model_id": "acme/tiered", "model_name": "Tiered",
            "context_length": 400000, "pricing": pricing,
            "provider_name": name, "tag": tag, "quantization": "fp8",
            "max_completion_tokens": 32000, "max_prompt_tokens": 368000,
            "supported_parameters": ["max_tokens", "temperature"],
            "status": status, "uptime_last_30m": 99.5, "uptime_last_5m": 100,
            "uptime_last_1d": 99.9, "supports_implicit_caching": True,
            "latency_last_30m": pct and {"p50": pct, "p75": pct * 1.5,
                                         "p90": pct * 2, "p99": pct * 4},
            "throughput_last_30m": pct and {"p50": 80, "p75": 60,
                                            "p90": 40, "p99": 10}}
# Alpha: cheap below 100,000 prompt tokens, a tier above; 5m and 1h cache
# writes; no reasoning price (reasoning is billed as completion).
alpha = {"prompt": "0.000001", "completion": "0.000002",
         "input_cache_write": "0.00000125", "input_cache_write_1h": "0.0000022",
         "discount": 0,
         "overrides": [{"min_prompt_tokens": 100000, "prompt": "0.000003",
                        "completion": "0.000006"},
                       {"min_prompt_tokens": 200000, "prompt": "0.000005"}]}
# Bravo: dearer, but a window from 23:30 to 00:30 UTC (wrapping midnight)
# at a quarter; a 5m cache write only; its own reasoning price.
bravo = {"prompt": "0.000002", "completion": "0.000002",
         "input_cache_write": "0.0000025", "internal_reasoning": "0.000004",
         "discount": 0.1,
         "overrides": [{"utc_start": 2330, "utc_end": 30,
                        "prompt": "0.0000005", "completion": "0.0000005"}]}
# Charlie: a tier above 50,000, a malformed window (25:00), a malformed
# tier (its price is no number), a price per request and per web search.
charlie = {"prompt": "0.0000015", "completion": "0.0000015",
           "request": "0.001", "web_search": "0.004",
           "overrides": [{"min_prompt_tokens": 50000, "prompt": "0.000004"},
                         {"utc_start": 2500, "utc_end": 100,
                          "prompt": "0.0000001"},
                         {"min_prompt_tokens": 10, "prompt": "cheap"}]}
# Delta: the lowest prices, but unavailable (status -5): it ranks last and
# is marked; its tag names a region.
delta = {"prompt": "0.0000001", "completion": "0.0000001", "discount": 0.25}
models = [model("acme/tiered", {"prompt": "0.000001",
                                "completion": "0.000002"})]
json.dump({"data": models, "total_count": 1, "links": {"next": None}},
          open(os.path.join(d, "v1-models.json"), "w"), indent=1)
json.dump({"data": {"id": "acme/tiered", "name": "Tiered",
                    "created": 1790000000, "description": "",
                    "architecture": arch,
                    "endpoints": [ep("Alpha", "alpha", alpha, 0, 0.42),
                                  ep("Bravo", "bravo", bravo, 0, 0.9),
                                  ep("Charlie", "charlie", charlie),
                                  ep("Delta", "delta/eu-west-1", delta,
                                     -5, 0.3)]}},
          open(os.path.join(d, "v1-endpoints-tiered.json"), "w"), indent=1)
# The same prices for the test's own arithmetic.
json.dump({"alpha": alpha, "bravo": bravo, "charlie": charlie,
           "delta": delta},
          open(os.path.join(d, "..", "prices.json"), "w"))
PY

start_server v --dir "$T/set" --family v1 --v1-2026
DB="$T/t.db"
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet --no-gc
eq "$(sql "$DB" "SELECT status || ' ' || warnings FROM run_log")" "ok 2" \
    "the run is ok with two warnings (the malformed window and tier)"
run 0 "$ORBROWSE" --db "$DB" runs --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r[0]["warnings"] == 2, r' "$T/out" ||
    fail "runs --json does not show the warnings"
ok "runs --json shows the warnings"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE active AND model_key LIKE 'acme/tiered%'")" 4 \
    "all four endpoints stored, the malformed one's too"
export ORBROWSE_DB="$DB"

# cheapest NAME ARGS...: run `cheapest --json ARGS acme/tiered`, then check
# every row against the test's own pricing of the shape; the expected order
# of tags is "$1".  The arithmetic below follows OpenRouter's billing as
# documented, not the program's code.
cheapest() {
	expect_order=$1
	shift
	run 0 "$ORBROWSE" cheapest --json "$@" acme/tiered
	python3 - "$T/out" "$T/prices.json" "$expect_order" "$*" <<'PY' || fail "cheapest $* (want $expect_order)"
import json, sys
rows = json.load(open(sys.argv[1]))
prices = json.load(open(sys.argv[2]))
want = sys.argv[3].split()
args = sys.argv[4].split()
opt = dict(zip(args[0::2], args[1::2]))
P = float(opt.get("--prompt", 10000))
C = float(opt.get("--completion", 0))
R = float(opt.get("--reasoning", 0))
S = float(opt.get("--searches", 0))
cw = opt.get("--cache-write", "0")
hour = cw.endswith(":1h")
W = float(cw.split(":")[0]) / 100
hh, mm = opt.get("--at", "12:00").split(":")
now = int(hh) * 60 + int(mm)
def minutes(hhmm):
    return hhmm // 100 * 60 + hhmm % 100
def wellformed(o):
    try:
        [float(v) for v in o.values() if isinstance(v, str)]
    except ValueError:
        return False
    return o.get("utc_start", 0) < 2400
def price(p):
    base = {k: float(v) for k, v in p.items() if isinstance(v, str)}
    tier = win = None
    for o in filter(wellformed, p.get("overrides", [])):
        if "min_prompt_tokens" in o and P > o["min_prompt_tokens"] and \
                (tier is None or o["min_prompt_tokens"] >
                 tier["min_prompt_tokens"]):
            tier = o
        elif "utc_start" in o:
            s, e = minutes(o["utc_start"]), minutes(o["utc_end"])
            if (s <= now < e) if s < e else (now >= s or now < e):
                win = o
    for o in (tier, win):
        if o is not None:
            base.update({k: float(v) for k, v in o.items()
                         if isinstance(v, str)})
    applied = None
    for o in (tier, win):
        if o is not None:
            applied = dict(applied or {}, **{k: v for k, v in o.items()
                                             if not isinstance(v, str)})
    wkey = "input_cache_write_1h" if hour else "input_cache_write"
    cost = (P * (1 - W) * base["prompt"]
            + P * W * base.get(wkey, base["prompt"])
            + C * base["completion"]
            + R * base.get("internal_reasoning", base["completion"])
            + S * base.get("web_search", 0) + base.get("request", 0))
    return cost, applied, base
assert len(rows) == 4, rows
for r in rows:
    tag = next(t for t in prices if t in r["endpoint_id"])
    cost, applied, base = price(prices[tag])
    assert abs(r["cost_per_request"] - cost) <= 1e-12 + 1e-9 * cost, \
        (tag, r["cost_per_request"], cost)
    assert r["applied"] == applied, (tag, r["applied"], applied)
    assert abs(r["price_prompt"] - base["prompt"]) < 1e-15, (tag, r)
    assert abs(r["price_completion"] - base["completion"]) < 1e-15, (tag, r)
    r["tag"] = tag
ranked = [r["tag"] for r in rows]
# Delta is the cheapest but unavailable: after every healthy endpoint.
assert ranked == want + ["delta"], (ranked, want)
assert rows[-1]["status"] == -5 and all(r["status"] == 0 for r in rows[:-1])
assert rows[-1]["cost_per_request"] < rows[0]["cost_per_request"], rows
costs = [r["cost_per_request"] for r in rows[:-1]]
assert costs == sorted(costs), costs
PY
	ok "cheapest $*: $expect_order"
}

# The tiers: 100,000 prompt tokens are not more than 100,000, 100,001 are;
# Alpha's tier puts it behind Bravo.  Charlie crosses 50,000 the same way.
cheapest "alpha bravo charlie" --prompt 100000 --completion 1000 --at 12:00
cheapest "bravo alpha charlie" --prompt 100001 --completion 1000 --at 12:00
cheapest "alpha charlie bravo" --prompt 50000 --completion 0 --at 12:00
cheapest "alpha bravo charlie" --prompt 50001 --completion 0 --at 12:00
# The second tier: above 200,000 the higher threshold wins, and what it
# leaves out (the completion price) is the base's, not the lower tier's.
cheapest "bravo charlie alpha" --prompt 200001 --completion 1000 --at 12:00
python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1])) if "alpha" in x["endpoint_id"]][0]; assert r["applied"] == {"min_prompt_tokens": 200000} and r["price_prompt"] == 5e-6 and r["price_completion"] == 2e-6, r' "$T/out" ||
    fail "the highest tier below the prompt applies, over the base prices"
ok "200,001 tokens: the 200,000 tier, the completion price of the base"

# The window 23:30-00:30 wraps midnight and is half-open.
cheapest "alpha charlie bravo" --prompt 10000 --completion 1000 --at 23:29
cheapest "bravo alpha charlie" --prompt 10000 --completion 1000 --at 23:30
cheapest "bravo alpha charlie" --prompt 10000 --completion 1000 --at 23:59
cheapest "bravo alpha charlie" --prompt 10000 --completion 1000 --at 00:00
cheapest "bravo alpha charlie" --prompt 10000 --completion 1000 --at 00:29
cheapest "alpha charlie bravo" --prompt 10000 --completion 1000 --at 00:30
run 0 "$ORBROWSE" cheapest --json --prompt 10000 --completion 1000 --at 00:00 acme/tiered
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; assert "bravo" in r["endpoint_id"] and r["applied"] == {"utc_start": 2330, "utc_end": 30} and abs(r["cost_per_request"] - 0.0055) < 1e-12, r' "$T/out" ||
    fail "the window's prices at midnight"
ok "at 00:00 the window applies: \$0.0055"

# Cache writes: 5 minutes at the write price, 1 hour at the 1h price, or
# at the prompt price where the listing has none (Bravo).
cheapest "alpha charlie bravo" --prompt 10000 --completion 0 --cache-write 100 --at 12:00
cheapest "charlie bravo alpha" --prompt 10000 --completion 0 --cache-write 100:1h --at 12:00
# Reasoning tokens: Alpha at its completion price, Bravo at its own.
cheapest "charlie alpha bravo" --prompt 1000 --completion 1000 --reasoning 3000 --at 12:00
# Searches and the per-request price make Charlie the dearest.
cheapest "alpha bravo charlie" --prompt 1000 --completion 0 --searches 2 --at 12:00

# ls --json: the parts and the overrides as stored (the malformed one not).
run 0 "$ORBROWSE" ls --json acme/tiered
python3 - "$T/out" <<'PY' || fail "ls --json price fields"
import json, sys
rows = {next(t for t in ("alpha", "bravo", "charlie", "delta") if t in r["endpoint_id"]): r
        for r in json.load(open(sys.argv[1]))}
a, b, c = rows["alpha"], rows["bravo"], rows["charlie"]
assert a["price_cache_write"] == 1.25e-6 and a["price_cache_write_1h"] == 2.2e-6, a
assert a["price_internal_reasoning"] is None and a["price_request"] is None, a
assert a["price_overrides"] == [
    {"min_prompt_tokens": 100000, "prompt": 3e-6, "completion": 6e-6},
    {"min_prompt_tokens": 200000, "prompt": 5e-6}], a["price_overrides"]
assert b["price_internal_reasoning"] == 4e-6 and b["discount"] == 0.1, b
assert b["price_cache_write_1h"] is None, b
assert b["price_overrides"] == [{"utc_start": 2330, "utc_end": 30,
                                 "prompt": 5e-7, "completion": 5e-7}], b
assert c["price_request"] == 0.001 and c["price_web_search"] == 0.004, c
assert c["price_overrides"] == [{"min_prompt_tokens": 50000,
                                 "prompt": 4e-6}], c["price_overrides"]
# Free is judged by price: these lists carry no is_free flag.
assert all(r["is_free"] is False for r in rows.values()), rows
d = rows["delta"]
assert d["status"] == -5 and d["discount"] == 0.25, d
assert a["latency_p50_ms"] is not None and a["throughput_p90"] == 40, a
PY
ok "ls --json gives every part and the well-formed overrides"
# The table marks the unavailable endpoint, without --all.
run 0 "$ORBROWSE" cheapest --prompt 1000 --completion 0 --at 12:00 acme/tiered
contains "$T/out" "status -5" "cheapest marks the unavailable endpoint"
[ "$(grep -n 'status -5' "$T/out" | cut -d: -f1)" = "$(wc -l <"$T/out" | tr -d ' ')" ] ||
    [ "$(tail -n 1 "$T/out" | grep -c 'Delta\|delta')" = 1 ] ||
    fail "the unavailable endpoint is not the last row: $(cat "$T/out")"
ok "the unavailable endpoint is the last row"

# Shapes a user can get wrong: a clear message and exit status 2.
bad_shape() {
	msg=$1
	shift
	run 2 "$ORBROWSE" cheapest "$@" acme/tiered
	contains "$T/err" "$msg" "cheapest $*: refused"
}
bad_shape 'bad count "0x10": want a whole number up to 1000000m' --prompt 0x10
bad_shape 'bad count "1e3k"' --prompt 1e3k
bad_shape 'bad count "1000001m"' --prompt 1000001m
bad_shape 'bad count "1.5"' --searches 1.5
bad_shape 'bad --at "24:00"' --at 24:00
bad_shape 'bad --at "12:60"' --at 12:60
bad_shape 'bad share "150"' --cached 150
bad_shape 'add up to more than 100%' --cached 60 --cache-write 50
bad_shape '--completion alone needs a --mix whose completion side is not 0' \
    --mix 1:0 --completion 5
# Suffixes in either case: 1.5k prompt tokens, a 1-hour cache write.
run 0 "$ORBROWSE" cheapest --json --prompt 1.5K --completion 0 \
    --cache-write 100:1H --at 12:00 acme/tiered
python3 -c 'import json,sys; r=[x for x in json.load(open(sys.argv[1])) if "alpha" in x["endpoint_id"]][0]; assert abs(r["cost_per_request"] - 1500 * 2.2e-6) < 1e-12, r' "$T/out" ||
    fail "1.5K tokens written to the 1-hour cache"
ok "1.5K and :1H"
