# tests/lib.sh: helpers for the shell tests, sourced by each tests/cli/*.sh.
#
# The automake harness sets ORBROWSE (the binary), ORBROWSE_SHARED (the
# ../shared directory), ORBROWSE_SRCDIR and TOP_BUILDDIR.  Each test gets a
# private scratch directory T, removed on exit.  Failures print what was
# expected and exit 1; exit 77 means "skipped" and says why.

set -u
: "${ORBROWSE:?run the tests with make check}"
TEST_NAME=$(basename "$0" .sh)
T=$(mktemp -d "${TMPDIR:-/tmp}/orbrowse-$TEST_NAME.XXXXXX")
trap 'rm -rf "$T"' EXIT
REAL="${ORBROWSE_SHARED:-}/fixtures/openrouter/real"
export LC_ALL=C.UTF-8
unset ORBROWSE_DB XDG_DATA_HOME LANGUAGE
export HOME="$T/home"
mkdir -p "$HOME"
passes=0

fail() {
	printf 'FAIL: %s: %s\n' "$TEST_NAME" "$*" >&2
	exit 1
}

ok() {
	passes=$((passes + 1))
	printf 'ok %d - %s\n' "$passes" "$*"
}

skip() {
	printf 'SKIP: %s: %s\n' "$TEST_NAME" "$*" >&2
	exit 77
}

need_shared() {
	[ -d "$REAL" ] || skip "$REAL not found (the real captures live in ../shared)"
}

need_cmd() {
	command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"
}

# run EXPECTED_STATUS CMD...: run, keep stdout in $T/out and stderr in
# $T/err, and check the exit status.
run() {
	want=$1
	shift
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" != "$want" ]; then
		printf '%s\n' "--- stdout" >&2
		head -c 2000 "$T/out" >&2
		printf '%s\n' "--- stderr" >&2
		head -c 2000 "$T/err" >&2
		fail "$* exited $got, expected $want"
	fi
}

# sql DB QUERY: one value from the database (read-only).
sql() {
	sqlite3 -batch -noheader "file:$1?mode=ro" "$2"
}

eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
	ok "$3"
}

contains() {
	grep -qF -- "$2" "$1" || { head -c 2000 "$1" >&2; fail "$3: '$2' not in $1"; }
	ok "$3"
}

# A snapshot of everything a failed command must not change.
db_state() {
	sqlite3 -batch "file:$1?mode=ro" \
	    "SELECT COUNT(*) FROM blob; SELECT COUNT(*) FROM endpoint;
	     SELECT COUNT(*) FROM endpoint WHERE active = 1;
	     SELECT COUNT(*) FROM endpoint_snapshot;
	     SELECT COUNT(*) FROM model_snapshot;
	     SELECT COUNT(*) FROM endpoint_metric;
	     SELECT group_concat(id || ':' || status) FROM run_log;
	     SELECT total(price_prompt), total(context_length) FROM endpoint;"
}

# kind NAME: a change record kind's number, as SQL (data/schema.sql,
# change_kind; the view changes reads them by name).
kind() {
	printf "(SELECT id FROM change_kind WHERE name = '%s')" "$1"
}

integrity_ok() {
	eq "$(sql "$1" 'PRAGMA integrity_check')" ok "$2: integrity_check"
	# The projection's key is unique: its writers keep it so (schema 20
	# has no UNIQUE index of it).
	eq "$(sql "$1" "SELECT COUNT(*) FROM (SELECT 1 FROM endpoint
	    GROUP BY model_key, endpoint_id HAVING COUNT(*) > 1)")" 0 \
	    "$2: one projection row per key"
}

# start_server NAME ARGS...: start the fixture server (tests/fixture-server.py)
# with ARGS, wait until it listens; sets URL, and the server's request log
# is $T/NAME.log, its fault file $T/NAME.faults (write rules there).
start_server() {
	need_cmd python3
	name=$1
	shift
	rm -f "$T/$name.port"
	[ -f "$T/$name.faults" ] || echo '[]' >"$T/$name.faults"
	python3 "$ORBROWSE_SRCDIR/tests/fixture-server.py" --port-file "$T/$name.port" \
	    --log "$T/$name.log" --faults "$T/$name.faults" "$@" \
	    >"$T/$name.out" 2>&1 &
	echo $! >"$T/$name.pid"
	i=0
	while [ ! -s "$T/$name.port" ]; do
		i=$((i + 1))
		[ $i -lt 300 ] || { cat "$T/$name.out" >&2; fail "fixture server did not start"; }
		sleep 0.05
	done
	URL="http://127.0.0.1:$(cat "$T/$name.port")"
	# The user's config for the tests: no politeness delay on loopback.
	mkdir -p "$HOME/.config/orbrowse"
	[ -f "$HOME/.config/orbrowse/config" ] ||
	    printf 'rate = 0\nbackoff.base_ms = 20\n' >"$HOME/.config/orbrowse/config"
	# Stop every server when the test ends (and whatever else the test
	# registered, e.g. the UI tests' tmux servers).
	trap 'for p in "$T"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null; done; if command -v ui_cleanup >/dev/null 2>&1; then ui_cleanup; fi; rm -rf "$T"' EXIT
}

stop_server() {
	[ -f "$T/$1.pid" ] && kill "$(cat "$T/$1.pid")" 2>/dev/null
	rm -f "$T/$1.pid"
}

# A demo dataset written as files: demo_files DIR SEED MODELS.
demo_files() {
	"$ORBROWSE" demo --out "$1" --seed "$2" --models "$3" >/dev/null ||
	    fail "demo --out $1"
}

# A projection row's model name, as orbrowse reads it: its listing's where
# the row keeps an empty blob (since schema 18).
MODEL_NAME="CASE WHEN typeof(model_name) = 'blob' THEN (SELECT m.listed_name
    FROM model m WHERE m.model_key = endpoint.model_key) ELSE model_name END"

# The projection without run ids, for comparing two databases.
projection() {
	sql "$1" "SELECT endpoint_id, model_key, $MODEL_NAME, provider_slug,
	    provider_name, context_length, max_output, variant, quantization,
	    is_free, is_hidden, is_disabled, price_prompt, price_completion,
	    price_cache_read, supports_images, supports_tools,
	    supports_reasoning, p50_latency_ms, p50_throughput, request_count,
	    uptime, limit_rpm, limit_rpd, training, retains_prompts, status,
	    lower(hex((SELECT b.hash FROM blob b WHERE b.id = endpoint.blob))),
	    active FROM endpoint
	    ORDER BY endpoint_id, model_key"
}

# Count of requests in a server log whose path matches a regex.
requests_matching() {
	grep -c -E "\"path\": ?\"[^\"]*$2" "$1" 2>/dev/null || true
}
