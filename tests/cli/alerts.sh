#!/bin/sh
# Alerts: syncs from the fixture server across two data sets written here
# (prices dropped and raised, two models added, a hostile provider slug),
# with the alert.* rules of the config file.  The alerts that fire are
# computed here from the run's change records (`changes --run N --json`)
# and the rules, and must be exactly those of `sync --json`, of `alerts
# --json` and of what the alert command read on its stdin: a price drop
# fires for a watched model and not for an unwatched one unless
# alert.scope = all; a new model fires when it matches alert.new_model;
# a watched model's endpoint that goes fires alert.gone; an expiry date
# within alert.expiry_days fires.  The command runs without a shell: its
# arguments are the configured words only, a hostile slug runs nothing
# and reaches the terminal without a control character; a failing or
# missing command is a warning and the sync stays ok.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd python3
need_cmd sqlite3

"$ORBROWSE" demo --out "$T/d0" --seed 7 --models 30 --endpoints 4 \
    --no-metrics --epoch 0 >/dev/null || fail "demo"
cp -R "$T/d0" "$T/s1"
cp -R "$T/d0" "$T/s2"
python3 - "$T" >"$T/models" <<'PY' || fail "cannot write the data sets"
import datetime, glob, json, os, sys
t = sys.argv[1]
EVIL = "evil$(touch PWNED1)`touch PWNED2`;touch PWNED3 \u001b]0;x\u0007\u009b2J'\""
def stats(d):
    return sorted(glob.glob(os.path.join(t, d, "stats-endpoint-*.json")))
def plain(f):
    data = json.load(open(f))["data"]
    if not data:
        return False
    m = data[0]["model_variant_permaslug"]
    def priced(e):
        try:
            return float(e["pricing"]["prompt"]) > 0 and \
                float(e["pricing"]["completion"]) > 0
        except (KeyError, TypeError, ValueError):
            return False
    return len(data) >= 2 and ":" not in m and all(
        e["model_variant_permaslug"] == m and priced(e) for e in data)
files = [os.path.basename(f) for f in stats("d0") if plain(f)]
W, U, N1, N2 = files[:4]
def model(f):
    e = json.load(open(os.path.join(t, "d0", f)))["data"][0]
    return e["model_variant_permaslug"], e["model_variant_slug"]
def edit(d, f, fn):
    p = os.path.join(t, d, f)
    doc = json.load(open(p))
    fn(doc["data"])
    json.dump(doc, open(p, "w"))
def scale(e, part, k):
    e["pricing"][part] = repr(float(e["pricing"][part]) * k)
def evil(data, k):
    e = json.loads(json.dumps(data[0]))
    e["id"] = "0badc0de-0000-4000-8000-000000000002"
    e["provider_slug"] = EVIL
    e["provider_name"] = EVIL
    scale(e, "prompt", k)
    data.append(e)
# s1: without N1 and N2 (gone from v1, the catalogue and their listings),
# a hostile endpoint beside U's.
for f in (N1, N2):
    key, slug = model(f)
    os.remove(os.path.join(t, "s1", f))
    for name, field in (("v1-models.json", "id"),
                        ("frontend-models.json", "slug")):
        p = os.path.join(t, "s1", name)
        doc = json.load(open(p))
        doc["data"] = [x for x in doc["data"] if x.get(field) != slug
                       and x.get("canonical_slug") != key
                       and x.get("permaslug") != key]
        json.dump(doc, open(p, "w"))
edit("s1", U, lambda d: evil(d, 1))
# s2: W's first prompt price halved, its second prompt price 5% lower
# (under the threshold), its first completion price 30% higher; U's
# first prompt price and the hostile one halved; N1 and N2 back.
def w2(d):
    scale(d[0], "prompt", 0.5)
    scale(d[1], "prompt", 0.95)
    scale(d[0], "completion", 1.3)
def u2(d):
    scale(d[0], "prompt", 0.5)
    evil(d, 0.5)
edit("s2", W, w2)
edit("s2", U, u2)
# s3 (from s2): W's second endpoint gone, an expiry date in 10 days on U
# and one in 300 days on N2.
os.system("cp -R '%s/s2' '%s/s3'" % (t, t))
edit("s3", W, lambda d: d.pop(1))
today = datetime.datetime.now(datetime.timezone.utc).date()
p = os.path.join(t, "s3", "v1-models.json")
doc = json.load(open(p))
for x in doc["data"]:
    if x["id"] == model(U)[1]:
        x["expiration_date"] = str(today + datetime.timedelta(days=10))
    if x["id"] == model(N2)[1]:
        x["expiration_date"] = str(today + datetime.timedelta(days=300))
json.dump(doc, open(p, "w"))
print(model(W)[0], model(U)[0], model(N1)[0], model(N2)[0])
PY
read -r W U N1 N2 <"$T/models"

# The alert command: its arguments and its stdin, each to a file.
cat >"$T/hook.sh" <<EOF2
#!/bin/sh
for a in "\$@"; do printf '%s\n' "\$a"; done >"$T/hook.args"
cat >"$T/hook.json"
EOF2
printf '#!/bin/sh\ncat >/dev/null\nexit 3\n' >"$T/fail.sh"
chmod +x "$T/hook.sh" "$T/fail.sh"

CFG="$HOME/.config/orbrowse/config"
mkdir -p "$HOME/.config/orbrowse"
config() {
	printf 'rate = 0\nbackoff.base_ms = 20\nalert.price_drop = 10\n'
	printf 'alert.price_rise = 20%%\nalert.new_model = model:%s\n' "$N1"
	printf 'alert.gone = watched\nalert.expiry_days = 30\n'
	printf 'alert.command = %s\n' "$1"
	[ -z "${2:-}" ] || printf 'alert.scope = %s\n' "$2"
}
config "$T/hook.sh one 'two words' \"\$HOME\"" >"$CFG"

# sync DB SET: one sync of the served SET, its JSON in $T/sync.json.
sync() {
	start_server "$2" --dir "$T/$2"
	(cd "$T" && "$ORBROWSE" --db "$1" sync --base-url "$URL" --json) \
	    >"$T/sync.json" 2>"$T/sync.err"
	echo $? >"$T/sync.rc"
	stop_server "$2"
	[ "$(cat "$T/sync.rc")" = 0 ] || { cat "$T/sync.err" >&2; fail "sync of $2 exited $(cat "$T/sync.rc")"; }
}

# expect DB RUN SCOPE: the alerts the rules fire on the run's records, as
# sorted JSON lines of kind, model, provider, field and rule (model:N1
# is a substring of the key, so it matches N1's variants too).
cat >"$T/expect.py" <<'EOF2'
import json, sys
changes, watched, scope, n1 = sys.argv[1:5]
watched = set(open(watched).read().split())
out = []
for c in json.load(open(changes)):
    rule = None
    w = c["model_key"] in watched
    if c["kind"] == "price_changed" and (w or scope == "all"):
        if c["pct"] is not None and c["pct"] <= -10:
            rule = "price_drop"
        elif c["pct"] is not None and c["pct"] >= 20:
            rule = "price_rise"
    elif c["kind"] == "model_added" and n1 in c["model_key"]:
        rule = "new_model"
    elif c["kind"] in ("model_removed", "endpoint_removed") and w:
        rule = "gone"
    elif c["kind"] == "expiry_changed" and c["new"] is not None:
        import datetime
        d = datetime.date.fromisoformat(c["new"])
        at = datetime.date.fromisoformat(c["at"][:10])
        if (d - at).days <= 30:
            rule = "expiry"
    if rule:
        out.append([c["kind"], c["model_key"], c["provider_slug"],
                    c["field"], rule])
for o in sorted(out):
    print(json.dumps(o))
EOF2
cat >"$T/got.py" <<'EOF2'
import json, sys
doc = json.load(open(sys.argv[1]))
if isinstance(doc, dict):
    doc = doc["alerts"]
for o in sorted([a["kind"], a["model_key"], a["provider_slug"], a["field"],
                 a["rule"]] for a in doc):
    print(json.dumps(o))
EOF2
check() {	# check DB RUN SCOPE WHAT
	"$ORBROWSE" --db "$1" changes --run "$2" --json >"$T/changes.json" ||
	    fail "changes --run $2"
	"$ORBROWSE" --db "$1" watch ls >"$T/watched" || fail "watch ls"
	python3 "$T/expect.py" "$T/changes.json" "$T/watched" "$3" "$N1" \
	    >"$T/want" || fail "expect.py"
	python3 "$T/got.py" "$T/sync.json" >"$T/got" || fail "sync --json has no alerts"
	[ -s "$T/want" ] || fail "$4: the test expects no alert at all"
	diff "$T/want" "$T/got" >"$T/diff" ||
	    fail "$4: sync --json alerts differ from the rules: $(cat "$T/diff")"
	python3 "$T/got.py" "$T/hook.json" >"$T/got" || fail "the command's stdin is not JSON"
	diff "$T/want" "$T/got" >/dev/null ||
	    fail "$4: the alert command read other alerts"
	ok "$4: $(wc -l <"$T/want") alerts, as the rules pick them from the run's changes"
}

DB="$T/a.db"
sync "$DB" s1
eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["alerts"]))' "$T/sync.json")" 0 \
    "the first sync raises no alert"
[ ! -e "$T/hook.json" ] || fail "the alert command ran with no alert"
run 0 "$ORBROWSE" --db "$DB" watch add "$W"
cp "$DB" "$T/b.db"
cp "$DB" "$T/c.db"

sync "$DB" s2
check "$DB" 2 watched "watched models"
grep -q "\"price_drop\"\\]" "$T/want" && grep -q "\"$W\"" "$T/want" ||
    fail "no price drop of the watched model fired"
grep -q "\"$U\"" "$T/want" && fail "a price drop of an unwatched model fired"
grep -q "\"new_model\"" "$T/want" || fail "the new model did not fire"
grep -q "\"$N2\"" "$T/want" && fail "a new model the filter does not match fired"
ok "a drop fires for the watched model only, the new model for its filter only"
printf 'one\ntwo words\n$HOME\n' >"$T/args.want"
cmp -s "$T/args.want" "$T/hook.args" ||
    fail "the alert command's arguments: $(cat "$T/hook.args")"
ok "the alert command gets the configured words only, unexpanded"
eq "$(sql "$DB" 'SELECT COUNT(*) FROM alert WHERE run_id = 2')" \
    "$(wc -l <"$T/want" | tr -d ' ')" "the alerts are kept in the database"

# alerts, --unseen, --seen.
run 0 "$ORBROWSE" --db "$DB" alerts --json
python3 "$T/got.py" "$T/out" >"$T/got"
diff "$T/want" "$T/got" >/dev/null || fail "alerts --json differs from sync --json"
ok "alerts --json lists what the sync raised"
run 0 "$ORBROWSE" --db "$DB" alerts --unseen
eq "$(grep -c ' \* ' "$T/out")" "$(wc -l <"$T/want" | tr -d ' ')" "alerts --unseen: every one unseen"
run 0 "$ORBROWSE" --db "$DB" alerts --seen
run 0 "$ORBROWSE" --db "$DB" alerts --unseen --json
eq "$(cat "$T/out")" "[]" "alerts --seen marks them seen"
run 2 "$ORBROWSE" --db "$DB" alerts --seen --json
run 2 "$ORBROWSE" --db "$DB" alerts extra

# Gone and expiry.
rm -f "$T/hook.json"
sync "$DB" s3
check "$DB" 3 watched "gone and expiry"
grep -q '"gone"' "$T/want" || fail "the watched model's endpoint going fired nothing"
grep -q '"expiry"' "$T/want" || fail "an expiry in 10 days fired nothing"
grep -q "\"$N2\".*expiry" "$T/want" && fail "an expiry in 300 days fired"
ok "gone for the watched model, expiry within the days only"

# scope = all: the unwatched model and the hostile slug too.
config "$T/hook.sh" all >"$CFG"
rm -f "$T/hook.json"
sync "$T/b.db" s2
check "$T/b.db" 2 all "alert.scope = all"
grep -q "\"$U\"" "$T/want" || fail "scope all: the unwatched model did not fire"
python3 - "$T/hook.json" <<'PY' || fail "the hostile slug did not reach the command intact"
import json, sys
slugs = {a["provider_slug"] for a in json.load(open(sys.argv[1]))}
assert "evil$(touch PWNED1)`touch PWNED2`;touch PWNED3 \u001b]0;x\u0007\u009b2J'\"" in slugs, slugs
PY
ok "the hostile slug reaches the command as JSON data"
ls "$T" "$HOME" | grep -q PWNED && fail "a hostile slug ran a command"
ok "no hostile string reached a shell"
start_server t2 --dir "$T/s2"
cp "$T/c.db" "$T/d.db"
(cd "$T" && "$ORBROWSE" --db "$T/d.db" sync --base-url "$URL") >"$T/out" 2>"$T/err" ||
    fail "sync with alerts printed"
stop_server t2
grep -q '^alert: price_drop: ' "$T/out" || fail "the summary lists no alert"
if LC_ALL=C grep -q "$(printf '[\001-\010\016-\037\033\177]')" "$T/out" "$T/err"; then
	fail "a control character reached the terminal"
fi
ok "the sync summary lists the alerts without a control character"

# A failing and a missing command: warnings, the sync stays ok.
for cmd in "$T/fail.sh" "$T/no-such-command" "'unterminated"; do
	config "$cmd" >"$CFG"
	cp "$T/c.db" "$T/e.db"
	sync "$T/e.db" s2
	grep -q "warning: alert" "$T/sync.err" || fail "$cmd: no warning"
	eq "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["status"], len(d["alerts"]) > 0)' "$T/sync.json")" \
	    "ok True" "$cmd: the sync is ok and lists its alerts"
done

# An import raises them too, by the same rules.
config "$T/hook.sh" >"$CFG"
rm -f "$T/hook.json"
run 0 "$ORBROWSE" --db "$T/i.db" import "$T/s1"
run 0 "$ORBROWSE" --db "$T/i.db" watch add "$W"
run 0 "$ORBROWSE" --db "$T/i.db" import "$T/s2"
grep -q "^alert: price_drop: price_changed $W " "$T/out" ||
    fail "import: the watched model's drop is not listed"
grep -q "$U" "$T/out" && fail "import: the unwatched model fired"
python3 "$T/got.py" "$T/hook.json" >/dev/null || fail "import: the command got no JSON"
ok "an import raises the alerts of its changes and runs the command"

# Bad rules are the config file's errors.
printf 'alert.price_drop = lots\n' >"$CFG"
run 2 "$ORBROWSE" --db "$T/e.db" sync --base-url http://127.0.0.1:9
contains "$T/err" "alert.price_drop" "a bad alert rule names its key"
printf 'alert.new_model = ctx>>1\n' >"$CFG"
run 2 "$ORBROWSE" --db "$T/e.db" sync --base-url http://127.0.0.1:9
contains "$T/err" "alert.new_model: bad filter" "a bad alert filter is an error"
