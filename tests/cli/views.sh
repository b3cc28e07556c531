#!/bin/sh
# The first views on the real captures: ls with filters, sorts and machine
# formats; cheapest; show; runs.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_shared
need_cmd sqlite3
# The Liquid endpoint of liquid/lfm-7b, read from the capture.
LIQUID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"][0]["id"])' "$REAL/stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json")
need_cmd python3
DB="$T/real.db"
run 0 "$ORBROWSE" --db "$DB" import "$REAL"
export ORBROWSE_DB="$DB"

# ls: the filter selects exactly what SQL over the projection selects.
run 0 "$ORBROWSE" ls --json 'tools ctx>=128k prompt<0.5'
python3 - "$T/out" >"$T/n" <<'PY' || fail "ls --json is not a JSON array"
import json, sys
rows = json.load(open(sys.argv[1]))
assert isinstance(rows, list)
for r in rows:
    assert r["supports_tools"] is True and r["context_length"] >= 128000
    assert r["price_prompt"] * 1e6 < 0.5 and r["active"] is True
print(len(rows))
PY
eq "$(cat "$T/n")" "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE active AND supports_tools = 1 AND context_length >= 128000 AND price_prompt * 1e6 < 0.5")" "ls filter equals the SQL over the projection"

run 0 "$ORBROWSE" ls --csv 'provider:deepinfra quant:fp8'
head -1 "$T/out" | grep -q '^endpoint_id,model_key,model_id,model_name,provider_slug,' || fail "csv header"
ok "csv header has the projection's column names"
eq "$(($(wc -l <"$T/out") - 1))" "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE active AND (lower(provider_slug) LIKE '%deepinfra%' OR lower(provider_name) LIKE '%deepinfra%') AND lower(quantization) LIKE '%fp8%'")" "csv rows"

# Negation and sort: cheapest prompt first, NULL prices last.
run 0 "$ORBROWSE" ls --json --sort prompt '!free deepseek'
python3 - "$T/out" <<'PY' || fail "sort by prompt"
import json, sys
rows = json.load(open(sys.argv[1]))
prices = [r["price_prompt"] for r in rows]
known = [p for p in prices if p is not None]
assert known == sorted(known), prices
assert prices[:len(known)] == known, "NULL prices must come last"
assert all(r["is_free"] is not True for r in rows)
assert len(rows) > 5
PY
ok "ls --sort prompt orders by price, NULLs last"
run 0 "$ORBROWSE" ls --json --sort -tps
python3 -c 'import json,sys; t=[r["p50_throughput"] for r in json.load(open(sys.argv[1])) if r["p50_throughput"] is not None]; assert t==sorted(t,reverse=True) and len(t)>10' "$T/out" ||
    fail "sort -tps"
ok "ls --sort -tps descends"

run 0 "$ORBROWSE" ls liquid/lfm-7b
contains "$T/out" "MODEL" "human table header"
contains "$T/out" "Lambda" "human table row"
eq "$(grep -c 'liquid/lfm-7b ' "$T/out")" 2 "liquid/lfm-7b has two endpoints"
# On a terminal the table fits its width (util/table-layout.h): columns
# drop by priority, the text ones are cut (with "~"), the numbers never;
# into a pipe only the usual maximum widths hold.
if command -v script >/dev/null 2>&1; then
	run 0 "$ORBROWSE" ls
	wide=$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$T/out")
	[ "$wide" -gt 80 ] || fail "ls into a pipe is only $wide columns: nothing to narrow"
	script -qec "stty cols 80; ORBROWSE_DB='$DB' '$ORBROWSE' ls" /dev/null >"$T/tty" 2>&1 ||
	    fail "ls on a terminal"
	python3 - "$T/tty" "$T/out" <<'PY' || fail "ls on an 80-column terminal"
import sys
tty = [l.rstrip("\r\n") for l in open(sys.argv[1], encoding="utf-8")]
pipe = [l.rstrip("\n") for l in open(sys.argv[2], encoding="utf-8")]
assert len(tty) == len(pipe), (len(tty), len(pipe))
assert max(len(l) for l in tty) <= 80, max(len(l) for l in tty)
assert sum("~" in l for l in tty) > sum("~" in l for l in pipe)
# The numbers are whole (columns drop by priority, a number is never cut):
# every number on the terminal is one of the pipe's row.
import re
assert "$/M IN" in tty[0] and "$/M OUT" in tty[0], tty[0]
for a, b in zip(tty[1:], pipe[1:]):
    nums = [w for w in a.split() if re.fullmatch(r"[0-9.]+[kM]?", w)]
    assert nums and all(n in b.split() for n in nums), (a, b)
PY
	ok "ls fits an 80-column terminal, cutting text and never numbers"
fi
run 0 "$ORBROWSE" ls 'zzzz-no-such-model'
contains "$T/err" "ls: no endpoints match" "empty result says so, on stderr"
[ ! -s "$T/out" ] || fail "an empty result printed to stdout"

# cheapest: by model key, v1 id, substring; ranking by the cost of a
# request, healthy endpoints first.
run 0 "$ORBROWSE" cheapest --json --mix 3:1 --at 12:00 deepseek/deepseek-chat-v3-0324
python3 - "$T/out" <<'PY' || fail "cheapest ranking"
import json, sys
rows = json.load(open(sys.argv[1]))
assert len(rows) == 17, len(rows)
ill = [r["status"] not in (0, None) for r in rows]
assert ill == sorted(ill), "a non-zero status ranks after the healthy"
for part in (False, True):
    b = [r["cost_per_request"] for r in rows if (r["status"] not in (0, None)) == part]
    assert b == sorted(b), b
for r in rows:
    want = (3 * r["price_prompt"] + r["price_completion"]) / 4
    assert abs(r["price_blended"] - want) < 1e-15
    # 10,000 prompt tokens and a third of that in completion tokens.
    want = 10000 * r["price_prompt"] + 10000 / 3 * r["price_completion"]
    assert abs(r["cost_per_request"] - want) < 1e-12, (r, want)
    assert r["applied"] is None
    for k in ("endpoint_id", "model_key", "provider_slug", "provider_name",
              "p50_latency_ms", "p50_throughput", "uptime"):
        assert k in r, k
assert rows[0]["provider_slug"] == "deepinfra/fp4", rows[0]["provider_slug"]
PY
ok "cheapest ranks 17 endpoints by the cost of a 3:1 request"
run 0 "$ORBROWSE" cheapest --mix 1:0 deepseek-chat-v3-0324
contains "$T/out" "17 endpoints" "cheapest by substring picks the base model"
contains "$T/out" "cheapest" "cheapest marked"
contains "$T/out" "fastest" "fastest marked"
run 0 "$ORBROWSE" cheapest mistralai/devstral-small:free
contains "$T/out" "mistralai/devstral-small-2505:free" "a v1 id resolves to its model key"
run 1 "$ORBROWSE" cheapest qwen
contains "$T/err" "ambiguous" "an ambiguous model lists the candidates"
run 1 "$ORBROWSE" cheapest no-such-model-anywhere
contains "$T/err" "no model matches" "an unknown model"

# show: the stored JSON, decompressed and pretty-printed, hash-checked.
run 0 "$ORBROWSE" show "$LIQUID"
python3 - "$T/out" "$REAL/stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json" <<'PY' || fail "show returns the raw object"
import json, sys
shown = json.load(open(sys.argv[1]))
raw = [e for e in json.load(open(sys.argv[2]))["data"] if e["id"] == shown["id"]][0]
assert shown == raw
PY
ok "show prints the stored object, equal to the raw JSON"
# An endpoint known only from the catalogue: its entry's endpoint member.
run 0 "$ORBROWSE" show 2524cf8b-e39f-4cba-894c-801d753a2352
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["id"]=="2524cf8b-e39f-4cba-894c-801d753a2352" and d["provider_name"]=="Chutes" and "endpoint" not in d' "$T/out" ||
	fail "catalogue-only endpoint"
ok "show of a catalogue-only endpoint prints the endpoint object"
run 2 "$ORBROWSE" show 1c9b8776-e266-4efb-b5ba-19a6753e7736
contains "$T/err" "--model" "an endpoint under two models asks for --model"
run 0 "$ORBROWSE" show --model 'anthropic/claude-3-7-sonnet-20250219:thinking' 1c9b8776-e266-4efb-b5ba-19a6753e7736
contains "$T/out" '"variant": "thinking"' "show --model picks the listing"
run 0 "$ORBROWSE" show liquid/lfm-7b
contains "$T/out" '"permaslug": "liquid/lfm-7b"' "show MODEL prints the catalogue entry"
run 0 "$ORBROWSE" show --kind v1 liquid/lfm-7b
contains "$T/out" '"id": "liquid/lfm-7b"' "show --kind v1"
run 0 "$ORBROWSE" show --run 1 liquid/lfm-7b
run 1 "$ORBROWSE" show no-such-thing
contains "$T/err" "no endpoint or model" "show of an unknown id"

# A corrupt blob is reported as such, never a crash.
hash=$(sql "$DB" "SELECT hex(b.hash) FROM endpoint e JOIN blob b ON b.id = e.blob WHERE e.endpoint_id = '$LIQUID'")
cp "$DB" "$T/corrupt.db"
sqlite3 "$T/corrupt.db" "UPDATE blob SET codec = 'gzip', data = X'1f8b0800000000000003abcc' WHERE hash = X'$hash'"
run 1 "$ORBROWSE" --db "$T/corrupt.db" show "$LIQUID"
contains "$T/err" "truncated" "truncated blob reported"
python3 -c 'import gzip,sys; sys.stdout.buffer.write(gzip.compress(b"{\"id\":\"tampered\"}"))' >"$T/tampered.gz"
sqlite3 "$T/corrupt.db" "UPDATE blob SET data = readfile('$T/tampered.gz') WHERE hash = X'$hash'"
run 1 "$ORBROWSE" --db "$T/corrupt.db" show "$LIQUID"
contains "$T/err" "does not match its hash" "tampered blob reported"

# runs
run 0 "$ORBROWSE" runs
contains "$T/out" "import" "runs lists the import"
run 0 "$ORBROWSE" runs --json
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r[0]["status"]=="ok" and r[0]["endpoints_done"]==674 and r[0]["ended_at"]>=r[0]["started_at"]' "$T/out" ||
    fail "runs --json"
ok "runs --json has the run's counters"

# --help and --version for every command.
for c in import ls cheapest show runs demo; do
	run 0 "$ORBROWSE" "$c" --help
	contains "$T/out" "Usage:" "$c --help"
done
run 0 "$ORBROWSE" --version
contains "$T/out" "orbrowse " "--version"
