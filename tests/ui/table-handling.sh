#!/bin/sh
# The endpoints table's handling, at 80x24 and 120x40: Enter opens the
# model screen on that provider's row; the column chooser (v or F2) hides, shows and
# moves columns, keeps them in the config file (other lines untouched) and
# they hold after a restart; < and > move the sort mark, S reverses it, the
# sort menu picks a column, a click on a header sorts by it and the wheel
# scrolls; Up and Down recall earlier filters (kept in the data
# directory); a malformed filter keeps the last good one in force and on
# display; :save and :view keep and restore a filter, sort and columns.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd python3

DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" demo --seed 1 --epoch 0
CONF="$HOME/.config/orbrowse/config"
HIST="$HOME/.local/share/orbrowse/filter-history"
VIEWS="$HOME/.local/share/orbrowse/views"
# Without colours the selected row is in reverse video (ESC [7m).
export NO_COLOR=1

header() { ui_screen | sed -n 2p; }
status() { ui_screen | sed -n "${UI_ROWS}p"; }
selected() { tmux -L "$SOCK" capture-pane -p -e | grep "$(printf '\033')\[7m" | head -1; }

# The text of LINE from the start of header TITLE to the start of header
# NEXT (a right-aligned number lies in there), without spaces.
cell() {
	python3 - "$1" "$2" "$3" "$4" <<'PY'
import sys
hdr, title, nxt, line = sys.argv[1:5]
print(line[hdr.index(title):hdr.index(nxt)].strip())
PY
}

# The provider named in LINE (the longest of those stored).
provider_in() {
	"$ORBROWSE" --db "$DB" ls --columns provider | sed 1d | sed 's/ *$//' |
	    sort -u | python3 -c '
import sys
line = sys.argv[1]
names = [n.strip() for n in sys.stdin if n.strip() and n.strip() in line]
print(max(names, key=len) if names else "")' "$1"
}

# The 1-based screen column of the middle of header TITLE.
header_x() {
	header | python3 -c '
import sys
h = sys.stdin.read()
t = sys.argv[1]
assert t in h, "no header " + t
print(h.index(t) + len(t) // 2 + 1)' "$1"
}

# A click (SGR mouse report) at 1-based column x, line y.
click() {
	ui_keys -l "$(printf '\033[<0;%d;%dM' "$1" "$2")"
	ui_keys -l "$(printf '\033[<0;%d;%dm' "$1" "$2")"
}

for size in 80x24 120x40; do
	UI_COLS=${size%x*} UI_ROWS=${size#*x}
	rm -rf "$HOME/.config" "$HOME/.local"
	mkdir -p "$HOME/.config/orbrowse"
	printf '# my settings\nrate = 5\n' >"$CONF"

	# Enter on an endpoint: the model screen with that provider selected.
	ui_start --db "$DB" --mouse
	ui_wait "1028/1028 endpoints"
	ui_keys j j
	sleep 0.3
	prov=$(provider_in "$(selected)")
	[ -n "$prov" ] || fail "no provider in the selected row"
	ui_keys Enter
	ui_wait "# PROVIDER"
	selected | grep -qF "$prov" || { ui_screen >&2; fail "$size: model screen selects another row than $prov"; }
	ok "$size: Enter selects $prov on the model screen"
	ui_keys q
	ui_wait "1028/1028 endpoints"

	# The column chooser (v): hide PROVIDER, kept in the config file.
	ui_keys v
	ui_wait "Space show/hide"
	ui_golden "table-chooser-$size"
	ui_keys j Space Enter
	ui_wait "columns saved in"
	header | grep -q PROVIDER && fail "$size: PROVIDER still shown"
	grep -qx 'columns.endpoints = model,quant,ctx,prompt,completion,latency,tps,uptime,flags,data,status' "$CONF" ||
	    { cat "$CONF" >&2; fail "$size: columns not in the config file"; }
	grep -qx '# my settings' "$CONF" && grep -qx 'rate = 5' "$CONF" ||
	    fail "$size: the config file's other lines were lost"
	ok "$size: the chooser hides a column and keeps it in the config file"
	ui_keys Q
	ui_wait "EXITED 0"
	ui_start --db "$DB" --mouse
	ui_wait "1028/1028 endpoints"
	header | grep -q MODEL || fail "$size: no MODEL after a restart"
	header | grep -q PROVIDER && fail "$size: PROVIDER back after a restart"
	ok "$size: a hidden column stays hidden after a restart"
	# Shown again (the hidden columns are listed last) and moved to the
	# front, with the chooser's other key, F2.
	ui_keys F2 G Space '[' '[' '[' '[' '[' '[' '[' '[' '[' '[' '[' '['
	ui_keys Enter
	ui_wait "columns saved in"
	header | grep -q '^PROVIDER' || { header >&2; fail "$size: PROVIDER not moved first"; }
	grep -qx 'columns.endpoints = provider,model,quant,ctx,prompt,completion,latency,tps,uptime,flags,data,status' "$CONF" ||
	    fail "$size: the new order is not in the config file"
	ok "$size: the chooser shows and moves a column"

	# < and > move the sort mark; S reverses it.
	header | grep -q 'MODEL▲' || fail "$size: no sort mark on MODEL"
	ui_keys '<'
	ui_wait 'sort: PROVIDER'
	header | grep -q 'PROVIDER▲' || fail "$size: < did not move the mark"
	header | grep -q 'MODEL▲' && fail "$size: two sort marks"
	ui_keys '>'
	ui_wait 'sort: MODEL'
	header | grep -q 'MODEL▲' || fail "$size: > did not move the mark back"
	ui_keys S
	ui_wait 'sort: MODEL (desc)'
	header | grep -q 'MODEL▼' || fail "$size: S did not turn the mark"
	ok "$size: < > move the sort mark and S reverses it"

	# The sort menu: the last but two of the columns is TIRF.
	ui_keys s
	ui_wait 'Sort by'
	ui_keys G k k Enter
	ui_wait 'sort: TIRF'
	ok "$size: the sort menu sorts by TIRF"

	# A click on a header sorts by that column, again reverses; the wheel
	# moves the cursor.
	click "$(header_x 'P50 MS')" 2
	ui_wait 'sort: P50 MS  '
	click "$(header_x 'P50 MS')" 2
	ui_wait 'sort: P50 MS (desc)'
	first=$("$ORBROWSE" --db "$DB" ls --sort -latency --columns latency | sed -n 2p | tr -d ' ')
	row=$(ui_screen | sed -n 3p)
	[ "$(cell "$(header)" 'P50 MS' 'TOK/S' "$row")" = "$first" ] ||
	    fail "$size: the first row after the click is not the slowest ($first)"
	ok "$size: a click on a header sorts by it, a second reverses"
	ui_keys g
	ui_keys -l "$(printf '\033[<65;5;8M')"
	sleep 0.3
	n=$(tmux -L "$SOCK" capture-pane -p -e | grep -n "$(printf '\033')\[7m" | head -1 | cut -d: -f1)
	eq "$n" 6 "$size: the wheel moves the cursor three rows"

	# Filter history: Up and Down recall earlier filters, from the file.
	ui_keys / tools Enter
	ui_wait 'filter: tools'
	ui_keys / C-u free Enter
	ui_wait 'filter: free'
	printf 'tools\nfree\n' | cmp -s - "$HIST" || { cat "$HIST" >&2; fail "$size: history file"; }
	ui_keys Q
	ui_wait "EXITED 0"
	ui_start --db "$DB" --mouse
	ui_wait "1028/1028 endpoints"
	ui_keys / Up
	ui_wait '/free'
	ui_keys Up
	ui_wait '/tools'
	ui_keys Down Down
	ui_wait_gone '/free'
	ui_keys Up Up Enter
	ui_wait 'filter: tools'
	ok "$size: Up and Down recall earlier filters across a restart"

	# A malformed filter: while typed, the last good result stays; Enter
	# keeps the last good filter in force and on display, and says why.
	n_tools=$("$ORBROWSE" --db "$DB" ls --json tools | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
	ui_wait "$n_tools/1028 endpoints  filter: tools"
	row=$(ui_screen | sed -n 3p)
	ui_keys / ' ctx>='
	ui_wait 'column 7:'
	[ "$(ui_screen | sed -n 3p)" = "$row" ] || fail "$size: a half-typed term changed the rows"
	ui_screen | grep -q 'No endpoints match' && fail "$size: a half-typed term filters everything out"
	ui_keys abc Enter
	ui_wait 'filter not applied, kept: tools; column 7'
	grep -q 'abc' "$HIST" && fail "$size: a malformed filter went to the history"
	ui_keys j
	ui_wait "$n_tools/1028 endpoints  filter: tools  "
	ok "$size: a malformed filter keeps the last good one, on display"

	# Named views: :save, change everything, :view restores it.
	ui_keys '>' '>' '>' '>' '>'
	ui_wait 'sort: P50 MS  '
	ui_keys : 'save mine' Enter
	ui_wait 'view "mine" saved'
	grep -q "^mine	latency	provider,model,quant,ctx,prompt,completion,latency,tps,uptime,flags,data,status	tools\$" "$VIEWS" ||
	    { cat "$VIEWS" >&2; fail "$size: views file"; }
	ui_keys / C-u Enter
	ui_wait '1028/1028 endpoints  filter: -'
	ui_keys '<' v j Space Enter
	ui_wait 'columns saved'
	ui_keys Q
	ui_wait "EXITED 0"
	ui_start --db "$DB" --mouse
	ui_wait "1028/1028 endpoints"
	ui_keys : view Enter
	ui_wait 'views: mine'
	ui_keys : 'view nope' Enter
	ui_wait 'no view "nope"'
	ui_keys : 'view mine' Enter
	ui_wait 'view "mine"'
	ui_keys j
	ui_wait "$n_tools/1028 endpoints  filter: tools  sort: P50 MS  "
	header | grep -q '^PROVIDER *MODEL' || { header >&2; fail "$size: the view's columns"; }
	ok "$size: :save and :view keep and restore the filter, sort and columns"
	ui_keys Q
	ui_wait "EXITED 0"
done

# Outside UTF-8 the sort mark is ASCII.
rm -rf "$HOME/.config"
UI_LOCALE=C UI_COLS=80 UI_ROWS=24
ui_start --db "$DB"
ui_wait "1028/1028 endpoints"
header | grep -q '^MODEL^ *PROVIDER' || { header >&2; fail "no ASCII sort mark"; }
ui_keys S
ui_wait 'sort: MODEL (desc)'
header | grep -q 'MODELv' || fail "no ASCII descending mark"
ok "the sort mark is ASCII outside UTF-8"
ui_keys Q
ui_wait "EXITED 0"

# The config file sets the sort and the filter the UI opens with; a bad
# value is said on the status line and the rest of the file holds.
mkdir -p "$HOME/.config/orbrowse"
printf 'sort.endpoints = -prompt\nfilter.endpoints = tools\n' >"$CONF"
n_tools=$("$ORBROWSE" --db "$DB" ls --json tools | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
ui_start --db "$DB"
ui_wait "$n_tools/1028 endpoints  filter: tools  sort: \$/M IN (desc)"
ok "sort.endpoints and filter.endpoints in the config file"
ui_keys Q
ui_wait "EXITED 0"
printf 'sort.endpoints = nope\nfilter.endpoints = ctx>>1\n' >"$CONF"
ui_start --db "$DB"
ui_wait 'config:1: unknown sor'
ui_keys j
ui_wait "1028/1028 endpoints  filter: -  sort: MODEL"
ok "a bad sort or filter in the config file is said, the defaults hold"
