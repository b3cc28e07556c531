#!/bin/sh
# Import of /api/v1/models lists in the shape of every era (2025 dense
# pricing, 2026 sparse pricing, Aug 2026 with total_count and links), each
# written 2-space indented, 4-space indented and minified: every model is
# stored under its key with no warning, the three layouts of one list are
# the same blobs, and a media model's unknown context (0 or null) is stored
# as unknown, never as 0.  The lists are generated here.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

# gen.py OUTDIR: writes OUTDIR/ERA-LAYOUT/models.json (and, for the 2026
# eras, the media model's v1 endpoint list) and OUTDIR/ERA.keys, the model
# keys each list must yield, sorted.
cat >"$T/gen.py" <<'PY'
import copy, json, os, sys

out = sys.argv[1]
DENSE = ["prompt", "completion", "request", "image", "web_search",
         "internal_reasoning", "input_cache_read", "input_cache_write"]


def model(vid, name, ctx=131072, maxout=8192, canonical=None, era="2025a",
          prices=None, inmod=("text",), outmod=("text",)):
    m = {"id": vid, "name": name, "created": 1735689600,
         "description": "A generated model for the era " + era + ".",
         "context_length": ctx,
         "architecture": {"modality": "text->text",
                          "input_modalities": list(inmod),
                          "output_modalities": list(outmod),
                          "tokenizer": "Other", "instruct_type": None},
         "top_provider": {"context_length": ctx,
                          "max_completion_tokens": maxout,
                          "is_moderated": False},
         "per_request_limits": None}
    prices = prices or {"prompt": "0.000001", "completion": "0.000002"}
    if era.startswith("2025"):
        # Dense: every key, "0" when it does not apply.
        m["pricing"] = {k: prices.get(k, "0") for k in DENSE}
    else:
        m["pricing"] = dict(prices)
    if era != "2025a":
        m["canonical_slug"] = canonical or vid.split(":")[0] + "-20250601"
        m["supported_parameters"] = ["max_tokens", "temperature", "tools"]
    if era.startswith("2026"):
        m["hugging_face_id"] = ""
        m["default_parameters"] = {}
        m["expiration_date"] = None
        m["knowledge_cutoff"] = "2025-12-31"
    if era == "2026b":
        m["reasoning"] = None
        m["links"] = {"details": "https://openrouter.ai/api/v1/models/"
                      + m["canonical_slug"] + "/endpoints"}
    return m


def key_of(m):
    """The model key orbrowse gives a v1 entry (model_key_from_v1)."""
    vid = m["id"]
    if vid.startswith("~") or "canonical_slug" not in m:
        return vid
    suffix = vid.split(":", 1)[1] if ":" in vid else None
    return m["canonical_slug"] + (":" + suffix if suffix else "")


def era_2025(era):
    ms = [model("acme/chat-1", "Acme: Chat 1", era=era),
          model("acme/chat-1:free", "Acme: Chat 1 (free)", era=era,
                prices={"prompt": "0", "completion": "0"}),
          model("acme/think-2:thinking", "Acme: Think 2 (thinking)",
                era=era, ctx=200000, maxout=None,
                prices={"prompt": "0.000003", "completion": "0.000015",
                        "internal_reasoning": "0.000015"}),
          model("beta/vision-3", "Beta: Vision 3", era=era,
                inmod=("text", "image"),
                prices={"prompt": "0.0000005", "completion": "0.0000015",
                        "image": "0.001445", "input_cache_read":
                        "0.000000125"}),
          model("openrouter/auto", "Auto Router", era=era, ctx=2000000,
                maxout=None, prices={"prompt": "-1", "completion": "-1"})]
    return ms


def era_2026(era):
    ms = era_2025(era)
    ms[1]["hugging_face_id"] = None
    ms[2]["default_parameters"] = None
    ms[2]["expiration_date"] = "2026-09-30"
    ms[3]["hugging_face_id"] = "beta-ai/Vision-3"
    ms[3]["default_parameters"] = {"temperature": 0.7, "top_p": None}
    ms[3]["pricing"]["discount"] = 0
    del ms[4]["default_parameters"]
    ms[4]["knowledge_cutoff"] = None
    # A long-context price and a night discount (pricing.overrides).
    ms[0]["pricing"]["overrides"] = [
        {"min_prompt_tokens": 200000, "prompt": "0.000002",
         "completion": "0.000004"},
        {"utc_start": "2230", "utc_end": "0630", "prompt": "0.0000005"}]
    ms[0]["pricing"]["discount"] = 0.25
    # Media models: no text output, context 0 or null (unknown).
    img = model("gamma/image-4", "Gamma: Image 4", era=era, ctx=0,
                maxout=None, inmod=("text", "image"), outmod=("image",),
                prices={"image_output": "0.00004", "prompt": "0.0000003"})
    vid = model("gamma/video-5", "Gamma: Video 5", era=era, ctx=None,
                maxout=None, outmod=("video",),
                prices={"request": "0.05"})
    vid["top_provider"]["context_length"] = None
    ms += [img, vid,
           model("acme/chat-1:exacto", "Acme: Chat 1 (exacto)", era=era,
                 canonical="acme/chat-1-20250601")]
    if era == "2026b":
        ms[2]["reasoning"] = {"effort": "medium", "max_tokens": None}
        ms[3]["supported_voices"] = None
        alias = model("~acme/chat-latest", "Acme: Chat (latest)", era=era,
                      canonical="acme/chat-1-20250601")
        alias["alias_target"] = {"name": "Acme: Chat 1",
                                 "slug": "acme/chat-1"}
        ms.append(alias)
        ms.append(model("acme/chat-1:batch", "Acme: Chat 1 (batch)",
                        era=era, canonical="acme/chat-1-20250601",
                        prices={"prompt": "0.0000005",
                                "completion": "0.000001"}))
    return ms


def media_endpoints(m):
    """The v1 endpoint list of a media model: context 0 / null."""
    ep = {"name": "Gamma | " + m["id"], "model_id": m["id"],
          "model_name": m["name"], "context_length": m["context_length"],
          "pricing": dict(m["pricing"]), "provider_name": "Gamma",
          "tag": "gamma", "quantization": None,
          "max_completion_tokens": None, "max_prompt_tokens": None,
          "supported_parameters": [], "status": 0,
          "uptime_last_30m": None, "uptime_last_5m": None,
          "uptime_last_1d": 99.5, "supports_implicit_caching": False,
          "latency_last_30m": None, "throughput_last_30m": None}
    return {"data": {"id": m["id"], "name": m["name"],
                     "created": m["created"], "description": "",
                     "architecture": m["architecture"],
                     "endpoints": [ep]}}


eras = {"2025a": era_2025("2025a"), "2025b": era_2025("2025b"),
        "2026a": era_2026("2026a"), "2026b": era_2026("2026b")}
layouts = {"indent2": {"indent": 2}, "indent4": {"indent": 4},
           "minified": {"separators": (",", ":")}}
for era, ms in eras.items():
    env = {"data": ms}
    if era == "2026b":
        env["total_count"] = len(ms)
        env["links"] = {"next": None}
    keys = sorted({key_of(m) for m in ms})
    assert len(keys) == len(ms), era
    with open(os.path.join(out, era + ".keys"), "w") as f:
        f.write("".join(k + "\n" for k in keys))
    for name, kw in layouts.items():
        d = os.path.join(out, era + "-" + name)
        os.makedirs(d)
        with open(os.path.join(d, "models.json"), "w") as f:
            json.dump(env, f, **kw)
        for m in ms:
            if m["id"].startswith("gamma/"):
                p = os.path.join(d, m["id"].replace("/", "-") + ".json")
                with open(p, "w") as f:
                    json.dump(media_endpoints(m), f, **kw)
PY
python3 "$T/gen.py" "$T" || fail "generator failed"

for dir in "$T"/20*-*/; do
	dir=${dir%/}
	case_name=$(basename "$dir")
	era=${case_name%%-*}
	DB="$T/$case_name.db"
	run 0 "$ORBROWSE" --db "$DB" import "$dir"
	contains "$T/out" "run 1: ok" "$case_name: run ok"
	[ ! -s "$T/err" ] || { cat "$T/err" >&2; fail "$case_name: import printed to stderr"; }
	run 0 "$ORBROWSE" --db "$DB" runs --json
	eq "$(python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))[0]; print(r["status"], r["warnings"], r["error_count"])' "$T/out")" \
	    "ok 0 0" "$case_name: runs --json says ok, no warning, no error"
	nkeys=$(wc -l <"$T/$era.keys" | tr -d ' ')
	eq "$(sql "$DB" 'SELECT COUNT(*) FROM model')" "$nkeys" "$case_name: every model stored"
	eq "$(sql "$DB" "SELECT COUNT(*) FROM model_snapshot WHERE kind = 'v1'")" "$nkeys" "$case_name: one v1 snapshot per model"
	sql "$DB" 'SELECT model_key FROM model ORDER BY model_key' >"$T/got.keys"
	sort "$T/$era.keys" >"$T/want.keys"
	sort "$T/got.keys" | cmp -s - "$T/want.keys" ||
	    { diff "$T/want.keys" "$T/got.keys" >&2; fail "$case_name: model keys differ"; }
	ok "$case_name: the expected model keys"
	eq "$(sql "$DB" "SELECT COUNT(*) FROM model WHERE name IS NULL OR name = ''")" 0 "$case_name: every model named"
	sql "$DB" 'SELECT hash FROM blob ORDER BY hash' >"$T/$case_name.blobs"
	case $era in
	2026*)
		# The media models: context unknown (0 or null), stored as NULL.
		eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint')" 2 "$case_name: media endpoints stored"
		eq "$(sql "$DB" "SELECT group_concat(model_key || '=' || ifnull(context_length, 'NULL') || '/' || ifnull(max_output, 'NULL'), ' ') FROM (SELECT * FROM endpoint ORDER BY model_key)")" \
		    "gamma/image-4-20250601=NULL/NULL gamma/video-5-20250601=NULL/NULL" \
		    "$case_name: unknown context stored as NULL, not 0"
		;;
	esac
	run 0 "$ORBROWSE" --db "$DB" show acme/chat-1
	contains "$T/out" '"acme/chat-1' "$case_name: show finds a model by its v1 id"
	integrity_ok "$DB" "$case_name"
done

# The three layouts of one list are the same canonical objects.
for era in 2025a 2025b 2026a 2026b; do
	cmp -s "$T/$era-indent2.blobs" "$T/$era-indent4.blobs" &&
	    cmp -s "$T/$era-indent2.blobs" "$T/$era-minified.blobs" ||
	    fail "$era: layouts stored different blobs"
	ok "$era: 2-space, 4-space and minified store the same blobs"
done

# Every era into one database, oldest first: later lists add, never warn.
DB="$T/all.db"
for era in 2025a 2025b 2026a 2026b; do
	run 0 "$ORBROWSE" --db "$DB" import "$T/$era-indent2"
done
eq "$(sql "$DB" "SELECT COUNT(*) FROM run_log WHERE status = 'ok' AND warnings = 0")" 4 "all eras in one database: four clean runs"
integrity_ok "$DB" "all eras"
