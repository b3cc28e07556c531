#!/bin/sh
# The screens behind the endpoints screen, in a real terminal: the model
# screen (providers ranked for a token mix, checked against `orbrowse
# cheapest`), the snapshot inspector (search, folds, the runs' snapshots and
# a diff), the run log and a run's detail, metrics sparklines (Unicode and
# ASCII, checked against the stored points), help and the command line.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd sqlite3
need_cmd python3

# A key that starts a sync by mistake must not reach the network.
export ORBROWSE_BASE_URL=http://127.0.0.1:9

ESC=$(printf '\033')
ui_screen_e() {
	tmux -L "$SOCK" capture-pane -p -e
}

# The line under the cursor (drawn on yellow, UI_C_SELECT) of a captured
# screen on stdin, without attributes, indentation or fold marker.
cursor_of() {
	grep -E "$ESC\\[([0-9]+;)*43(;[0-9]+)*m" | head -n 1 |
	    sed -E -e "s/$ESC\\[[0-9;]*m//g" -e 's/^ *(▸|▾)? *//' -e 's/ +$//'
}

ui_cursor() {
	ui_screen_e | cursor_of
}

ui_wait_cursor() {
	i=0
	while [ "$(ui_cursor)" != "$1" ]; do
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			ui_screen >&2
			fail "the cursor is on '$(ui_cursor)', expected '$1'"
		fi
		sleep 0.1
	done
}

# ui_step KEY LINE: press KEY, wait until the screen has changed and the
# cursor is on LINE (two matches may read the same: the screen differs).
ui_step() {
	before=$(ui_screen_e)
	ui_keys "$1"
	i=0
	while :; do
		now=$(ui_screen_e)
		[ "$now" != "$before" ] &&
		    [ "$(printf '%s\n' "$now" | cursor_of)" = "$2" ] && break
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			ui_screen >&2
			fail "after $1 the cursor is on '$(ui_cursor)', expected '$2'"
		fi
		sleep 0.1
	done
}

# rank_check SCREEN JSON: the model screen's rows are `orbrowse cheapest
# --json`'s, in its order, with the same blended price and marks; prints
# the first provider.
cat >"$T/rank.py" <<'PY'
import json, math, os, sys
sys.path.insert(0, os.path.join(os.environ.get("ORBROWSE_SRCDIR", "."), "tests", "ui"))
import model_table
rows = json.load(open(sys.argv[2], encoding="utf-8"))
h, p0, pw, got = model_table.read(sys.argv[1])
assert len(got) == len(rows), "%d rows shown, cheapest lists %d" % (len(got), len(rows))

def fit(s, w):
    return s if len(s) <= w else s[:w - 1] + "~"

digits = model_table.column_digits([None if r["price_blended"] is None else r["price_blended"] * 1e6 for r in rows])

def sig(v):
    return model_table.price(v, digits)

fastest = None
for i, r in enumerate(rows):
    t = r["p50_throughput"]
    if t is not None and (fastest is None or t > rows[fastest]["p50_throughput"]):
        fastest = i
for i, (l, r) in enumerate(zip(got, rows)):
    name = r["provider_name"] or r["provider_slug"]
    rest = l[p0 + pw:].split()
    mark = "cheapest" if i == 0 and r["price_blended"] is not None else ""
    if i == fastest:
        mark = mark + "+fastest" if mark else "fastest"
    want = (str(i + 1), fit(name, pw), sig(r["price_blended"] * 1e6), mark)
    have = (l[:p0].strip(), l[p0:p0 + pw].rstrip(), rest[1],
            rest[-1] if rest[-1] in ("cheapest", "fastest", "cheapest+fastest") else "")
    assert want == have, "row %d: screen %r, cheapest says %r" % (i + 1, have, want)
print(rows[0]["provider_name"])
PY
rank_check() {
	python3 "$T/rank.py" "$1" "$2" >"$T/rank.out" 2>&1 ||
	    { cat "$1" "$T/rank.out" >&2; fail "the model screen differs from orbrowse cheapest"; }
	cat "$T/rank.out"
}

# spark.py DB ENDPOINT COLS UTF8: the series lines the metrics screen of one
# endpoint shows, computed from the stored points.
cat >"$T/spark.py" <<'PY'
import datetime, sqlite3, sys
db, ep, cols, utf8 = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
kinds = [("latency", "p50 latency", "ms", 0), ("throughput", "p50 tok/s", "tok/s", 1),
         ("uptime", "uptime", "%", 2)]
buckets = [("hour", "hourly", 3600, 16), ("day", "daily", 86400, 10)]
ramp = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588" if utf8 else "_.-:=+*#"

def fmt(k, v, unit):
    s = "%.*f" % (k[3], v)
    return s + ((" " if k[2] != "%" else "") + k[2] if unit else "")

def date(ts, n):
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")[:n]

def stats(k, b, pts):
    vals = [v for _, v in pts]
    first, last = date(pts[0][0], b[3]), date(pts[-1][0], b[3])
    if b[0] == "hour" and len(last) > 11 and first[:11] == last[:11]:
        last = last[11:]
    return "min %s  max %s  last %s  %s..%s" % (fmt(k, min(vals), 0), fmt(k, max(vals), 0),
                                               fmt(k, vals[-1], 1), first, last)

def grid(pts, step):
    span = pts[-1][0] - pts[0][0]
    if span < 0 or span // step >= 20000:
        return [v for _, v in pts]
    g = [None] * (span // step + 1)
    for ts, v in pts:
        g[(ts - pts[0][0]) // step] = v
    return g

def spark(v, width):
    vals = [x for x in v if x is not None]
    lo, hi, n = min(vals), max(vals), len(v)
    out = ""
    for j in range(min(width, n)):
        s, c = 0.0, 0
        for i in range(j * n // min(width, n), (j + 1) * n // min(width, n)):
            if v[i] is not None:
                s += v[i]
                c += 1
        if c == 0:
            out += " "
            continue
        level = int((s / c - lo) / (hi - lo) * 7 + 0.5) if hi > lo else 3
        out += ramp[max(0, min(7, level))]
    return out

series = []
for b in buckets:
    for k in kinds:
        pts = con.execute("SELECT ts, value FROM endpoint_metric WHERE endpoint_id = ? AND "
                          "metric = ? AND bucket = ? ORDER BY ts", (ep, k[0], b[0])).fetchall()
        if pts:
            series.append((k, b, pts))
assert series, "no metrics stored for " + ep
label_w, bucket_w = max(len(k[1]) for k in kinds), max(len(b[1]) for b in buckets)
fixed = 2 + label_w + 1 + bucket_w + 1
spark_w = cols - fixed - 2 - max(len(stats(*s)) for s in series)
assert spark_w >= 12, "the statistics do not fit on the sparkline's line"
spark_w = min(spark_w, 60)
for k, b, pts in series:
    print(("  %-*s %-*s %-*s  %s" % (label_w, k[1], bucket_w, b[1], spark_w,
                                     spark(grid(pts, b[2]), spark_w), stats(k, b, pts))).rstrip())
PY

# metrics_check UTF8: the screen's series lines are the stored points'
# (waiting, so that a frame drawn in several writes is seen whole).
metrics_check() {
	mep=$(ui_screen | sed -n 2p | awk '{ print $NF }')
	python3 "$T/spark.py" "$DB" "$mep" 100 "$1" >"$T/spark.want" ||
	    fail "cannot compute the sparklines of $mep"
	i=0
	while :; do
		ui_screen | grep -E '^  (p50 |uptime )' | sed -e 's/ *$//' >"$T/spark.got"
		cmp -s "$T/spark.want" "$T/spark.got" && break
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			diff "$T/spark.want" "$T/spark.got" >&2
			fail "metrics of $mep differ from the stored points"
		fi
		sleep 0.1
	done
}

# folds DOC: the top-level objects of a JSON document as the inspector
# shows them folded.
folds() {
	python3 - "$1" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
for k, v in doc.items():
    if isinstance(v, dict) and v:
        print('"%s": {\u2026}, %d key%s' % (k, len(v), "" if len(v) == 1 else "s"))
PY
}

# ------------------------------------------------------------ demo data

DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" demo --seed 1 --epoch 0
model=$(sql "$DB" 'SELECT model_key FROM endpoint WHERE active ORDER BY lower(model_key) LIMIT 1')
ui_start --db "$DB"
ui_wait "1028/1028 endpoints"

# The model screen from the first row: ranked for 3:1, as cheapest says.
ui_keys Enter
# The title names the model by its public id, not the permaslug.
ui_wait "$(sql "$DB" "SELECT model_id FROM model WHERE model_key = '$model'") ("
ui_wait "UTC (now)  mix 3:1  cache 0%"
# A fixed time of day: the golden screen holds no clock.
ui_keys t C-u 12:00 Enter
ui_wait "12:00 UTC  mix 3:1  cache 0%"
ui_golden model
# The model's metadata: its top app, and its 7 days of tokens as stored.
ui_wait "Top apps  1 $(sql "$DB" "SELECT name FROM model_app WHERE model_key = '$model' AND rank = 1")"
week=$(python3 -c 'import sys; v = int(sys.argv[1]); print("%.1f%s" % (v / 1e9, "B") if v >= 999.5e6 else "%.1f%s" % (v / 1e6, "M"))' \
    "$(sql "$DB" "SELECT SUM(prompt_tokens + completion_tokens) FROM model_usage WHERE model_key = '$model' AND ts > (SELECT MAX(ts) FROM model_usage) - 7 * 86400")")
ui_wait "$week tokens in the 7 days to"
ok "model screen: top apps and the 7 days' tokens as stored ($week)"
ui_screen >"$T/s.txt"
"$ORBROWSE" --db "$DB" cheapest --json "$model" >"$T/c31.json" || fail "cheapest $model"
first31=$(rank_check "$T/s.txt" "$T/c31.json")
ok "model screen at 3:1 = orbrowse cheapest (first: $first31)"

# m: a typed mix re-ranks with the prices cheapest gives for 10:1.  (The
# demo's prices of a model scale together, so its order stays; the database
# with a price change below has a mix that changes the cheapest provider.)
ui_keys m
ui_wait "prompt:completion mix: 3:1"
ui_keys C-u 10:1 Enter
ui_wait "mix 10:1  cache 0%"
ui_screen >"$T/s.txt"
"$ORBROWSE" --db "$DB" cheapest --mix 10:1 --json "$model" >"$T/c101.json" || fail "cheapest --mix 10:1"
first101=$(rank_check "$T/s.txt" "$T/c101.json")
ok "model screen at 10:1 = orbrowse cheapest --mix 10:1 (first: $first101)"
cmp -s "$T/c31.json" "$T/c101.json" && fail "the 3:1 and 10:1 rankings cannot be told apart"
ui_keys m
ui_wait "prompt:completion mix: 10:1"
ui_keys C-u 1:x Enter
ui_wait 'bad mix "1:x": want PROMPT:COMPLETION'
ui_keys j
ui_wait "mix 10:1  cache 0%"
ok "a bad mix is refused and the last one kept"
ui_keys g

# Enter: the inspector on the first row's endpoint.
ep=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["endpoint_id"])' "$T/c101.json")
ui_keys Enter
ui_wait "endpoint $ep of model $model"
ui_wait "run 1 of 1 (#1 "
ui_golden inspector

# / and n visit every line that matches, in order, then wrap; N goes back.
"$ORBROWSE" --db "$DB" show "$ep" >"$T/doc.json" || fail "show $ep"
grep -i prompt "$T/doc.json" | sed -e 's/^ *//' >"$T/matches"
nm=$(wc -l <"$T/matches")
[ "$nm" -ge 3 ] || fail "too few lines match 'prompt' ($nm)"
ui_keys / prompt Enter
ui_wait "search: prompt"
ui_wait_cursor "$(sed -n 1p "$T/matches")"
k=1
while [ $k -lt "$nm" ]; do
	k=$((k + 1))
	ui_step n "$(sed -n "${k}p" "$T/matches")"
done
ui_wait_gone "search wrapped"
ui_step n "$(sed -n 1p "$T/matches")"
ui_wait "search wrapped"
ok "/ and n visit the $nm matching lines in order, then wrap"
ui_step N "$(sed -n "${nm}p" "$T/matches")"
ui_wait "search wrapped"
ui_step N "$(sed -n "$((nm - 1))p" "$T/matches")"
ok "N goes back"
ui_keys / zzqqj Enter
ui_wait "not found: zzqqj"
ok "a search without a match says so"

# Folds: z folds every container below the root, Z unfolds them; Enter
# folds the container of the cursor's line and unfolds it again.
folds "$T/doc.json" >"$T/folds"
grep -q '^"pricing": {…}, ' "$T/folds" || fail "the document has no pricing object"
pricing=$(grep '^"pricing": ' "$T/folds")
ui_keys z g
ui_wait "▸   $(sed -n 1p "$T/folds")"
[ "$(ui_screen | grep -c '▾')" = 1 ] || { ui_screen >&2; fail "z left something unfolded"; }
! ui_screen | grep -q '^      "' || { ui_screen >&2; fail "z left nested members shown"; }
ok "z folds everything"
ui_keys Z
ui_wait '      "retainsPrompts": '
ui_wait_gone '▸'
ok "Z unfolds everything"
# "image" is a key of the pricing object only (its overrides have none).
ui_keys / '"image":' Enter
ui_wait_cursor "$(grep -m1 '^ *"image": ' "$T/doc.json" | sed -e 's/^ *//')"
ui_step Enter "$pricing"
ui_wait "▸   $pricing"
ui_step Enter '"pricing": {'
ui_wait "$(grep -m1 '^ *"image": ' "$T/doc.json")"
ok "Enter folds and unfolds the cursor's object"

# One run: nothing before or after, nothing to compare.
ui_keys '['
ui_wait "this is the oldest stored snapshot"
ui_keys ']'
ui_wait "this is the newest stored snapshot"
ui_keys d
ui_wait "no earlier snapshot differs from this one"
ok "[ ] and d with a single snapshot"
ui_keys q
ui_wait "mix 10:1  cache 0%"
ok "q goes back to the model screen, mix kept"

# Metrics of every endpoint of the model.
ui_keys M
ui_wait "orbrowse  metrics"
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$T/c31.json")
ui_wait "  $n endpoints  "
ui_wait "p50 latency daily"
ui_golden metrics
ui_keys q
ui_wait "mix 10:1"

# Help: the model screen's keys and the global ones, filtered as typed.
ui_keys '?'
ui_wait "Keys of the model screen"
ui_wait "set the prompt:completion token mix"
ui_wait "Everywhere"
ui_keys c a c h e
ui_wait "filter: cache"
ui_wait "set the share of prompt tokens read from the cache"
ui_wait_gone "Everywhere"
ui_wait_gone "larger / smaller request"
ok "help lists the model screen's keys, filtered by typing"
ui_keys Escape
ui_wait "mix 10:1"

# The command line.
ui_keys : foo Enter
ui_wait "unknown command: foo (try :endpoints, :models, :providers, :runs, :sync, :model NAME, :author NAME,"
ok ":foo is an unknown command"
ui_keys :runs Enter
ui_wait "orbrowse  runs"
ui_wait "run 1 (1 of 1)"
ok ":runs opens the run log"
ui_keys :endpoints Enter
ui_wait "1028/1028 endpoints"
ok ":endpoints goes back to the endpoints screen"
other=$(sql "$DB" "SELECT model_key FROM endpoint WHERE active AND model_key <> '$model' ORDER BY model_key DESC LIMIT 1")
ui_keys : "model $other" Enter
ui_wait "orbrowse  model"
other_id=$(sql "$DB" "SELECT model_id FROM model WHERE model_key = '$other'")
ui_wait "$other_id ("
ok ":model KEY opens that model"
part=$(printf '%s' "$model" | cut -d/ -f1)
nmatch=$("$ORBROWSE" --db "$DB" cheapest "$part" 2>&1 | grep -c '^  ')
[ "$nmatch" -gt 1 ] || fail "'$part' should be ambiguous"
# An ambiguous name offers the matches to pick from: Esc or q cancels,
# j and Enter open the second.
ui_keys : "model $part" Enter
ui_wait "\"$part\" matches $nmatch models: pick one"
ui_wait "Enter: open  j k arrows: move  Esc q: cancel"
ui_screen >"$T/pick.txt"
shown=$(sed -n '3,$p' "$T/pick.txt" | grep -c "^  $part/")
[ "$shown" -ge 2 ] || { cat "$T/pick.txt" >&2; fail "the pick list shows $shown models"; }
second=$(sed -n '4p' "$T/pick.txt" | sed 's/^ *//; s/ *$//')
"$ORBROWSE" --db "$DB" cheapest "$part" 2>&1 | grep -qF -- "$second" ||
	fail "the pick list's '$second' is not a match of '$part'"
ui_keys q
ui_wait_gone "pick one"
ui_wait "orbrowse  model"
ui_keys : "model $part" Enter
ui_wait "pick one"
ui_keys j Enter
ui_wait_gone "pick one"
# The model screen names it by its public id.
second_id=$(sql "$DB" "SELECT COALESCE(model_id, model_key) FROM model WHERE model_key = '$second'")
[ -n "$second_id" ] || fail "'$second' is not in the model directory"
ui_wait "$second_id ("
ok ":model with an ambiguous name: a list of the $nmatch matches, j Enter opens '$second'"
ui_keys q
ui_wait "$other_id ("
ui_keys : "model no-such-model-zz" Enter
ui_wait 'no model matches "no-such-model-zz"'
ok ":model with an unknown name says so"
# The author screen: :author NAME, and a on a model.
author=${other%%/*}
ui_keys : "author $author" Enter
ui_wait "orbrowse  author"
ui_wait "$(sql "$DB" "SELECT name FROM author WHERE slug = '$author'") ($author)"
ui_wait "author $author: $(sql "$DB" "SELECT COUNT(*) FROM model WHERE model_key LIKE '$author/%'") models"
ok ":author NAME lists the author's models"
ui_golden author
ui_keys Enter
ui_wait "orbrowse  model"
ui_keys q
ui_wait "orbrowse  author"
ui_keys q
ui_wait "$other_id ("
ui_keys a
ui_wait "author $author: "
ok "a on a model opens its author"
ui_keys q
ui_wait "$other_id ("
ui_keys : "author no-such-author-zz" Enter
ui_wait "no author or model named no-such-author-zz"
ok ":author with an unknown name says so"
ui_keys q
ui_wait "1028/1028 endpoints"

# The endpoints screen's M: one endpoint's sparklines are its stored points.
ui_keys M
ui_wait "orbrowse  metrics"
ui_wait "  endpoint "
ui_wait "p50 latency daily"
metrics_check 1
grep -q '[▁▂▃▄▅▆▇█]' "$T/spark.got" || fail "no block characters"
ok "metrics: Unicode sparklines and statistics are the stored points'"
ui_keys Q
ui_wait "EXITED 0"
ok "Q quits with status 0"

# Without UTF-8: the same levels in ASCII.
UI_LOCALE=C ui_start --db "$DB"
ui_wait "1028/1028 endpoints"
ui_keys M
ui_wait "  endpoint "
ui_wait "p50 latency daily"
metrics_check 0
! ui_screen | LC_ALL=C grep -q '[^ -~]' || { ui_screen >&2; fail "non-ASCII output in the C locale"; }
grep -q '[_.:=+*#-]' "$T/spark.got" || fail "no ASCII sparkline"
ok "metrics: ASCII sparklines in the C locale"
ui_keys :q Enter
ui_wait "EXITED 0"
ok ":q quits with status 0"

# ------------------------------------------------ two runs, one price change

# One listing's prompt price drops so that it is dearer than the cheapest at
# 3:1 and cheaper at 10:1 (its completion price is higher).
demo_files "$T/set" 1 20
DB="$T/two.db"
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/set"
python3 - "$T/set" >"$T/changed" <<'PY' || fail "no listing to change"
import json, math, os, sys
d = sys.argv[1]
featured = {m["endpoint"]["id"] for m in json.load(open(os.path.join(d, "frontend-models.json")))["data"]
            if m.get("endpoint")}
f = os.path.join(d, "stats-endpoint-0000.json")
doc = json.load(open(f))
# Healthy endpoints only: a non-zero status ranks last whatever its price.
eps = [e for e in doc["data"] if e["pricing"]["prompt"] not in ("0", "-1")
       and e.get("status", 0) == 0]
p = lambda e, k: float(e["pricing"][k])
a = min(eps, key=lambda e: 3 * p(e, "prompt") + p(e, "completion"))
for b in eps:
    dc = p(b, "completion") - p(a, "completion")
    if b is a or b["id"] in featured or dc <= 0:
        continue
    lo, hi = p(a, "prompt") - dc / 3, p(a, "prompt") - dc / 10
    unit = 10 ** (math.floor(math.log10(p(a, "prompt"))) - 1)
    for k in range(1, 100):
        if lo < k * unit < hi:
            old, new = b["pricing"]["prompt"], "%.*f" % (1 - math.floor(math.log10(unit)) - 1, k * unit)
            b["pricing"]["prompt"] = new
            json.dump(doc, open(f, "w"), indent=1)
            print(b["id"], b["model_variant_permaslug"], old, new)
            sys.exit(0)
sys.exit(1)
PY
set -- $(cat "$T/changed")
cep=$1 cmodel=$2 old=$3 new=$4
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/set"
eq "$(sql "$DB" "SELECT price_prompt = $new FROM endpoint WHERE endpoint_id = '$cep'")" 1 "run 2 stored the new price"
ui_start --db "$DB"
ui_wait "endpoints  filter: -"

# :model, and a mix that changes the cheapest provider.
ui_keys : "model $cmodel" Enter
ui_wait "$cmodel"
ui_wait "mix 3:1"
ui_screen >"$T/s.txt"
"$ORBROWSE" --db "$DB" cheapest --json "$cmodel" >"$T/c31.json" || fail "cheapest $cmodel"
first31=$(rank_check "$T/s.txt" "$T/c31.json")
ui_keys m
ui_wait "prompt:completion mix: 3:1"
ui_keys C-u 10:1 Enter
ui_wait "mix 10:1"
ui_screen >"$T/s.txt"
"$ORBROWSE" --db "$DB" cheapest --mix 10:1 --json "$cmodel" >"$T/c101.json" || fail "cheapest --mix 10:1"
first101=$(rank_check "$T/s.txt" "$T/c101.json")
[ "$first31" != "$first101" ] || fail "the cheapest provider should change with the mix ($first31)"
eq "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["endpoint_id"])' "$T/c101.json")" \
   "$cep" "10:1 puts the changed listing first"
ok "the mix re-ranks as cheapest does: $first31 at 3:1, $first101 at 10:1"

# The inspector on it: [ and ] walk the runs' snapshots, d diffs them.
ui_keys g Enter
ui_wait "endpoint $cep of model $cmodel"
ui_wait "run 2 of 2 (#2 "
ui_keys / '"prompt":' Enter
ui_wait "search: \"prompt\":"
ui_wait_cursor "\"prompt\": \"$new\","
ui_keys '['
ui_wait "run 1 of 2 (#1 "
ui_wait_cursor "\"prompt\": \"$old\","
ui_keys '['
ui_wait "this is the oldest stored snapshot"
ui_keys ']'
ui_wait "run 2 of 2 (#2 "
ui_wait_cursor "\"prompt\": \"$new\","
ui_keys ']'
ui_wait "this is the newest stored snapshot"
ok "[ and ] show the previous and next run's snapshot"
ui_keys d
ui_wait "1 change from run 1 ("
ui_wait "replace /pricing/prompt \"$old\" → \"$new\""
ui_wait "diff: 1 change"
ui_golden inspector-diff
ok "d: replace /pricing/prompt old → new"
ui_keys Enter
ui_wait_gone "1 change from run 1"
ui_wait_cursor "\"prompt\": \"$new\","
ok "Enter on a change shows its line in the document"
ui_keys q
ui_wait "mix 10:1"
ui_keys q
ui_wait "endpoints  filter: -"

# The run log, and run 2's detail with the price change.
ui_keys R
ui_wait "orbrowse  runs"
ui_wait "run 2 (1 of 2)"
# It opens with the charts; Tab shows the list alone.
ui_wait "Last 2 runs, oldest left"
ui_keys Tab
ui_wait_gone "Last 2 runs, oldest left"
"$ORBROWSE" --db "$DB" runs --json >"$T/runs.json" || fail "runs --json"
ui_screen >"$T/s.txt"
python3 - "$T/s.txt" "$T/runs.json" <<'PY' || fail "the run log differs from orbrowse runs"
import json, sys
screen = open(sys.argv[1], encoding="utf-8").read().split("\n")
runs = json.load(open(sys.argv[2]))
rows = [l.split() for l in screen[2:2 + len(runs)]]
for r, t in zip(runs, rows):
    want = [str(r["id"]), r["status"], "%d/%d" % (r["models_done"], r["models_total"]),
            str(r["endpoints_done"]), str(r["requests"]), str(r["retries"]),
            "%.2f" % (r["bytes_raw"] / 1e6), "%.2f" % (r["bytes_gz"] / 1e6), str(r["error_count"])]
    have = [t[0], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[12]]
    assert want == have, (want, have)
assert not screen[2 + len(runs)].strip(), "more rows than runs"
PY
ok "the run log shows orbrowse runs' rows, newest first"
ui_keys Enter
ui_wait "Run 2 ok  source import"
ui_wait "Price changes: 1 (of 1 changed listings)"
provider=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["provider_name"])' "$T/c101.json")
# util/numfmt.h's rule: four significant digits, at least two decimals
# below 100, no more decimals than the value needs.
usd() { python3 -c '
import math, sys
m = float(sys.argv[1]) * 1e6
top = max(2 if m < 100 else 0, 3 - math.floor(math.log10(m)))
lo = 2 if m < 100 else 0
d = next(d for d in range(lo, top + 1) if float("%.*f" % (d, m)) == float("%.*f" % (top, m)))
print("$%.*f" % (d, m))' "$1"; }
ui_wait "$provider"
ui_wait "in $(usd "$old") → $(usd "$new")"
ui_wait "Endpoints added: 0"
ui_golden runs-detail
ok "run 2's detail: the price change, old → new"
ui_keys Tab Tab Tab
ui_wait "run 2, line 10 of "
ui_keys j
ui_wait "Enter: inspect"
ui_keys Enter
ui_wait "endpoint $cep of model $cmodel"
ok "Enter on the price change inspects the listing"
ui_keys q q
ui_wait "run 2 (1 of 2)"
ui_keys j Enter
ui_wait "Run 1 ok  source import"
ui_wait "Endpoints added: $(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE first_run_id = 1')"
ui_keys Tab Tab Tab
ui_wait "Price changes: 0 (of 0 changed listings)"
ok "run 1's detail: every endpoint added, no price change"
ui_keys Q
ui_wait "EXITED 0"
ok "Q quits with status 0"

# The same without UTF-8: i on the endpoints screen, the diff's arrow.
UI_LOCALE=C ui_start --db "$DB"
ui_wait "endpoints  filter: -"
prov=$(sql "$DB" "SELECT provider_name FROM endpoint WHERE endpoint_id = '$cep'")
filter="model:$cmodel provider:\"$prov\""
"$ORBROWSE" --db "$DB" ls --json "$filter" >"$T/ls.json" || fail "ls $filter"
eq "$(python3 -c 'import json,sys; print(",".join(r["endpoint_id"] for r in json.load(open(sys.argv[1]))))' "$T/ls.json")" \
   "$cep" "the filter finds the changed listing alone"
ui_keys / "$filter" Enter
ui_wait "1/$(sql "$DB" 'SELECT COUNT(*) FROM endpoint WHERE active') endpoints  filter: $filter"
ui_keys i
ui_wait "endpoint $cep of model $cmodel"
ui_wait "- {"
ui_keys z
"$ORBROWSE" --db "$DB" show "$cep" >"$T/doc2.json" || fail "show $cep"
ui_wait "+   $(folds "$T/doc2.json" | sed -n 1p | sed 's/…/.../')"
ok "in the C locale, folds are marked + and -"
ui_keys d
ui_wait "replace /pricing/prompt \"$old\" -> \"$new\""
ok "i on the endpoints screen; in the C locale the diff reads old -> new"
ui_keys Q
ui_wait "EXITED 0"
