#!/bin/sh
# The systemd units `orbrowse schedule` prints, checked by systemd's own
# parser (systemd-analyze verify): with a binary and a database whose paths
# need quoting, with a plain path, and -- so that the check can fail -- the
# same units naming a binary that is not there.  Without systemd-analyze the
# test cannot run and says SKIP.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
need_cmd systemd-analyze

B="$T/bin dir'%\$x"
D="$T/data dir'%\$HOME"
PLAIN="$T/plain"
mkdir -p "$B" "$D" "$PLAIN"
cp "$ORBROWSE" "$B/orbrowse" && cp "$ORBROWSE" "$PLAIN/orbrowse" ||
    fail "copying the binary"
DB="$D/my db.db"
run 0 "$B/orbrowse" --db "$DB" schedule --print service
cp "$T/out" "$T/service"
run 0 "$B/orbrowse" --db "$DB" schedule --print timer
cp "$T/out" "$T/timer"
run 0 "$PLAIN/orbrowse" --db "$DB" schedule --print service
cp "$T/out" "$T/service2"

verify() {
	rm -rf "$T/units" && mkdir "$T/units"
	cp "$1" "$T/units/orbrowse-sync.service"
	cp "$T/timer" "$T/units/orbrowse-sync.timer"
	(cd "$T/units" && systemd-analyze verify ./orbrowse-sync.service \
	    ./orbrowse-sync.timer) >"$T/verify" 2>&1
}
verify "$T/service" || { cat "$T/verify"; fail "systemd-analyze verify"; }
ok "systemd-analyze verify accepts the service (quoted paths) and timer"
verify "$T/service2" || { cat "$T/verify"; fail "systemd-analyze verify (plain)"; }
ok "and the service with a plain path"
sed 's|/orbrowse"|/nonesuch"|; s|/orbrowse |/nonesuch |' "$T/service2" >"$T/service3"
cmp -s "$T/service2" "$T/service3" && fail "no binary path to replace"
verify "$T/service3" && fail "systemd-analyze verify accepts a missing binary"
ok "and refuses the same units naming a missing binary"
