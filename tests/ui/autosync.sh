#!/bin/sh
# sync.auto (issue 18): the UI syncs in the background when the newest ok
# run is older than the setting -- off by default, not while the data is
# younger, shown in the title bar, abortable with x on the sync screen
# (and then not retried at once), and never while another process syncs
# (it starts once that one has gone and left the data old).
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 4 10
start_server s --dir "$T/set"
trap ui_cleanup EXIT
export ORBROWSE_BASE_URL="$URL"
CONF="$HOME/.config/orbrowse/config"
cp "$CONF" "$T/config.base"
setting() {
	cp "$T/config.base" "$CONF"
	[ -z "$1" ] || echo "sync.auto = $1" >>"$CONF"
}
# One model's endpoints answer after SECONDS; with 0 no fault.
stall() {
	python3 - "$T/set" "$1" >"$T/s.faults.tmp" <<'PY' || fail "cannot write the faults"
import json, os, re, sys, urllib.parse
e = json.load(open(os.path.join(sys.argv[1], "stats-endpoint-0000.json")))["data"][0]
target = "stats/endpoint\\?permaslug=%s&variant=%s$" % (
    re.escape(urllib.parse.quote(e["model_variant_permaslug"], safe="")), re.escape(e["variant"]))
print(json.dumps([{"match": target, "fault": "delay", "seconds": float(sys.argv[2])}]
                 if float(sys.argv[2]) > 0 else []))
PY
	mv "$T/s.faults.tmp" "$T/s.faults"
}
# Move every run back by HOURS (the data ages without a wall-clock value).
age() {
	sqlite3 "$DB" "UPDATE run_log SET started_at = started_at - $1 * 3600000,
	    ended_at = ended_at - $1 * 3600000" || fail "ageing the runs"
}
requests() {
	wc -l <"$T/s.log" | tr -d ' '
}
runs() {
	sql "$DB" 'SELECT COUNT(*) FROM run_log'
}
# Longer than a check period of the UI (5 s), and than its first check.
let_it_check() {
	sleep 6
}

DB="$T/a.db"
run 0 "$ORBROWSE" --db "$DB" sync --quiet
n=$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active')
age 3

# Off by default: 3h-old data stays.
setting ""
: >"$T/s.log"
ui_start --db "$DB"
ui_wait "$n/$n endpoints"
let_it_check
eq "$(requests)/$(runs)" "0/1" "no sync.auto: no sync"
ui_keys Q
ui_wait "EXITED 0"

# Younger than sync.auto: nothing.
setting 4h
ui_start --db "$DB"
ui_wait "$n/$n endpoints"
let_it_check
eq "$(requests)/$(runs)" "0/1" "sync.auto = 4h, 3h-old data: no sync"
ui_screen | grep -q "auto-sync" && fail "4h: auto-sync in the title"
ui_keys Q
ui_wait "EXITED 0"

# Older: a sync in the background, in the title bar, to its end.
setting 2h
stall 3
ui_start --db "$DB"
ui_wait "data older than 2h00m: syncing in the background (run 2; r: watch, x there: abort)"
ui_screen | head -n 1 | grep -Eq "auto-sync [0-9]+/[0-9]+ *$" ||
    { ui_screen >&2; fail "the title bar does not show the auto-sync"; }
ok "sync.auto = 2h, 3h-old data: run 2 starts, shown in the title bar"
ui_wait "sync run 2 finished: ok"
ui_wait_gone "auto-sync"
eq "$(sql "$DB" 'SELECT status FROM run_log WHERE id = 2')" ok "run 2 is ok"
[ "$(requests)" -gt 0 ] || fail "run 2 asked nothing of the server"
ok "run 2 asked the server"
ui_keys Q
ui_wait "EXITED 0"

# Abortable: x on the sync screen; not started again at once.
age 3
stall 30
ui_start --db "$DB"
ui_wait "syncing in the background (run 3"
ui_keys r
ui_wait "Run 3 in this process"
ui_keys x
ui_wait "Abort run 3? y: abort, any other key: let it run"
ui_keys y
ui_wait "sync run 3 finished: aborted"
stall 0
let_it_check
eq "$(runs)/$(sql "$DB" 'SELECT status FROM run_log WHERE id = 3')" "3/aborted" "x aborts run 3; no new run at once"
ui_keys Q
ui_wait "EXITED 0"

# Another process syncs: the UI waits, silently, and syncs once that one
# has gone (interrupted: the data is still old).
stall 30
"$ORBROWSE" --db "$DB" sync --quiet >"$T/bg.out" 2>"$T/bg.err" &
bg=$!
echo $bg >"$T/bg.pid"
i=0
until [ "$(sql "$DB" "SELECT COUNT(*) FROM run_log WHERE status = 'running'" 2>/dev/null)" = 1 ]; do
	i=$((i + 1))
	[ $i -lt 200 ] || { cat "$T/bg.err" >&2; fail "the background sync did not start"; }
	sleep 0.05
done
ui_start --db "$DB"
ui_wait "$n/$n endpoints"
let_it_check
eq "$(runs)" 4 "another process syncs: the UI starts none"
ui_screen | grep -q "another orbrowse process" && fail "the UI complained of the lock"
ok "and says nothing of the lock"
stall 0
kill -INT $bg
wait $bg
eq "$?" 5 "the other process stops on SIGINT"
rm -f "$T/bg.pid"
ui_wait "syncing in the background (run 5"
ui_wait "sync run 5 finished: ok"
ok "once it has gone, the UI syncs (run 5)"
ui_keys Q
ui_wait "EXITED 0"
