#!/bin/sh
# The handling of issue 16 in a real terminal: the key-hint bar (shown,
# cut cleanly at 80 columns, hidden by B and by "hints = no"), the '?'
# help (closed by q, ? and Esc; wrapped at 80 and 60 columns; a legend for
# every flag column), key bindings, colours and the first screen from the
# config file (NO_COLOR still wins), y (OSC 52, read back from tmux's
# buffer), o (a fake xdg-open that records its arguments), the metrics
# screen without points, and a failed sync's reason on the sync screen.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd sqlite3
need_cmd python3

# Nothing here may reach the network by mistake.
export ORBROWSE_BASE_URL=http://127.0.0.1:9
ESC=$(printf '\033')
CONF="$HOME/.config/orbrowse/config"
mkdir -p "$HOME/.config/orbrowse"

DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" demo --seed 1 --epoch 0

# line N: the Nth line of the screen.
line() {
	ui_screen | sed -n "${1}p" | sed 's/ *$//'
}

# ------------------------------------------------------------ hint bar
for size in 80x24 100x30; do
	UI_COLS=${size%x*} UI_ROWS=${size#*x}
	export UI_COLS UI_ROWS
	ui_start --db "$DB"
	ui_wait "1028/1028 endpoints"
	hint=$(line $((UI_ROWS - 1)))
	case $hint in
	" / filter  s sort  Space mark  c compare  * star  H history  "*"? help  q quit") ;;
	*) ui_screen >&2; fail "$size: the hint bar reads '$hint'" ;;
	esac
	[ ${#hint} -le "$UI_COLS" ] || fail "$size: the hint bar is wider than the terminal"
	# The last body row is still a table row.
	line $((UI_ROWS - 2)) | grep -Eq ' [0-9.]+ +[0-9.]+ ' ||
	    { ui_screen >&2; fail "$size: the table lost its last row to the hint bar"; }
	line "$UI_ROWS" | grep -q '?:help' && fail "$size: ?:help beside the hint bar"
	ok "$size: the hint bar '$hint' and the table's rows"
	# B hides it (the status line says ?:help again), B shows it.
	ui_keys B
	ui_wait_gone "? help  q quit"
	line "$UI_ROWS" | grep -q '?:help$' || fail "$size: no ?:help without the hint bar"
	ui_keys B
	ui_wait "? help  q quit"
	ok "$size: B hides and shows the hint bar"
done
# At 80 columns the hints that do not fit are left out whole.
UI_COLS=80 UI_ROWS=24
ui_start --db "$DB"
ui_wait "1028/1028 endpoints"
eq "$(line 23)" " / filter  s sort  Space mark  c compare  * star  H history  ? help  q quit" \
    "80 columns: the hints that do not fit (C, W, v, Enter, ...) are left out whole"

# Every screen leaves the hint bar its line at 80x24: the bar is whole and
# the screen's body ends above it.
hint_is() {
	ui_wait "$2"
	got=$(line 23)
	case $got in
	"$1"*"? help  q back") ;;
	*) ui_screen >&2; fail "$3: the hint bar reads '$got'" ;;
	esac
}
ui_keys Enter
hint_is " Enter inspect  m mix" "orbrowse  model" "model"
# A fixed time of day: the golden screen holds no clock.
ui_keys t C-u 12:00 Enter
ui_wait "12:00 UTC  mix 3:1"
ui_golden model-80x24
ui_keys M
hint_is " b buckets  [ ] endpoint" "orbrowse  metrics" "metrics"
ui_keys q i
hint_is " Enter fold  / search  d diff" "orbrowse  snapshot" "inspector"
ui_keys q q R
hint_is " Enter detail  w watch  r sync" "orbrowse  runs" "runs"
ui_keys Enter
hint_is " Tab section  Enter inspect" "orbrowse  run" "run detail"
ui_keys q q
ui_wait "1028/1028 endpoints"
ok "80x24: the model, metrics, inspector, runs and run screens keep the hint bar whole"

# ------------------------------------------------------------- ? help
ui_keys '?'
ui_wait "Keys of the endpoints screen"
ui_wait "type filter  ? help  q back"
ui_keys q
ui_wait_gone "Keys of the endpoints screen"
ui_wait "1028/1028 endpoints"
ui_keys '?'
ui_wait "Keys of the endpoints screen"
ui_keys '?'
ui_wait_gone "Keys of the endpoints screen"
ui_keys '?'
ui_wait "Keys of the endpoints screen"
ui_keys Escape
ui_wait_gone "Keys of the endpoints screen"
ok "the help closes with q, ? and Esc"

# Every flag column has a legend; long ones wrap, never cut.
for cols in 80 60; do
	UI_COLS=$cols UI_ROWS=24
	ui_start --db "$DB"
	ui_wait "1028/1028 endpoints"
	ui_keys '?'
	ui_wait "Keys of the endpoints screen"
	ui_keys D A T A
	ui_wait "filter: DATA"
	ui_wait "no-retain"
	ui_screen >"$T/help.txt"
	grep -q "^ *DATA *what the provider does with prompts" "$T/help.txt" ||
	    { cat "$T/help.txt" >&2; fail "$cols: no DATA legend"; }
	sed -n '2,22p' "$T/help.txt" | grep -q '~ *$' &&
	    { cat "$T/help.txt" >&2; fail "$cols: a help line is cut"; }
	n=$(sed -n '/DATA/,/no-retain/p' "$T/help.txt" | wc -l)
	[ "$n" -ge 2 ] || fail "$cols: the DATA legend is not wrapped"
	awk -v w="$cols" 'length($0) > w { exit 1 }' "$T/help.txt" ||
	    fail "$cols: a help line is wider than the terminal"
	ui_golden "help-legend-${cols}x24"
	ui_keys BSpace BSpace BSpace BSpace
	ui_keys T I R F
	ui_wait "T: takes tools, I: takes images"
	ui_keys BSpace BSpace BSpace BSpace
	# (ST itself matches too many words, :history among them.)
	ui_keys h e a l t h y
	ui_wait "healthy"
	ui_screen | grep -q "^ *ST  *the status OpenRouter gives" ||
	    { ui_screen >&2; fail "$cols: no ST legend"; }
	ok "$cols columns: the DATA legend wraps on $n lines; TIRF and ST have theirs"
done

# ------------------------------------------------------- config file
UI_COLS=100 UI_ROWS=30
cat >"$CONF" <<'CONF'
# issue 16: the UI's own settings
screen = runs
bind x help
bind F5 quit
color.title = red,green
CONF
ui_start --db "$DB"
ui_wait "orbrowse  runs"
ok "screen = runs: the UI opens on the run log"
tmux -L "$SOCK" capture-pane -p -e | head -n 1 >"$T/title.e"
grep -Eq "$ESC\\[([0-9;]*;)?31(;[0-9;]*)?m" "$T/title.e" &&
    grep -Eq "$ESC\\[([0-9;]*;)?42(;[0-9;]*)?m" "$T/title.e" ||
    { cat -v "$T/title.e" >&2; fail "color.title = red,green is not the title's"; }
ok "color.title = red,green colours the title line"
ui_keys x
ui_wait "Keys of the runs screen"
ok "bind x help: x opens the help"
ui_keys Escape q
ui_wait "1028/1028 endpoints"
ui_keys F5
ui_wait "EXITED 0"
ok "bind F5 quit: F5 quits"
# NO_COLOR wins over the config file's colours.
NO_COLOR=1 ui_start --db "$DB"
ui_wait "orbrowse  runs"
tmux -L "$SOCK" capture-pane -p -e | head -n 1 >"$T/title.e"
grep -Eq "$ESC\\[([0-9;]*;)?(31|42)(;[0-9;]*)?m" "$T/title.e" &&
    { cat -v "$T/title.e" >&2; fail "NO_COLOR: the configured colours are used"; }
ok "NO_COLOR wins over color.title"
# A wrong setting is refused with its file and line.
printf 'hints = no\nbind x explode\n' >"$CONF"
run 2 "$ORBROWSE" --db "$T/none.db" sync --quiet
grep -qF "config:2: bind: unknown action \"explode\"" "$T/err" ||
    { cat "$T/err" >&2; fail "a bad bind line is not explained"; }
ok "bind x explode: refused with the file's line"
printf 'hints = no\n' >"$CONF"
ui_start --db "$DB"
ui_wait "1028/1028 endpoints"
line 30 | grep -q '?:help$' || fail "hints = no: no ?:help on the status line"
ui_screen | grep -q "? help  q quit" && fail "hints = no: the hint bar is shown"
ui_keys B
ui_wait "? help  q quit"
ok "hints = no hides the hint bar; B shows it"
rm -f "$CONF"

# ---------------------------------------------------------- y and o
mkdir -p "$T/bin"
cat >"$T/bin/xdg-open" <<EOF2
#!/bin/sh
for a; do printf '[%s]' "\$a"; done >"$T/xdg.args"
echo "xdg-open noise on stdout"
echo "xdg-open noise on stderr" >&2
EOF2
chmod +x "$T/bin/xdg-open"
PATH="$T/bin:$PATH" ui_start --db "$DB"
tmux -L "$SOCK" set-option -s set-clipboard on
ui_wait "1028/1028 endpoints"
ui_keys Enter
ui_wait "orbrowse  model"
model=$(line 30 | sed 's/ (.*//; s/  .*//')
ui_keys y
ui_wait "copied endpoint id "
id=$(line 30 | sed -n 's/^copied endpoint id \([^ ]*\) (OSC 52.*/\1/p')
[ -n "$id" ] || { ui_screen >&2; fail "y: no endpoint id on the status line"; }
eq "$(tmux -L "$SOCK" show-buffer)" "$id" "y: the clipboard (tmux's buffer) holds the endpoint id"
eq "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE endpoint_id = '$id' AND (model_key = '$model' OR model_key IN (SELECT model_key FROM model WHERE model_id = '$model'))")" 1 \
    "y: the copied id is an endpoint of $model"
ui_keys o
ui_wait "opening https://openrouter.ai/$model with xdg-open"
i=0
while [ ! -s "$T/xdg.args" ]; do
	i=$((i + 1)); [ $i -lt 100 ] || fail "o: xdg-open was not run"; sleep 0.1
done
eq "$(cat "$T/xdg.args")" "[https://openrouter.ai/$model]" "o: xdg-open got the model's page, one argument"
ui_screen | grep -q "noise" && fail "o: xdg-open's output reached the screen"
ok "o opens https://openrouter.ai/$model with xdg-open, its output on /dev/null"
# The inspector copies the JSON Pointer of the line under the cursor.
ui_keys i
ui_wait "orbrowse  snapshot"
ui_keys j j
ui_wait "hash "
ui_keys y
ui_wait "copied JSON path /"
ptr=$(tmux -L "$SOCK" show-buffer)
case $ptr in /*) ;; *) fail "y in the inspector: '$ptr' is not a JSON Pointer" ;; esac
line 30 | grep -qF "copied JSON path $ptr" || fail "y: the status line and the clipboard differ"
ok "y in the inspector: the JSON Pointer $ptr"
# No xdg-open at all: o says why.
rm -f "$T/bin/xdg-open"
ui_keys q o
ui_wait "cannot run xdg-open"
ok "o without xdg-open says so"

# ------------------------------------- metrics without points, sync failure
demo_files "$T/set" 3 4
start_server s --dir "$T/set"
trap ui_cleanup EXIT
export ORBROWSE_BASE_URL="$URL"
DB2="$T/nometrics.db"
run 0 "$ORBROWSE" --db "$DB2" sync --base-url "$URL" --quiet
eq "$(sql "$DB2" 'SELECT COUNT(*) FROM endpoint_metric')" 0 "a sync without --metrics stores no points"
ui_start --db "$DB2"
ui_wait " endpoints  filter: -"
ui_keys Enter
ui_wait "orbrowse  model"
ui_keys M
ui_wait "orbrowse  metrics"
ui_wait "No metric points for this model - sync with --metrics"
ok "metrics of a model without points: the next step, not an empty body"
ui_keys q q M
ui_wait "No metric points for this endpoint - sync with --metrics"
ok "metrics of an endpoint without points: the next step"
ui_keys q
# Every request fails: the sync screen says where it connected and why.
echo '[{"fault": "404"}]' >"$T/s.faults"
sleep 0.3
ui_keys r
ui_wait "Last run 2: failed"
ui_wait "Why:"
ui_wait "connects to $URL"
why=$(sql "$DB2" "SELECT errors FROM run_log WHERE id = 2" | head -n 1)
[ -n "$why" ] || fail "run 2 has no error"
short=$(printf '%s' "$why" | cut -c1-30)
ui_screen | grep -qF -- "$short" || { ui_screen >&2; fail "the sync screen lacks the reason '$why'"; }
ok "a failed sync: 'Why: $short...' and where it connects on the sync screen"
