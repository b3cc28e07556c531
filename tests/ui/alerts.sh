#!/bin/sh
# Alerts in the UI (issue 17): two epochs of the demo data served by two
# fixture servers; the database has epoch 0 (synced from the command
# line).  The alert rules fire on every price change of 1% (scope all),
# and the alert command writes to stderr and fails.
#
# - A sync started from the UI (r) against epoch 1 raises the alerts as
#   `orbrowse sync` does on a copy of the same database (the same kinds,
#   models, providers, fields and rules, counted here from both
#   databases); the count is on the status line and the sync screen; the
#   command's stderr and the warning that it failed are on the sync
#   screen and in the status line only: no line of the screen starts with
#   them (nothing was written over the curses screen).
# - The unseen alerts stay in the status line; A lists them (one line
#   each) and marks them seen in the database; the status line is then
#   the screen's again, and the UI opened again says nothing of them.
# - Alerts raised by `orbrowse sync` show in the status line when the UI
#   opens.
# Goldens at 80x24 (the status line) and 120x40 (the list).
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd sqlite3
need_cmd python3

for k in 0 1; do
	"$ORBROWSE" demo --out "$T/e$k" --seed 7 --models 30 --endpoints 4 \
	    --no-metrics --epoch $k >/dev/null || fail "demo --epoch $k"
done
start_server s1 --dir "$T/e1"
URL1=$URL
start_server s0 --dir "$T/e0"
URL0=$URL
trap 'for p in "$T"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done; ui_cleanup' EXIT

printf '#!/bin/sh\ncat >/dev/null\necho "NOISE FROM THE ALERT COMMAND" >&2\nexit 3\n' \
    >"$T/noisy.sh"
chmod +x "$T/noisy.sh"
cat >"$HOME/.config/orbrowse/config" <<EOF
rate = 0
backoff.base_ms = 20
alert.price_drop = 1
alert.price_rise = 1
alert.scope = all
alert.command = $T/noisy.sh
EOF

DB="$T/ui.db"
run 0 "$ORBROWSE" --db "$DB" sync --base-url "$URL0" --quiet
cp "$DB" "$T/ref.db"
run 0 "$ORBROWSE" --db "$T/ref.db" sync --base-url "$URL1" --quiet
grep -q "alert command .* failed (status 3)" "$T/err" ||
    fail "orbrowse sync did not warn of the failing command"
# What the alerts of run 2 are, as text, in a database.
alerts() {
	sqlite3 "$1" "SELECT c.kind, c.model_key, c.provider_slug, c.field,
	    a.rule FROM alert a JOIN changes c ON c.id = a.change_id
	    WHERE a.run_id = 2 ORDER BY 1, 2, 3, 4, 5"
}
alerts "$T/ref.db" >"$T/ref.alerts"
n=$(wc -l <"$T/ref.alerts")
[ "$n" -ge 2 ] || fail "epoch 1 raised $n alerts from the command line"
ok "orbrowse sync raised $n alerts"

# The UI's sync.
export ORBROWSE_BASE_URL="$URL1"
UI_COLS=80 UI_ROWS=24
export UI_COLS UI_ROWS
ui_start --db "$DB"
ui_wait "endpoints  filter: -"
ui_screen | grep -q "new alert" && fail "alerts shown before any fired"
ui_keys r
ui_wait "Last run 2: ok"
ui_wait "$n alerts (A shows them); NOISE FROM THE ALERT COMMAND; warning: alert"
ui_wait "sync run 2 finished: ok; $n alerts (A shows them); NOISE"
alerts "$DB" >"$T/ui.alerts"
cmp -s "$T/ref.alerts" "$T/ui.alerts" ||
    { diff "$T/ref.alerts" "$T/ui.alerts" >&2; fail "the UI's sync raised other alerts than orbrowse sync"; }
ok "the UI's sync raised the same $n alerts as orbrowse sync"
ui_screen >"$T/scr"
grep -E '^(NOISE|orbrowse: )' "$T/scr" && { cat "$T/scr" >&2; fail "stderr written over the screen"; }
[ "$(grep -c NOISE "$T/scr")" -eq 2 ] ||
    { cat "$T/scr" >&2; fail "the command's stderr is not on the sync screen and the status line"; }
sed -n 6p "$T/scr" | grep -q '^  [0-9]* alerts (A shows them); NOISE' ||
    { cat "$T/scr" >&2; fail "the sync screen does not say what the alerts gave"; }
ok "the alert command's stderr and the warning are on the sync screen and the status line only"

# Unseen: on the status line until A.
ui_keys q
ui_wait "$n new alerts (A shows them): "
ui_golden alerts-status-80x24
ui_keys j
ui_wait "$n new alerts (A shows them): "
ok "the unseen alerts stay on the status line"
ui_keys A
ui_wait "$n new alerts, now seen: Enter opens the model's history"
eq "$(sqlite3 "$DB" 'SELECT COUNT(*) FROM alert WHERE seen_at IS NULL OR seen_at = 0')" 0 \
    "A marks the alerts seen"
ui_keys q
ui_wait " endpoints  filter: -"
ui_screen | grep -q "new alert" && fail "the alerts still on the status line once seen"
ok "A lists the $n alerts and marks them seen; the status line is the screen's again"
ui_keys Q
ui_wait "EXITED 0"
ui_start --db "$DB"
ui_wait " endpoints  filter: -"
sleep 0.3
ui_screen | grep -q "new alert" && fail "seen alerts shown again"
ui_keys Q
ui_wait "EXITED 0"
ok "seen alerts are not shown when the UI opens again"

# Alerts of a sync from the command line show when the UI opens; at
# 120x40 the list has one line per alert, each whole.
UI_COLS=120 UI_ROWS=40
ui_start --db "$T/ref.db"
ui_wait "$n new alerts (A shows them): "
ui_keys A
ui_wait "$n new alerts, now seen"
got=$(ui_screen | grep -cE '^  (price_drop|price_rise): price ')
[ "$got" -eq "$n" ] || { ui_screen >&2; fail "the list has $got alerts, want $n"; }
ui_golden alerts-list-120x40
# Enter: the history of the alert's model.
ui_keys Enter
ui_wait "orbrowse  history"
ui_keys Q
ui_wait "EXITED 0"
ok "alerts of orbrowse sync show when the UI opens; A lists all $n"
