#!/bin/sh
# The demo generator: deterministic, realistic in size, imported through the
# same path as real captures, and safe to show.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3

run 0 "$ORBROWSE" --db "$T/a.db" --demo
contains "$T/out" "Demo data (seed 1)" "--demo reports what it generated"
run 0 "$ORBROWSE" --db "$T/b.db" demo --seed 1
dump() {
	sql "$1" "SELECT endpoint_id, model_key, provider_slug, price_prompt, price_completion, context_length, p50_latency_ms FROM endpoint ORDER BY 1, 2"
}
[ "$(dump "$T/a.db")" = "$(dump "$T/b.db")" ] || fail "same seed, different data"
ok "same seed gives the same data"
eq "$(sql "$T/a.db" 'SELECT group_concat(hash) FROM (SELECT hash FROM blob ORDER BY hash)' | cksum)" \
   "$(sql "$T/b.db" 'SELECT group_concat(hash) FROM (SELECT hash FROM blob ORDER BY hash)' | cksum)" "same seed gives the same blobs"
run 0 "$ORBROWSE" --db "$T/c.db" demo --seed 2
[ "$(dump "$T/a.db")" != "$(dump "$T/c.db")" ] || fail "different seeds, same data"
ok "another seed gives other data"

n=$(sql "$T/a.db" 'SELECT COUNT(*) FROM endpoint')
[ "$n" -ge 800 ] && [ "$n" -le 1500 ] || fail "about 1,000 endpoints expected, got $n"
ok "about 1,000 endpoints ($n)"
p=$(sql "$T/a.db" "SELECT COUNT(DISTINCT CASE WHEN instr(provider_slug, '/') > 0 THEN substr(provider_slug, 1, instr(provider_slug, '/') - 1) ELSE provider_slug END) FROM endpoint")
[ "$p" -ge 30 ] && [ "$p" -le 50 ] || fail "about 40 providers expected, got $p"
ok "about 40 providers ($p)"
m=$(sql "$T/a.db" "SELECT COUNT(*) FROM model_snapshot WHERE kind = 'catalogue'")
[ "$m" -ge 200 ] && [ "$m" -le 500 ] || fail "a few hundred models expected, got $m"
ok "a few hundred models ($m)"
[ "$(sql "$T/a.db" 'SELECT COUNT(*) FROM endpoint_metric')" -gt 10000 ] || fail "metric histories expected"
ok "metric histories"
eq "$(sql "$T/a.db" "SELECT status FROM run_log")" ok "demo run ok"

# Re-running the demo into the same database adds a run and no blob.
blobs=$(sql "$T/a.db" 'SELECT COUNT(*) FROM blob')
run 0 "$ORBROWSE" --db "$T/a.db" demo
eq "$(sql "$T/a.db" 'SELECT COUNT(*) FROM blob')" "$blobs" "demo again: no new blob"
eq "$(sql "$T/a.db" 'SELECT COUNT(*) FROM run_log')" 2 "demo again: a second run"

# ls works on it, and a wide-character model name keeps its width.
run 0 "$ORBROWSE" --db "$T/a.db" ls --json '星河'
contains "$T/out" "星河" "a filter on a wide-character name"
key=$(sql "$T/a.db" "SELECT model_key FROM endpoint WHERE model_name LIKE '%星河%' LIMIT 1")
run 0 "$ORBROWSE" --db "$T/a.db" cheapest "$key"
contains "$T/out" "星河" "cheapest shows the model's name"
run 0 "$ORBROWSE" --db "$T/a.db" ls --sort prompt 'tools ctx>=128k'
[ "$(wc -l <"$T/out")" -gt 10 ] || fail "filter on demo data"
ok "ls on demo data"

# The default demo database is a separate file from the user's own, and
# the generated files are removed.
mkdir -p "$T/tmp"
export XDG_DATA_HOME="$T/xdg" TMPDIR="$T/tmp"
run 0 "$ORBROWSE" --demo
unset XDG_DATA_HOME
[ -f "$T/xdg/orbrowse/demo.db" ] || fail "default demo database path"
[ ! -e "$T/xdg/orbrowse/orbrowse.db" ] || fail "demo touched the user's database"
ok "demo uses \$XDG_DATA_HOME/orbrowse/demo.db"
eq "$(ls -A "$T/tmp" | wc -l)" 0 "no temporary files left"
