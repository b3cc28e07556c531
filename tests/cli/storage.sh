#!/bin/sh
# Storage faults: a full disk and a read-only database.
#
# Full disk: a small tmpfs, filled up to a few levels of free space (as
# root), or else a file size limit (RLIMIT_FSIZE with SIGXFSZ ignored).
# A sync, an import and a gc into the database on it fail with a clear
# message and an exit status that agrees with the run log; the database
# passes integrity_check and keeps the earlier run's rows, with no
# tombstones; once there is room, a sync completes.
#
# Read-only: the database on a tmpfs remounted read-only (as root), and
# the database in a directory its user may not write (as nobody when root;
# chmod otherwise).  That is the hard case of WAL mode: no -shm can be
# created.  Writers fail clearly and change nothing; ls, show, runs and
# cheapest read it as from a writable copy; the terminal UI opens, shows
# the endpoints, says read-only, and answers the sync key with a message.
if command -v tmux >/dev/null 2>&1; then
	. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
	have_ui=1
else
	. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
	have_ui=
fi
need_cmd sqlite3
need_cmd python3

demo_files "$T/old" 21 6
demo_files "$T/new" 22 24
start_server old --dir "$T/old"
OLD=$URL
start_server new --dir "$T/new"
NEW=$URL
# Mounts go before the scratch directory does.
MOUNTS=
storage_cleanup() {
	for m in $MOUNTS; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	MOUNTS=
	for p in "$T"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done
	if [ -n "$have_ui" ]; then
		ui_cleanup
	fi
	rm -rf "$T"
}
trap storage_cleanup EXIT

sync_db() {
	"$ORBROWSE" --db "$1" sync --base-url "$2" --quiet --metrics \
	    --concurrency 1
}

# The earlier run every case starts from, and what a clean sync of the new
# set makes of it.
run 0 sync_db "$T/pristine.db" "$OLD"
[ ! -e "$T/pristine.db-wal" ] || fail "the WAL outlived the sync"
base=$(projection "$T/pristine.db")
cp "$T/pristine.db" "$T/ref.db"
run 0 sync_db "$T/ref.db" "$NEW"
reference=$(projection "$T/ref.db")
[ "$(sql "$T/ref.db" 'SELECT COUNT(*) FROM endpoint WHERE active = 0')" -gt 0 ] ||
    fail "a complete sync tombstones nothing: the checks below could not fail"
ok "a complete sync of the new set tombstones the old endpoints"

# intact DB NAME: after a failed write, the database is whole and the earlier
# run's rows are all there, unchanged and active.
intact() {
	integrity_ok "$1" "$2"
	eq "$(sql "$1" 'SELECT COUNT(*) FROM endpoint WHERE active = 0')" 0 "$2: no tombstones"
	printf '%s\n' "$base" | sort >"$T/p0"
	projection "$1" | sort >"$T/p1"
	[ -z "$(comm -23 "$T/p0" "$T/p1")" ] ||
	    { comm -23 "$T/p0" "$T/p1" | head -3 >&2; fail "$2: earlier rows changed or gone"; }
	ok "$2: the earlier run's rows are intact"
}

# agrees NAME RC: the exit status says what the run log says.
agrees() {
	st=$(sql "$DB" 'SELECT status FROM run_log WHERE id = 2')
	case $st in
	ok) want=0 ;;
	partial) want=3 ;;
	aborted) want=5 ;;
	*) want=1 ;;			# failed, running (not finished), none
	esac
	eq "$2" "$want" "$1: exit status $2 agrees with the run log (${st:-no run})"
	if [ "$2" != 0 ]; then
		# The sentence and the exit status: what a user or cron sees.
		grep -q -- "$reason" "$T/err" ||
		    { cat "$T/err" >&2; fail "$1: the error does not say '$reason'"; }
		ok "$1: the error says '$reason'"
	fi
}

# ------------------------------------------------------------- full disk
FULL="$T/full"
mkdir "$FULL"
if [ "$(id -u)" = 0 ] &&
    mount -t tmpfs -o size=8m,mode=0700 orbrowse-test "$FULL" 2>/dev/null; then
	MOUNTS="$FULL"
	mode=tmpfs
	reason="the disk is full"
	levels="0 24 64 128 256"
else
	mode=ulimit
	reason="the file size limit is reached"
	levels="16 64 128 256"
fi
echo "full disk by $mode"
DB="$FULL/s.db"

# limited LEVEL CMD...: run CMD with LEVEL kB of room.
limited() {
	level=$1
	shift
	if [ $mode = tmpfs ]; then
		"$@"
	else
		python3 -c 'import os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
n = int(sys.argv[1]) * 1024
resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
os.execv(sys.argv[2], sys.argv[2:])' "$level" "$@"
	fi
}

# fill LEVEL: a fresh copy of the earlier run, and LEVEL kB left free.
fill() {
	rm -f "$FULL"/*
	cp "$T/pristine.db" "$DB"
	[ $mode = tmpfs ] || return 0
	avail=$(df -Pk "$FULL" | awk 'NR == 2 { print $4 }')
	[ "$avail" -gt "$1" ] || fail "the test file system is too small"
	dd if=/dev/zero of="$FULL/fill" bs=1024 count=$((avail - $1)) 2>/dev/null
	avail=$(df -Pk "$FULL" | awk 'NR == 2 { print $4 }')
	[ "$avail" -le $(($1 + 4)) ] || fail "could not fill the test file system"
}

# room: take the filler away (or the limit: limited is not used after).
room() {
	rm -f "$FULL/fill"
}

for level in $levels; do
	name="sync, $level kB free"
	fill "$level"
	limited "$level" "$ORBROWSE" --db "$DB" sync --base-url "$NEW" \
	    --quiet --metrics --concurrency 1 >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" != 0 ] || [ "$(sql "$DB" 'SELECT status FROM run_log WHERE id = 2')" != ok ] ||
	    fail "$name: the sync fit: the level is too generous to test anything"
	room
	agrees "$name" "$rc"
	intact "$DB" "$name"
	# With room again, the next sync completes, and a run the full disk
	# left running is marked failed.
	dead=$(sql "$DB" "SELECT id FROM run_log WHERE status = 'running'")
	run 0 sync_db "$DB" "$NEW"
	if [ -n "$dead" ]; then
		eq "$(sql "$DB" "SELECT status FROM run_log WHERE id = $dead")" failed "$name: the unfinished run is marked failed"
	fi
	eq "$(sql "$DB" 'SELECT status FROM run_log ORDER BY id DESC LIMIT 1')" ok "$name: with room, the next sync is ok"
	eq "$(projection "$DB")" "$reference" "$name: with room, the reference projection"
done

for level in $levels; do
	name="import, $level kB free"
	fill "$level"
	limited "$level" "$ORBROWSE" --db "$DB" import --quiet "$T/new" \
	    >"$T/out" 2>"$T/err"
	rc=$?
	room
	agrees "$name" "$rc"
	intact "$DB" "$name"
done

# gc on a full disk: it cannot even open the database to write.
# (The smallest level: under a file size limit of 0 not even the message
# could be written to the test's stderr file.)
level=${levels%% *}
name="gc, $level kB free"
fill "$level"
limited "$level" "$ORBROWSE" --db "$DB" gc >"$T/out" 2>"$T/err"
rc=$?
room
eq "$rc" 1 "$name: exit status 1"
grep -q -- "$reason" "$T/err" || { cat "$T/err" >&2; fail "$name: the error does not say '$reason'"; }
ok "$name: the error says '$reason'"
integrity_ok "$DB" "$name"
eq "$(db_state "$DB")" "$(db_state "$T/pristine.db")" "$name: nothing changed"

# ------------------------------------------------------------- read-only
# rdonly NAME DIR AS: the checks for a database in DIR that AS (a command
# prefix, maybe empty) may not write.
ORB=$ORBROWSE
model=$(sql "$T/ref.db" 'SELECT model_key FROM endpoint WHERE active = 1 ORDER BY model_key LIMIT 1')
rdonly() {
	name=$1
	dir=$2
	shift 2
	db="$dir/s.db"
	for c in "sync --base-url $NEW" "import $T/new" gc; do
		# shellcheck disable=SC2086
		run 1 "$@" "$ORB" --db "$db" $c
		contains "$T/err" "read-only" "$name: ${c%% *} refused, saying read-only"
	done
	cmp -s "$db" "$T/ref.db" || fail "$name: the database file changed"
	ok "$name: the database file is unchanged"
	for f in "$db-wal" "$db-shm"; do
		[ ! -e "$f" ] || fail "$name: $f was created"
	done
	ok "$name: no -wal or -shm was created"
	for c in "ls" "ls --json" "runs" "show $model" "cheapest $model"; do
		# shellcheck disable=SC2086
		"$ORB" --db "$T/ref.db" $c >"$T/want" 2>&1 || fail "$name: $c on a writable copy"
		# shellcheck disable=SC2086
		run 0 "$@" "$ORB" --db "$db" $c
		cmp -s "$T/out" "$T/want" || { diff "$T/want" "$T/out" | head -5 >&2; fail "$name: $c reads differently"; }
		ok "$name: $c reads it as a writable copy"
	done
}

# rdonly_ui NAME DB: the terminal UI on a read-only database.
rdonly_ui() {
	[ -n "$have_ui" ] || { missing="$missing; no tmux: the UI part did not run"; return 0; }
	ui_start --db "$2"
	# The table may drop the vendor prefix its neighbours share.
	ui_wait "$(printf '%.10s' "${model#*/}")"
	ok "$1: the UI opens on the endpoints"
	ui_screen | head -1 | grep -q "read-only" || { ui_screen >&2; fail "$1: the title does not say read-only"; }
	ok "$1: the title line says read-only"
	ui_keys r
	ui_wait "the database is read-only: cannot sync"
	ok "$1: the sync key says the database is read-only"
	ui_screen | grep -q "EXITED" && fail "$1: the UI ended"
	ui_keys Q
	ui_wait "EXITED 0"
	ok "$1: and quits with status 0"
}

RO="$T/ro"
mkdir "$RO"
# What could not run here: the test is then a SKIP (77), not a PASS.
missing=
variants=0
if [ "$(id -u)" = 0 ]; then
	# A read-only file system: even root cannot write it.
	if mount -t tmpfs -o size=4m orbrowse-test "$RO" 2>/dev/null; then
		MOUNTS="$MOUNTS $RO"
		cp "$T/ref.db" "$RO/s.db"
		mount -o remount,ro "$RO" || fail "cannot remount the tmpfs read-only"
		rdonly "read-only file system" "$RO"
		rdonly_ui "read-only file system" "$RO/s.db"
		variants=$((variants + 1))
	else
		missing="$missing; cannot mount a tmpfs: no read-only file system"
	fi

	# A directory and file the user may not write: as nobody.
	if command -v setpriv >/dev/null 2>&1; then
		as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	elif command -v runuser >/dev/null 2>&1; then
		as="runuser -u nobody --"
	else
		skip "neither setpriv nor runuser: nothing run as nobody$missing"
	fi
	chmod 755 "$T"
	chmod -R a+rX "$T/new" "$HOME"
	mkdir "$T/perm"
	cp "$T/ref.db" "$T/perm/s.db"
	chmod 755 "$T/perm"
	chmod 644 "$T/perm/s.db"
	# shellcheck disable=SC2086
	if ! $as test -x "$ORBROWSE" || ! $as test -r "$T/perm/s.db"; then
		skip "nobody cannot run $ORBROWSE: nothing run as nobody$missing"
	fi
	# shellcheck disable=SC2086
	rdonly "not writable by nobody" "$T/perm" $as
	printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$as" "$ORBROWSE" >"$T/as-nobody"
	chmod 755 "$T/as-nobody"
	ORBROWSE="$T/as-nobody"
	rdonly_ui "not writable by nobody" "$T/perm/s.db"
	ORBROWSE=$ORB
else
	cp "$T/ref.db" "$T/perm.db"
	mkdir "$T/perm"
	mv "$T/perm.db" "$T/perm/s.db"
	chmod 444 "$T/perm/s.db"
	chmod 555 "$T/perm"
	rdonly "not writable" "$T/perm"
	rdonly_ui "not writable" "$T/perm/s.db"
	chmod 755 "$T/perm"
fi
# A part that could not run makes the whole test a SKIP, never a PASS.
[ -z "$missing" ] || skip "${missing#; }"
