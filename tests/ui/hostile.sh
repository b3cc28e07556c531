#!/bin/sh
# Hostile content (#6) in a real terminal: the endpoints screen, the model
# screen, the inspector and its diff, and the run log on the data set of
# tests/hostile-gen.py (escape sequences, C1 controls, bidi characters,
# megabyte strings and keys, a 90,000-element array, nesting 900 deep).
# After every step: the pane's title is not the one an OSC sequence sets,
# the screen holds only orbrowse's own attributes (no blink, no colours the
# data chose), no control or bidi character reached the screen, no line is
# wider than the terminal, the layout is the golden one (a CSI that clears
# the screen or moves the cursor would break it), and the program answers
# the next key.  The inspector and the diff on the large array and on the
# megabyte strings stay within a memory bound.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd python3
need_cmd sqlite3

# A key that starts a sync by mistake must not reach the network.
export ORBROWSE_BASE_URL=http://127.0.0.1:9

GEN="$ORBROWSE_SRCDIR/tests/hostile-gen.py"
H="$T/h"
python3 "$GEN" "$H" >"$T/gen.out" 2>&1 || { cat "$T/gen.out"; fail "hostile-gen.py"; }
DB="$T/h.db"
run 0 "$ORBROWSE" --db "$DB" import "$H/set"
run 0 "$ORBROWSE" --db "$DB" import "$H/set2"
# (From $H: the run's errors name the files the same way in every run.)
(cd "$H" && exec "$ORBROWSE" --db "$DB" import raw) >"$T/out" 2>&1
[ $? = 3 ] || { cat "$T/out"; fail "import of the refused payloads"; }

asan=0
grep -q __asan_init "$ORBROWSE" 2>/dev/null && asan=1
# The inspector holds jansson's tree of the shown document (about 44 bytes
# per number: 4 MB for the 90,000-element array; a million elements are
# refused by the budget of a tree, codec/json-guard.h), and the diff the
# old one beside it; the lines laid out are a few MB.  Laying out every
# line, or copying a megabyte key into each of 500 diff paths, would pass
# the 64 MB of #19 by far.
UI_RSS_MAX_KB=65536

ui_pid() {
	ps -o pid= --ppid "$(tmux -L "$SOCK" display -p '#{pane_pid}')" | tr -d ' '
}

# check NAME: the title, the attributes, the characters and the widths of
# what the terminal shows.
check() {
	title=$(tmux -L "$SOCK" display -p '#{pane_title}')
	case $title in
	*PWNED*) fail "$1: an OSC sequence set the pane title to '$title'" ;;
	esac
	tmux -L "$SOCK" capture-pane -p -e >"$T/e.txt"
	tmux -L "$SOCK" capture-pane -p >"$T/p.txt"
	python3 "$GEN" check --width "${UI_COLS:-100}" sgr:"$T/e.txt" \
	    screen:"$T/p.txt" >"$T/gen.out" 2>&1 ||
	    { cat "$T/gen.out" "$T/p.txt" >&2; fail "$1: the data's attributes, controls or bidi characters on the screen"; }
	head -n 1 "$T/p.txt" | grep -q '^ orbrowse  ' ||
	    { cat "$T/p.txt" >&2; fail "$1: the title line is gone"; }
	# The key-hint bar above the status line ends with the shared keys.
	tail -n 2 "$T/p.txt" | head -n 1 | grep -Eq '\? help  q (quit|back)$' ||
	    { cat "$T/p.txt" >&2; fail "$1: the key-hint bar is gone"; }
	ok "$1: title unchanged, only orbrowse's attributes, no control or bidi character, within the screen"
}

# rss NAME: the program's peak RSS so far, in a plain build.
rss() {
	kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$(ui_pid)/status")
	if [ $asan = 1 ]; then
		echo "# $1: peak RSS not checked under ASan ($kb kB)"
	elif [ "$kb" -gt $UI_RSS_MAX_KB ]; then
		fail "$1: peak RSS $kb kB, more than $UI_RSS_MAX_KB kB"
	else
		ok "$1: peak RSS $kb kB (bound $UI_RSS_MAX_KB kB)"
	fi
}

ui_start --db "$DB"
ui_wait "27/27 endpoints"
check "endpoints"
# The provider's name, sanitised, whole: a hostile quantization as long
# drops out rather than cut it.
grep -q 'hostile/escapes  *QWERT   YUIlinkOPASD  ' "$T/p.txt" ||
    { grep escapes "$T/p.txt" >&2; fail "the sanitised provider is not shown"; }
ui_golden hostile-endpoints

# The model screen of the model with every escape sequence.
ui_keys : "model hostile/escapes" Enter
ui_keys t C-u 12:00 Enter
ui_wait "hostile/escapes (Esc: TitleModellink)  shape:"
ui_wait "12:00 UTC  mix 3:1"
check "model"
ui_golden hostile-model

# The inspector: strings shown as JSON, their controls as \u escapes.
ui_keys Enter
ui_wait "endpoint bad00000-0000-4000-8000-000000000001 of model hostile/escapes"
ui_wait "run 2 of 2"
check "inspector"
ui_keys / provider_name Enter
ui_wait '"provider_name": "Prov\u001b]2;PWNED2\u001b\\ider v2\u009b2J",'
ok "inspector: an OSC title sequence is shown as escaped JSON"
ui_golden hostile-inspector

# The diff against run 1: hostile keys and values in the paths and texts.
ui_keys d
ui_wait "3 changes from run 1"
check "diff"
ui_golden hostile-diff
ui_keys q q q
ui_wait "27/27 endpoints"

# The 90,000-element array: the inspector lays out its first 10,000
# elements, says how many more there are, and still shows what follows.
ui_keys : "model hostile/big" Enter
ui_wait "hostile/big (Big: arrays)  shape:"
ui_keys Enter
ui_wait "endpoint bad00004-0000-4000-8000-000000000001 of model hostile/big"
check "inspector on a 90,000-element array"
ui_keys G
ui_wait "… 80000 more members not shown (document too large)"
ui_wait '"variant": "standard"'
check "the end of a 90,000-element array"
ui_golden hostile-big-end
rss "inspector on a 90,000-element array"

# Nesting 900 deep is laid out to 64 levels, then one line says so.
ui_keys g NPage NPage
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do ui_keys l; done
ui_wait "(nested too deep to show)"
check "nesting 900 deep"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do ui_keys h; done

# Its diff: 90,000 changed elements, the first 10,000 listed.
ui_keys d
ui_wait "10000 changes from run 1"
ui_wait "(only the first 10000)"
ui_keys G
ui_wait "replace /variable_pricings/9999 0 → 1"
check "diff of a 90,000-element array"
rss "diff of a 90,000-element array"
ui_keys q q q
ui_wait "27/27 endpoints"

# Megabyte strings and a megabyte key: every line cut at the screen's
# edge, and as far right as one can scroll.
ui_keys : "model hostile/long" Enter
ui_wait "hostile/long (NAME"
check "model with megabyte names"
ui_keys Enter
ui_wait "endpoint bad00002-0000-4000-8000-000000000001 of model hostile/long"
check "inspector on megabyte strings"
ui_keys / description Enter
ui_wait '"description": "DESC '
i=0
while [ $i -lt 1030 ]; do
	ui_keys l l l l l l l l l l
	i=$((i + 10))
done
ui_wait_gone '"description": "DESC '
check "megabyte strings scrolled right to the end"
ui_keys d
ui_wait "500 changes from run 1"
ui_wait "replace /features/KEY 模型提供商"
check "diff under a megabyte key"
ui_keys g
ui_golden hostile-long-diff
rss "diff under a megabyte key"
ui_keys q q q
ui_wait "27/27 endpoints"

# The run log: the refused payloads' errors, jansson's text quoting a bare
# escape sequence among them.
ui_keys : runs Enter
ui_wait "run 3 (1 of 3)"
ui_keys Enter
ui_wait "Errors: 5"
ui_wait "raw/raw-09.json: invalid JSON at line 1"
check "run log with the refused payloads"

# Run 1 (the hostile set): its warnings listed, each naming its endpoint,
# the hostile ids in them drawn safe.
ui_keys q G Enter
ui_wait "run 1, line 1 of"
ui_keys Tab Tab Tab Tab
ui_wait "Warnings: $(sql "$DB" "SELECT warnings FROM run_log WHERE id = 1")"
ui_wait "fields of the wrong shape read as absent"
check "run detail with the hostile set's warnings"

ui_keys Q
ui_wait "EXITED 0"
ok "the program quits with status 0 after all of it"
