#!/bin/sh
# The providers screen (P, :providers) at 80x24 and 120x40: one row per
# provider with its headquarters, datacenters and active endpoints, the
# counts checked against the database; Enter lists that provider's
# endpoints (the endpoints screen filtered by provider:SLUG).
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd sqlite3
need_cmd python3

export ORBROWSE_BASE_URL=http://127.0.0.1:9
DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" demo --seed 1 --epoch 0

# A provider list in the 2026 shape for the demo's providers: datacenters
# null, [] or codes; one headquarters null.
sqlite3 "$DB" 'SELECT slug FROM provider ORDER BY slug' >"$T/slugs"
[ -s "$T/slugs" ] || fail "the demo's endpoint objects named no provider"
python3 - "$T/slugs" "$T/providers.json" <<'PY'
import json, sys
slugs = open(sys.argv[1]).read().split()
dcs = [None, [], ["US"], ["US", "DE"], ["SG", "JP", "US"]]
out = []
for i, s in enumerate(slugs):
    out.append({"name": s.replace("-", " ").title(), "slug": s,
                "privacy_policy_url": "https://%s.example/privacy" % s,
                "terms_of_service_url": "https://%s.example/terms" % s,
                "status_page_url": None if i % 2 else
                "https://status.%s.example/" % s,
                "headquarters": None if i == 1 else ["US", "FR", "DE"][i % 3],
                "datacenters": dcs[i % len(dcs)]})
json.dump({"data": out}, open(sys.argv[2], "w"), indent=2)
PY
run 0 "$ORBROWSE" --db "$DB" import "$T/providers.json"

FIRST=$(head -n 1 "$T/slugs")
NAME=$(sqlite3 "$DB" "SELECT name FROM provider WHERE slug = '$FIRST'")
for size in 80x24 120x40; do
	UI_COLS=${size%x*} UI_ROWS=${size#*x}
	ui_start --db "$DB"
	ui_wait "endpoints"
	ui_keys P
	ui_wait "providers  Enter: endpoints"
	ui_golden "providers-$size"
done

# The counts shown are the database's: active endpoints of the provider
# named before any '/' of their provider slug.
ui_screen >"$T/screen"
python3 - "$DB" "$T/screen" <<'PY' || fail "an endpoint count differs from the database"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
want = {}
for (slug,) in db.execute("SELECT provider_slug FROM endpoint WHERE active = 1"):
    base = slug.split("/")[0]
    want[base] = want.get(base, 0) + 1
names = dict(db.execute("SELECT slug, name FROM provider"))
seen = 0
for line in open(sys.argv[2]):
    cells = line.split()
    for slug, name in names.items():
        if slug in cells:
            # ENDPOINTS is the first integer after the slug.
            rest = cells[cells.index(slug) + 1:]
            n = next(int(c) for c in rest if c.isdigit())
            assert n == want.get(slug, 0), (slug, n, want.get(slug, 0))
            seen += 1
assert seen >= 5, seen
PY
ok "the endpoint counts on screen are the database's"

# Enter: that provider's endpoints.
ui_keys g Enter
ui_wait "filter: provider:$FIRST"
N=$(sqlite3 "$DB" "SELECT COUNT(*) FROM endpoint WHERE active = 1 AND (provider_slug LIKE '%$FIRST%' OR provider_name LIKE '%$FIRST%')")
ui_wait "$N/"
ui_golden "providers-enter"
ui_keys q
ui_wait "providers  Enter: endpoints"
ok "q goes back to the providers"

# :providers opens it too, and ? lists P among the keys.
ui_keys q ':' 'providers' Enter
ui_wait "providers  Enter: endpoints"
ui_keys q '?'
ui_wait "the providers"
ok ":providers and the help"
