#!/bin/sh
# Messages are translated: under LANGUAGE=de the German catalogue is used.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
[ -f "${ORBROWSE_LOCALEDIR:-}/de/LC_MESSAGES/orbrowse.mo" ] ||
	skip "no compiled German catalogue (built by make check)"
"$ORBROWSE" --version >/dev/null || fail "binary does not run"

# gettext ignores LANGUAGE in the C locale; pick any other UTF-8 locale.
loc=
for want in de_DE en_US C; do
	loc=$(locale -a 2>/dev/null | grep -i -E "^$want\.utf-?8\$" | head -1)
	[ -n "$loc" ] && break
done
[ -n "$loc" ] || skip "no UTF-8 locale installed"
export LC_ALL="$loc"

LANGUAGE=de run 0 "$ORBROWSE" --help
if grep -q "Exit status" "$T/out"; then
	# glibc's C.UTF-8 may ignore LANGUAGE; that is not a failure of ours.
	[ "$loc" = C.UTF-8 ] || [ "$loc" = C.utf8 ] || fail "help not translated"
	skip "locale $loc ignores LANGUAGE"
fi
contains "$T/out" "Befehle:" "help is in German"
LANGUAGE=de run 2 "$ORBROWSE" frobnicate
contains "$T/err" "unbekannter Befehl" "errors are in German"
LANGUAGE=de run 1 "$ORBROWSE" --db "$T/none.db" runs
contains "$T/err" "keine solche Datenbank" "store messages are in German"
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
