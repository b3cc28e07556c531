#!/bin/sh
# The models screen (O and :models) in a real terminal at 80x24 and
# 120x40: one row per model of the demo data with its lowest prices,
# provider count, modalities and context (goldens); '/' filters with the
# filter of `orbrowse models`; Enter opens the model's providers.  Then a
# model list written here with expiration dates relative to today: the
# model that expires within 30 days is marked in the models screen, the
# endpoints screen and the model screen, the other is not.
. "${ORBROWSE_SRCDIR:-.}/tests/ui/lib-ui.sh"
need_cmd sqlite3
need_cmd python3
export ORBROWSE_BASE_URL=http://127.0.0.1:9

DB="$T/demo.db"
run 0 "$ORBROWSE" --db "$DB" demo --seed 1 --epoch 0
nmodels=$(sql "$DB" "SELECT COUNT(*) FROM model")
first=$(sql "$DB" "SELECT COALESCE(model_id, model_key) FROM model ORDER BY lower(COALESCE(model_id, model_key)), model_key LIMIT 1")

for size in 80x24 120x40; do
	UI_COLS=${size%x*} UI_ROWS=${size#*x}
	ui_start --db "$DB"
	ui_wait "1028/1028 endpoints"
	ui_keys O
	ui_wait "$nmodels of $nmodels models"
	ui_golden "models-$size"
done

# The first row is the first id; Enter opens its providers.
ui_screen | sed -n 3p | grep -qF -- "$first" || { ui_screen >&2; fail "the first row is not $first"; }
ok "models are listed by public id"
ui_keys Enter
ui_wait "orbrowse  model"
ui_wait "$first ("
ok "Enter opens the model's providers"
ui_keys Escape
ui_wait "$nmodels of $nmodels models"

# The filter: as many rows as `orbrowse models` gives for it.
want=$("$ORBROWSE" --db "$DB" models --json 'ctx>=100k' in:image | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
ui_keys / "ctx>=100k in:image" Enter
ui_wait "$want of $nmodels models  /ctx>=100k in:image"
ok "'/' filters as orbrowse models does ($want models)"
ui_golden "models-filtered-120x40"

# :models opens the screen too.
ui_start --db "$DB"
ui_wait "1028/1028 endpoints"
ui_keys : models Enter
ui_wait "$nmodels of $nmodels models"
ok ":models opens the models screen"

# Expiring models are marked everywhere.
python3 - "$T/list.json" <<'PY'
import datetime, json, os, sys
# The day orbrowse reads its clock as (lib-ui.sh pins it with ORBROWSE_NOW).
today = datetime.date.fromisoformat(os.environ["ORBROWSE_NOW"][:10])
def model(mid, days):
    exp = None if days is None else \
        (today + datetime.timedelta(days=days)).isoformat()
    return {"id": mid, "canonical_slug": mid + "-2601", "name": mid,
            "created": 1767225600, "context_length": 128000,
            "architecture": {"input_modalities": ["text"],
                             "output_modalities": ["text"]},
            "pricing": {"prompt": "0.000001", "completion": "0.000002"},
            "top_provider": {"max_completion_tokens": 8192},
            "expiration_date": exp}
json.dump({"data": [model("acme/soon", 5), model("acme/later", 90),
                    model("acme/never", None)]}, open(sys.argv[1], "w"))
PY
DB2="$T/exp.db"
run 0 "$ORBROWSE" --db "$DB2" import "$T/list.json"
UI_COLS=100 UI_ROWS=30
ui_start --db "$DB2"
ui_keys O
ui_wait "3 of 3 models"
ui_screen >"$T/s.txt"
grep -q '^\*acme/soon ' "$T/s.txt" || { cat "$T/s.txt" >&2; fail "acme/soon is not marked"; }
grep -q '^acme/later ' "$T/s.txt" && grep -q '^acme/never ' "$T/s.txt" ||
    { cat "$T/s.txt" >&2; fail "a model that does not expire soon is marked"; }
ok "the models screen marks only the model expiring within 30 days"
ui_keys : "model acme/soon" Enter
ui_wait "*acme/soon (acme/soon)"
ok "the model screen's title marks it"
