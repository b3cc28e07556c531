#!/bin/sh
# Words and numbers for people and scripts: an unknown option in one line
# and a hint, ls saying "no match" aside, show taking what cheapest takes,
# a missing database explained with the next step that works, runs --json
# for scripts, numbers shown and filtered by one rule (util/numfmt.h), and
# CSV with the shortest exact decimals.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" demo --seed 3 --models 60
export ORBROWSE_DB="$DB"

# --- An unknown option: one line saying what, one hint, nothing else.
for cmd in import ls cheapest show runs demo sync gc; do
	run 2 "$ORBROWSE" "$cmd" --x
	printf "orbrowse: unrecognized option '--x'\nTry 'orbrowse %s --help'.\n" \
	    "$cmd" >"$T/want"
	cmp -s "$T/err" "$T/want" || { cat "$T/err" >&2; fail "$cmd --x"; }
	[ ! -s "$T/out" ] || fail "$cmd --x wrote to stdout"
done
ok "every subcommand: an unknown option is one line and one hint"
run 2 "$ORBROWSE" --x
printf "orbrowse: unrecognized option '--x'\nTry 'orbrowse --help'.\n" >"$T/want"
cmp -s "$T/err" "$T/want" || { cat "$T/err" >&2; fail "--x"; }
ok "the main command line: an unknown option is one line and one hint"
run 2 "$ORBROWSE" ls -Z
eq "$(head -1 "$T/err")" "orbrowse: invalid option -- 'Z'" "an unknown short option"
run 2 "$ORBROWSE" ls --json --sort
eq "$(head -1 "$T/err")" "orbrowse: option '--sort' requires an argument" \
    "a missing argument"
run 2 "$ORBROWSE" ls --json=yes
eq "$(cat "$T/err")" "orbrowse: option '--json' doesn't allow an argument
Try 'orbrowse ls --help'." "an argument where none is taken"
run 2 "$ORBROWSE" frobnicate
eq "$(cat "$T/err")" "orbrowse: unknown command 'frobnicate'
Try 'orbrowse --help'." "an unknown command"

# --- The examples of --help paste into a shell as they are.
run 0 "$ORBROWSE" ls --help
grep '^  orbrowse ' "$T/out" >"$T/examples"
[ -s "$T/examples" ] || fail "ls --help shows no example"
mkdir "$T/paste"
while IFS= read -r line; do
	(cd "$T/paste" && ORBROWSE_BIN="$ORBROWSE" sh -c "orbrowse() { \"\$ORBROWSE_BIN\" \"\$@\"; }; $line" \
	    >/dev/null 2>"$T/paste.err") || { cat "$T/paste.err" >&2; fail "example: $line"; }
	[ -z "$(ls -A "$T/paste")" ] || fail "example '$line' made files: $(ls -A "$T/paste")"
done <"$T/examples"
ok "the examples of ls --help run as pasted and redirect nothing"

# --- ls with no match: said on stderr; stdout empty, or [] for --json.
run 0 "$ORBROWSE" ls 'zzz-no-such-model'
[ ! -s "$T/out" ] || fail "ls with no match wrote to stdout"
eq "$(cat "$T/err")" "orbrowse: ls: no endpoints match" "ls: no match is said on stderr"
run 0 "$ORBROWSE" ls --json 'zzz-no-such-model'
eq "$(cat "$T/out")" "[]" "ls --json: no match is []"
run 0 "$ORBROWSE" ls --csv 'zzz-no-such-model'
eq "$(wc -l <"$T/out" | tr -d ' ')" 1 "ls --csv: no match is the header alone"
run 0 "$ORBROWSE" ls --help
contains "$T/out" "Exit status: 0 whether or not endpoints match" "ls --help gives the exit status"

# --- show takes the partial names cheapest takes.
KEY=$(sql "$DB" "SELECT model_key FROM endpoint WHERE active AND model_key NOT LIKE '%:%' GROUP BY model_key ORDER BY model_key LIMIT 1")
PART=${KEY#*/}
n=$(sql "$DB" "SELECT COUNT(DISTINCT model_key) FROM endpoint WHERE model_key LIKE '%$PART%'")
[ "$n" -ge 1 ] || fail "no key holds $PART"
run 0 "$ORBROWSE" cheapest "$PART"
contains "$T/out" "$KEY" "cheapest takes the part $PART"
run 0 "$ORBROWSE" show "$KEY"
cp "$T/out" "$T/show-key"
run 0 "$ORBROWSE" show "$PART"
cmp -s "$T/out" "$T/show-key" || fail "show $PART is not what show $KEY prints"
grep -q '"permaslug": "'"$KEY"'"' "$T/out" || fail "show $PART is not the snapshot of $KEY"
ok "show takes the part $PART as cheapest does"
# A part several models hold (not just a model and its :variants).
AMB=instruct
[ "$(sql "$DB" "SELECT COUNT(DISTINCT CASE WHEN instr(model_key, ':') > 0 THEN substr(model_key, 1, instr(model_key, ':') - 1) ELSE model_key END) FROM endpoint WHERE model_key LIKE '%$AMB%'")" -gt 1 ] ||
    fail "the demo has one $AMB model"
run 1 "$ORBROWSE" show "$AMB"
contains "$T/err" "orbrowse: show: \"$AMB\" is ambiguous" "show lists what an ambiguous part matches"
run 1 "$ORBROWSE" cheapest "$AMB"
contains "$T/err" "orbrowse: cheapest: \"$AMB\" is ambiguous" "cheapest too"

# --- A missing database, and the next steps it names work.
run 1 "$ORBROWSE" --db "$T/no such.db" ls
eq "$(cat "$T/err")" "orbrowse: $T/no such.db: no such database
Fetch OpenRouter's catalogue into it:  orbrowse --db '$T/no such.db' sync
Or look around generated data, in a database of its own:  orbrowse --demo" \
    "a missing database says what to run"
[ ! -e "$T/no such.db" ] || fail "ls created the database"
unset ORBROWSE_DB
run 1 "$ORBROWSE" runs
contains "$T/err" "into it:  orbrowse sync" "without --db the step names no --db"
# orbrowse --demo imports into a database of its own (and, not on a
# terminal, stops there), never the default one.
run 0 "$ORBROWSE" --demo
[ -s "$HOME/.local/share/orbrowse/demo.db" ] || fail "--demo made no demo.db"
[ ! -e "$HOME/.local/share/orbrowse/orbrowse.db" ] || fail "--demo wrote the default database"
ok "orbrowse --demo opens a demo database of its own"
export ORBROWSE_DB="$DB"

# --- Numbers: one rule everywhere, and the filter takes what is shown.
MODEL=$(sql "$DB" "SELECT model_key FROM endpoint WHERE active AND context_length >= 10000 AND context_length % 1000 <> 0 AND model_key NOT LIKE '%:%' ORDER BY model_key LIMIT 1")
[ -n "$MODEL" ] || fail "the demo has no context length off the thousands"
CTX=$(sql "$DB" "SELECT context_length FROM endpoint WHERE active AND model_key = '$MODEL' LIMIT 1")
run 0 "$ORBROWSE" ls "model:$MODEL"
SHOWN=$(awk -v m="$MODEL" 'NR > 1 && $1 == m { print $(NF - 6); exit }' "$T/out")
[ -n "$SHOWN" ] || { cat "$T/out" >&2; fail "no CTX for $MODEL in ls"; }
python3 -c 'import sys; c = int(sys.argv[1]); s = sys.argv[2]
want = str(c) if c < 10000 else "%dk" % (c // 1000) if c < 10**6 else None
assert want is None or s == want, (c, s)' "$CTX" "$SHOWN" || fail "$CTX is shown as $SHOWN"
ok "ls shows $CTX as $SHOWN (cut to whole thousands)"
run 0 "$ORBROWSE" cheapest "$MODEL"
awk -v s="$SHOWN" '$0 ~ " " s " " { found = 1 } END { exit !found }' "$T/out" ||
    { cat "$T/out" >&2; fail "cheapest does not show $CTX as $SHOWN"; }
ok "cheapest shows $CTX as $SHOWN too"
run 0 "$ORBROWSE" ls --json "ctx=$SHOWN"
LO=$(( CTX / 1000 * 1000 ))
eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/out")" \
   "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE active AND context_length BETWEEN $LO AND $LO + 999")" \
   "ctx=$SHOWN matches every endpoint shown as $SHOWN ($LO to $((LO + 999)))"
run 0 "$ORBROWSE" ls --json "ctx=$CTX"
eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/out")" \
   "$(sql "$DB" "SELECT COUNT(*) FROM endpoint WHERE active AND context_length = $CTX")" \
   "ctx=$CTX without a suffix is exact"

# CSV: every real is the shortest decimal that reads back as the JSON's.
run 0 "$ORBROWSE" ls --all --csv
cp "$T/out" "$T/csv"
run 0 "$ORBROWSE" ls --all --json
python3 - "$T/csv" "$T/out" <<'PY' || fail "CSV reals are not the shortest exact decimals"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
js = json.load(open(sys.argv[2]))
assert len(rows) == len(js) > 0
def digits(t):
    m = t.lower().split("e")[0].lstrip("-").replace(".", "").strip("0")
    return len(m)
n = 0
for r, j in zip(rows, js):
    for k, v in j.items():
        if not isinstance(v, float):
            continue
        t = r[k]
        assert float(t) == v, (k, t, v)
        assert digits(t) <= digits(repr(v)), (k, t, repr(v))
        n += 1
assert n > 1000, n
PY
ok "CSV reals are exact and as short as they can be"

# cheapest: neighbours whose costs differ never read the same, even when
# they differ in the seventh digit (a copy where the second endpoint costs
# a millionth more than the first).
cp "$DB" "$T/close.db"
SECOND=$("$ORBROWSE" --db "$DB" cheapest --json "$MODEL" | python3 -c 'import json,sys; print(json.load(sys.stdin)[1]["endpoint_id"])')
sqlite3 "$T/close.db" "UPDATE endpoint SET price_prompt = price_prompt * 1.000001, price_completion = price_completion * 1.000001 WHERE endpoint_id = '$SECOND' AND model_key = '$MODEL'"
run 0 "$ORBROWSE" --db "$T/close.db" cheapest --json "$MODEL"
cp "$T/out" "$T/cj"
run 0 "$ORBROWSE" --db "$T/close.db" cheapest "$MODEL"
python3 - "$T/cj" "$T/out" <<'PY' || { cat "$T/out" >&2; fail "cheapest shows different costs as equal"; }
import json, sys
rows = json.load(open(sys.argv[1]))
lines = [l.split() for l in open(sys.argv[2]) if l.split()[0].isdigit()]
assert len(lines) == len(rows) > 1, (len(lines), len(rows))
# The $/REQUEST cell is the only one with a "$"; $/M MIX follows it.
at = [next(i for i, c in enumerate(l) if c.startswith("$")) for l in lines]
close = 0
for key, off in (("cost_per_request", 0), ("price_blended", 1)):
    shown = [l[a + off] for l, a in zip(lines, at)]
    vals = [r[key] for r in rows]
    for i in range(1, len(rows)):
        if None not in (vals[i], vals[i - 1]) and vals[i] != vals[i - 1]:
            assert shown[i] != shown[i - 1], (key, vals[i - 1], vals[i], shown[i])
            close += abs(vals[i] / vals[i - 1] - 1) < 1e-5
assert close >= 2, "no costs this close: the test tests nothing"
PY
ok "cheapest: costs a millionth apart read differently"

# --- runs --json: errors a list, ISO 8601 times beside the milliseconds.
mkdir "$T/bad"
demo_files "$T/bad" 4 3
printf '{"data": [' >"$T/bad/zz-truncated.json"
run 3 "$ORBROWSE" import "$T/bad"
run 0 "$ORBROWSE" runs --json
python3 - "$T/out" <<'PY' || fail "runs --json"
import json, sys, datetime
runs = json.load(open(sys.argv[1]))
assert runs
for r in runs:
    assert isinstance(r["errors"], list), r["errors"]
    assert all(isinstance(e, str) and e and "\n" not in e for e in r["errors"])
    for iso, ms in (("started", "started_at"), ("ended", "ended_at")):
        if r[ms] is None:
            assert r[iso] is None
            continue
        assert r[iso].endswith("Z"), r[iso]
        t = datetime.datetime.strptime(r[iso], "%Y-%m-%dT%H:%M:%S.%fZ")
        t = t.replace(tzinfo=datetime.timezone.utc)
        assert round(t.timestamp() * 1000) == r[ms], (r[iso], r[ms])
assert any(r["errors"] for r in runs), "the partial run has no errors"
PY
ok "runs --json: errors is a list, started/ended ISO 8601 UTC"

# Warnings are listed, not only counted (schema version 6): the hostile
# set's mistyped fields, each named with its endpoint, bounded, and as safe
# to print as every other output.
python3 "$ORBROWSE_SRCDIR/tests/hostile-gen.py" "$T/h" >/dev/null 2>&1 || fail "hostile-gen.py"
run 0 "$ORBROWSE" --db "$T/h.db" import "$T/h/set"
run 0 "$ORBROWSE" --db "$T/h.db" runs --json
python3 - "$T/out" <<'PY' || fail "runs --json warning_texts"
import json, sys
raw = open(sys.argv[1], "rb").read()
assert b"\x1b" not in raw and "\u202e".encode() not in raw, "a raw control reached stdout"
r = json.loads(raw)[0]
w = r["warning_texts"]
assert isinstance(w, list) and w, w
assert r["warnings"] >= len(w), (r["warnings"], len(w))
assert all(isinstance(t, str) and t and "\n" not in t and len(t.encode()) <= 240 for t in w)
assert any("fields of the wrong shape read as absent" in t for t in w), w[:3]
PY
ok "runs --json lists the run's first warnings beside their count"
