#!/bin/sh
# The model screen and `orbrowse cheapest` rank for the same request shape
# alike when a price tier or a time window flips the order (issue 14), and
# the screen shows the override in force (APPLIED), the next window change
# (NEXT) and a degraded endpoint's status.  Every time of day is set
# explicitly (t on the screen, --at on the command line): nothing here
# depends on the clock.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd python3

# A key that starts a sync by mistake must not reach the network.
export ORBROWSE_BASE_URL=http://127.0.0.1:9

demo_files "$T/set" 1 20

# In one listing, its healthy endpoints (but the catalogue's own) priced 1,
# 2, 3, ... $/M prompt tokens (twice that for completion), far above the
# demo's prices: the first costs more than any from 10:00 to 01:00 UTC,
# the third less than any above 128,000 prompt tokens, and the fourth is
# degraded (status -2).  Prints the model and the three
# changed endpoints.
python3 - "$T/set" >"$T/picked" <<'PY' || fail "no listing to change"
import glob, json, os, sys
d = sys.argv[1]
featured = {m["endpoint"]["id"] for m in json.load(open(os.path.join(d, "frontend-models.json")))["data"]
            if m.get("endpoint")}
p = lambda e, k: float(e["pricing"][k])
for f in sorted(glob.glob(os.path.join(d, "stats-endpoint-*.json"))):
    doc = json.load(open(f))
    eps = [e for e in doc["data"] if e["id"] not in featured and e["status"] == 0
           and not e["is_disabled"]]
    if len(eps) < 4:
        continue
    # Distinct prices, so that no tie hides what the overrides do.
    price = lambda k: {"prompt": "%.12f" % (k * 1e-6), "completion": "%.12f" % (k * 2e-6)}
    for i, e in enumerate(eps):
        e["pricing"].update(price(i + 1))
    a, b, c, x = eps[:4]
    a["pricing"]["overrides"] = [dict(price(10 * len(eps)), utc_start=1000, utc_end=100)]
    c["pricing"]["overrides"] = [dict(price(0.001), min_prompt_tokens=128000)]
    x["status"] = -2
    json.dump(doc, open(f, "w"), indent=1)
    print("|".join((a["model_variant_permaslug"], a["id"], c["id"], x["id"])))
    sys.exit(0)
sys.exit(1)
PY
IFS='|' read -r model windowed tiered degraded <"$T/picked"
DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" import --quiet "$T/set"

# order.py SCREEN JSON: the screen's providers, APPLIED, NEXT and ST cells
# against cheapest --json's rows; prints "endpoint|applied|next|st" per row.
cat >"$T/order.py" <<'PY'
import json, re, sys
screen = open(sys.argv[1], encoding="utf-8").read().split("\n")
rows = json.load(open(sys.argv[2], encoding="utf-8"))
hdr = [i for i, l in enumerate(screen) if l.lstrip().startswith("# PROVIDER")]
assert hdr, "no model table on the screen"
h = screen[hdr[0]]
titles = ["PROVIDER", "QUANT", "$/M MIX", "$/REQUEST", "APPLIED", "NEXT", "P50 MS", "TOK/S",
          "UP%", "CTX", "MAX OUT", "DATA", "ST", "MARK"]
find = lambda t: re.search(r"(?<= )" + re.escape(t) + r"(?= |$)", h)
starts = sorted(m.start() for m in map(find, titles) if m)
at = lambda t: find(t).start()
col = lambda t: (at(t), starts[starts.index(at(t)) + 1])
def cell(l, t):
    a, b = col(t)
    return l[a:b].strip()
got = []
for l in screen[hdr[0] + 1:]:
    if not l.strip():
        break
    got.append(l)
def applied(r):
    ap = r["applied"]
    if ap is None:
        return "-"
    if "min_prompt_tokens" in ap:
        n = ap["min_prompt_tokens"]
        return "prompt>%dk" % (n // 1000) if n % 1000 == 0 else "prompt>%d" % n
    return "%02d:%02d-%02d:%02d" % (ap["utc_start"] // 100, ap["utc_start"] % 100,
                                    ap["utc_end"] // 100, ap["utc_end"] % 100)
assert len(got) == len(rows), "%d rows shown, cheapest lists %d" % (len(got), len(rows))
for i, (l, r) in enumerate(zip(got, rows)):
    want = (r["provider_name"], applied(r))
    have = (cell(l, "PROVIDER"), cell(l, "APPLIED"))
    assert want == have, "row %d: screen %r, cheapest %r" % (i + 1, have, want)
    st = "" if r["status"] in (None, 0) else str(r["status"])
    assert cell(l, "ST") == st, "row %d: ST %r, status %r" % (i + 1, cell(l, "ST"), st)
    print("|".join((r["endpoint_id"], have[1], cell(l, "NEXT"), st or "0")))
PY
# same NAME CHEAPEST-ARGS...: the screen as it is now against cheapest with
# those options; keeps the rows in $T/NAME.rows.
same() {
	name=$1
	shift
	sleep 0.2
	ui_screen >"$T/$name.screen"
	"$ORBROWSE" --db "$DB" cheapest --json "$@" "$model" >"$T/$name.json" ||
	    fail "cheapest $*"
	python3 "$T/order.py" "$T/$name.screen" "$T/$name.json" >"$T/$name.rows" 2>&1 ||
	    { cat "$T/$name.screen" "$T/$name.rows" >&2; fail "screen and cheapest $* disagree"; }
}
# row NAME ENDPOINT: "rank|applied|next|status" of ENDPOINT in NAME.
row() {
	awk -F'|' -v p="$2" '$1 == p { print NR "|" $2 "|" $3 "|" $4 }' "$T/$1.rows"
}

ui_start --db "$DB"
ui_wait "endpoints  filter: -"
ui_keys : "model $model" Enter
ui_wait "$model"
ui_wait "UTC (now)  mix 3:1  cache 0%"

# 12:00: the cheapest provider's window is in force and ranks it down.
ui_keys t C-u 12:00 Enter
ui_wait "12:00 UTC  mix 3:1"
same noon --at 12:00
r=$(row noon "$windowed")
case $r in
"1|"*) fail "at 12:00 $windowed still ranks first" ;;
*"|10:00-01:00|in 13h00m|0") ;;
*) cat "$T/noon.rows" >&2; fail "at 12:00 $windowed reads '$r', want APPLIED 10:00-01:00 and NEXT in 13h00m" ;;
esac
ok "12:00: the window ranks $windowed down on the screen as in cheapest --at ($r)"

# 02:00, an hour earlier from 03:00: out of the window, first again.
ui_keys t C-u 03:00 Enter '<'
ui_wait "02:00 UTC  mix 3:1"
same night --at 02:00
n=$(row night "$windowed")
eq "${n#*|}" "-|in 8h00m|0" "at 02:00 no window applies to $windowed, the next starts in 8 hours"
[ "${n%%|*}" -lt "${r%%|*}" ] || fail "$windowed ranks ${n%%|*} at 02:00, ${r%%|*} at 12:00: the window flips nothing"
ok "02:00 (set with <): $windowed up from ${r%%|*} to ${n%%|*}, as cheapest --at 02:00 says"

# 200,000 prompt tokens: the tier puts the third provider first.
ui_keys n C-u 200k Enter
ui_wait "request 200k+66k tokens"
same big --at 02:00 --prompt 200000
t=$(row big "$tiered")
eq "${t#*|}" "prompt>128k|-|0" "above 128k prompt tokens the tier applies to $tiered"
was=$(row night "$tiered")
[ "${t%%|*}" -lt "${was%%|*}" ] || fail "$tiered ranks ${t%%|*} at 200k, ${was%%|*} at 10k: the tier flips nothing"
ok "200k prompt tokens: the tier moves $tiered up from ${was%%|*} to ${t%%|*}, as cheapest --prompt says"

# The degraded endpoints rank last and show their status.
case $(row big "$degraded") in
*"|-2") ;;
*) fail "the degraded endpoint $degraded does not show ST -2" ;;
esac
awk -F'|' '$4 != 0 { bad = 1 } $4 == 0 && bad { exit 1 }' "$T/big.rows" ||
    fail "a healthy endpoint ranks after a degraded one"
ok "a non-zero status ranks last and is shown"

# Cache writes, reasoning and searches reach the ranking as in cheapest.
ui_keys w C-u 20:1h Enter x C-u 2k Enter s C-u 3 Enter
ui_wait "write 20% (1h)  reasoning 2000  searches 3"
same extra --at 02:00 --prompt 200000 --cache-write 20:1h --reasoning 2000 --searches 3
ok "cache writes, reasoning and searches: the same order as cheapest"
ui_keys w C-u 120 Enter
ui_wait 'bad cache-write share "120"'
ui_keys t C-u 25:00 Enter
ui_wait 'bad time "25:00"'
ui_wait "02:00 UTC  mix 3:1"
ok "a bad share or time is refused and the last one kept"

# At 80 columns the shape, cost, APPLIED and NEXT stay.
ui_keys Q
ui_wait "EXITED 0"
UI_COLS=80 ui_start --db "$DB"
ui_wait "endpoints  filter: -"
ui_keys : "model $model" Enter
ui_wait "UTC (now)  mix 3:1"
ui_screen >"$T/80.txt"
grep -q '# PROVIDER .*\$/REQUEST APPLIED  *NEXT  *ST MARK' "$T/80.txt" ||
    { cat "$T/80.txt" >&2; fail "80 columns lost a shape column"; }
awk 'length > 80 { exit 1 }' "$T/80.txt" || fail "a line is wider than 80 columns"
ok "80 columns keep \$/REQUEST, APPLIED, NEXT, ST and MARK"
ui_keys Q
ui_wait "EXITED 0"
