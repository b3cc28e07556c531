#!/bin/sh
# The benchmark's hook (ORBROWSE_BENCH_UI): the UI times its first frame
# and each key's frame itself and writes them as JSON when it ends.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd python3

run 0 "$ORBROWSE" --db "$T/d.db" demo --models 40
ORBROWSE_BENCH_UI="$T/bench.json" ui_start --db "$T/d.db"
ui_wait "endpoints  filter: -"
ui_keys /
for k in n i m; do
	sleep 0.2
	ui_keys "$k"
done
ui_wait "/nim"
for k in BSpace BSpace BSpace Enter; do
	sleep 0.2
	ui_keys "$k"
done
ui_wait "endpoints  filter: -"
ui_keys q
ui_wait "EXITED 0"
python3 - "$T/bench.json" <<'PY' || fail "the benchmark figures are wrong"
import json, sys
d = json.load(open(sys.argv[1]))
assert 0 < d["first_frame_us"] < 30e6, d
keys = d["key_to_frame_us"]
# '/', three letters, three backspaces and Enter, each drawn: eight frames.
assert len(keys) == 8, keys
assert all(0 < k < 30e6 for k in keys), keys
PY
ok "first frame and one timing per key written"
# Without the variable nothing is written.
ui_start --db "$T/d.db"
ui_wait "endpoints  filter: -"
ui_keys q
ui_wait "EXITED 0"
[ ! -e "$T/bench2.json" ] && [ "$(ls "$T" | grep -c 'bench.*json')" = 1 ] ||
	fail "a file written without ORBROWSE_BENCH_UI"
ok "nothing written without ORBROWSE_BENCH_UI"
