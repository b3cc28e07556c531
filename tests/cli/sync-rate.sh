#!/bin/sh
# The adaptive request rate against a server that limits it (the fixture
# server's "ratelimit" fault): the rate grows from where it starts, settles
# below the server's limit with few 429s, keeps to Retry-After, and with
# X-RateLimit-* headers stays within them.  Rates are measured on the
# server's request log, not on a clock in the test.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd sqlite3
need_cmd python3

demo_files "$T/set" 5 150
start_server a --dir "$T/set"
# The server answers at most 12 requests per sliding second.
printf '[{"fault": "ratelimit", "rate": 12, "headers": false}]\n' >"$T/a.faults"

run 0 "$ORBROWSE" --db "$T/a.db" sync --base-url "$URL" --json --rate 4 \
    --rate-max 30 --retries 8 --no-gc
cp "$T/out" "$T/a.json"
eq "$(sql "$T/a.db" 'SELECT status FROM run_log')" ok "run ok under a rate limit"
python3 - "$T/a.log" "$T/a.json" <<'PY' || fail "rate did not adapt as it should"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
res = json.load(open(sys.argv[2]))
refused = [l for l in log if l["fault"] == "ratelimit"]
n = len(log)
assert n > 100, n
# Every 429 the server sent is counted by the sync.
assert res["refused"] == len(refused), (res["refused"], len(refused))
# Few refusals, and fewer still once the rate has settled.
assert len(refused) <= max(6, n // 10), (len(refused), n)
half = sorted(l["t_start"] for l in log)[n // 2]
late = [l for l in refused if l["t_start"] >= half]
assert len(late) <= 3, ("429s in the second half", len(late))
# The rate grew from its start of 4/s: some second saw more than 6 starts.
t = sorted(l["t_start"] for l in log)
best = max(sum(1 for u in t if s <= u < s + 1.0) for s in t)
assert best > 6, ("the rate never grew", best)
assert res["rate_top"] > 4, res["rate_top"]
print("requests %d, 429s %d (second half %d), busiest second %d, "
      "top rate %.1f/s" % (n, len(refused), len(late), best,
                           res["rate_top"]), file=sys.stderr)
PY
ok "the rate grows from 4/s and settles under a 12/s limit with few 429s"

# Retry-After: after a 429, no request starts until the pause is over.
python3 - "$T/a.log" <<'PY' || fail "Retry-After not honoured"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
for r in (l for l in log if l["fault"] == "ratelimit"):
    # Requests already on their way may arrive just after; none may start
    # well inside the 1 s pause.
    early = [l for l in log if r["t_end"] + 0.1 < l["t_start"] < r["t_end"] + 0.8]
    assert not early, ("started during Retry-After", r["t_end"],
                       [l["t_start"] for l in early])
PY
ok "no request starts during a Retry-After pause"

# With X-RateLimit-* headers the sync keeps within them from the start.
: >"$T/a.log"
printf '[{"fault": "ratelimit", "rate": 12, "window": 1}]\n' >"$T/a.faults"
run 0 "$ORBROWSE" --db "$T/b.db" sync --base-url "$URL" --quiet --rate 10 \
    --rate-max 30 --retries 8 --no-gc
python3 - "$T/a.log" <<'PY' || fail "X-RateLimit headers not kept to"
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
refused = [l for l in log if l["fault"] == "ratelimit"]
assert len(log) > 100 and len(refused) <= 3, (len(log), len(refused))
PY
ok "X-RateLimit-Remaining and -Reset keep the sync under the limit"
eq "$(projection "$T/a.db")" "$(projection "$T/b.db")" "both syncs stored the same"

# A maximum below the start rate is a fixed rate: nothing grows.
: >"$T/a.log"
echo '[]' >"$T/a.faults"
run 0 "$ORBROWSE" --db "$T/c.db" sync --base-url "$URL" --json --rate 30 \
    --rate-max 1 --no-gc
python3 - "$T/out" <<'PY' || fail "fixed rate grew"
import json, sys
assert json.load(open(sys.argv[1]))["rate_top"] == 30
PY
ok "--rate-max below --rate keeps a fixed rate"
run 2 "$ORBROWSE" --db "$T/c.db" sync --base-url "$URL" --rate-max fast
contains "$T/err" "rate.max" "a bad --rate-max is named"
