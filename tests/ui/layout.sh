#!/bin/sh
# The endpoints table fits every terminal (util/table-layout.h): at 80x24,
# 100x30, 120x40 and 200x50, on the demo data and on long real-looking ids
# (60+ characters); resizing on the screen lays it out again; h and l
# scroll to the columns that do not fit.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd python3

DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" demo --seed 1 --epoch 0

# Long ids: vendors shared by neighbours, ids that differ only in the
# middle, long provider names.
python3 - "$T/long.json" <<'PY'
import json, sys
models = [
    "nousresearch/hermes-3-llama-3.1-405b-instruct-fp8-preview-2025-08-14-extended",
    "nousresearch/hermes-3-llama-3.1-70b-instruct-fp8-preview-2025-08-14-extended",
    "meta-llama/llama-4-maverick-17b-128e-instruct-long-context-experimental-2025-04-05",
    "meta-llama/llama-4-scout-17b-16e-instruct-long-context-experimental-2025-04-05",
    "mistralai/mistral-large-instruct-2411-with-function-calling-and-vision-preview",
    "deepseek/deepseek-r1-distill-qwen-32b-reasoning-high-effort-2025-01-20-snapshot",
]
providers = [("Nebius AI Studio", "nebius"), ("Google Vertex (Europe)", "google-vertex"),
             ("Bramble Inference Cloud", "bramble"), ("Together", "together")]
data = []
n = 0
for mi, m in enumerate(models):
    for pi, (pn, ps) in enumerate(providers[: 2 + mi % 3]):
        n += 1
        data.append({
            "id": "00000000-0000-0000-0000-%012d" % n,
            "model_variant_permaslug": m,
            "variant": "standard",
            "provider_name": pn,
            "provider_slug": ps,
            "context_length": [32768, 131072, 1048576][(mi + pi) % 3],
            "quantization": ["fp8", "bf16", None][pi % 3],
            "pricing": {"prompt": "%.8f" % (0.0000002 * (mi + 1) + 0.0000001 * pi),
                        "completion": "%.8f" % (0.0000006 * (mi + 1) + 0.0000003 * pi)},
            "stats": {"p50_latency": 300 + 137 * pi + 11 * mi,
                      "p50_throughput": 20.5 + 7 * pi + mi},
            "model": {"name": m.split("/")[1], "permaslug": m},
        })
json.dump({"data": data}, open(sys.argv[1], "w"))
PY
run 0 "$ORBROWSE" --db "$T/long.db" import "$T/long.json"

for size in 80x24 100x30 120x40 200x50; do
	UI_COLS=${size%x*} UI_ROWS=${size#*x}
	ui_start --db "$DB"
	ui_wait "1028/1028 endpoints"
	ui_golden "layout-demo-$size"
	ui_start --db "$T/long.db"
	ui_wait "18/18 endpoints"
	ui_golden "layout-long-$size"
done

# At 80x24 the prices and a speed are there, and rows tell models apart.
UI_COLS=80 UI_ROWS=24
ui_start --db "$T/long.db"
ui_wait "18/18 endpoints"
ui_screen >"$T/s.txt"
for col in MODEL PROVIDER '$/M IN' '$/M OUT' 'P50 MS'; do
	grep -qF "$col" "$T/s.txt" || fail "no $col column at 80x24"
done
ok "80x24 shows the model, provider, both prices and latency"
n=$(sed -n '3,20p' "$T/s.txt" | awk '{print $1}' | sort -u | wc -l)
eq "$n" 6 "six different models read as six different names"

# Horizontal scroll: the header says more columns exist; l reveals them,
# h goes back.
grep -q '>$' "$T/s.txt" || fail "no 'more columns' marker at 80 columns"
ui_keys l l l l l l l l l l
ui_wait 'DATA'
ui_golden layout-long-scrolled
ui_keys h h h h h h h h h h
ui_wait 'PROVIDER'
ok "h and l scroll the columns"

# Resize while on the screen: laid out again for the new width.
tmux -L "$SOCK" resize-window -x 200 -y 50
ui_wait 'UP%'
ui_golden layout-long-resized-200x50
tmux -L "$SOCK" resize-window -x 80 -y 24
ui_wait '18/18 endpoints'
ui_golden layout-long-80x24
ok "resizing lays the table out again"

# `orbrowse ls` on an 80-column terminal: the same rules, nothing wider
# than the terminal, models told apart; piped it prints as before (ids
# cut at 48 columns).
UI_COLS=80 UI_ROWS=24
tmux -L "$SOCK" kill-server 2>/dev/null
NSOCK=$((NSOCK + 1))
SOCK="orbt$$-$NSOCK"
tmux -L "$SOCK" -f /dev/null new-session -d -x 80 -y 24 \
    "env LC_ALL=C.UTF-8 '$ORBROWSE' --db '$T/long.db' ls; echo EXITED \$?; sleep 30"
ui_wait "EXITED 0"
ui_screen | ui_normalize >"$T/ls.txt"
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$T/ls.txt" ||
	fail "ls wider than the terminal"
for col in MODEL PROVIDER '$/M IN' '$/M OUT'; do
	grep -qF "$col" "$T/ls.txt" || fail "ls at 80 columns has no $col"
done
n=$(sed -n '2,19p' "$T/ls.txt" | awk '{print $1}' | sort -u | wc -l)
eq "$n" 6 "ls at 80 columns tells the six models apart"
run 0 "$ORBROWSE" --db "$T/long.db" ls
contains "$T/out" "meta-llama/llama-4-maverick-17b-128e-instruct-l~" \
    "piped, ls cuts ids at 48 columns as before"
