#!/bin/sh
# The blobs stored before a database has its compression dictionary are
# compressed again with it once it is made (whole ones, and the skeletons
# of split ones), and shrink where they are: the database is packed right
# then (VACUUM), or those pages would stay half empty for good.  A first
# import and a first sync leave no gzip stream a dictionary would make
# smaller, the blob table with little unused room, and the database whole:
# every endpoint reads back under its hash.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3
sqlite3 -batch :memory: 'SELECT COUNT(*) FROM dbstat' >/dev/null 2>&1 ||
    skip "this sqlite3 has no dbstat table"

# unused DB NAME [few]: the blob table's unused bytes, in percent of its
# pages (not of a table of a few pages: few), and its streams.
unused() {
	eq "$(sql "$1" 'SELECT COUNT(*) FROM zdict')" 1 "$2: a dictionary"
	pct=$(sql "$1" "SELECT 100 * SUM(unused) / SUM(pgsize) FROM dbstat
	    WHERE name = 'blob'")
	[ "$pct" -lt 15 ] || [ "${3:-}" = few ] ||
	    fail "$2: $pct% of the blob table unused"
	ok "$2: $pct% of the blob table unused"
	integrity_ok "$1" "$2"
	# A split blob's header: version, n, n LEB128 numbers; then its
	# stream, gzip (1f 8b) without a dictionary.
	n=$(python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
n = 0
for codec, d in db.execute("SELECT codec, data FROM blob"):
    i = 0
    if codec == "zsplit":
        if d[0] != 1:
            continue
        i = 2
        for _ in range(d[1]):
            while d[i] & 0x80:
                i += 1
            i += 1
    elif codec != "gzip":
        continue
    n += d[i:i + 2] == b"\x1f\x8b"
print(n)
PY
)
	eq "$n" 0 "$2: no gzip stream left"
	# The dictionary is samples of several models' endpoints, and of the
	# models themselves (codec/ztrain.h), not the first model's alone.
	python3 - "$1" <<'PY' || fail "$2: the dictionary's samples"
import re, sqlite3, sys
db = sqlite3.connect("file:%s?mode=ro" % sys.argv[1], uri=True)
d = db.execute("SELECT data FROM zdict").fetchone()[0].decode("utf-8",
                                                             "replace")
slugs = set(re.findall(r'"model_variant_slug":"([^"]+)"', d))
assert len(slugs) >= 3, slugs
assert '"short_name":' in d, "no model object's sample"
PY
	ok "$2: the dictionary samples several models and their objects"
	for row in $(sql "$1" "SELECT endpoint_id || ',' || model_key
	    FROM endpoint ORDER BY id LIMIT 40"); do
		"$ORBROWSE" --db "$1" show --model "${row#*,}" "${row%%,*}" \
		    >/dev/null 2>"$T/err" || { cat "$T/err" >&2;
		    fail "$2: show ${row%%,*}"; }
	done
	ok "$2: the first endpoints read back"
}

demo_files "$T/e0" 31 60
"$ORBROWSE" demo --out "$T/e1" --seed 31 --models 60 --epoch 1 >/dev/null ||
    fail "demo --out --epoch 1"

DB="$T/import.db"
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/e0"
unused "$DB" "first import"

# A first import too small to fill the pool (its JSON is less than the
# 256 KB of endpoints the pool holds) gets its dictionary at its end, in
# the transaction that ends it; what it says it stored is what the run
# log holds, the dictionary and the recompressed blobs counted.
demo_files "$T/small" 7 8
SMALL="$T/small.db"
run 0 "$ORBROWSE" --db "$SMALL" import "$T/small"
raw=$(sql "$SMALL" "SELECT bytes_raw FROM run_log")
[ "$raw" -lt 262144 ] || fail "the small import read $raw bytes"
eq "$(sql "$SMALL" "SELECT COUNT(*) FROM zdict WHERE created_run = 1")" 1 \
    "small import: a dictionary made by its run"
gz=$(sql "$SMALL" "SELECT bytes_gz FROM run_log")
eq "$(grep -o '[0-9.]* kB compressed' "$T/out")" \
    "$(awk -v b="$gz" 'BEGIN { printf "%.1f kB compressed", b / 1e3 }')" \
    "small import: the compressed size it says is the run log's"
[ "$gz" -ge "$(sql "$SMALL" "SELECT length(data) FROM zdict")" ] ||
    fail "small import: $gz bytes stored, less than its dictionary"
unused "$SMALL" "small import" few
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/e1"
integrity_ok "$DB" "second import"
run 0 "$ORBROWSE" --db "$DB" ls --json
n=$(grep -c '"endpoint_id"' "$T/out")
[ "$n" -gt 100 ] || fail "only $n endpoints listed"
ok "$n endpoints listed"

start_server e0 --dir "$T/e0"
DB="$T/sync.db"
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet
unused "$DB" "first sync"
