#!/bin/sh
# The whole catalogue as OpenRouter lists it since 2026: every output
# modality asked for, the model list followed page by page (links.next,
# total_count), router models with an empty endpoint list, and the hostile
# pages: another host, a loop, too many pages, a short or mistyped count, a
# page that fails -- each a partial run that tombstones nothing.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 5 12
# Four of the demo's models put out no text, and three new ones join them:
# an image and an embedding model without endpoints (sparse 2026 pricing,
# context_length 0), and a router whose v1 endpoint list is empty.
python3 - "$T/set" <<'PY' || fail "rewriting the demo's model list"
import json, os, sys
d = sys.argv[1]
path = os.path.join(d, "v1-models.json")
root = json.load(open(path))
models = root["data"]
for m, out in zip(models[1::2], (["image"], ["audio"], ["embeddings"],
                                 ["video"])):
    m["architecture"]["output_modalities"] = out
def arch(outs):
    return {"modality": "text->" + "+".join(outs), "input_modalities":
            ["text"], "output_modalities": outs, "tokenizer": "Other",
            "instruct_type": None}
models += [
    {"id": "acme/pixel-gen", "canonical_slug": "acme/pixel-gen-2608",
     "name": "Acme: Pixel Gen", "created": 1786000000, "context_length": 0,
     "architecture": arch(["image"]), "pricing": {"image_output": "0.00004"},
     "hugging_face_id": None, "expiration_date": None},
    {"id": "acme/embed-1", "canonical_slug": "acme/embed-1",
     "name": "Acme: Embed 1", "created": 1786000001, "context_length": 8192,
     "architecture": arch(["embeddings"]), "pricing": {"prompt": "0.00000002"},
     "hugging_face_id": ""},
    {"id": "openrouter/auto", "canonical_slug": "openrouter/auto",
     "name": "Auto Router", "created": 1786000002, "context_length": 2000000,
     "architecture": arch(["text"]), "pricing": {"prompt": "-1",
                                                 "completion": "-1"}},
]
json.dump(root, open(path, "w"), indent=2)
json.dump({"data": {"id": "openrouter/auto", "name": "Auto Router",
                    "architecture": arch(["text"]), "endpoints": []}},
          open(os.path.join(d, "v1-endpoints-auto.json"), "w"))
print(len(models))
PY
all=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["data"]))' "$T/set/v1-models.json")
eq "$all" 14 "the served list has 14 models"

# Pages of 3: five of them, every one asked for with every modality.
start_server p --dir "$T/set" --v1-2026 --page-size 3
run 0 "$ORBROWSE" --db "$T/base.db" sync --base-url "$URL" --quiet --no-gc
eq "$(sql "$T/base.db" "SELECT status || ' ' || models_total || ' ' || error_count FROM run_log")" \
   "ok 14 0" "a paginated list: run ok, every model, no error"
eq "$(requests_matching "$T/p.log" '/api/v1/models\?')" 5 "five pages asked for"
eq "$(requests_matching "$T/p.log" '/api/v1/models\?output_modalities=all([&"])')" 5 \
   "each with output_modalities=all"
grep -q '"path": *"/api/v1/models?output_modalities=all&offset=12"' "$T/p.log" ||
	fail "the last page was not asked for"
ok "the next links were followed to the last page"
for k in acme/pixel-gen-2608 acme/embed-1 openrouter/auto; do
	eq "$(sql "$T/base.db" "SELECT COUNT(*) FROM model WHERE model_key = '$k'")" 1 "$k stored"
done
eq "$(sql "$T/base.db" 'SELECT warnings FROM run_log')" 0 "no warning"

# The same list unpaginated, and as an import: the same models stored.
start_server u --dir "$T/set" --v1-2026
run 0 "$ORBROWSE" --db "$T/one.db" sync --base-url "$URL" --quiet --no-gc
[ "$(projection "$T/one.db")" = "$(projection "$T/base.db")" ] ||
	fail "paginated and whole lists give different projections"
eq "$(sql "$T/one.db" 'SELECT group_concat(model_key) FROM (SELECT model_key FROM model ORDER BY 1)')" \
   "$(sql "$T/base.db" 'SELECT group_concat(model_key) FROM (SELECT model_key FROM model ORDER BY 1)')" \
   "paginated and whole lists store the same models"

# Without output_modalities=all the server leaves out the six models
# without text output: the query is what brings them in.
printf 'route.models = /api/v1/models?page=1\n' >"$T/text.conf"
run 0 "$ORBROWSE" --db "$T/text.db" sync --config "$T/text.conf" --base-url "$URL" --quiet --no-gc
eq "$(sql "$T/text.db" 'SELECT models_total FROM run_log')" 8 "a plain list has only the text models"

# A router's empty v1 endpoint list is no endpoints now, not an error.
stop_server p
start_server v --dir "$T/set" --family v1 --v1-2026 --page-size 5
run 0 "$ORBROWSE" --db "$T/v1.db" sync --base-url "$URL" --quiet --no-gc
grep -q '"path": *"/api/v1/models/openrouter/auto/endpoints"' "$T/v.log" ||
	fail "the router's endpoints were not asked for"
# (The two catalogues' 404s are the run's only errors.)
eq "$(sql "$T/v1.db" "SELECT status || ' ' || models_total || ' ' || models_done || ' ' || error_count || ' ' || (errors LIKE '%auto%') FROM run_log")" \
   "ok 14 14 2 0" "v1 family: the router's empty list is not an error"
eq "$(sql "$T/v1.db" "SELECT COUNT(*) FROM endpoint WHERE model_key = 'openrouter/auto'")" 0 \
   "the router has no endpoint"

# Hostile pages, each against a copy of the complete database: the run
# is partial, says why, and tombstones nothing.
start_server h --dir "$T/set" --v1-2026 --page-size 3
active=$(sql "$T/base.db" 'SELECT SUM(active) FROM endpoint')
hostile() {
	name=$1
	says=$2
	printf '%s\n' "$3" >"$T/h.faults"
	cp "$T/base.db" "$T/$name.db"
	: >"$T/h.log"
	run 3 "$ORBROWSE" --db "$T/$name.db" sync --base-url "$URL" --quiet --no-gc
	eq "$(sql "$T/$name.db" 'SELECT status FROM run_log WHERE id = (SELECT MAX(id) FROM run_log)')" \
	   partial "$name: the run is partial"
	sql "$T/$name.db" 'SELECT errors FROM run_log WHERE id = (SELECT MAX(id) FROM run_log)' >"$T/$name.err"
	contains "$T/$name.err" "$says" "$name: the error says so"
	eq "$(sql "$T/$name.db" 'SELECT SUM(active) FROM endpoint')" "$active" \
	   "$name: nothing tombstoned"
}
p2='"^/api/v1/models\\?output_modalities=all&offset=3$"'
hostile host "another host" \
    "[{\"match\": $p2, \"fault\": \"page\", \"next\": \"http://127.0.0.2:1/api/v1/models?offset=6\"}]"
eq "$(requests_matching "$T/h.log" '/api/v1/models\?')" 2 "host: the foreign page is not asked for"
hostile loop "a loop" \
    "[{\"match\": $p2, \"fault\": \"page\", \"next\": \"{base}/api/v1/models?output_modalities=all\"}]"
hostile bound "more than 100 pages" \
    '[{"match": "^/api/v1/models\\?", "fault": "page", "next": "{base}/api/v1/models?output_modalities=all&offset={after}"}]'
eq "$(requests_matching "$T/h.log" '/api/v1/models\?')" 100 "bound: 100 pages asked for, no more"
hostile short "total_count says 15" \
    '[{"match": "^/api/v1/models\\?", "fault": "page", "total_count": 15}]'
hostile mistyped "total_count is not a count" \
    '[{"match": "^/api/v1/models\\?", "fault": "page", "total_count": "14"}]'
hostile next-type "links.next is neither" \
    "[{\"match\": $p2, \"fault\": \"page\", \"next\": 6}]"
hostile failing "page 3: HTTP status 500" \
    '[{"match": "offset=6$", "fault": "500"}]'
hostile badjson "page 2:" \
    "[{\"match\": $p2, \"fault\": \"badjson\"}]"
eq "$(sql "$T/failing.db" 'SELECT models_total FROM run_log WHERE id = (SELECT MAX(id) FROM run_log)')" 6 \
   "failing: the pages before it are kept"
