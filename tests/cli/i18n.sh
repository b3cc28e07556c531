#!/bin/sh
# Messages are translated: under LANGUAGE=de the German catalogue is used.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
[ -f "${ORBROWSE_LOCALEDIR:-}/de/LC_MESSAGES/orbrowse.mo" ] ||
	skip "no compiled German catalogue (built by make check)"
"$ORBROWSE" --version >/dev/null || fail "binary does not run"

# gettext ignores LANGUAGE in the C locale; the test wants de_DE.UTF-8
# (.ci/run generates it), else any other UTF-8 locale but C's.
loc=
for want in de_DE en_US en_GB; do
	loc=$(locale -a 2>/dev/null | grep -i -E "^$want\.utf-?8\$" | head -1)
	[ -n "$loc" ] && break
done
[ -n "$loc" ] || skip "no de_DE.UTF-8 locale (nor en_US/en_GB.UTF-8): German cannot be selected; generate it with locale-gen"
export LC_ALL="$loc"

LANGUAGE=de run 0 "$ORBROWSE" --help
grep -q "Exit status" "$T/out" && fail "help not translated under $loc with LANGUAGE=de"
contains "$T/out" "Befehle:" "help is in German"
LANGUAGE=de run 2 "$ORBROWSE" frobnicate
contains "$T/err" "unbekannter Befehl" "errors are in German"
LANGUAGE=de run 1 "$ORBROWSE" --db "$T/none.db" runs
contains "$T/err" "keine solche Datenbank" "store messages are in German"
# src/util is translated too (its header once shadowed autoconf's config.h,
# which left ENABLE_NLS undefined there): the config file's errors.
awk 'BEGIN { printf "# "; for (i = 0; i < 5000; i++) printf "x"; print "" }' \
    >"$T/long.conf"
LANGUAGE=de run 2 "$ORBROWSE" --db "$T/none.db" sync --config "$T/long.conf" \
    --base-url http://127.0.0.1:9/
contains "$T/err" "long.conf:1: Zeile zu lang" "util messages are in German"
printf 'no equals sign\n' >"$T/bad.conf"
LANGUAGE=de run 2 "$ORBROWSE" --db "$T/none.db" sync --config "$T/bad.conf" \
    --base-url http://127.0.0.1:9/
contains "$T/err" "Schlüssel = Wert" "util messages are in German (2)"
# And English without it.
unset LANGUAGE
LC_ALL=C run 2 "$ORBROWSE" frobnicate
contains "$T/err" "unknown command" "English by default"

# Numbers keep the C format under a German locale: scripts read them.
export LC_ALL="$loc" LANGUAGE=de
run 0 "$ORBROWSE" --db "$T/n.db" demo --models 5
run 0 "$ORBROWSE" --db "$T/n.db" ls --csv
python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows and all(float(r["price_prompt"]) >= 0 for r in rows if r["price_prompt"])
' "$T/out" || fail "CSV numbers under $loc"
ok "CSV numbers stay in the C format under $loc"

# A statement's failure says what was being done, in German too: the store
# passes that text untranslated and translates it only when it fails.
cp "$T/n.db" "$T/bad.db"
python3 -c '
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                  ("endpoint",)).fetchone()[0]
size = db.execute("PRAGMA page_size").fetchone()[0]
db.close()
with open(sys.argv[1], "r+b") as f:
    f.seek((root - 1) * size)
    f.write(b"\xff" * size)
' "$T/bad.db"
LANGUAGE=de run 1 "$ORBROWSE" --db "$T/bad.db" ls
contains "$T/err" "Endpunkte können nicht gelesen werden" \
    "a failed statement's message is in German"
