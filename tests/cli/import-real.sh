#!/bin/sh
# Import of every real capture: exact counts, dedup on re-import, identical
# projections, and the same content pretty or minified.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_shared
need_cmd sqlite3
# The Liquid endpoint of liquid/lfm-7b, read from the capture.
LIQUID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"][0]["id"])' "$REAL/stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json")
DB="$T/real.db"

run 0 "$ORBROWSE" --db "$DB" import "$REAL"
contains "$T/out" "run 1: ok" "first import is run 1, ok"
# The two uptime-hourly captures without an endpoint id in their name are
# skipped with a warning, never attributed to a guessed endpoint.
contains "$T/err" "uptime-hourly-liquid-lfm-7b-endpoint1" "unattributable series reported"

# Counts computed independently from the raw JSON (see the comments).
# 320 + 318 catalogue endpoints, 31 stats-endpoint listings and 5 v1
# endpoints collapse to 362 distinct (endpoint id, model key) listings.
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint')" 362 "endpoint rows"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active = 1')" 362 "all active"
eq "$(sql "$DB" "SELECT COUNT(*) FROM model_snapshot WHERE kind = 'catalogue'")" 432 "catalogue model snapshots"
# v1 entries without canonical_slug (before mid-2025) are mapped to the key
# the catalogue gives their slug, when it gives exactly one: 596 keys.
eq "$(sql "$DB" "SELECT COUNT(*) FROM model_snapshot WHERE kind = 'v1'")" 596 "v1 model snapshots"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint_snapshot')" 362 "endpoint snapshots"
# Distinct canonical objects: catalogue entries, stats-endpoint and v1
# endpoints, v1 models, plus the author (1), the app list (1) and the 56
# frontend providers (tests/cli/import-meta.sh counts those from the JSON).
# A catalogue's featured endpoint lives inside its entry's blob.  An
# endpoint object's model and provider_info are blobs of their own, the
# parts of its split blob (blob_part): 35, 13 of which are objects of the
# 1876 as well (content-addressed, they are stored once).
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob')" 1898 "distinct canonical objects and parts"
eq "$(sql "$DB" 'SELECT COUNT(DISTINCT part_id) FROM blob_part')" 35 "distinct models and providers of endpoints"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob_part WHERE n = -1')" 0 "one import makes no delta (a base is an earlier run's)"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob WHERE id NOT IN (SELECT part_id FROM blob_part) OR hash IN (SELECT hash FROM model_snapshot) OR hash IN (SELECT hash FROM endpoint_snapshot)')" 1876 "distinct canonical objects"
# Samples of the first objects became the database's compression
# dictionary (codec/ztrain.h); the blobs stored after it use it, and the
# whole ones stored before it (the model lists) were compressed again with it when it was
# made (store_blob_recode): no plain gzip blob is left, only the streams
# of split blobs made before it.  Every blob, checked here with Python's
# own zlib: it inflates (with the dictionary its zlib header names) to
# bytes whose SHA-256 is its hash.
eq "$(sql "$DB" 'SELECT COUNT(*) FROM zdict')" 1 "one compression dictionary"
python3 - "$DB" <<'PY' || fail "blobs do not all inflate to their hash"
import hashlib, sqlite3, sys, zlib
db = sqlite3.connect(sys.argv[1])
dicts = {i: bytes(d) for i, d in db.execute("SELECT id, data FROM zdict")}
n = {"gzip": 0, "zdict": 0, "zsplit": 0}
def stream(data):
    if data[0] == 0x1f:
        return zlib.decompress(data, 31)
    assert data[0] == 0x78 and data[1] & 0x20
    z = zlib.decompressobj(15, zdict=dicts[int.from_bytes(data[2:6], "big")])
    return z.decompress(data) + z.flush()
def split(bid, data):
    # codec/zblob.h: version 1, n parts, n LEB128 places, the skeleton.
    assert data[0] == 1 and data[1] in (1, 2), data[:2]
    i, at = 2, []
    for _ in range(data[1]):
        v = s = 0
        while True:
            v |= (data[i] & 0x7f) << s
            s += 7
            i += 1
            if not data[i - 1] & 0x80:
                break
        at.append(v)
    skel, out, frm = stream(data[i:]), b"", 0
    parts = db.execute("SELECT b.data FROM blob_part p JOIN blob b ON b.id = p.part_id WHERE p.blob_id = ? ORDER BY p.n", (bid,)).fetchall()
    assert len(parts) == len(at)
    for a, (d,) in zip(at, parts):
        out += skel[frm:a] + stream(bytes(d))
        frm = a
    return out + skel[frm:]
for bid, h, codec, raw_len, data in db.execute("SELECT id, hash, codec, raw_len, data FROM blob").fetchall():
    data = bytes(data)
    raw = split(bid, data) if codec == "zsplit" else stream(data)
    assert codec in n and (codec == "gzip") == (data[0] == 0x1f), codec
    assert hashlib.sha256(raw).digest() == h and len(raw) == raw_len, h
    n[codec] += 1
assert n["zdict"] > 0 and n["gzip"] == 0 and n["zsplit"] > 0, n
PY
ok "every blob inflates to its hash, gzip and dictionary ones"
# 2 comparisons x 32 points, 5 uptime-recent points, 4 x 73 hourly - nulls.
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint_metric')" 344 "metric points"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint_metric WHERE bucket = 'hour'")" 275 "hourly points"
eq "$(sql "$DB" "SELECT status || ' ' || endpoints_done || ' ' || blobs_new || ' ' || requests FROM run_log WHERE id = 1")" \
    "ok 674 1898 24" "run 1 counters"
# The same endpoint id listed under two models keeps both listings.
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE endpoint_id = '1c9b8776-e266-4efb-b5ba-19a6753e7736'")" 2 "shared endpoint id keeps both listings"
# Field values against the raw JSON.
eq "$(sql "$DB" "SELECT provider_slug || ' ' || price_prompt || ' ' || p50_latency_ms || ' ' || request_count || ' ' || training FROM endpoint WHERE endpoint_id = '$LIQUID'")" \
    "liquid 1.0e-08 777.0 197860 0" "liquid endpoint projection"
eq "$(sql "$DB" "SELECT round(uptime, 4) FROM endpoint WHERE endpoint_id = '$LIQUID'")" "99.9332" "uptime from uptime-recent"
eq "$(sql "$DB" "SELECT quantization || ' ' || status FROM endpoint WHERE provider_slug = 'deepseek/fp8'")" "fp8 -3" "deepseek status -3"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE endpoint_id LIKE 'v1:%' AND model_key = 'qwen/qwen3-235b-a22b-thinking-2507'")" 5 "v1 endpoints under the model key"

# Every column, the run columns last (later versions add columns).
cols=$(sql "$DB" "SELECT group_concat(name, ', ') FROM pragma_table_info('endpoint') WHERE name NOT IN ('first_run_id', 'last_run_id', 'active', 'listing', 'listed_uptime')")
proj="SELECT $cols, first_run_id, last_run_id, active, listing, listed_uptime FROM endpoint ORDER BY endpoint_id, model_key"
sql "$DB" "$proj" >"$T/proj1"
run 0 "$ORBROWSE" --db "$DB" import "$REAL"
contains "$T/out" "run 2: ok" "re-import is a new run"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob')" 1898 "re-import adds no blob"
eq "$(sql "$DB" 'SELECT blobs_new FROM run_log WHERE id = 2')" 0 "run 2 counted no new blob"
# (first_run_id, last_run_id, active, listing, listed_uptime end a row.)
sql "$DB" "$proj" | \
    sed 's/|[0-9]*|2|1|\([^|]*|[^|]*\)$/|RUN|1|\1/' >"$T/proj2"
sed 's/|[0-9]*|1|1|\([^|]*|[^|]*\)$/|RUN|1|\1/' "$T/proj1" >"$T/proj1n"
grep -q '|RUN|1|' "$T/proj2" || fail "re-import rows not normalised"
cmp -s "$T/proj1n" "$T/proj2" || { diff "$T/proj1n" "$T/proj2" | head; fail "projections differ after re-import"; }
ok "re-import gives identical projections"
# Snapshot rows record changes: an identical re-import adds none, and the
# listings as of run 2 are still run 1's.
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint_snapshot WHERE run_id = 2')" 0 "run 2 repeats no unchanged snapshot"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM model_snapshot WHERE run_id = 2')" 0 "run 2 repeats no unchanged model snapshot"
run 0 "$ORBROWSE" --db "$DB" show --run 2 "$(sql "$DB" 'SELECT endpoint_id FROM endpoint LIMIT 1')"
contains "$T/out" '"id"' "show --run 2 finds run 1's snapshot"

# Pretty-printed and minified forms of the same response hash the same.
python3 -c 'import json,sys; json.dump(json.load(open(sys.argv[1])), open(sys.argv[2], "w"), separators=(",", ":"))' \
    "$REAL/stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json" "$T/minified.json" 2>/dev/null ||
    tr -d '\n' <"$REAL/stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json" >"$T/minified.json"
run 0 "$ORBROWSE" --db "$DB" import "$T/minified.json"
eq "$(sql "$DB" 'SELECT blobs_new FROM run_log WHERE id = 3')" 0 "minified form adds no blob"
# Without the envelope: the bare array.
sed -e '1s/^{ *"data": *//' "$T/minified.json" | sed -e 's/}$//' >"$T/bare.json"
run 0 "$ORBROWSE" --db "$DB" import "$T/bare.json"
eq "$(sql "$DB" "SELECT blobs_new || ' ' || endpoints_done FROM run_log WHERE id = 4")" "0 2" "unwrapped form recognised, no blob"
integrity_ok "$DB" "after imports"
