# tests/ui/lib-ui.sh: drive the terminal UI in a real terminal under tmux,
# on a private socket, and compare screens with golden files.
#
# ui_start ARGS...   start `orbrowse ARGS` in a 100x30 tmux window
# ui_keys KEYS...    tmux send-keys
# ui_wait TEXT       wait (up to 10 s) until TEXT is on the screen
# ui_golden NAME     compare the screen with tests/ui/golden/NAME.txt;
#                    GENERATE=1 writes the file instead
# Times and dates on screen are replaced by fixed text before comparing.
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
# Every orbrowse of a UI test, in the terminal and out of it, reads the clock
# as if it were this instant when it started (src/util/clock.h, clock_pin):
# what the demo and imports stamp and what "expires soon" means on screen
# are the same on every day the suite runs.
export ORBROWSE_NOW="${ORBROWSE_NOW-2026-12-01T12:00:00Z}"
need_cmd tmux
# Each ui_start gets a fresh server: reusing a socket right after
# kill-server races with the dying server.
NSOCK=0
SOCK="orbt$$-0"
GOLDEN="$ORBROWSE_SRCDIR/tests/ui/golden"
ui_cleanup() {
	i=0
	while [ $i -le $NSOCK ]; do
		tmux -L "orbt$$-$i" kill-server 2>/dev/null
		i=$((i + 1))
	done
	for p in "$T"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
	rm -rf "$T"
}
trap ui_cleanup EXIT

ui_start() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	NSOCK=$((NSOCK + 1))
	SOCK="orbt$$-$NSOCK"
	# A shell-free command line: every argument quoted for tmux.
	cmd="env TERM=xterm-256color HOME='$HOME' LC_ALL='${UI_LOCALE:-C.UTF-8}'"
	cmd="$cmd ORBROWSE_NOW='$ORBROWSE_NOW'"
	[ -n "${NO_COLOR:-}" ] && cmd="$cmd NO_COLOR=1"
	[ -n "${ORBROWSE_BENCH_UI:-}" ] && cmd="$cmd ORBROWSE_BENCH_UI='$ORBROWSE_BENCH_UI'"
	[ -n "${ORBROWSE_BASE_URL:-}" ] && cmd="$cmd ORBROWSE_BASE_URL='$ORBROWSE_BASE_URL'"
	cmd="$cmd '$ORBROWSE'"
	for a in "$@"; do cmd="$cmd '$a'"; done
	tmux -L "$SOCK" -f /dev/null new-session -d -x "${UI_COLS:-100}" -y "${UI_ROWS:-30}" \
	    "$cmd; echo EXITED \$?; sleep 30"
	tmux -L "$SOCK" set-option -g remain-on-exit on >/dev/null 2>&1
}

ui_keys() {
	tmux -L "$SOCK" send-keys "$@"
}

ui_screen() {
	tmux -L "$SOCK" capture-pane -p
}

ui_wait() {
	i=0
	while ! ui_screen | grep -qF -- "$1"; do
		i=$((i + 1))
		if [ $i -ge 100 ]; then
			ui_screen >&2
			fail "'$1' did not appear on the screen"
		fi
		sleep 0.1
	done
}

ui_wait_gone() {
	i=0
	while ui_screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -lt 100 ] || { ui_screen >&2; fail "'$1' stayed on the screen"; }
		sleep 0.1
	done
}

# Every form a wall-clock value takes on screen is masked: a date with its
# time, a date cut by a column ("2026-11-26~", "2026-1~"), a relative
# duration ("took 3m05s", "4d07h ago") and a process id.  A bare date is
# a data date (a metric series' day range from fixed data) and is kept.
ui_normalize() {
	sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2})?Z?/YYYY-MM-DD hh:mm:ss/g' \
	    -e 's/[0-9]{4}-[0-9]{1,2}(-[0-9]{0,2}([ T][0-9:]{0,7})?)?~/YYYY-MM-DD~/g' \
	    -e 's/(took|elapsed|running) [0-9]+(ms|\.[0-9]s|s|m[0-9]{2}s|h[0-9]{2}m|d[0-9]{2}h)/\1 DURATION/g' \
	    -e 's/[0-9]+(ms|\.[0-9]s|m[0-9]{2}s|h[0-9]{2}m|d[0-9]{2}h) ago/DURATION ago/g' \
	    -e 's/pid [0-9]+/pid PID/g' \
	    -e 's/ +$//'
}

ui_golden() {
	sleep 0.2
	ui_screen | ui_normalize >"$T/screen.txt"
	if [ -n "${GENERATE:-}" ]; then
		cp "$T/screen.txt" "$GOLDEN/$1.txt"
		ok "golden $1 written"
		return
	fi
	if ! cmp -s "$T/screen.txt" "$GOLDEN/$1.txt"; then
		diff "$GOLDEN/$1.txt" "$T/screen.txt" | head -20 >&2
		fail "screen $1 differs from tests/ui/golden/$1.txt (GENERATE=1 regenerates)"
	fi
	ok "screen $1 matches its golden file"
}
