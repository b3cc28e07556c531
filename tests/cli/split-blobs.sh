#!/bin/sh
# Split blobs (schema 14): an endpoint object's model and provider_info are
# blobs of their own, the rest of it a 'zsplit' blob; since schema 17 the
# rest of an endpoint's next snapshot is a delta of its last one's.  A copy
# of the database whose split blobs are made whole again, as every blob was
# before version 14, shows the same snapshots byte for byte (show, of each
# endpoint and model, and of an earlier run), the same changes and history;
# both pass integrity_check, and gc keeps exactly the parts and bases still
# used.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

DB="$T/split.db"
demo_files "$T/e0" 5 30
"$ORBROWSE" demo --out "$T/e1" --seed 5 --models 30 --epoch 1 >/dev/null ||
    fail "demo --out --epoch 1"
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/e0"
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/e1"
split=$(sql "$DB" "SELECT COUNT(*) FROM blob WHERE codec = 'zsplit'")
[ "$split" -gt 50 ] || fail "only $split split blobs"
eq "$(sql "$DB" "SELECT COUNT(*) FROM blob WHERE typeof(hash) != 'blob' OR length(hash) != 32")" 0 \
    "hashes are 32 bytes"
parts=$(sql "$DB" 'SELECT COUNT(DISTINCT part_id) FROM blob_part WHERE n >= 0')
[ "$parts" -lt "$split" ] || fail "$parts parts for $split split blobs: no dedup"
ok "$split split blobs share $parts parts"
# The endpoints epoch 1 changed: deltas (header 2) of their epoch-0 blob,
# which is no delta, and a fraction of its size.
deltas=$(sql "$DB" "SELECT COUNT(*) FROM blob WHERE codec = 'zsplit' AND hex(substr(data, 1, 1)) = '02'")
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob_part WHERE n = -1')" "$deltas" "each delta names its base"
[ "$deltas" -ge 5 ] || fail "only $deltas deltas"
eq "$(sql "$DB" "SELECT COUNT(*) FROM blob_part p JOIN blob b ON b.id = p.part_id WHERE p.n = -1 AND (b.codec != 'zsplit' OR hex(substr(b.data, 1, 1)) != '01')")" 0 \
    "a base is a split blob that is no delta"
small=$(sql "$DB" "SELECT CAST(100 * AVG(length(d.data)) / AVG(length(b.data)) AS INTEGER) FROM blob_part p JOIN blob d ON d.id = p.blob_id JOIN blob b ON b.id = p.part_id WHERE p.n = -1")
[ "$small" -lt 50 ] || fail "a delta is $small% of its base's size"
ok "$deltas deltas, $small% of their bases' size"
# The model and provider seldom change with the prices: a delta whose
# parts are its base's keeps none of its own.
own=$(sql "$DB" "SELECT COUNT(DISTINCT blob_id) FROM blob_part WHERE n >= 0 AND blob_id IN (SELECT blob_id FROM blob_part WHERE n = -1)")
[ "$own" -lt "$deltas" ] || fail "every delta keeps parts of its own"
ok "$((deltas - own)) of $deltas deltas read their base's parts"

# The copy: every split blob whole (gzip), its parts gone.
cp "$DB" "$T/whole.db"
python3 - "$T/whole.db" <<'PY' || fail "cannot make the blobs whole"
import hashlib, sqlite3, sys, zlib
db = sqlite3.connect(sys.argv[1])
dicts = {i: bytes(d) for i, d in db.execute("SELECT id, data FROM zdict")}
def stream(data):
    if data[0] == 0x1f:
        return zlib.decompress(data, 31)
    z = zlib.decompressobj(15, zdict=dicts[int.from_bytes(data[2:6], "big")])
    return z.decompress(data) + z.flush()
def skeleton(bid, data):
    i = 2
    for _ in range(data[1]):
        while data[i] & 0x80:
            i += 1
        i += 1
    if data[0] == 1:
        return i, stream(data[i:])
    (base, bdata), = db.execute("SELECT b.id, b.data FROM blob_part p JOIN blob b ON b.id = p.part_id WHERE p.blob_id = ? AND p.n = -1", (bid,)).fetchall()
    assert bdata[0] == 1
    z = zlib.decompressobj(15, zdict=skeleton(base, bytes(bdata))[1])
    return i, z.decompress(data[i:]) + z.flush()
def parts(bid, data):
    # A delta whose parts are its base's keeps none of its own.
    rows = db.execute("SELECT b.data FROM blob_part p JOIN blob b ON b.id = p.part_id WHERE p.blob_id = ? AND p.n >= 0 ORDER BY p.n", (bid,)).fetchall()
    if rows or data[0] == 1:
        return rows
    (base,), = db.execute("SELECT part_id FROM blob_part WHERE blob_id = ? AND n = -1", (bid,)).fetchall()
    return parts(base, b"\x01")
def split(bid, data):
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
    skel, out, frm = skeleton(bid, data)[1], b"", 0
    ps = parts(bid, data)
    assert len(ps) == len(at), bid
    for a, (d,) in zip(at, ps):
        out += skel[frm:a] + stream(bytes(d))
        frm = a
    return out + skel[frm:]
rows = db.execute("SELECT id, hash, data FROM blob WHERE codec = 'zsplit'").fetchall()
whole = []
for bid, h, data in rows:
    raw = split(bid, bytes(data))
    assert hashlib.sha256(raw).digest() == h
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    whole.append((c.compress(raw) + c.flush(), bid))
db.executemany("UPDATE blob SET codec = 'gzip', data = ? WHERE id = ?", whole)
db.execute("DELETE FROM blob_part")
db.execute("DELETE FROM blob WHERE hash NOT IN (SELECT hash FROM endpoint_snapshot) AND hash NOT IN (SELECT hash FROM model_snapshot)")
db.commit()
assert db.execute("SELECT COUNT(*) FROM blob WHERE codec = 'zsplit'").fetchone()[0] == 0
PY
integrity_ok "$DB" "split"
integrity_ok "$T/whole.db" "whole"

same() {
	"$ORBROWSE" --db "$DB" "$@" >"$T/a" 2>&1; ra=$?
	"$ORBROWSE" --db "$T/whole.db" "$@" >"$T/b" 2>&1; rb=$?
	[ "$ra" = "$rb" ] || fail "$* exited $ra and $rb"
	cmp -s "$T/a" "$T/b" || { diff "$T/a" "$T/b" | head -5; fail "$* differs"; }
	[ "$ra" = 0 ]
}
n=0
# (The last is one of run 1: its show --run 1 is checked below.)
for row in $(sql "$DB" "SELECT endpoint_id || ',' || model_key FROM endpoint WHERE endpoint_id NOT LIKE 'v1:%' ORDER BY first_run_id DESC, model_key, endpoint_id"); do
	same show --model "${row#*,}" "${row%%,*}" || fail "show ${row%%,*}"
	same show --run 1 --model "${row#*,}" "${row%%,*}" && n=$((n + 1))
done
[ "$n" -gt 50 ] || fail "only $n endpoints shown as of run 1"
contains "$T/a" '"provider_info": {' "show prints the provider_info put back"
contains "$T/a" '"model": {' "show prints the model put back"
for key in $(sql "$DB" "SELECT DISTINCT model_key FROM model_snapshot WHERE kind = 'v1'"); do
	same show --kind v1 "$key" || fail "show --kind v1 $key"
	same history "$key" || fail "history $key"
done
same changes --json || fail "changes"
ok "show, history and changes print the same of split and whole blobs ($n endpoints)"

# gc: nothing is pruned, so every part is still used and kept.
before=$(sql "$DB" 'SELECT COUNT(*) FROM blob')
run 0 "$ORBROWSE" --db "$DB" gc
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob')" "$before" "gc keeps every used part"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob_part p LEFT JOIN blob b ON b.id = p.part_id WHERE b.id IS NULL')" 0 \
    "every part is stored"
same show --model "${row#*,}" "${row%%,*}" || fail "show after gc"
integrity_ok "$DB" "after gc"

# Retention takes the snapshots of run 1 that run 2 replaced: the blobs of
# those are still the bases of run 2's deltas, so gc keeps them, and every
# endpoint still shows what the whole copy shows.
old=$(sql "$DB" "SELECT COUNT(*) FROM endpoint_snap WHERE run_id = 1")
sqlite3 "$DB" "UPDATE run_log SET started_at = started_at - 10 * 86400000,
    ended_at = ended_at - 10 * 86400000 WHERE id = 1"
run 0 "$ORBROWSE" --db "$DB" gc --window-hours 1 --keep-days 1
gone=$((old - $(sql "$DB" "SELECT COUNT(*) FROM endpoint_snap WHERE run_id = 1")))
[ "$gone" -ge 5 ] || fail "retention took only $gone snapshots of run 1"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob_part p LEFT JOIN blob b ON b.id = p.part_id WHERE b.id IS NULL')" 0 \
    "every base is kept"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob_part WHERE n = -1')" "$deltas" "no delta lost"
for row in $(sql "$DB" "SELECT endpoint_id || ',' || model_key FROM endpoint WHERE endpoint_id NOT LIKE 'v1:%' ORDER BY model_key, endpoint_id"); do
	same show --model "${row#*,}" "${row%%,*}" || fail "show ${row%%,*} after retention"
done
integrity_ok "$DB" "after retention"
ok "retention took $gone snapshots of run 1 and kept the bases of $deltas deltas"

# Nothing refers to any blob any more: one gc frees them all, the deltas,
# then their bases, then the bases' parts (a pass frees the next level).
sqlite3 "$DB" "DELETE FROM endpoint_snap; DELETE FROM model_snapshot;
    UPDATE endpoint SET blob = NULL"
run 0 "$ORBROWSE" --db "$DB" gc
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob')" 0 "one gc frees the deltas, their bases and the parts"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM blob_part')" 0 "no part row left"
integrity_ok "$DB" "after the last gc"
