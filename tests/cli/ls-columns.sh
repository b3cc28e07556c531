#!/bin/sh
# ls --columns: the table's columns in the order given, by the names the
# UI's chooser and the config file use; an unknown or repeated name is a
# usage error listing the valid names; --json and --csv keep every field;
# ls --sort flags|data|status orders by what those columns show.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd python3
DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" demo --seed 1
export ORBROWSE_DB="$DB"

# The default table is unchanged: every column but flags and data.
run 0 "$ORBROWSE" ls
eq "$(head -1 "$T/out" | tr -s ' ')" "MODEL PROVIDER QUANT CTX \$/M IN \$/M OUT P50 MS TOK/S UPTIME ST" "default header"

# Chosen columns, in the order given.
run 0 "$ORBROWSE" ls --columns provider,prompt,model free
eq "$(head -1 "$T/out" | tr -s ' ')" "PROVIDER \$/M IN MODEL" "header in the order given"
n=$("$ORBROWSE" ls --json free | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
eq "$(($(wc -l <"$T/out") - 1))" "$n" "one line per matching endpoint"
awk 'NR > 1 { if ($NF !~ /:free$|\// || NF < 3) bad = 1 } END { exit bad }' "$T/out" ||
    fail "the model is not the last column"
ok "the model id is the last column"

# The flag columns, and sorting by them (not by uptime).
run 0 "$ORBROWSE" ls --columns flags,data,status,model --sort -flags
eq "$(head -1 "$T/out" | tr -s ' ')" "TIRF DATA ST MODEL" "flag columns"
python3 - "$T/out" <<'PY' || fail "--sort -flags is not by the TIRF letters"
import sys
lines = open(sys.argv[1]).read().split("\n")[1:]
vals = [sum(8 >> i for i, ch in enumerate(l.split()[0]) if ch != ".") for l in lines if l.strip()]
assert vals == sorted(vals, reverse=True), vals[:20]
assert vals[0] > vals[-1]
PY
ok "--sort -flags orders by the TIRF letters"
run 0 "$ORBROWSE" ls --columns data,model --sort data
python3 - "$T/out" <<'PY' || fail "--sort data is not no-train, retains, trains, then unknown"
import sys
rank = {"no-train": 0, "retains": 1, "trains": 2, "?": 3}
lines = open(sys.argv[1]).read().split("\n")[1:]
vals = [rank[l.split()[0]] for l in lines if l.strip()]
assert vals == sorted(vals), vals[:20]
assert len(set(vals)) > 1
PY
ok "--sort data orders no-train, retains, trains"

# Machine formats keep every field.
run 0 "$ORBROWSE" ls --columns model --json free
python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); assert "provider_slug" in r[0] and "price_prompt" in r[0]' "$T/out" ||
    fail "--json lost fields under --columns"
ok "--json prints every field under --columns"

# Errors: an unknown name lists the valid ones; a repeated or empty one.
run 2 "$ORBROWSE" ls --columns model,price
contains "$T/err" 'orbrowse: ls: --columns: unknown column "price" (one of: model, provider, quant, ctx, prompt, completion, latency, tps, uptime, flags, data, status)' "unknown column named, valid ones listed"
[ -s "$T/out" ] && fail "output on a bad --columns"
run 2 "$ORBROWSE" ls --columns model,model
contains "$T/err" 'column "model" given twice' "repeated column"
run 2 "$ORBROWSE" ls --columns 'model,,tps'
contains "$T/err" "empty column name" "empty column"
run 2 "$ORBROWSE" ls --sort bogus
contains "$T/err" "flags data status" "sort columns listed"

# The config file's UI setting does not upset sync's settings.
mkdir -p "$HOME/.config/orbrowse"
printf 'columns.endpoints = model,tps\nconcurrency = 2\n' >"$HOME/.config/orbrowse/config"
run 1 "$ORBROWSE" --db "$T/none.db" sync --base-url http://127.0.0.1:9 --retries 0 --quiet
grep -q "columns.endpoints\|unknown setting" "$T/err" && fail "sync refused the UI's setting"
ok "sync reads a config file with columns.endpoints"
