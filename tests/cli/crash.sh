#!/bin/sh
# SIGKILL at deterministic points spread over a whole sync.  After each
# kill the database passes PRAGMA integrity_check, holds no tombstone from
# the dead run, and the next sync marks the dead run failed, completes, and
# leaves the projection a clean sync leaves.
#
# The points are chosen by count, never by clock:
#  - request N: the fixture server holds the Nth request of the run (having
#    sent nothing, the headers, or half the body; the three in turn) and
#    raises a flag; the test kills the client while it is held.  Requests
#    1 to R of the run (keys, catalogue, each model's endpoints and metrics,
#    the last request) are covered evenly.
#  - write N (where strace(1) can attach): with the last request held,
#    strace attaches to the client and kills it at its Nth pwrite(2) from
#    there on: the first and the last write of each commit after the last
#    response (the last models with the tombstone sweep, the run's end, gc)
#    and of the checkpoint when the database closes.  (Counted from the
#    start of the run, writes are not the same in every run.)
. "${ORBROWSE_SRCDIR:-.}/tests/lib.sh"
# Counts mean the same thing in every run only with the sync on one thread:
# on two, when a listing is parsed (and its uptime series are asked for)
# and when a commit falls depend on the threads' timing.  What is written
# and in what order per model is the same either way.
export ORBROWSE_SYNC_THREADS=1
need_cmd sqlite3
need_cmd python3

# The database holds an 8-model run; the run that is killed finds only 6 of
# them, so a complete run would tombstone the other two's endpoints.
demo_files "$T/old" 11 8
demo_files "$T/new" 11 6
start_server old --dir "$T/old"
OLD=$URL
start_server new --dir "$T/new"
NEW=$URL
faults() { printf '%s\n' "$1" >"$T/new.faults.tmp" && mv "$T/new.faults.tmp" "$T/new.faults"; }

# sync DB URL: the sync every point runs; one transfer at a time, so the
# order of requests is the same in every run.
sync_db() {
	"$ORBROWSE" --db "$1" sync --base-url "$2" --quiet --metrics \
	    --concurrency 1
}

run 0 sync_db "$T/base.db" "$OLD"
eq "$(sql "$T/base.db" 'SELECT COUNT(*) FROM endpoint WHERE active = 0')" 0 "base: every endpoint active"
eq "$(sql "$T/base.db" 'SELECT group_concat(id || status) FROM run_log')" 1ok "base: one ok run"
base=$(projection "$T/base.db")

# A clean reference: the base, then a complete sync of the new set.
cp "$T/base.db" "$T/ref.db"
: >"$T/new.log"
run 0 sync_db "$T/ref.db" "$NEW"
reference=$(projection "$T/ref.db")
cp "$T/new.log" "$T/ref.log"
R=$(wc -l <"$T/ref.log" | tr -d ' ')
[ "$R" -ge 30 ] || fail "the reference run made only $R requests"
ok "the reference run makes $R requests"
gone=$(sql "$T/ref.db" 'SELECT COUNT(*) FROM endpoint WHERE active = 0')
[ "$gone" -gt 0 ] || fail "a complete run tombstones nothing: the check below could not fail"
ok "a complete run tombstones $gone endpoints"

# The targets of the reference run's requests, one a line, in order.
python3 -c 'import json, sys
for line in open(sys.argv[1]):
    print(json.loads(line)["path"])' "$T/ref.log" >"$T/ref.paths" ||
    fail "reading the request log"
reqpath() {
	sed -n "$1p" "$T/ref.paths"
}

stage() {
	case $1 in
	/api/v1/models\?*) echo keys ;;
	/api/frontend/models) echo catalogue ;;
	/api/v1/providers) echo providers ;;
	*stats/endpoint*) echo endpoints ;;
	*) echo metrics ;;
	esac
}

# after_kill DB NAME: the checks every point shares, then the next sync.
# (Few sqlite3 processes: each query list is one.)
after_kill() {
	db=$1
	name=$2
	{
		read -r integrity
		read -r dead
		read -r runs
		read -r inactive
		read -r unsnapped
	} <<EOF
$(sql "$db" "PRAGMA integrity_check(1);
    SELECT COALESCE(group_concat(id), '-') FROM run_log WHERE status = 'running';
    SELECT COUNT(*) FROM run_log;
    SELECT COUNT(*) FROM endpoint WHERE active = 0;
    SELECT COUNT(*) FROM endpoint e WHERE NOT EXISTS (SELECT 1
     FROM endpoint_snapshot s WHERE s.endpoint_id = e.endpoint_id
      AND s.model_key = e.model_key
      AND s.hash = (SELECT b.hash FROM blob b WHERE b.id = e.blob))")
EOF
	eq "$integrity" ok "$name: integrity_check"
	if [ "$dead" != - ]; then
		eq "$dead" 2 "$name: the killed run is left running"
		eq "$inactive" 0 "$name: no tombstones from the killed run"
		# What the dead run stored is whole.
		eq "$unsnapped" 0 "$name: every endpoint has its snapshot"
	elif [ "$runs" = 1 ]; then
		# Killed before the run's row was committed.
		eq "$(projection "$db")" "$base" "$name: nothing changed"
	else
		# Killed after the run was recorded complete (in gc or the
		# checkpoint): the run stands.
		eq "$(sql "$db" 'SELECT status FROM run_log WHERE id = 2')" ok "$name: the run had finished"
		eq "$(projection "$db")" "$reference" "$name: the finished run's projection"
	fi
	faults '[]'
	run 0 sync_db "$db" "$NEW"
	{
		read -r integrity
		read -r last
		read -r second
	} <<EOF
$(sql "$db" "PRAGMA integrity_check(1);
    SELECT status FROM run_log ORDER BY id DESC LIMIT 1;
    SELECT status || ':' || instr(COALESCE(errors, ''),
     'ended before the run finished') FROM run_log WHERE id = 2")
EOF
	if [ "$dead" != - ]; then
		eq "${second%%:*}" failed "$name: next sync marks the dead run failed"
		[ "${second#*:}" -gt 0 ] || fail "$name: no error recorded for the dead run"
		ok "$name: the dead run's error recorded"
	fi
	eq "$last" ok "$name: next sync ok"
	eq "$(projection "$db")" "$reference" "$name: the reference projection"
	eq "$integrity" ok "$name, then a sync: integrity_check"
}

# --- request N held, then SIGKILL.  K points spread over requests 1..R.
K=30
covered=
i=0
while [ $i -lt $K ]; do
	n=$((1 + i * (R - 1) / (K - 1)))
	case $((i % 3)) in
	0) part=; how="before the answer" ;;
	1) part=', "bytes": 0'; how="after the headers" ;;
	2) part=', "bytes": "half"'; how="half-way through the body" ;;
	esac
	target=$(reqpath "$n")
	name="kill at request $n/$R ($(stage "$target"), $how)"
	db="$T/req-$n.db"
	cp "$T/base.db" "$db"
	rm -f "$T/held"
	faults "[{\"fault\": \"hold\", \"skip\": $((n - 1)), \"times\": 1, \"flag\": \"$T/held\"$part}]"
	# The binary itself in the background (not a function: $! would be
	# a subshell, and the kill would miss the client).
	"$ORBROWSE" --db "$db" sync --base-url "$NEW" --quiet --metrics \
	    --concurrency 1 >"$T/bg.out" 2>"$T/bg.err" &
	bg=$!
	w=0
	until [ -e "$T/held" ]; do
		kill -0 "$bg" 2>/dev/null || { cat "$T/bg.err" >&2; fail "$name: the sync ended first"; }
		w=$((w + 1))
		[ $w -lt 600 ] || fail "$name: request $n never came"
		sleep 0.05
	done
	eq "$(cat "$T/held")" "$target" "$name: the request held is the one meant"
	kill -KILL "$bg"
	wait "$bg" 2>/dev/null
	after_kill "$db" "$name"
	rm -f "$db" "$db-wal" "$db-shm" "$db.lock"
	covered="$covered $(stage "$target")"
	i=$((i + 1))
done
for s in keys catalogue endpoints metrics; do
	case " $covered " in
	*" $s "*) ok "a kill during the $s stage" ;;
	*) fail "no kill during the $s stage" ;;
	esac
done
[ "$n" = "$R" ] || fail "the last request was not a kill point"
ok "a kill at the last request"

# --- inside the commits that end the run, where strace(1) can stop the
# client at a system call.  The last request is held; strace attaches, so
# it counts the writes from there on (the same writes in every run: the
# last models with the tombstone sweep, the run's end, gc, the checkpoint
# when the database closes), and the request is released.
if ! command -v strace >/dev/null 2>&1; then
	skip "strace is not installed: no kills inside the commits ($K kill points between requests passed)"
fi
TA=$(cd "$T" && pwd -P)

# traced_end DB STRACE-ARGS...: a sync of DB with strace attached for the
# end of the run; 1 if strace cannot attach.
traced_end() {
	db=$1
	shift
	rm -f "$T/held" "$T/release"
	faults "[{\"fault\": \"hold\", \"skip\": $((R - 1)), \"times\": 1, \"flag\": \"$T/held\", \"release\": \"$T/release\"}]"
	# LeakSanitizer cannot work under a tracer: no leak check here.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    "$ORBROWSE" --db "$db" sync --base-url "$NEW" --quiet --metrics \
	    --concurrency 1 >"$T/bg.out" 2>"$T/bg.err" &
	bg=$!
	w=0
	until [ -e "$T/held" ]; do
		kill -0 "$bg" 2>/dev/null || { cat "$T/bg.err" >&2; fail "traced sync: it ended first"; }
		w=$((w + 1))
		[ $w -lt 600 ] || fail "traced sync: the last request never came"
		sleep 0.05
	done
	strace -o "$T/strace.out" -xx -s 32 -P "$db" -P "$db-wal" \
	    -e trace=pwrite64 "$@" -p "$bg" 2>"$T/strace.err" &
	st=$!
	w=0
	until [ "$(sed -n 's/^TracerPid:[[:space:]]*//p' "/proc/$bg/status")" = "$st" ]; do
		if ! kill -0 "$st" 2>/dev/null; then
			touch "$T/release"
			wait "$bg" 2>/dev/null
			return 1
		fi
		w=$((w + 1))
		[ $w -lt 600 ] || fail "strace did not attach"
		sleep 0.02
	done
	touch "$T/release"
	wait "$bg" 2>/dev/null
	wait "$st"
	return 0
}

cp "$T/base.db" "$TA/trace.db"
if ! traced_end "$TA/trace.db"; then
	sed 's/^/  /' "$T/strace.err"
	skip "strace cannot attach here: no kills inside the commits ($K kill points between requests passed)"
fi
eq "$(sql "$TA/trace.db" 'SELECT status FROM run_log WHERE id = 2')" ok "the traced sync completes"
eq "$(projection "$TA/trace.db")" "$reference" "the traced sync gives the reference"
# The points: the first and the last write of each commit (a WAL commit
# ends with a frame header -- 24 bytes -- whose second word, the database
# size, is not 0, and the page after it), then the first, the middle and
# the last write of the checkpoint into the database file.
python3 - "$T/strace.out" >"$T/points" <<'PY' || fail "reading the trace"
import re, sys
writes = []                     # (fd, length, commit frame)
for line in open(sys.argv[1]):
    m = re.match(r'pwrite64\((\d+), "((?:\\x[0-9a-f]{2})*)"(?:\.\.\.)?, '
                 r'(\d+), \d+\) = \d+$', line)
    if m:
        head = bytes.fromhex(m.group(2).replace("\\x", ""))
        n = int(m.group(3))
        writes.append((m.group(1), n, n == 24 and head[4:8] != bytes(4)))
wal = next(fd for fd, n, _ in writes if n == 24)
points, first, commits, ckpt = [], 1, 0, []
for i, (fd, n, commit) in enumerate(writes, 1):
    if fd != wal:
        ckpt.append(i)
    elif commit:
        commits += 1
        points.append((first, "first write of commit %d" % commits))
        points.append((i + 1, "last write of commit %d" % commits))
        first = i + 2
if ckpt:
    points += [(ckpt[0], "first write of the checkpoint"),
               (ckpt[len(ckpt) // 2], "a middle write of the checkpoint"),
               (ckpt[-1], "last write of the checkpoint")]
for p, what in points:
    print(p, what)
PY
W=$(wc -l <"$T/points" | tr -d ' ')
[ "$W" -ge 5 ] || { cat "$T/points" >&2; fail "only $W write points after the last request"; }
ok "$W write points after the last request"
while read -r n what; do
	name="kill at the end of the run, write $n ($what)"
	db="$TA/write-$n.db"
	cp "$T/base.db" "$db"
	traced_end "$db" -e inject=pwrite64:signal=SIGKILL:when="$n" ||
	    fail "$name: strace did not attach"
	[ -e "$db-wal" ] || fail "$name: the client was not killed"
	after_kill "$db" "$name"
	rm -f "$db" "$db-wal" "$db-shm" "$db.lock"
done <"$T/points"
echo "PASS: $TEST_NAME ($((K + W)) kill points, $passes checks)"
