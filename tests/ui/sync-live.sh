#!/bin/sh
# Syncing from the terminal UI against the fixture server: an empty database
# offers r, a sync is followed to its end and gives what `orbrowse sync`
# gives, x aborts one (after asking), a sync run by another process is
# followed live, and quitting during a sync asks, then aborts it cleanly.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 3 20
start_server s --dir "$T/set"
# start_server replaced the exit trap: the tmux servers must go too.
trap ui_cleanup EXIT
export ORBROWSE_BASE_URL="$URL"

# stall SECONDS [DELAY]: the endpoints of one model answer after SECONDS,
# every other model's after DELAY seconds (default: at once).
stall() {
	python3 - "$T/set" "$1" "${2:-0}" >"$T/s.faults.tmp" <<'PY' || fail "cannot write the faults"
import json, os, re, sys, urllib.parse
e = json.load(open(os.path.join(sys.argv[1], "stats-endpoint-0000.json")))["data"][0]
target = "stats/endpoint\\?permaslug=%s&variant=%s$" % (
    re.escape(urllib.parse.quote(e["model_variant_permaslug"], safe="")), re.escape(e["variant"]))
rules = [{"match": target, "fault": "delay", "seconds": float(sys.argv[2])}]
if float(sys.argv[3]) > 0:
    rules.append({"match": "stats/endpoint", "fault": "delay", "seconds": float(sys.argv[3])})
print(json.dumps(rules))
PY
	mv "$T/s.faults.tmp" "$T/s.faults"
}

# What a sync of this server gives, from the command line.
run 0 "$ORBROWSE" --db "$T/ref.db" sync --base-url "$URL" --quiet
total=$(sql "$T/ref.db" 'SELECT models_total FROM run_log')
[ "$total" -gt 5 ] || fail "too few models in the demo set ($total)"
nref=$(sql "$T/ref.db" 'SELECT COUNT(*) FROM endpoint WHERE active')

# An empty database: the endpoints screen offers r.
DB="$T/live.db"
ui_start --db "$DB"
ui_wait "the database is empty: press r to sync from OpenRouter"
ui_wait "No endpoints stored yet: press r to sync"
ok "an empty database offers r"

# r: the sync screen follows the run (one model held back for 6 s, so
# that the run is seen midway), then tells how it ended.
stall 6
ui_keys r
ui_wait "sync started (run 1)"
ui_wait "Run 1 in this process"
ui_wait "$((total - 1)) done, 0 failed, 1 in flight"
ui_wait "$((total - 1))/$total models"
ui_wait "sync $((total - 1))/$total"
ui_wait "models $((total - 1))/$total done"
ok "progress: $((total - 1)) of $total models done, one in flight"
ui_wait "sync run 1 finished: ok"
ui_wait "No sync is running."
ui_wait "Last run 1: ok"
n=$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active')
ui_wait "run 1 finished: ok ($(sql "$DB" 'SELECT endpoints_done FROM run_log WHERE id = 1') endpoints, 0 errors)"
ui_wait "models $total/$total, endpoints "
eq "$(sql "$DB" 'SELECT status || models_done FROM run_log WHERE id = 1')" "ok$total" "run 1 is ok with every model"
eq "$n" "$nref" "the UI's sync stored as many endpoints as orbrowse sync"
[ "$(projection "$DB")" = "$(projection "$T/ref.db")" ] || fail "the UI's sync and orbrowse sync differ"
ok "the UI's sync gives the same projection as orbrowse sync"
ui_keys q
ui_wait "$n/$n endpoints  filter: -"
ui_screen | grep -q "last sync: never" && fail "the last sync is not shown"
ok "the endpoints screen shows the $n endpoints"

# x asks first; any other key lets the sync go on, y aborts it.
stall 30 0.5
ui_keys r
ui_wait "Run 2 in this process, fetching each model's endpoints"
# Nothing changed since run 1: every model done so far is counted on the
# Unchanged row (the listing came as stored).
i=0
while :; do
	ui_screen >"$T/scr"
	d=$(sed -n 's/.*Models *\([0-9]*\) done.*/\1/p' "$T/scr" | head -1)
	u=$(sed -n 's/.*Unchanged *\([0-9]*\) of the models done.*/\1/p' "$T/scr" | head -1)
	[ -n "$d" ] && [ -n "$u" ] && [ "$d" -ge 2 ] && break
	i=$((i + 1))
	[ $i -lt 300 ] || { cat "$T/scr"; fail "no Unchanged row with two models done"; }
	sleep 0.1
done
eq "$u" "$d" "run 2: the Unchanged row counts every model done"
ui_keys x
ui_wait "Abort run 2? y: abort, any other key: let it run"
ui_keys n
ui_wait "the sync goes on"
ui_wait_gone "Abort run 2?"
ui_wait "Run 2 in this process"
eq "$(sql "$DB" 'SELECT status FROM run_log WHERE id = 2')" running "n: run 2 goes on"
ui_keys x
ui_wait "Abort run 2? y: abort, any other key: let it run"
ui_keys y
ui_wait "sync run 2 finished: aborted"
ui_wait "abort requested: the models in flight are dropped"
ui_wait "Last run 2: aborted"
eq "$(sql "$DB" 'SELECT status FROM run_log WHERE id = 2')" aborted "y: run 2 aborted"
[ "$(sql "$DB" 'SELECT models_done FROM run_log WHERE id = 2')" -lt "$total" ] ||
	fail "the aborted run claims every model"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active')" "$n" "an aborted run tombstones nothing"
integrity_ok "$DB" "after the abort"
ui_keys x
ui_wait "no sync is running"
ui_keys Q
ui_wait "EXITED 0"
ok "Q quits with status 0"

# A sync in another process, followed live: r (refused, the database is
# locked) shows it, and so does w on the run log.  A new UI: this one's
# sync keeps the database's writer lock until it quits.
ui_start --db "$DB"
ui_wait "$n/$n endpoints"
stall 30 0.5
"$ORBROWSE" --db "$DB" sync --base-url "$URL" --quiet >"$T/bg.out" 2>"$T/bg.err" &
bg=$!
echo $bg >"$T/bg.pid"
i=0
until [ "$(sql "$DB" "SELECT COUNT(*) FROM run_log WHERE status = 'running'" 2>/dev/null)" = 1 ]; do
	i=$((i + 1))
	[ $i -lt 200 ] || { cat "$T/bg.err" >&2; fail "the background sync did not start"; }
	sleep 0.05
done
id=$(sql "$DB" "SELECT id FROM run_log WHERE status = 'running'")
ui_keys r
ui_wait "live.db: another orbrowse process is writing"
ui_wait "Run $id in process $bg (another terminal or cron)"
ui_wait "Models     $((total - 1)) done"
ui_wait "models $((total - 1))/$total done"
ok "r while another process syncs: its run $id, live, to $((total - 1))/$total models"
ui_keys x
ui_wait "run $id belongs to process $bg: stop it there"
ok "x does not abort another process's sync"
ui_keys q
ui_wait "$n/$n endpoints"
ui_keys R
ui_wait "run $id (1 of $id)"
ui_screen | grep -Eq "^ +$id .* running " || { ui_screen >&2; fail "run $id is not shown running"; }
ui_keys w
ui_wait "Run $id in process $bg (another terminal or cron)"
ui_wait "watching run $id of process $bg  R: run log  q: back"
ok "R then w shows the other process's run"
kill -INT $bg
wait $bg
eq "$?" 5 "the other process stops on SIGINT"
rm -f "$T/bg.pid"
ui_wait "run $id finished: aborted"
ui_wait "Last run $id: aborted"
ok "the sync screen tells how the other process's run ended"
ui_keys Q
ui_wait "EXITED 0"
ok "Q quits with status 0"

# Quitting during a sync asks first, as x does: any other key stays (the
# sync goes on), y quits and aborts it.  q on the first screen, Q and :q
# all ask.
ui_start --db "$DB"
ui_wait "$n/$n endpoints"
stall 30 0.5
ui_keys r
ui_wait "Run $((id + 1)) in this process"
ui_wait "connects to $URL"
ok "the sync screen says where the sync connects"
ui_keys Q
ui_wait "sync run $((id + 1)) is running: quit and abort it? y: quit, any other key: stay"
ui_keys n
ui_wait "the sync goes on"
ui_wait "Run $((id + 1)) in this process"
eq "$(sql "$DB" "SELECT status FROM run_log WHERE id = $((id + 1))")" running "Q, n: the sync goes on"
ui_keys q
ui_wait "$n/$n endpoints"
ui_keys q
ui_wait "quit and abort it? y: quit, any other key: stay"
ui_keys Escape
ui_wait "the sync goes on"
ui_keys : q Enter
ui_wait "quit and abort it? y: quit, any other key: stay"
ui_keys x
ui_wait "the sync goes on"
eq "$(sql "$DB" "SELECT status FROM run_log WHERE id = $((id + 1))")" running "q, Esc and :q, x: the sync goes on"
ok "q, Q and :q ask before aborting a sync; another key keeps it"
ui_keys Q
ui_wait "quit and abort it?"
ui_keys y
ui_wait "EXITED 0"
eq "$(sql "$DB" "SELECT status FROM run_log WHERE id = $((id + 1))")" aborted "Q during a sync: the run is aborted"
integrity_ok "$DB" "after quitting during a sync"
