#!/bin/sh
# Providers and the endpoints' 2026 fields, end to end: a sync from the
# fixture server in the 2026 shape (the provider list, v1 endpoint lists
# with region tags, percentile objects in seconds and in milliseconds,
# uptime_last_5m/1d, status, discount, a router's empty list) stores what
# was served -- checked against values computed here from the served JSON;
# `orbrowse providers` and `ls` show it; a failing provider list makes the
# run partial and tombstones nothing; `import` takes a provider list.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 11 12

# The 2026 additions to the data set: a provider list for the demo's
# providers (datacenters null, [] or codes, a headquarters null, one code
# in lower case), and a router model with no endpoint list.
python3 - "$T/set" <<'PY'
import glob, json, os, sys
d = sys.argv[1]
slugs = set()
for f in glob.glob(os.path.join(d, "stats-endpoint-*.json")):
    data = json.load(open(f))
    data = data.get("data", data) if isinstance(data, dict) else data
    for e in data:
        info = e.get("provider_info") or {}
        slugs.add(info.get("slug") or e["provider_slug"].split("/")[0])
dcs = [None, [], ["US"], ["us", "DE"], ["SG", "JP", "US"]]
out = []
for i, s in enumerate(sorted(slugs)):
    out.append({"name": s.replace("-", " ").title() + " Inc.", "slug": s,
                "privacy_policy_url": "https://%s.example/privacy" % s,
                "terms_of_service_url": None if i % 4 == 3 else
                "https://%s.example/terms" % s,
                "status_page_url": None if i % 2 else
                "https://status.%s.example/" % s,
                "headquarters": None if i % 5 == 1 else ["US", "FR", "DE"][i % 3],
                "datacenters": dcs[i % len(dcs)]})
json.dump({"data": out}, open(os.path.join(d, "providers.json"), "w"), indent=4)
v1 = json.load(open(os.path.join(d, "v1-models.json")))
models = v1["data"] if isinstance(v1, dict) else v1
models.append({"id": "openrouter/auto", "canonical_slug": "openrouter/auto",
               "name": "Auto Router", "created": 1700000000,
               "context_length": 2000000,
               "architecture": {"input_modalities": ["text"],
                                "output_modalities": ["text"]},
               "pricing": {"prompt": "-1", "completion": "-1"}})
json.dump({"data": models}, open(os.path.join(d, "v1-models.json"), "w"))
PY

export OPENROUTER_API_KEY=sk-or-v1-providers-test
# Only the documented routes: no frontend catalogue to miss.
mkdir -p "$HOME/.config/orbrowse"
printf 'rate = 0\nbackoff.base_ms = 20\nroute.order = v1\n' >"$HOME/.config/orbrowse/config"
start_server s --dir "$T/set" --family v1 --v1-2026 --v1-endpoints-2026
DB="$T/p.db"
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
eq "$(sql "$DB" "SELECT status || ' ' || COALESCE(errors, '-') FROM run_log WHERE id = 1")" \
   "ok -" "the 2026 sync is complete, with no error (the router's empty list is none)"
[ "$(requests_matching "$T/s.log" '/api/v1/providers')" = 1 ] ||
	fail "the provider list was not requested once"
ok "the provider list was requested once"
nl=$(grep -c '"path": *"/api/v1/models/[^"]*/endpoints"' "$T/s.log")
eq "$(grep '"path": *"/api/v1/models/[^"]*/endpoints"' "$T/s.log" |
    grep -c '"authorization": *"Bearer sk-or-v1-providers-test"')" "$nl" \
    "the v1 listings carried the key"
grep -q '"path": *"/api/v1/models/openrouter/auto/endpoints".*"status": *200' "$T/s.log" ||
	fail "the router's listing was not asked for, or not answered 200"
ok "the router's listing answered 200"

# What was served, fetched again with the key (the percentiles are only
# there with it), and what the store must hold, computed here.
python3 - "$URL" "$T/want" <<'PY'
import json, sys, urllib.request
url = sys.argv[1]
def get(path):
    req = urllib.request.Request(url + path, headers={
        "Authorization": "Bearer sk-or-v1-providers-test"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)["data"]
QUANTS = {"fp4", "fp6", "fp8", "fp16", "fp32", "bf16", "int4", "int8",
          "unknown"}
def num(v):
    return "" if v is None else repr(float(v))
def latency(obj):
    # The documented rule: every percentile below 100 -> seconds.
    if obj is None:
        return [None] * 4
    vals = [obj.get(k) for k in ("p50", "p75", "p90", "p99")]
    given = [v for v in vals if v is not None]
    scale = 1000 if given and all(v < 100 for v in given) else 1
    return [None if v is None else v * scale for v in vals]
rows, counts, seconds = [], {}, 0
for m in get("/api/v1/models?output_modalities=all"):
    for e in get("/api/v1/models/%s/endpoints" % m["id"])["endpoints"]:
        tag = e["tag"]
        base, _, suffix = tag.partition("/")
        counts[base] = counts.get(base, 0) + 1
        q = e.get("quantization")
        region = suffix if suffix and suffix.lower() not in QUANTS and \
            suffix != q else None
        lat = latency(e["latency_last_30m"])
        if e["latency_last_30m"] and e["latency_last_30m"]["p99"] < 100:
            seconds += 1
        tps = [e["throughput_last_30m"][k] if e["throughput_last_30m"] else
               None for k in ("p50", "p75", "p90", "p99")]
        rows.append("|".join(["v1:" + tag, region or "", num(e["uptime_last_30m"]),
                              num(e["uptime_last_5m"]), num(e["uptime_last_1d"]),
                              str(int(e["supports_implicit_caching"])),
                              str(e["max_prompt_tokens"] or ""),
                              *[num(v) for v in lat], *[num(v) for v in tps],
                              str(e["status"]), num(e["pricing"]["discount"])]))
assert seconds > 0, "no listing gave its latency in seconds"
assert len(rows) > 10, rows
open(sys.argv[2] + ".rows", "w").write("\n".join(sorted(rows)) + "\n")
provs = get("/api/v1/providers")
out = []
for p in provs:
    dc = p["datacenters"]
    out.append({"name": p["name"], "slug": p["slug"],
                "privacy_policy_url": p["privacy_policy_url"],
                "terms_of_service_url": p["terms_of_service_url"],
                "status_page_url": p["status_page_url"],
                "headquarters": p["headquarters"],
                "datacenters": None if dc is None else [c.upper() for c in dc],
                "endpoints": counts.get(p["slug"], 0)})
json.dump(out, open(sys.argv[2] + ".providers", "w"), sort_keys=True, indent=1)
hq = {}
for p in provs:
    if p["headquarters"]:
        hq.setdefault(p["headquarters"], 0)
        hq[p["headquarters"]] += counts.get(p["slug"], 0)
open(sys.argv[2] + ".hq", "w").write("%d\n" % hq.get("FR", 0))
PY
[ -s "$T/want.rows" ] || fail "nothing computed from the served lists"

# (A median equal to the stats' is x'': schema 21, store-endpoints.c.)
sqlite3 -separator '|' "$DB" "SELECT endpoint_id, COALESCE(region, ''),
    COALESCE(uptime, ''), COALESCE(uptime_5m, ''), COALESCE(uptime_1d, ''),
    implicit_caching, COALESCE(max_prompt_tokens, ''),
    COALESCE(CASE WHEN typeof(latency_p50_ms) = 'blob' THEN p50_latency_ms
        ELSE latency_p50_ms END, ''), COALESCE(latency_p75_ms, ''),
    COALESCE(latency_p90_ms, ''), COALESCE(latency_p99_ms, ''),
    COALESCE(CASE WHEN typeof(throughput_p50) = 'blob' THEN p50_throughput
        ELSE throughput_p50 END, ''), COALESCE(throughput_p75, ''),
    COALESCE(throughput_p90, ''), COALESCE(throughput_p99, ''),
    status, COALESCE(discount, '') FROM endpoint WHERE active" |
python3 -c '
import sys
def norm(cell):
    try:
        return repr(round(float(cell), 6)) if "." in cell or "e" in cell else cell
    except ValueError:
        return cell
rows = []
for line in sys.stdin:
    rows.append("|".join(norm(c) for c in line.rstrip("\n").split("|")))
print("\n".join(sorted(rows)))' >"$T/got.rows"
python3 -c '
import sys
def norm(cell):
    try:
        return repr(round(float(cell), 6)) if "." in cell or "e" in cell else cell
    except ValueError:
        return cell
for line in open(sys.argv[1]):
    print("|".join(norm(c) for c in line.rstrip("\n").split("|")))' "$T/want.rows" >"$T/want.norm"
if ! cmp -s "$T/want.norm" "$T/got.rows"; then
	diff "$T/want.norm" "$T/got.rows" | head -10 >&2
	fail "the stored endpoints differ from what was served"
fi
ok "every endpoint's 2026 fields are what was served ($(wc -l <"$T/got.rows" | tr -d ' ') endpoints; latency in ms)"
[ "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE region IN ('us-east-1', 'global', 'turbo', 'eu-west-1')")" -gt 0 ] ||
	fail "no region tag in the data"
ok "region tags were served and stored"

# orbrowse providers --json: the served list, with counts computed here.
run 0 "$ORBROWSE" --db "$DB" providers --json
python3 - "$T/out" "$T/want.providers" <<'PY' || fail "providers --json differs from the served list"
import json, sys
got = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))
keys = ("name", "slug", "privacy_policy_url", "terms_of_service_url",
        "status_page_url", "headquarters", "datacenters", "endpoints")
got = [{k: g[k] for k in keys} for g in got]
assert sorted(got, key=lambda p: p["slug"]) == \
    sorted(want, key=lambda p: p["slug"]), (got, want)
PY
ok "providers --json is the served list with its endpoint counts"
run 0 "$ORBROWSE" --db "$DB" providers --csv
eq "$(head -n 1 "$T/out" | tr -d '\r')" \
   "name,slug,privacy_policy_url,terms_of_service_url,status_page_url,headquarters,datacenters,endpoints,training,retains_prompts,provider_region" \
   "providers --csv header"
eq "$(($(wc -l <"$T/out") - 1))" "$(sql "$DB" 'SELECT COUNT(*) FROM provider')" "providers --csv rows"
run 0 "$ORBROWSE" --db "$DB" providers 'dc:de'
eq "$(($(wc -l <"$T/out") - 1))" \
   "$(sql "$DB" "SELECT COUNT(*) FROM provider WHERE ',' || datacenters || ',' LIKE '%,DE,%'")" \
   "providers dc:de"
run 0 "$ORBROWSE" --db "$DB" providers 'hq:zz'
eq "$(cat "$T/out")" "" "no provider in ZZ: nothing on stdout"
contains "$T/err" "providers: no providers match" "no provider in ZZ: said on stderr"

# ls: hq: through the endpoint's provider; the new keys in --json.
run 0 "$ORBROWSE" --db "$DB" ls --csv hq:fr
eq "$(($(wc -l <"$T/out") - 1))" "$(cat "$T/want.hq")" "ls hq:fr counts the endpoints of French providers"
run 0 "$ORBROWSE" --db "$DB" ls --json
python3 - "$T/out" <<'PY' || fail "ls --json lacks the 2026 keys"
import json, sys
rows = json.load(open(sys.argv[1]))
keys = ["uptime_5m", "uptime_1d", "implicit_caching", "max_prompt_tokens",
        "latency_p50_ms", "latency_p75_ms", "latency_p90_ms", "latency_p99_ms",
        "throughput_p50", "throughput_p75", "throughput_p90", "throughput_p99",
        "region"]
assert rows and all(all(k in r for k in keys) for r in rows)
assert any(r["region"] for r in rows)
assert any(r["latency_p99_ms"] for r in rows)
PY
ok "ls --json has the 2026 keys"
# The PROVIDER column shows the region beside the name.
r=$(sql "$DB" "SELECT provider_name || ' ' || region FROM endpoint WHERE region IS NOT NULL ORDER BY model_key LIMIT 1")
run 0 "$ORBROWSE" --db "$DB" ls
contains "$T/out" "$r" "ls shows the provider with its region"

# A failing provider list: the run is partial and tombstones nothing, even
# though a model went away.  The same data without the fault tombstones it
# (so the check above can fail).
python3 - "$T/set" "$T/set2" <<'PY'
import json, os, shutil, sys
shutil.copytree(sys.argv[1], sys.argv[2])
p = os.path.join(sys.argv[2], "v1-models.json")
d = json.load(open(p))
d["data"] = d["data"][1:]
json.dump(d, open(p, "w"))
PY
stop_server s
start_server f --dir "$T/set2" --family v1 --v1-2026 --v1-endpoints-2026
printf '[{"match": "^/api/v1/providers", "fault": "500"}]\n' >"$T/f.faults"
active=$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active')
run 3 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
eq "$(sql "$DB" "SELECT status || ' ' || (errors LIKE '%providers%500%') FROM run_log WHERE id = 2")" \
   "partial 1" "a failing provider list: partial, recorded on the run"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active')" "$active" "and nothing was tombstoned"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM provider WHERE listed_run_id = 1')" \
   "$(sql "$DB" 'SELECT COUNT(*) FROM provider WHERE listed_run_id IS NOT NULL')" \
   "the providers stored before stand"
printf '[]\n' >"$T/f.faults"
sleep 1
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
eq "$(sql "$DB" 'SELECT status FROM run_log WHERE id = 3')" ok "the same without the fault: ok"
[ "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active')" -lt "$active" ] ||
	fail "the complete run tombstoned nothing (the partial check proves nothing)"
ok "the complete run tombstones the model that went away"
unset OPENROUTER_API_KEY

# import: the provider list as captured (2026 shape, 4-space indent), into
# a new database; the same file again stores no new blob.
I="$T/import.db"
run 0 "$ORBROWSE" --db "$I" import "$T/set/providers.json"
eq "$(sql "$I" 'SELECT COUNT(*) FROM provider')" \
   "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["data"]))' "$T/set/providers.json")" \
   "every provider of the list imported"
eq "$(sql "$I" "SELECT COUNT(*) FROM model_snapshot WHERE kind = 'provider'")" \
   "$(sql "$I" 'SELECT COUNT(*) FROM provider')" "one snapshot row per provider"
eq "$(sql "$I" "SELECT COUNT(*) FROM provider WHERE datacenters = ''")" \
   "$(python3 -c 'import json,sys; print(sum(p["datacenters"] == [] for p in json.load(open(sys.argv[1]))["data"]))' "$T/set/providers.json")" \
   "an empty datacenter list is kept apart from null"
run 0 "$ORBROWSE" --db "$I" import "$T/set/providers.json"
eq "$(sql "$I" 'SELECT blobs_new FROM run_log WHERE id = 2')" 0 "the same list again: no new blob"
eq "$(sql "$I" 'SELECT warnings FROM run_log WHERE id = 1')" 0 "no warning for the 2026 shape"
