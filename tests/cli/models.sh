#!/bin/sh
# Models as OpenRouter lists them in 2026, end to end: a paginated v1 model
# list written here (a permaslug that differs from the public id, a :free
# variant whose links.details names the paid model, a ~ alias with its
# alias_target, image, embeddings and speech models with context 0 or null,
# sparse pricing, expiration dates, knowledge cutoffs) and its endpoint
# listings (empty for the alias and the image model, an unhealthy endpoint),
# served by the fixture server and synced; `models --json` is checked field
# by field against what was served, computed here; the new filter terms,
# lookup by public id in ls, cheapest and show, and an import of the same
# list.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd python3
need_cmd sqlite3

mkdir -p "$T/set"
python3 - "$T/set" <<'PY' || fail "writing the data set"
import datetime, json, os, sys
d = sys.argv[1]
today = datetime.datetime.now(datetime.timezone.utc).date()
soon = (today + datetime.timedelta(days=10)).isoformat()
later = (today + datetime.timedelta(days=100)).isoformat()

def model(mid, canonical, name, ins, outs, pricing, ctx=200000, maxout=64000,
          params=("max_tokens", "temperature"), **extra):
    m = {"id": mid, "canonical_slug": canonical, "name": name,
         "created": 1778544000, "context_length": ctx,
         "architecture": {"modality": "+".join(ins) + "->" + "+".join(outs),
                          "input_modalities": list(ins),
                          "output_modalities": list(outs),
                          "tokenizer": "Other", "instruct_type": None},
         "pricing": pricing, "hugging_face_id": "",
         "top_provider": {"context_length": ctx,
                          "max_completion_tokens": maxout,
                          "is_moderated": False},
         "supported_parameters": list(params), "default_parameters": {},
         "reasoning": None, "expiration_date": None,
         "knowledge_cutoff": None, "description": "A model...",
         "links": {"details": "/api/v1/models/" + canonical.split(":")[0]
                   + "/endpoints"}}
    m.update(extra)
    return m

def ep(name, tag, prompt, completion, status=0, ctx=200000):
    return {"name": name, "model_name": "x", "context_length": ctx,
            "pricing": {"prompt": prompt, "completion": completion},
            "provider_name": name, "tag": tag, "quantization": None,
            "max_completion_tokens": 64000, "max_prompt_tokens": None,
            "supported_parameters": ["max_tokens"], "status": status,
            "uptime_last_30m": 99.0, "uptime_last_5m": None,
            "uptime_last_1d": 99.5, "supports_implicit_caching": True,
            "latency_last_30m": None, "throughput_last_30m": None}

OPUS = "acme/claude-4.7-opus-fast-20260512"
models = [
    model("acme/opus-4.7-fast", OPUS, "Acme: Opus 4.7 Fast",
          ["text", "image"], ["text"],
          {"prompt": "0.000005", "completion": "0.000025"},
          params=("tools", "reasoning", "max_tokens"),
          expiration_date=soon, knowledge_cutoff="2026-01-31",
          reasoning={"mandatory": False},
          default_parameters={"temperature": 1}),
    model("acme/opus-4.7-fast:free", OPUS, "Acme: Opus 4.7 Fast (free)",
          ["text", "image"], ["text"], {"prompt": "0", "completion": "0"},
          params=("tools", "max_tokens"), knowledge_cutoff="2026-01-31",
          default_parameters=None),
    model("~acme/opus-latest", "~acme/opus-latest", "Acme: Opus (latest)",
          ["text", "image"], ["text"], {}, ctx=None, maxout=None,
          alias_target={"name": "Acme: Opus 4.7 Fast",
                        "slug": "acme/opus-4.7-fast"}),
    model("gamma/image-4", "gamma/image-4-20260101", "Gamma: Image 4",
          ["text", "image"], ["image"],
          {"image_output": "0.00004", "prompt": "0.0000003"}, ctx=0,
          maxout=None, params=(), knowledge_cutoff="2025-06-30",
          hugging_face_id=None),
    model("delta/embed-1", "delta/embed-1-20250901", "Delta: Embed 1",
          ["text"], ["embeddings"], {"prompt": "0.00000002"}, ctx=None,
          maxout=None, params=(), expiration_date=later,
          hugging_face_id="delta/Embed-1"),
    model("echo/speech-2", "echo/speech-2-20260301", "Echo: Speech 2",
          ["text"], ["audio"], {"prompt": "0.000001", "audio_output":
          "0.00002"}, ctx=32000, maxout=0, knowledge_cutoff="2025-12-01"),
]
del models[5]["default_parameters"]
endpoints = {
    "acme/opus-4.7-fast": [ep("Alpha", "alpha", "0.000004", "0.00002"),
                           ep("Bravo", "bravo/us-east-1", "0.000003",
                              "0.000015", status=-5)],
    "acme/opus-4.7-fast:free": [ep("Free", "free", "0", "0")],
    "~acme/opus-latest": [],
    "gamma/image-4": [],
    "delta/embed-1": [ep("Delta", "delta", "0.00000001", "0", ctx=8192)],
    "echo/speech-2": [ep("Echo", "echo", "0.000001", "0.00001")],
}
json.dump({"data": models}, open(os.path.join(d, "v1-models.json"), "w"),
          indent=2)
for i, m in enumerate(models):
    json.dump({"data": {"id": m["id"], "name": m["name"],
                        "created": m["created"], "description": "",
                        "architecture": m["architecture"],
                        "endpoints": endpoints[m["id"]]}},
              open(os.path.join(d, "v1-endpoints-%d.json" % i), "w"))

# What `models --json` must say, from the served JSON alone.
def unknown0(v):
    return None if v in (0, None) else v

def price(s):
    return None if s is None else float(s)

want = []
for m in models:
    eps = endpoints[m["id"]]
    healthy = [e for e in eps if e["status"] == 0]
    # Unknown limits are the largest of the model's active endpoints.
    ctx = unknown0(m["context_length"])
    if ctx is None and eps:
        ctx = max(e["context_length"] for e in eps)
    maxout = unknown0(m["top_provider"]["max_completion_tokens"])
    if maxout is None and eps:
        maxout = max(e["max_completion_tokens"] for e in eps)
    row = {"id": m["id"],
           "model_key": m["canonical_slug"] + (":" + m["id"].split(":")[1]
                                               if ":" in m["id"] else "")
           if not m["id"].startswith("~") else m["id"],
           "canonical_slug": m["canonical_slug"], "name": m["name"],
           "context_length": ctx,
           "max_output": maxout,
           "input_modalities": m["architecture"]["input_modalities"],
           "output_modalities": m["architecture"]["output_modalities"],
           "supported_parameters": m["supported_parameters"],
           "expiration_date": m["expiration_date"],
           "expiring": m["expiration_date"] == soon,
           "knowledge_cutoff": m["knowledge_cutoff"],
           "created": m["created"],
           "alias_target": (m.get("alias_target") or {}).get("slug"),
           "hugging_face_id": m["hugging_face_id"] or None,
           "providers": len(eps)}
    for part in ("prompt", "completion"):
        ps = [price(e["pricing"].get(part)) for e in healthy
              if e["pricing"].get(part) is not None]
        row["min_price_" + part] = min(ps) if ps else \
            price(m["pricing"].get(part))
    want.append(row)
want.sort(key=lambda r: r["id"].lower())
json.dump(want, open(os.path.join(d, "..", "want.json"), "w"))
PY

# Two models a page, every modality: the whole list in three pages.
start_server v --dir "$T/set" --family v1 --v1-2026 --page-size 2
DB="$T/t.db"
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet --no-gc
eq "$(sql "$DB" "SELECT status || ' ' || warnings FROM run_log")" "ok 0" \
    "the run is ok and warns of nothing"
eq "$(sql "$DB" "SELECT COUNT(*) FROM model WHERE model_id IS NOT NULL")" 6 \
    "every model of the three pages is in the directory"
export ORBROWSE_DB="$DB"

# compare FILE: models --json against want.json (floats to 1e-12 relative);
# with "imported", as the list alone says it (no endpoint stored).
compare() {
	python3 - "$1" "$T/want.json" "${2:-}" <<'PY'
import json, math, sys
got = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))
if sys.argv[3] == "imported":
    for w in want:
        w["providers"] = 0
served = json.load(open(sys.argv[2].replace("want.json", "set/v1-models.json")))["data"]
own = {m["id"]: m["pricing"] for m in served}
if sys.argv[3] == "imported":
    for w in want:
        for part in ("prompt", "completion"):
            v = own[w["id"]].get(part)
            w["min_price_" + part] = None if v is None else float(v)
        m = [x for x in served if x["id"] == w["id"]][0]
        w["context_length"] = m["context_length"] or None
        w["max_output"] = m["top_provider"]["max_completion_tokens"] or None
assert len(got) == len(want), (len(got), len(want))
for g, w in zip(got, want):
    for k, v in w.items():
        gv = g.get(k, "absent")
        if isinstance(v, float) and isinstance(gv, (int, float)):
            assert math.isclose(gv, v, rel_tol=1e-12), (w["id"], k, gv, v)
        else:
            assert gv == v, (w["id"], k, gv, v)
PY
}
run 0 "$ORBROWSE" models --json
compare "$T/out" || fail "models --json differs from what was served"
ok "models --json says of every model what was served"

# The filter's new terms, on models and on endpoints.
ids() {
	python3 -c 'import json,sys; print(" ".join(sorted(r.get("id") or r["model_id"] for r in json.load(open(sys.argv[1])))))' "$T/out"
}
run 0 "$ORBROWSE" models --json out:image
eq "$(ids)" "gamma/image-4" "out:image finds the image model"
run 0 "$ORBROWSE" models --json in:image '!out:image'
eq "$(ids)" "acme/opus-4.7-fast acme/opus-4.7-fast:free ~acme/opus-latest" "in:image without image output"
run 0 "$ORBROWSE" models --json 'expires<30'
eq "$(ids)" "acme/opus-4.7-fast" "expires<30: the model expiring in 10 days"
run 0 "$ORBROWSE" models --json 'expires<200'
eq "$(ids)" "acme/opus-4.7-fast delta/embed-1" "expires<200: both dated models"
run 0 "$ORBROWSE" models --json 'cutoff>=2026-01'
eq "$(ids)" "acme/opus-4.7-fast acme/opus-4.7-fast:free" "cutoff>=2026-01 by month"
run 0 "$ORBROWSE" models --json 'cutoff<2025-12-01'
eq "$(ids)" "gamma/image-4" "cutoff< by day"
run 0 "$ORBROWSE" models --json param:reasoning
eq "$(ids)" "acme/opus-4.7-fast" "param:reasoning"
run 0 "$ORBROWSE" models --json 'prompt<0.1' active
eq "$(ids)" "acme/opus-4.7-fast:free delta/embed-1" "lowest healthy prompt price, active models"
run 0 "$ORBROWSE" models --json --sort=-ctx
eq "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$T/out")" \
    "acme/opus-4.7-fast" "--sort -ctx: the largest context first (ties by id)"
run 0 "$ORBROWSE" ls --json in:image
eq "$(ids)" "acme/opus-4.7-fast acme/opus-4.7-fast acme/opus-4.7-fast:free" "ls in:image: the endpoints of image-input models"

# The public id differs from the permaslug: ls, cheapest and show find it.
run 0 "$ORBROWSE" ls --json opus-4.7
eq "$(ids)" "acme/opus-4.7-fast acme/opus-4.7-fast acme/opus-4.7-fast:free" "ls opus-4.7 finds the model by its public id"
run 0 "$ORBROWSE" ls --json 'model:opus-4.7-fast:free'
eq "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(len(r), r[0]["model_key"], r[0]["price_prompt"])' "$T/out")" \
    "1 acme/claude-4.7-opus-fast-20260512:free 0.0" \
    "the :free variant is its own model with its own endpoint (not the paid ones links.details names)"
run 0 "$ORBROWSE" ls opus-4.7
contains "$T/out" "*acme/opus-4.7-fast " "ls shows the public id, marked as expiring"
run 0 "$ORBROWSE" cheapest --json --prompt 1000 --completion 100 '~acme/opus-latest'
eq "$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(" ".join(sorted({x["model_id"] for x in r})), len(r))' "$T/out")" \
    "acme/opus-4.7-fast 2" "cheapest follows the ~ alias to its target, model_id beside model_key"
# A ~ alias typed as a word in ls stands for its target's endpoints: the
# same rows as the target's public id, and none of the alias's own.
run 0 "$ORBROWSE" ls --json '~acme/opus-latest'
cp "$T/out" "$T/alias.json"
run 0 "$ORBROWSE" ls --json 'model:acme/claude-4.7-opus-fast-20260512' '!model::free'
eq "$(python3 -c 'import json,sys; print(sorted(r["endpoint_id"] for r in json.load(open(sys.argv[1]))))' "$T/alias.json")" \
   "$(python3 -c 'import json,sys; print(sorted(r["endpoint_id"] for r in json.load(open(sys.argv[1]))))' "$T/out")" \
   "ls ~alias lists its target's endpoints"
[ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/alias.json")" -gt 0 ] ||
    fail "ls ~alias matched nothing"
run 0 "$ORBROWSE" ls --json '~acme/no-such-latest'
eq "$(cat "$T/out")" "[]" "an unknown ~ word matches as a plain word: nothing here"
run 0 "$ORBROWSE" cheapest --prompt 1000 --completion 100 claude-4.7-opus-fast-20260512
eq "$(head -1 "$T/out" | cut -d' ' -f1-2)" "*acme/opus-4.7-fast (Acme:" \
    "cheapest by permaslug; its header names the public id, marked as expiring"
run 0 "$ORBROWSE" show acme/opus-4.7-fast
contains "$T/out" "claude-4.7-opus-fast-20260512" "show finds the model by its public id"
run 0 "$ORBROWSE" models
contains "$T/out" "*acme/opus-4.7-fast" "the models table marks the expiring model"
contains "$T/out" "text>embeddings" "the models table shows modalities"
run 0 "$ORBROWSE" models --csv out:audio
eq "$(sed -n 2p "$T/out" | cut -d, -f1,2)" "echo/speech-2,echo/speech-2-20260301" "models --csv"
run 2 "$ORBROWSE" models 'cutoff>=june'
contains "$T/err" "invalid date" "a bad cutoff date is a usage error"
run 2 "$ORBROWSE" models --sort nope
integrity_ok "$DB" synced

# The same list imported: every model, the fields as served, own prices.
unset ORBROWSE_DB
run 0 "$ORBROWSE" --db "$T/i.db" import "$T/set/v1-models.json"
eq "$(sql "$T/i.db" "SELECT warnings FROM run_log")" 0 "the import warns of nothing"
run 0 "$ORBROWSE" --db "$T/i.db" models --json
compare "$T/out" imported || fail "imported models --json differs from the list"
ok "an imported list gives every model as served, with its own prices"
integrity_ok "$T/i.db" imported
