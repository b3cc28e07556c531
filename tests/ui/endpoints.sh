#!/bin/sh
# The endpoints screen in a real terminal: first frame, filter as you type
# with inline errors, sorting, inactive rows, help, resizing, NO_COLOR,
# hostile strings.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd sqlite3

DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" demo --seed 1 --epoch 0
ui_start --db "$DB"
ui_wait "1028/1028 endpoints"
ui_golden endpoints-start

# Filter as you type: the count follows every key.
ui_keys / 'tools ctx>=128k'
ui_wait "ctx>=128k"
ui_keys ' prompt<0.2'
ui_wait "prompt<0.2"
ui_keys Enter
n=$("$ORBROWSE" --db "$DB" ls --json 'tools ctx>=128k prompt<0.2' | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
ui_wait "$n/1028 endpoints  filter: tools ctx>=128k prompt<0.2"
ok "filter shows the same $n endpoints as orbrowse ls"
ui_golden endpoints-filtered

# A malformed term is shown inline with its column; Esc keeps the old one.
ui_keys / ' ctx>=abc'
ui_wait 'column 28: invalid number'
ui_keys Escape
ui_wait "$n/1028 endpoints  filter: tools ctx>=128k prompt<0.2"
ok "a bad filter is reported inline, Esc restores the last good one"

# Sorting: > moves the sort column right, S reverses.
ui_keys ">" ">" ">" ">"
ui_wait 'sort: $/M IN'
ui_keys S
ui_wait 'sort: $/M IN (desc)'
ui_golden endpoints-sorted-desc
ui_keys / C-u Enter
ui_wait "1028/1028 endpoints  filter: -"

# Help: the screen's keys and the global ones, filterable.
ui_keys '?'
ui_wait 'Keys of the endpoints screen'
ui_keys s o r t
ui_wait 'filter: sort'
ui_golden help-filtered
ui_keys Escape
ui_wait "1028/1028 endpoints"

# Too small, then back.
tmux -L "$SOCK" resize-window -x 30 -y 8
ui_wait 'terminal too small'
tmux -L "$SOCK" resize-window -x 100 -y 30
ui_wait "1028/1028 endpoints"
ok "resizing below 40x10 shows a notice, and back"

# Quit.
ui_keys Q
ui_wait "EXITED 0"
ok "Q quits with status 0"

# Colours: on by default, none with NO_COLOR.
ui_start --db "$DB"
ui_wait "1028/1028"
COLOR_RE="$(printf '\033')\[([0-9]*;)*(3[0-7]|4[0-7]|38;5|48;5)(;[0-9]+)*m"
tmux -L "$SOCK" capture-pane -p -e | grep -Eq "$COLOR_RE" || fail "no colours by default"
ok "colours by default"
export NO_COLOR=1
ui_start --db "$DB"
unset NO_COLOR
ui_wait "1028/1028"
! tmux -L "$SOCK" capture-pane -p -e | grep -Eq "$COLOR_RE" || fail "colours under NO_COLOR"
ok "no colours under NO_COLOR"
ui_start --db "$DB" --no-color
ui_wait "1028/1028"
! tmux -L "$SOCK" capture-pane -p -e | grep -Eq "$COLOR_RE" || fail "colours with --no-color"
ok "no colours with --no-color"

# Hostile strings from the network: escape sequences never reach the
# terminal, wide characters keep their width.
python3 - "$T/hostile.json" <<'PY'
import json, sys
e = {
    "id": "11111111-2222-3333-4444-555555555555",
    "model_variant_permaslug": "evil/\u001b[31mred\u001b[0m-\u001b]0;pwned\u0007model",
    "variant": "standard",
    "provider_name": "\u6a21\u578b\u63d0\u4f9b\u5546\u202e\u0007\u009b2J",
    "provider_slug": "wide",
    "context_length": 8192,
    "pricing": {"prompt": "0.000001", "completion": "0.000002"},
    "model": {"name": "Evil \u001b[2J clear", "permaslug": "evil/x"},
}
json.dump({"data": [e]}, open(sys.argv[1], "w"))
PY
run 0 "$ORBROWSE" --db "$T/hostile.db" import "$T/hostile.json"
ui_start --db "$T/hostile.db"
ui_wait "1/1 endpoints"
[ "$(tmux -L "$SOCK" display-message -p '#{pane_title}')" != pwned ] || fail "an OSC sequence set the title"
ok "no OSC sequence reached the terminal"
ui_screen >"$T/h.txt"
grep -q 'evil/red-model' "$T/h.txt" || { cat "$T/h.txt"; fail "sanitised name not shown"; }
ok "escape sequences are stripped from names"
ui_golden hostile
