#!/bin/sh
# The comparison in the UI (issue 17): Space marks models on the endpoints
# and models screens (a check on every row of a marked model, the count
# in the status line; Space again unmarks), c with fewer than 2 marked
# says why, c with 2 to 6 opens the comparison, whose every cell is the
# cell `orbrowse compare` prints for the same models (computed by the CLI
# here, at 200x50 where nothing is cut); at 80x24 the ids are shortened
# alike, the columns that do not fit are marked > and l scrolls to them;
# Esc and q go back with the marks kept.  The models are four of the demo
# data with no time-window price, so that the cost of a request does not
# depend on the time of day; goldens at 80x24 and 120x40.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd sqlite3
need_cmd python3

DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" demo --seed 1 --epoch 0
set -- $(sqlite3 "$DB" "SELECT model_key FROM endpoint WHERE active
    GROUP BY model_key HAVING SUM(price_overrides LIKE '%utc_%') = 0
    AND COUNT(*) >= 3 AND model_key NOT LIKE '%:%'
    ORDER BY length(model_key) DESC, model_key LIMIT 4")
[ $# -eq 4 ] || fail "four models without time windows: $*"
M1=$1 M2=$2 M3=$3 M4=$4

line() {
	ui_screen | sed -n "${1}p" | sed 's/ *$//'
}

# mark KEY N: filter the endpoints screen to the model, Space on its
# first row; N models are then marked.
mark() {
	ui_keys / C-u "model:$1" Enter
	# The status line may cut the key: its first 20 characters.
	ui_wait "filter: model:${1%"${1#????????????????????}"}"
	ui_keys g Space
	ui_wait "$1 marked ($2 marked"
	# The next key clears the message: the status line counts them.
	ui_keys g
	ui_wait " endpoints  marked: $2  filter: model:"
}

# The CLI's table for the four, one line per attribute, cells split on
# two or more blanks.
"$ORBROWSE" --db "$DB" compare "$M1" "$M2" "$M3" "$M4" >"$T/cli.txt" ||
    fail "orbrowse compare"
cells() {
	python3 -c '
import re, sys
rows = [l.rstrip("\n") for l in open(sys.argv[1])]
for l in rows:
    parts = re.split(r" {2,}", l.strip())
    if len(parts) > 1:
        print("|".join(parts))
' "$1"
}

for size in 200x50 80x24 120x40; do
	UI_COLS=${size%x*} UI_ROWS=${size#*x}
	export UI_COLS UI_ROWS
	ui_start --db "$DB"
	ui_wait "1028/1028 endpoints"
	# One marked: c says why; the rows of the model carry the mark.
	mark "$M1" 1
	n=$(ui_screen | grep -c "✓")
	want=$(sqlite3 "$DB" "SELECT COUNT(*) FROM endpoint WHERE active AND
	    model_key LIKE '%$M1%'")
	[ "$n" -ge 1 ] && [ "$n" -le "$want" ] ||
	    { ui_screen >&2; fail "$size: $n rows marked, want 1 to $want"; }
	ui_keys c
	ui_wait "compare: mark 2 to 6 models with Space (1 marked)"
	# Space on a marked model unmarks it; marked again.
	ui_keys g Space
	ui_wait "$M1 unmarked (0 marked)"
	ui_wait_gone "✓"
	ui_keys g Space
	ui_wait "$M1 marked (1 marked"
	mark "$M2" 2
	mark "$M3" 3
	# The fourth on the models screen, which shows the other marks.
	ui_keys O
	ui_wait "orbrowse  models"
	ui_keys / C-u "$M4" Enter
	ui_wait "  /$M4"
	ui_keys g Space
	ui_wait "$M4 marked (4 marked"
	ui_keys g
	ui_wait "models  marked: 4"
	ui_screen | grep -q "✓" || { ui_screen >&2; fail "$size: no mark on the models screen"; }
	ui_keys c
	ui_wait "orbrowse  compare"
	ui_wait "4 models compared; selected 1: $M1"
	ok "$size: Space marked four models on two screens, c compares them"
	if [ "$size" = 200x50 ]; then
		# Every cell is the CLI's.
		ui_screen | sed -n '4,20p' >"$T/ui.txt"
		cells "$T/cli.txt" | tail -n +2 >"$T/cli.cells"
		cells "$T/ui.txt" | tail -n +2 >"$T/ui.cells"
		[ -s "$T/cli.cells" ] || fail "no cells from orbrowse compare"
		# The CLI's table fits 80 columns: a cell it cut (~) is a
		# prefix of the UI's.
		python3 - "$T/cli.cells" "$T/ui.cells" <<'PY' ||
import sys
a = [l.rstrip("\n").split("|") for l in open(sys.argv[1])]
b = [l.rstrip("\n").split("|") for l in open(sys.argv[2])]
ok = len(a) == len(b) == 12
for x, y in zip(a, b):
    ok = ok and len(x) == len(y) == 5 and all(
        u == c or (c.endswith("~") and u.startswith(c[:-1]))
        for c, u in zip(x, y))
sys.exit(0 if ok else 1)
PY
		    { diff "$T/cli.cells" "$T/ui.cells" >&2; fail "the UI's comparison differs from orbrowse compare"; }
		ok "200x50: every cell is orbrowse compare's ($(wc -l <"$T/ui.cells") rows)"
	else
		ui_golden "compare-$size"
	fi
	# Every line fits.
	w=$(ui_screen | awk '{ if (length($0) > m) m = length($0) } END { print m }')
	[ "$w" -le "$UI_COLS" ] || fail "$size: a line is $w columns wide"
	if [ "$size" = 80x24 ]; then
		line 4 | grep -q '>$' || { ui_screen >&2; fail "80x24: no > for the models that do not fit"; }
		ui_keys l l l
		ui_wait "selected 4: $M4"
		ui_golden "compare-scrolled-$size"
		line 4 | grep -q '^<' || { ui_screen >&2; fail "80x24: no < after scrolling"; }
		ok "80x24: l selects and scrolls to the models that do not fit"
	fi
	# q back to the models screen, the marks kept.
	ui_keys q
	ui_wait "orbrowse  models"
	ui_wait "marked: 4"
	ui_keys q
	ui_wait "marked: 4"
	ok "$size: q goes back, the marks stay"
	ui_keys Q
	ui_wait "EXITED 0"
done
