#!/bin/sh
# The history screen (issue 17): eight demo epochs imported into one
# database, the runs and change records moved to fixed dates four days
# apart.  `:history MODEL` and `H` on the endpoints screen open it (H on
# an endpoint shows that provider's listing); the price step falls in the
# column the time axis puts the change at (computed here from the
# database); the dated changes are the listing's and the model's records;
# `[`/`]` move between providers; `p` the price shown; the ASCII form
# outside a UTF-8 locale; every line fits 80x24 and 120x40 and the hint
# bar stays; goldens at both sizes.  The changes screen (C, :changes) on
# the same data: every record newest first, the filter language's count
# checked against the database, Enter the inspector's diff of that run.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd sqlite3
need_cmd python3

export ORBROWSE_BASE_URL=http://127.0.0.1:9
DB="$T/h.db"
for k in 0 1 2 3 4 5 6 7; do
	run 0 "$ORBROWSE" --db "$DB" demo --seed 7 --models 30 --endpoints 4 \
	    --no-metrics --epoch $k
done
DAY=86400000
BASE=1772323200000	# 2026-03-01 00:00 UTC
sqlite3 "$DB" "UPDATE run_log SET started_at = $BASE + (id - 1) * 4 * $DAY,
    ended_at = $BASE + (id - 1) * 4 * $DAY + 1000" ||
    fail "cannot set the dates"
# The listing with one prompt price change (the run nearest the middle)
# that was listed from the first run
# and never went away; its model; its provider's name.
# The records with their model, endpoint's id and provider (a record names
# its row, ep; older ones the three).
CH="(SELECT c.id, c.run_id, c.at, c.kind, c.field,
    COALESCE(NULLIF(c.model_key, ''), e.model_key) AS model_key,
    COALESCE(e.endpoint_id, c.endpoint_id) AS endpoint_id,
    COALESCE(e.provider_slug, c.provider_slug) AS provider_slug
    FROM changes c LEFT JOIN endpoint e ON e.id = c.ep)"
set -- $(sqlite3 -separator ' ' "$DB" "SELECT c.endpoint_id, c.model_key,
    c.run_id FROM $CH c WHERE c.kind = 'price_changed'
    AND c.field = 'prompt' AND EXISTS (SELECT 1 FROM $CH a
    WHERE a.endpoint_id = c.endpoint_id AND a.kind = 'endpoint_added'
    AND a.run_id = 1) AND NOT EXISTS (SELECT 1 FROM $CH r
    WHERE r.endpoint_id = c.endpoint_id AND r.kind = 'endpoint_removed')
    AND (SELECT COUNT(*) FROM $CH p WHERE p.endpoint_id = c.endpoint_id
    AND p.kind = 'price_changed' AND p.field = 'prompt') = 1
    ORDER BY ABS(c.run_id - 5), c.endpoint_id LIMIT 1")
[ $# -eq 3 ] || fail "the demo epochs changed no prompt price"
EP=$1 MODEL=$2 RUN=$3
SLUG=$(sqlite3 "$DB" "SELECT provider_slug FROM endpoint WHERE endpoint_id = '$EP' LIMIT 1")
PNAME=$(sqlite3 "$DB" "SELECT provider_name FROM endpoint WHERE endpoint_id = '$EP' LIMIT 1")
[ -n "$PNAME" ] || fail "no provider name for $EP"

# header: wait for the listing of provider name $1, pressing ] at most 8
# times.
find_provider() {
	i=0
	while ! ui_screen | sed -n 2p | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -le 8 ] || { ui_screen >&2; fail "no listing of $1 with ]"; }
		ui_keys ']'
		sleep 0.2
	done
}

# check_step COLS ROWS: the chart's columns before the change are one
# glyph column; the change's column differs from the one before it.
check_step() {
	ui_screen >"$T/screen"
	python3 - "$DB" "$T/screen" "$EP" "$RUN" "$1" "$2" <<'PY' ||
import sqlite3, sys
db, screen, ep, run, cols, rows = sys.argv[1:]
cols, rows = int(cols), int(rows)
c = sqlite3.connect(db)
(t0,) = c.execute("SELECT MIN(c.at) FROM changes c LEFT JOIN endpoint e"
                  " ON e.id = c.ep WHERE COALESCE(NULLIF(c.model_key, ''),"
                  " e.model_key) = (SELECT model_key FROM endpoint"
                  " WHERE endpoint_id = ?)", (ep,)).fetchone()
(t1,) = c.execute("SELECT MAX(started_at) FROM run_log").fetchone()
(tc,) = c.execute("SELECT started_at FROM run_log WHERE id = ?",
                  (int(run),)).fetchone()
lines = open(screen).read().split("\n")
body = rows - 3
ch = max(3, min(10, (body - 6) // 2))
w = cols - 10
chart = [l.ljust(cols)[10:] for l in lines[2:2 + ch]]
# The first column whose end reaches the change.
cstar = next(k for k in range(w) if t0 + (t1 - t0) * (k + 1) // w >= tc)
col = lambda k: "".join(r[k] for r in chart)
assert cstar > 0, cstar
for k in range(cstar):
    assert col(k) == col(0), ("a step before the change", k, cstar)
assert col(cstar) != col(cstar - 1), ("no step at the change", cstar, chart)
PY
	    { cat "$T/screen" >&2; fail "$1x$2: the price step is not where the change is"; }
}

# fits COLS ROWS: no line wider than the terminal; the hint bar is kept.
fits() {
	ui_screen >"$T/screen"
	python3 -c 'import sys
w = int(sys.argv[2])
sys.exit(any(len(l) > w for l in open(sys.argv[1], encoding="utf-8")
         .read().split("\n")))' "$T/screen" "$1" ||
	    fail "$1x$2: a line is wider than the terminal"
	sed -n "$(($2 - 1))p" "$T/screen" | grep -q '\[ \] provider  p price' ||
	    { cat "$T/screen" >&2; fail "$1x$2: no hint bar"; }
}

for size in 80x24 120x40; do
	UI_COLS=${size%x*} UI_ROWS=${size#*x}
	ui_start --db "$DB"
	ui_wait "endpoints"
	ui_keys : "history $MODEL" Enter
	ui_wait "orbrowse  history"
	ui_wait "CHANGES (newest first)"
	find_provider "$PNAME"
	ui_wait "price prompt:"
	check_step "$UI_COLS" "$UI_ROWS"
	fits "$UI_COLS" "$UI_ROWS"
	ui_golden "history-$size"
	ok "$size: the step of $SLUG's prompt price is at its date's column"
done

# The dated list: the listing's and the model's records, but the internal
# ones, newest first (all fit at 120x40).
sqlite3 "$DB" "SELECT COUNT(*) FROM $CH WHERE kind NOT IN ('metrics',
    'initial') AND model_key = '$MODEL' AND (endpoint_id IS NULL
    OR endpoint_id = '$EP')" >"$T/want"
sed -n '/CHANGES (newest first)/,$p' "$T/screen" |
    grep -Ec '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}  ' >"$T/got"
cmp -s "$T/want" "$T/got" ||
    fail "the change list has $(cat "$T/got") lines, the database $(cat "$T/want")"
sed -n '/CHANGES (newest first)/,$p' "$T/screen" | sed -n 2p |
    grep -q 'price' || fail "the newest change is not listed first"
ok "the dated changes are the database's, newest first"

# p: the completion price, then cache read, then prompt again.
ui_keys p
ui_wait "$PNAME  $SLUG  completion"
ui_keys p p
ui_wait "$PNAME  $SLUG  prompt"
# [ goes back to the previous provider, ] to this one.
ui_keys '['
ui_wait_gone "$PNAME  $SLUG"
ui_keys ']'
ui_wait "$PNAME  $SLUG"
ok "p cycles the price; [ and ] move between providers"

# H on the endpoints screen: that provider's listing first.
UI_COLS=80 UI_ROWS=24
ui_start --db "$DB"
ui_wait "endpoints"
ui_keys / "model:$MODEL provider:$SLUG" Enter
ui_wait "1/"
ui_keys H
ui_wait "orbrowse  history"
ui_screen | sed -n 2p | grep -qF "$PNAME  $SLUG" ||
    { ui_screen >&2; fail "H on an endpoint did not show its listing"; }
# B hides the hint bar here too, and shows it again.
ui_keys B
ui_wait_gone "[ ] provider  p price"
ui_keys B
ui_wait "[ ] provider  p price"
ui_keys q
ui_wait "1/"
ok "H on an endpoint opens its provider's history; B hides the hint bar"
# H on the model screen (whose model is the public id): its history.
ui_keys Enter
ui_wait "orbrowse  model"
ui_keys H
ui_wait "orbrowse  history"
ui_wait "CHANGES (newest first)"
ui_screen | tail -n 1 | grep -qF "$MODEL  provider " ||
    { ui_screen >&2; fail "H on the model screen did not open $MODEL's history"; }
ok "H on the model screen opens the model's history"

# Outside a UTF-8 locale the chart is ASCII.
UI_LOCALE=C ui_start --db "$DB"
ui_wait "endpoints"
ui_keys : "history $MODEL" Enter
ui_wait "CHANGES (newest first)"
find_provider "$PNAME"
ui_screen >"$T/screen"
LC_ALL=C grep -q "$(printf '[\200-\377]')" "$T/screen" &&
    { cat "$T/screen" >&2; fail "C locale: a non-ASCII byte on screen"; }
sed -n '3,9p' "$T/screen" | grep -q '#' || fail "C locale: no # in the chart"
check_step 80 24
ui_golden "history-ascii-80x24"
ok "C locale: an ASCII chart with the step in the same place"

# A model without records says so and opens nothing.
ui_keys : "history no-such-model-at-all" Enter
ui_wait "no model matches"
ok ":history of an unknown model is refused"

# ------------------------------------------------------- changes screen
SHOWN="kind NOT IN ('metrics', 'initial')"
for size in 80x24 120x40; do
	UI_COLS=${size%x*} UI_ROWS=${size#*x}
	ui_start --db "$DB"
	ui_wait "endpoints"
	ui_keys C
	ui_wait "orbrowse  changes"
	N=$(sqlite3 "$DB" "SELECT COUNT(*) FROM changes WHERE $SHOWN")
	ui_wait "$N changes  filter: -"
	ui_screen | sed -n 2p | grep -q "^2026-03-29 00:00  " ||
	    { ui_screen >&2; fail "$size: the newest change is not first"; }
	sed_last=$(ui_screen | sed -n "$((UI_ROWS - 1))p")
	case $sed_last in
	" Enter diff  / filter  H history"*) ;;
	*) ui_screen >&2; fail "$size: no hint bar" ;;
	esac
	ui_golden "changes-$size"
	ok "$size: C lists all $N records, newest first"
done
# The filter: a listing's records are kept when its provider matches, a
# model's when any listing of the model does (computed here in SQL).
WANT=$(sqlite3 "$DB" "SELECT COUNT(*) FROM $CH c WHERE $SHOWN AND
    ((c.endpoint_id IS NOT NULL AND EXISTS (SELECT 1 FROM endpoint e
      WHERE e.endpoint_id = c.endpoint_id AND e.model_key = c.model_key
      AND (e.provider_slug LIKE '%$SLUG%' OR e.provider_name LIKE '%$SLUG%')))
    OR (c.endpoint_id IS NULL AND EXISTS (SELECT 1 FROM endpoint e
      WHERE e.model_key = c.model_key AND (e.provider_slug LIKE '%$SLUG%'
      OR e.provider_name LIKE '%$SLUG%'))))")
ui_keys / "provider:$SLUG" Enter
ui_wait "  filter: provider:$SLUG"
ui_screen | tail -n 1 | grep -q "^$WANT change" ||
    { ui_screen >&2; fail "provider:$SLUG: not the $WANT records the database has"; }
ok "the filter provider:$SLUG keeps the $WANT records SQL finds"
# Enter on the listing's newest change (its prompt price run): the
# inspector's diff from the snapshot before to that run's.  (q and C:
# a new screen, with no filter.)
ui_keys q
ui_wait_gone "orbrowse  changes"
ui_keys C
ui_wait "changes  filter: -"
ui_keys / "provider:$SLUG model:$MODEL" Enter
ui_wait "  filter: provider:$SLUG model:$MODEL"
ui_keys g Enter
ui_wait "orbrowse  snapshot"
ui_wait "to run $RUN ("
ui_screen | grep -q "replace /pricing/prompt" ||
    { ui_screen >&2; fail "Enter: the diff lacks the prompt price"; }
ok "Enter opens the diff of exactly run $RUN's change"

# ------------------------------------------------------------ watchlist
# '*' on an endpoint stars its model (the watch table holds the key), every
# listing of it is marked; W puts the term watched in the filter and takes
# it out; the models screen marks it too and '*' there unstars it.
UI_COLS=100 UI_ROWS=30
ui_start --db "$DB"
ui_wait "endpoints"
ui_keys / "model:$MODEL" Enter
ui_wait "filter: model:$MODEL"
ui_keys '*'
ui_wait "$MODEL starred"
[ "$(sqlite3 "$DB" 'SELECT model_key FROM watch')" = "$MODEL" ] ||
    fail "'*' did not put $MODEL on the watchlist"
NEP=$(sqlite3 "$DB" "SELECT COUNT(*) FROM endpoint WHERE active = 1 AND model_key = '$MODEL'")
[ "$(ui_screen | grep -c '★')" -eq "$NEP" ] ||
    { ui_screen >&2; fail "not every listing of the starred model is marked"; }
ui_keys W
ui_wait "filter: model:$MODEL watched"
ui_wait "$NEP/"
ui_keys W
# The hint bar says "W watched": the status line must not.
ui_wait_gone "$MODEL watched"
ui_wait "filter: model:$MODEL "
ok "'*' stars a model on the endpoints screen; W toggles the filter term watched"
# W alone: only the starred model's listings.
ui_start --db "$DB"
ui_wait "endpoints"
ui_keys W
ui_wait "filter: watched"
ui_screen | tail -n 1 | grep -q "^$NEP/" ||
    { ui_screen >&2; fail "W: not the $NEP listings of the watchlist"; }
ok "W alone keeps the $NEP listings of the starred model"
ui_keys O
ui_wait "orbrowse  models"
ui_screen | grep '★' >"$T/starred"
[ "$(wc -l <"$T/starred")" -eq 1 ] || { ui_screen >&2; fail "the models screen does not mark one model"; }
ui_keys / "$MODEL" Enter
ui_wait "/$MODEL"
ui_keys '*'
ui_wait "$MODEL unstarred"
[ -z "$(sqlite3 "$DB" 'SELECT model_key FROM watch')" ] ||
    fail "'*' on the models screen did not take $MODEL off the watchlist"
ui_wait_gone '★'
ok "the models screen marks the starred model; '*' unstars it"
