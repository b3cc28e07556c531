#!/bin/sh
# Hostile content (#6): model, provider and description strings with CSI and
# OSC escape sequences, C0 and C1 controls, bidi overrides, noncharacters,
# megabyte strings and keys, nesting 900, 2,000 and 10,000 deep, a
# million-element array, numbers as strings and strings as numbers, invalid
# UTF-8, lone surrogates, NUL and out-of-range numbers (tests/hostile-gen.py
# writes them in OpenRouter's shapes).  Imported, and synced from the
# fixture server (and from a server that sends the exact bytes the fixture
# server cannot carry): every output is clean and bounded, the blobs keep
# every object exactly, a payload jansson refuses is a recorded error that
# costs nothing else, and memory stays bounded.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd python3
need_cmd sqlite3

GEN="$ORBROWSE_SRCDIR/tests/hostile-gen.py"
H="$T/h"
python3 "$GEN" "$H" >"$T/gen.out" 2>&1 || { cat "$T/gen.out"; fail "hostile-gen.py"; }
gen() {
	python3 "$GEN" "$@" >"$T/gen.out" 2>&1 || { cat "$T/gen.out" >&2; fail "$1 ${2:-} ${3:-}"; }
}

# Peak RSS is the program's only under a plain build: ASan's shadow memory
# and quarantine dwarf it.
asan=0
grep -q __asan_init "$ORBROWSE" 2>/dev/null && asan=1

# The target (#19) is 64 MB for any input, and every run here is held to
# it.  The largest tree a payload may cost is the budget of
# codec/json-guard.h (100,000 values, some 20 MB); the million-element
# array is refused before a tree is built, the set's large array (90,000
# numbers, a 4 MB tree) is stored.  `make bench` (its hostile part) gives
# the figures.
RSS_MAX_KB=65536

# rss_run NAME STATUS CMD...: run CMD (stdout $T/out, stderr $T/err), check
# its exit status and, in a plain build, its peak RSS.
rss_run() {
	name=$1
	want=$2
	shift 2
	max=$RSS_MAX_KB
	python3 "$GEN" rss "$T/out" "$T/err" "$@" >"$T/rss" || fail "$name: rss"
	read -r got kb <"$T/rss"
	if [ "$got" != "$want" ]; then
		head -c 2000 "$T/err" >&2
		fail "$name exited $got, expected $want"
	fi
	ok "$name exits $want"
	if [ $asan = 1 ]; then
		echo "# $name: peak RSS not checked under ASan ($kb kB)"
	elif [ "$kb" -gt "$max" ]; then
		fail "$name: peak RSS $kb kB, more than $max kB"
	else
		ok "$name: peak RSS $kb kB (bound $max kB)"
	fi
}

# clean_outputs DB NAME COMMAND...: every output of the read commands is
# clean; tables stay within 150 columns (ls: 48 + 24 + 8 + six numbers of at
# most 9 and the gaps).
clean_outputs() {
	db=$1
	name=$2
	shift 2
	k=0
	files=
	for cmd in "$@"; do
		# shellcheck disable=SC2086
		run 0 "$ORBROWSE" --db "$db" $cmd
		case $cmd in
		*--json*) mode=json ;;
		*--csv*) mode=csv ;;
		*) mode=table ;;
		esac
		k=$((k + 1))
		mv "$T/out" "$T/out.$k"
		mv "$T/err" "$T/err.$k"
		files="$files $mode:$T/out.$k text:$T/err.$k"
	done
	# shellcheck disable=SC2086
	gen check --width 150 $files
	ok "$name: $*: valid UTF-8, no ESC, C0 or C1, no bidi, tables within 150 columns"
}

# ------------------------------------------------------------ import

DB="$T/import.db"
rss_run "import of the hostile set" 0 "$ORBROWSE" --db "$DB" import "$H/set"
gen check text:"$T/out" text:"$T/err"
integrity_ok "$DB" "import"
warnings=$(sql "$DB" 'SELECT warnings FROM run_log WHERE id = 1')
[ "$warnings" -ge 20 ] || fail "only $warnings mistyped fields counted"
ok "mistyped fields are counted as warnings ($warnings), the run is ok"

# Every endpoint listed is projected, the mistyped ones too: the rows with
# each field of the wrong type are there with that field NULL.  Those with
# an id or key over 4096 bytes are refused (never cut: two cut ids could be
# the same), one warning each.
nsent=$(python3 - "$H/set" <<'PY'
import json, os, sys
n = too_long = 0
for f in os.listdir(sys.argv[1]):
    if f.startswith("stats-endpoint"):
        for e in json.load(open(os.path.join(sys.argv[1], f), "rb"))["data"]:
            ids = (e["id"], e["model_variant_permaslug"], e.get("provider_slug"))
            if any(isinstance(s, str) and len(s.encode()) > 4096 for s in ids):
                too_long += 1
            else:
                n += 1
assert too_long > 0, "the hostile set has no over-long id"
print(n)
PY
)
nv1=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1], "rb"))["data"]["endpoints"]))' "$H/set/v1-endpoints-hostile.json")
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint")" "$((nsent + nv1))" "every endpoint listed has a row"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE endpoint_id = 'v1:evil' || char(27) || ']0;PWNED' || char(7) || '/fp8'")" 1 \
    "a v1 endpoint's identity is its tag as sent, escapes and all"
eq "$(sql "$DB" "SELECT quote(context_length) || ',' || quote(price_prompt) || ',' || quote(provider_slug) || ',' || quote(quantization) FROM endpoint WHERE endpoint_id = 'bad00003-0000-4000-8000-000000000001'")" \
    "NULL,1.0e-06,'prov-0001',NULL" "context_length as a string and a numeric quant are NULL, a price as a number is taken, a numeric provider_slug gives way to provider_info's"
# (-2^63 is the projection's NULL encoding, so it reads as unknown.)
eq "$(sql "$DB" "SELECT context_length || ',' || quote(max_output) || ',' || quote(price_completion) || ',' || limit_rpd || ',' || p50_latency_ms FROM endpoint WHERE endpoint_id = 'bad00003-0000-4000-8000-000000000004'")" \
    "9223372036854775807,NULL,0.0,9223372036854775807,1.79769313486232e+308" "extreme numbers are kept as they are"

gen faithful "$ORBROWSE" "$DB" "$H/set"
ok "every endpoint, catalogue and v1 object: blob = the object sent, and show prints it ($(cat "$T/gen.out"))"

run 0 "$ORBROWSE" --db "$DB" ls --all --json
gen rows "$T/out" "$H/set"
ok "ls --json keeps every text value as sent ($(cat "$T/gen.out"))"
python3 - "$T/out" <<'PY' || fail "ls --json lost an escape sequence"
import json, sys
rows = {r["endpoint_id"]: r for r in json.load(open(sys.argv[1], "rb"))}
r = rows["bad00000-0000-4000-8000-000000000001"]
assert r["provider_name"].startswith("Disp\x1b[2J\x1b[H"), r["provider_name"]
assert r["quantization"] == "\x1b[5;31;47mfp8\x1b[0m", r["quantization"]
assert len(rows["bad00002-0000-4000-8000-000000000001"]["provider_name"].encode()) <= 4096
PY
ok "ls --json has the escape sequences as JSON escapes; a 1 MB string is cut to 4096 bytes"

clean_outputs "$DB" "import" "ls" "ls --all" "ls --json" "ls --csv" "runs" \
    "runs --json" "cheapest hostile/escapes" "cheapest hostile/bidi" \
    "cheapest hostile/long" "cheapest hostile/types" \
    "cheapest --json hostile/types" "cheapest hostile/big" \
    "cheapest plain/control"
run 0 "$ORBROWSE" --db "$DB" ls
grep -q '^hostile/escapes  *QWERT   YUIlinkOPASD ' "$T/out" || { cat "$T/out"; fail "the sanitised provider name is not shown"; }
grep -q '9e+18 ' "$T/out" || { cat "$T/out"; fail "2^63 - 1 is not shown short"; }
ok "ls shows what is left of the hostile strings and 2^63 - 1 as 9e+18 (one rule with the UI, util/numfmt.h)"

# A second version: the diffs the UI test shows, stored faithfully too.
run 0 "$ORBROWSE" --db "$DB" import "$H/set2"
gen faithful "$ORBROWSE" "$DB" "$H/set2"
ok "second version stored faithfully"

# ------------------------------------------------------------ refused payloads

# Each of these breaks jansson's rules once.  10,000 levels deep and a
# million-element array (past the budget of codec/json-guard.h), invalid
# UTF-8, a raw control character in
# a string and a bare escape sequence are refused: the import is partial,
# names each file with the reason, and stores the rest (nesting 2,000 deep
# included).  A lone surrogate, \u0000, 1e400 and an integer past 2^63 are
# repaired instead (U+FFFD, null), one warning each, and the rest of their
# response is stored.
before=$(sql "$DB" 'SELECT COUNT(*) FROM endpoint')
rss_run "import of refused payloads" 3 "$ORBROWSE" --db "$DB" import "$H/raw"
gen check text:"$T/out" text:"$T/err"
grep -q "raw-[0-9]*\.json: refused: nested deeper than 2048 levels" "$T/err" ||
    { cat "$T/err"; fail "no clear error for the 10,000-deep payload"; }
grep -q "raw-[0-9]*\.json: refused: more than 100000 values in one element or member" "$T/err" ||
    { cat "$T/err"; fail "no clear error for the million-element array"; }
for why in "unable to decode byte 0xff" "control character 0x1b" \
    "invalid token"; do
	grep -q "raw-[0-9]*\.json: invalid JSON at line 1, column [0-9]*: .*$why" "$T/err" ||
	    { cat "$T/err"; fail "no clear error for '$why'"; }
done
ok "each refused payload is reported with its file and the reason, none echoes a raw escape"
run 0 "$ORBROWSE" --db "$DB" runs --json
gen check json:"$T/out"
python3 - "$T/out" <<'PY' || fail "the refused payloads are not in the run's errors"
import json, sys
run = json.load(open(sys.argv[1], "rb"))[0]
assert run["status"] == "partial", run["status"]
assert run["error_count"] == 5, run["error_count"]
assert run["warnings"] >= 4, run["warnings"]
for why in ("nested deeper than 2048 levels", "unable to decode byte 0xff",
            "more than 100000 values in one element or member",
            "control character 0x1b", "invalid token"):
    # errors is a list of messages (runs --json), one per refused file.
    assert any(why in e for e in run["errors"]), why
# The repairs are listed among the warnings, naming the file.
assert any("repaired" in w for w in run["warning_texts"]), run["warning_texts"]
PY
ok "the run is partial, its errors record every refused payload, the repairs are warnings"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE model_key IN ('raw/plain', 'raw/deep2000')")" 2 \
    "the other models of the run are stored (nesting 2,000 deep included)"
eq "$(sql "$DB" "SELECT group_concat(model_key || '=' || quote(provider_name), ' ') FROM (SELECT model_key, provider_name FROM endpoint WHERE model_key IN ('raw/lone-surrogate', 'raw/nul', 'raw/bignum', 'raw/bigint') ORDER BY 1)")" \
    "raw/bigint=NULL raw/bignum=NULL raw/lone-surrogate='lone � and ��' raw/nul='nul � inside'" \
    "repaired payloads are stored: lone surrogates and NUL as U+FFFD, numbers out of range as null"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE model_key LIKE 'raw/%'")" 6 \
    "nothing of a refused payload is stored"
gen faithful "$ORBROWSE" "$DB" "$H/raw"
ok "the 2,000-deep object is stored and shown faithfully"
[ "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint')" -gt "$before" ] || fail "nothing stored"
integrity_ok "$DB" "refused payloads"

# A file larger than the limit (sparse: nothing is written) is refused
# before it is read; the others are stored.
mkdir -p "$T/big"
cp "$H/raw/raw-00.json" "$T/big/plain.json"
truncate -s 65M "$T/big/huge.json" 2>/dev/null || dd if=/dev/zero of="$T/big/huge.json" bs=1 count=0 seek=65M 2>/dev/null
rss_run "import with a 65 MB file" 3 "$ORBROWSE" --db "$T/big.db" import "$T/big"
contains "$T/err" "huge.json: file too large (68157440 bytes, the limit is 67108864)" "a too large file is refused with its size and the limit"
eq "$(sql "$T/big.db" "SELECT COUNT(*) FROM endpoint WHERE model_key = 'raw/plain'")" 1 \
    "the other file of the run is stored"

# A 64 MB file of numbers, just under the size limit: refused while it is
# read, once it has more values than any list may (before it is all in
# memory, and long before a tree), within the 64 MB bound.
mkdir -p "$T/num"
cp "$H/raw/raw-00.json" "$T/num/plain.json"
gen numbers "$T/num/stats-endpoint-0000.json"
rss_run "import of a 64 MB file of numbers" 3 "$ORBROWSE" --db "$T/num.db" import "$T/num"
contains "$T/err" "stats-endpoint-0000.json: refused: more than 8000000 values in one document" \
    "the file of numbers is refused, named, with the reason"
eq "$(sql "$T/num.db" "SELECT COUNT(*) FROM endpoint WHERE model_key = 'raw/plain'")" 1 \
    "the other file of the run is stored"

# ------------------------------------------------------------ sync

# hostile/v1-tags is only in the documented per-model route: its frontend
# listing fails, so the sync takes the v1 fallback (and is partial).
echo '[{"match": "permaslug=hostile%2Fv1-tags&", "fault": "500"}]' >"$T/fx.faults"
start_server fx --dir "$H/set"
rss_run "sync of the hostile set" 3 "$ORBROWSE" --db "$T/sync.db" sync --base-url "$URL"
gen check text:"$T/out" text:"$T/err"
integrity_ok "$T/sync.db" "sync"
eq "$(requests_matching "$T/fx.log" '/api/v1/models/hostile/v1-tags/endpoints')" 1 \
    "the v1 fallback fetched the hostile tags"
contains "$T/err" "hostile/v1-tags: HTTP status 500" "the failed listing is recorded"
# The import database has a second version by now: compare with a fresh one.
run 0 "$ORBROWSE" --db "$T/import1.db" import "$H/set"
[ "$(projection "$T/import1.db")" = "$(projection "$T/sync.db")" ] ||
    fail "the sync's projection differs from the import's"
ok "sync and import of the hostile set give the same projection"
gen faithful --blobs "$ORBROWSE" "$T/sync.db" "$H/set"
ok "synced objects are stored faithfully ($(cat "$T/gen.out"))"
# The hostile model key went out URL-encoded and came back.
[ "$(requests_matching "$T/fx.log" 'permaslug=hostile%2Fkey%1B%5D0%3BPWNED%07')" = 1 ] ||
    fail "the hostile model key was not requested, encoded, once"
ok "a model key with escape sequences is requested percent-encoded"
# (The projection is the import's: the sync's own output is its run.)
clean_outputs "$T/sync.db" "sync" "ls" "runs" "runs --json"
# With metric series asked for, a model waits for more responses after its
# listing: a large listing's tree is dropped meanwhile and parsed again
# when the model is written (src/sync/sync-model.c), which must store the
# same, within 64 MB (it was 70-90 MB while a million-element array was
# accepted).
rss_run "sync --metrics of the hostile set" 3 "$ORBROWSE" --db "$T/sync-m.db" sync --base-url "$URL" --metrics
integrity_ok "$T/sync-m.db" "sync --metrics"
[ "$(projection "$T/sync-m.db")" = "$(projection "$T/sync.db")" ] ||
    fail "the sync with metrics stored another projection"
ok "a large listing parsed again gives the same projection"
gen faithful --blobs "$ORBROWSE" "$T/sync-m.db" "$H/set"
ok "objects of listings parsed again are stored faithfully"
stop_server fx

# The refused payloads over HTTP, byte for byte: the run is partial, each
# model's reason is recorded, the rest is stored.
rm -f "$T/raw.port"
python3 "$GEN" serve --dir "$H/raw" --port-file "$T/raw.port" --log "$T/raw.log" >"$T/raw.out" 2>&1 &
echo $! >"$T/raw.pid"
i=0
while [ ! -s "$T/raw.port" ]; do
	i=$((i + 1))
	[ $i -lt 300 ] || { cat "$T/raw.out" >&2; fail "the raw server did not start"; }
	sleep 0.05
done
rss_run "sync of refused payloads" 3 "$ORBROWSE" --db "$T/raw.db" sync \
    --base-url "http://127.0.0.1:$(cat "$T/raw.port")"
gen check text:"$T/out" text:"$T/err"
run 0 "$ORBROWSE" --db "$T/raw.db" runs --json
gen check json:"$T/out"
python3 - "$T/out" <<'PY' || fail "the sync's errors do not record every refused model"
import json, sys
run = json.load(open(sys.argv[1], "rb"))[0]
assert run["status"] == "partial", run["status"]
for key, why in (("raw/deep10000", "nested deeper than 2048 levels"),
                 ("raw/invalid-utf8", "unable to decode byte 0xff"),
                 ("raw/raw-control", "control character 0x1b"),
                 ("raw/bare-escape", "invalid token"),
                 ("raw/million", "more than 100000 values in one document")):
    line = [l for l in run["errors"] if l.startswith(key + ":")]
    assert line and why in line[0], (key, why, run["errors"][:20])
assert run["error_count"] == 5, run["error_count"]
assert run["warnings"] >= 4, run["warnings"]
PY
ok "sync: every refused model's reason is recorded, the repairs are warnings, the run is partial"
eq "$(sql "$T/raw.db" "SELECT group_concat(model_key) FROM (SELECT model_key FROM endpoint ORDER BY 1)")" \
    "raw/bigint,raw/bignum,raw/deep2000,raw/lone-surrogate,raw/nul,raw/plain" \
    "sync: the other models and the repaired ones are stored, nothing of the refused ones"
gen faithful --blobs "$ORBROWSE" "$T/raw.db" "$H/raw"
ok "sync: the 2,000-deep object is stored faithfully"
integrity_ok "$T/raw.db" "sync of refused payloads"
kill "$(cat "$T/raw.pid")" 2>/dev/null
wait "$(cat "$T/raw.pid")" 2>/dev/null

# A 64 MB response of numbers in place of raw/plain's listing: the
# transfer stops once the body has more values than any list may, the
# model's error names the URL, the rest is stored, within 64 MB.
mkdir -p "$T/numraw"
cp "$H/raw/"* "$T/numraw/"
gen numbers "$T/numraw/raw-00.json"
rm -f "$T/raw.port"
python3 "$GEN" serve --dir "$T/numraw" --port-file "$T/raw.port" --log "$T/numraw.log" >"$T/raw.out" 2>&1 &
echo $! >"$T/raw.pid"
i=0
while [ ! -s "$T/raw.port" ]; do
	i=$((i + 1))
	[ $i -lt 300 ] || { cat "$T/raw.out" >&2; fail "the raw server did not start"; }
	sleep 0.05
done
rss_run "sync of a 64 MB response of numbers" 3 "$ORBROWSE" --db "$T/num-sync.db" sync \
    --base-url "http://127.0.0.1:$(cat "$T/raw.port")"
run 0 "$ORBROWSE" --db "$T/num-sync.db" runs --json
python3 - "$T/out" <<'PY' || fail "no clear error naming the URL of the response of numbers"
import json, re, sys
run = json.load(open(sys.argv[1], "rb"))[0]
assert run["status"] == "partial", run["status"]
assert any(re.match(r"raw/plain: refused: more than 8000000 values in one "
                    r"document \(http://127\.0\.0\.1:\d+/api/frontend/stats/"
                    r"endpoint\?permaslug=raw%2Fplain&", e)
           for e in run["errors"]), run["errors"]
PY
ok "the response of numbers is refused, its URL named, with the reason"
eq "$(sql "$T/num-sync.db" "SELECT group_concat(model_key) FROM (SELECT model_key FROM endpoint ORDER BY 1)")" \
    "raw/bigint,raw/bignum,raw/deep2000,raw/lone-surrogate,raw/nul" \
    "sync: the other models are stored"
kill "$(cat "$T/raw.pid")" 2>/dev/null
