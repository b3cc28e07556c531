#!/usr/bin/env python3
"""hostile-gen: a hostile OpenRouter-shaped data set for orbrowse's tests,
a server for what the fixture server cannot carry, and the checks of what
orbrowse makes of it (used by tests/cli/hostile.sh and tests/ui/hostile.sh).

Usage:
  hostile-gen.py OUTDIR
      Write the data set (about 30 MB in all) under OUTDIR:
        set/    v1-models.json, frontend-models.json, one
                stats-endpoint-NNNN.json per model and one v1 endpoint list
                (v1-endpoints-hostile.json): every file is valid JSON
                that jansson accepts, in the shapes of the real captures,
                with hostile strings in every field a screen or the CLI
                shows (and in object keys) and with mistyped fields.
                tests/fixture-server.py can serve it.
        set2/   the endpoint lists of the CHANGED models in a second
                version, for diffs.
        raw/    what the fixture server cannot carry (it parses and
                re-serialises with Python's json, which has a recursion
                limit and cannot encode lone surrogates): a v1 model list, a
                catalogue and per-model endpoint lists given as exact bytes,
                among them payloads orbrowse must refuse (nesting 10,000 deep,
                a million-element array,
                raw invalid UTF-8, lone surrogate escapes, \\u0000, numbers
                out of range, raw control characters) and one it must accept
                (nesting 2,000 deep).  routes.json maps request targets to
                these files for the `serve` command (routes.map: not a
                *.json file, so that importing the directory skips it).
        manifest.json
                what the test needs to know: model keys, endpoint ids, the
                refused models and the markers that must not get through.

  hostile-gen.py serve --dir OUTDIR/raw --port-file FILE [--log FILE]
      Serve raw/ on 127.0.0.1 exactly as written (routes.map: "path" or
      "path?query" with the query's parameters in any order -> file name);
      anything else is a 404 with a JSON error body.  Writes the port to
      FILE once listening; exits on SIGTERM.

  hostile-gen.py check [--width N] MODE:FILE...
      Check what orbrowse printed (or what a terminal shows), one process
      for many files: valid UTF-8; no ESC, no other C0 control but newline
      (and CR before a newline in csv mode), no DEL, no C1 control, no bidi
      or deprecated format character, no line or paragraph separator.
      MODE text, csv, table or screen (also: no line wider than N
      columns), json (also: valid JSON), or sgr: FILE is `tmux capture-pane
      -e` output, whose every escape sequence must be an SGR that orbrowse
      itself uses (tmux writes the cells' attributes that way); blink,
      conceal, strike-through or an unknown sequence means the data reached
      the terminal.

  hostile-gen.py faithful [--blobs] ORBROWSE DB SETDIR...
      Every endpoint object of SETDIR's stats-endpoint files (and for the
      first SETDIR every catalogue and v1 entry) is stored faithfully: the
      newest blob of its snapshot inflates to bytes whose SHA-256 is the
      blob's hash and which parse to the original object, and (unless
      --blobs) `orbrowse show` prints the same object, clean as check's
      json mode wants it.

  hostile-gen.py rows FILE SETDIR...
      FILE is `orbrowse ls --json --all`: every text value is a string of
      the original endpoint object, or its first EP_STR_MAX bytes cut on a
      character boundary -- kept, not sanitised (JSON escapes it).

  hostile-gen.py numbers FILE
      Write a 64 MB response of numbers (just under orbrowse's limit):
      {"data":[0,0,...]}, some 33 million values.

  hostile-gen.py rss OUT ERR CMD...
      Run CMD with stdout and stderr to OUT and ERR; print its exit status
      and the peak resident set size of the children in kB.

Python 3 standard library only.  Nothing is random: the same bytes every run.
"""

import json
import os
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

# ---------------------------------------------------------------- markers

ESC = "\x1b"
OSC_TITLE = ESC + "]0;PWNED\x07"            # sets the window/pane title
OSC_TITLE_ST = ESC + "]2;PWNED2" + ESC + "\\"
OSC8 = ESC + "]8;;https://evil.example/\x07link" + ESC + "]8;;\x07"
CSI_CLEAR = ESC + "[2J" + ESC + "[H"        # clears the screen, cursor home
CSI_MOVE = ESC + "[12;40H" + ESC + "[1A" + ESC + "[K"
CSI_SGR = ESC + "[5;31;47m"                  # blinking red on white
SGR_RESET = ESC + "[0m"
DCS = ESC + "Pq#0;2;0;0;0" + ESC + "\\"
C1_CSI = "\u009b2J"                          # 8-bit CSI, clears the screen
C1_OSC = "\u009d0;PWNED\u009c"               # 8-bit OSC title
C0 = "".join(chr(c) for c in range(1, 32)) + "\x7f"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069" \
    "\u200e\u200f\u061c"
RLO = "\u202e"
WIDE = "\u6a21\u578b\u63d0\u4f9b\u5546\U0001f642"   # CJK + emoji
COMBINING = "e\u0301\u0302\u0303"
ZWJ = "\U0001f469\u200d\U0001f4bb"
BREAKS = "a\nb\rc\u2028d\u2029e\tf\x0bg\x0ch"
NONCHAR = "\ufffe\uffff\U0010ffff\U000e0041"

# Everything at once, with plain letters between so that what survives the
# sanitiser is recognisable.
EVIL = ("Q" + CSI_CLEAR + "W" + OSC_TITLE + "E" + C1_CSI + "R" + RLO +
        "T" + C0 + "Y" + BIDI + "U" + DCS + "I" + OSC8 + "O" + CSI_MOVE +
        "P" + C1_OSC + "A" + CSI_SGR + "S" + SGR_RESET + OSC_TITLE_ST + "D")

MIB = 1 << 20


def long_string(tag):
    """A 1 MiB string: escapes, wide and combining characters throughout,
    so that every cut lands somewhere awkward."""
    unit = tag + " " + WIDE + CSI_SGR + "x" + COMBINING + RLO + "\u009b1m" \
        + ZWJ + "\n"
    s = unit * (MIB // len(unit.encode()) + 1)
    out = s.encode()[:MIB].decode("utf-8", "ignore")
    return out


UUID_FMT = "{:08x}-0000-4000-8000-{:012x}"


def uuid(model, i):
    return UUID_FMT.format(0xbad00000 + model, i)


# ---------------------------------------------------------------- shapes

def model_object(key, name, description):
    """The model embedded in an endpoint (24 keys in the real captures)."""
    slug = key.split(":")[0]
    return {
        "slug": slug,
        "hf_slug": None,
        "updated_at": "2025-05-20T00:00:00+00:00",
        "created_at": "2025-05-01T00:00:00+00:00",
        "hf_updated_at": None,
        "name": name,
        "short_name": name[:64],
        "author": slug.split("/")[0],
        "description": description,
        "model_version_group_id": None,
        "context_length": 131072,
        "input_modalities": ["text", "image"],
        "output_modalities": ["text"],
        "has_text_output": True,
        "group": "Other",
        "instruct_type": None,
        "default_system": None,
        "default_stops": [],
        "hidden": False,
        "router": None,
        "warning_message": None,
        "permaslug": slug,
        "reasoning_config": None,
        "features": {},
    }


def endpoint(key, eid, provider, name=None, description="", variant=None,
             prompt="0.000001", completion="0.000002", quant="fp8",
             slug=None, stats=True):
    """An endpoint object as stats/endpoint returns it."""
    variant = variant or (key.split(":")[1] if ":" in key else "standard")
    name = name if name is not None else key
    slug = slug if slug is not None else "prov-%s" % eid[-4:]
    e = {
        "id": eid,
        "name": "%s | %s" % (provider[:64], key),
        "context_length": 131072,
        "model": model_object(key, name, description),
        "model_variant_slug": key,
        "model_variant_permaslug": key,
        "provider_name": provider,
        "provider_info": {
            "name": provider[:64],
            "displayName": provider[:64],
            "slug": slug,
            "baseUrl": "url",
            "dataPolicy": {"training": False},
            "headquarters": "US",
            "icon": {"url": "https://example.invalid/icon.png"},
        },
        "provider_display_name": provider,
        "provider_slug": slug,
        "provider_model_id": key,
        "quantization": quant,
        "variant": variant,
        "is_free": False,
        "can_abort": True,
        "max_prompt_tokens": None,
        "max_completion_tokens": 8192,
        "supported_parameters": ["max_tokens", "temperature", "tools"],
        "is_byok": False,
        "moderation_required": False,
        "data_policy": {"training": False, "retainsPrompts": False},
        "pricing": {"prompt": prompt, "completion": completion,
                    "image": "0", "request": "0", "discount": 0},
        "variable_pricings": [],
        "is_hidden": False,
        "is_deranked": False,
        "is_disabled": False,
        "supports_tool_parameters": True,
        "supports_reasoning": False,
        "limit_rpm": None,
        "limit_rpd": None,
        "status": 0,
    }
    if stats:
        e["stats"] = {"endpoint_id": eid, "p50_throughput": 50.5,
                      "p50_latency": 700, "request_count": 1234}
    return e


def catalogue_entry(key, name, description, featured):
    slug = key.split(":")[0]
    featured = dict(featured) if isinstance(featured, dict) else featured
    if isinstance(featured, dict):
        featured.pop("stats", None)
    m = model_object(key, name, description)
    m["endpoint"] = featured
    return m


def v1_entry(key, name, description):
    return {
        "id": key,
        "canonical_slug": key.split(":")[0],
        "hugging_face_id": None,
        "name": name,
        "created": 1746057600,
        "description": description,
        "context_length": 131072,
        "architecture": {"modality": "text->text",
                         "input_modalities": ["text"],
                         "output_modalities": ["text"],
                         "tokenizer": "Other", "instruct_type": None},
        "pricing": {"prompt": "0.000001", "completion": "0.000002"},
        "top_provider": {"context_length": 131072,
                         "max_completion_tokens": 8192,
                         "is_moderated": False},
        "per_request_limits": None,
        "supported_parameters": ["tools"],
    }


def nested(depth, leaf):
    """JSON text nested depth levels deep (arrays and objects alternating),
    built as text: Python's json cannot write (or read) it past its
    recursion limit."""
    opens, closes = [], []
    for i in range(depth):
        if i % 2 == 0:
            opens.append('{"d":')
            closes.append("}")
        else:
            opens.append("[")
            closes.append("]")
    return "".join(opens) + leaf + "".join(reversed(closes))


# ---------------------------------------------------------------- the set

def the_set(version=1):
    """[(key, name, description, [endpoints], catalogue featured, has a v1
    entry)] -- all valid JSON jansson takes.  Version 2 changes what a diff
    must show: hostile strings, members under hostile keys, the large
    array."""
    models = []
    v2 = version == 2

    # 0: escape sequences everywhere a string is shown.
    k = "hostile/escapes"
    name = "Esc" + CSI_CLEAR + ": " + OSC_TITLE + "Title" + C1_CSI + \
        "Model" + OSC8
    desc = EVIL + " " + EVIL
    e1 = endpoint(k, uuid(0, 1), "Prov" + OSC_TITLE + C1_OSC + "ider",
                  name=name, description=desc,
                  quant=CSI_SGR + "fp8" + SGR_RESET,
                  slug="esc" + ESC + "[Kslug/fp8")
    e1["provider_display_name"] = "Disp" + CSI_CLEAR + CSI_MOVE + "lay" + \
        DCS
    e1["supported_parameters"] = ["tools", OSC_TITLE, C1_CSI, EVIL]
    e1["provider_info"]["displayName"] = EVIL
    e1["name"] = EVIL
    # Hostile keys, and values under them that change between versions.
    e1["features"] = {EVIL: [1, 2, 3] if not v2 else [1, 2, 4],
                      RLO + "key" + CSI_CLEAR: OSC_TITLE if not v2 else
                      C1_OSC + "changed" + BIDI}
    if v2:
        e1["provider_name"] = "Prov" + OSC_TITLE_ST + "ider v2" + C1_CSI
    e2 = endpoint(k, "esc-" + CSI_SGR + "id" + SGR_RESET + OSC_TITLE +
                  "-0002", EVIL, name=name, description=desc,
                  quant=EVIL, slug=EVIL)
    e2["provider_display_name"] = EVIL
    e2["variant"] = "standard"
    models.append((k, name, desc, [e1, e2], e1, True))

    # 1: bidi, wide, combining, line breaks, noncharacters.
    k = "hostile/bidi"
    name = RLO + "exe.txt" + "\u202c " + WIDE + COMBINING + ZWJ
    desc = "line one\nline two" + BREAKS + BIDI + NONCHAR
    e1 = endpoint(k, uuid(1, 1), "\u2066Bidi\u2069" + RLO + "rev" + WIDE,
                  name=name, description=desc, quant=RLO + "bf16")
    e1["provider_display_name"] = WIDE * 10 + RLO
    e2 = endpoint(k, uuid(1, 2), BREAKS + C0, name=name, description=desc,
                  quant="\u200f" + "int4" + "\u061c")
    e2["provider_display_name"] = BREAKS + ZWJ * 5 + COMBINING * 5
    e3 = endpoint(k, uuid(1, 3), "Odd" + NONCHAR + "chars", name=name,
                  description=desc, quant="\u206a" + "fp6" + "\u206f")
    e3["provider_display_name"] = COMBINING + "Odd" + NONCHAR + "|end"
    models.append((k, name, desc, [e1, e2, e3], e1, True))

    # 2: 1 MiB strings in the model name, description, provider, quant.
    k = "hostile/long"
    name = long_string("NAME")
    desc = long_string("DESC")
    e1 = endpoint(k, uuid(2, 1), long_string("PROV"), name=name,
                  description=desc, quant=long_string("QUANT"))
    e1["provider_display_name"] = long_string("DISP")
    # A 1 MiB key over an array whose elements change: every difference
    # has that key in its path.
    e1["features"] = {long_string("KEY"): list(range(500)) if not v2 else
                      list(range(1000, 1500))}
    e2 = endpoint(k, uuid(2, 2), "Short", name=name, description="",
                  quant="fp16")
    models.append((k, name, desc, [e1, e2], e2, True))

    # 3: type swaps.
    k = "hostile/types"
    e1 = endpoint(k, uuid(3, 1), "Numbers", name="Types: numbers as text")
    e1["pricing"] = {"prompt": 0.000001, "completion": 2e-06,
                     "input_cache_read": 0, "discount": "0.5"}
    e1["context_length"] = "131072"
    e1["max_completion_tokens"] = "4096"
    e1["is_free"] = "false"
    e1["is_hidden"] = 0
    e1["supports_tool_parameters"] = 1
    e1["supports_reasoning"] = "yes"
    e1["stats"] = {"endpoint_id": 7, "p50_latency": "812",
                   "p50_throughput": "45.6", "request_count": "12"}
    e1["limit_rpm"] = "100"
    e1["status"] = "0"
    e1["data_policy"] = {"training": "no", "retainsPrompts": 0}
    e1["quantization"] = 8
    e1["provider_display_name"] = ["A", "B"]
    e1["provider_name"] = {"name": "Obj"}
    e1["provider_slug"] = 42
    e1["model"]["name"] = {"en": "object name"}
    e1["model"]["input_modalities"] = "image"
    e1["supported_parameters"] = "tools"
    e2 = endpoint(k, uuid(3, 2), "Nulls")
    for f in ("model", "pricing", "stats", "provider_info", "data_policy",
              "context_length", "quantization", "supported_parameters",
              "provider_display_name", "variant", "is_free"):
        e2[f] = None
    e3 = endpoint(k, uuid(3, 3), "Wrong containers")
    e3["pricing"] = ["0.000001", "0.000002"]
    e3["stats"] = "fast"
    e3["provider_info"] = []
    e3["model"] = ["x"]
    e3["data_policy"] = 5
    e3["supported_parameters"] = {"tools": True}
    e3["variable_pricings"] = "none"
    e4 = endpoint(k, uuid(3, 4), "Extremes")
    e4["context_length"] = 9223372036854775807
    e4["max_completion_tokens"] = -9223372036854775808
    e4["stats"] = {"p50_latency": 1.7976931348623157e308,
                   "p50_throughput": -1e308, "request_count": 1e300}
    e4["pricing"] = {"prompt": "1e308", "completion": "1e-400",
                     "input_cache_read": "-0"}
    e4["uptime_last_30m"] = 5e-324
    e4["limit_rpm"] = -1
    e4["limit_rpd"] = 2 ** 63 - 1
    e4["status"] = -2147483649
    e5 = endpoint(k, uuid(3, 5), "Odd prices")
    e5["pricing"] = {"prompt": "0x1p-20", "completion": "NaN",
                     "input_cache_read": "Infinity", "request": " 0.1",
                     "image": "\u0661.\u0661", "web_search": "1e99999"}
    e5["context_length"] = 1.5
    e5["max_completion_tokens"] = 8192.0
    e5["is_free"] = None
    models.append((k, "Types: " + C1_CSI + "swap", 12345,
                   [e1, e2, e3, e4, e5], e2, True))

    # 4: a large array (BIG elements, just within the budget of a tree:
    # the million-element one is among the refused payloads, raw/) and
    # deep nesting inside an endpoint;
    # both are spliced in as text (see big_text).  The catalogue features
    # the small endpoint.
    k = "hostile/big"
    e1 = endpoint(k, uuid(4, 1), "Big", name="Big: arrays")
    e1["variable_pricings"] = "@MILLION2@" if v2 else "@MILLION@"
    e1["features"] = "@DEEP@"
    e2 = endpoint(k, uuid(4, 2), "Small", name="Big: arrays")
    models.append((k, "Big: arrays", "90,000 elements", [e1, e2], e2,
                   True))

    # 5: a hostile model key (permaslug and variant) and endpoint id.
    k = "hostile/key" + OSC_TITLE + RLO + "-x:" + "free" + CSI_SGR
    e1 = endpoint(k, uuid(5, 1), "Keyed", name="Key" + CSI_CLEAR)
    models.append((k, "Key" + CSI_CLEAR, "hostile key", [e1], e1, True))

    # 6: identities too long to be ones (never cut: refused), beside a
    # usable endpoint of the same model.
    k = "hostile/" + "k" * 5000
    e1 = endpoint(k, "i" * 5000, "Long id", name="Long key")
    e2 = endpoint("hostile/long-id", "j" * 5000, "Long id", name="Long id")
    e3 = endpoint("hostile/long-id", uuid(6, 3), "Usable", name="Long id")
    models.append((k, "Long key", "", [e1], e1, True))
    models.append(("hostile/long-id", "Long id", "", [e2, e3], e3, True))

    # 7: the control: an ordinary model that must come through intact.
    k = "plain/control"
    e1 = endpoint(k, uuid(7, 1), "Plain A", name="Plain: Control",
                  description="Nothing to see.", prompt="0.0000005",
                  completion="0.0000015", quant="bf16")
    e2 = endpoint(k, uuid(7, 2), "Plain B", name="Plain: Control",
                  description="Nothing to see.", prompt="0.0000007",
                  completion="0.000001", quant=None)
    models.append((k, "Plain: Control", "Nothing to see.", [e1, e2], e1,
                   True))
    return models


MILLION = 1000000
# The elements of the large array the set holds: a listing of it is some
# 90,000 values, within the 100,000 of codec/json-guard.h.
BIG = 90000
# The models whose endpoint lists set2/ holds in their second version.
CHANGED = ("hostile/escapes", "hostile/long", "hostile/big")
DEEP_SET = 900           # Python's json (the fixture server) takes this


def million_text(value, n=BIG):
    return "[" + ",".join([value] * n) + "]"


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def splice(text, deep):
    """Put the big values into JSON text where the placeholders are."""
    text = text.replace('"@MILLION@"', million_text("0"))
    text = text.replace('"@MILLION2@"', million_text("1"))
    return text.replace('"@DEEP@"', nested(deep, '"bottom"'))


def write(path, data):
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def write_set(out, version=1):
    d = os.path.join(out, "set" if version == 1 else "set2")
    os.makedirs(d, exist_ok=True)
    models = the_set(version)
    catalogue, v1, manifest = [], [], []
    for i, (key, name, desc, eps, featured, has_v1) in enumerate(models):
        if version == 2 and key not in CHANGED:
            continue
        write(os.path.join(d, "stats-endpoint-%04d.json" % i),
              splice(dumps({"data": eps}), DEEP_SET))
        catalogue.append(catalogue_entry(key, name, desc, featured))
        if has_v1:
            v1.append(v1_entry(key, name, desc))
        manifest.append({"key": key, "endpoints": [e["id"] for e in eps],
                         "file": "stats-endpoint-%04d.json" % i})

    if version == 2:
        return manifest
    # Catalogue oddities: an entry whose endpoint is an array, one with a
    # string, one retired (null); numbers as strings.
    odd = model_object("hostile/odd-entry", "Odd" + OSC_TITLE, EVIL)
    odd["endpoint"] = ["not", "an", "object"]
    odd["context_length"] = "8192"
    catalogue.append(odd)
    odd2 = model_object("hostile/retired", EVIL, EVIL)
    odd2["endpoint"] = None
    catalogue.append(odd2)
    # v1 oddities: pricing numbers, architecture null, names as numbers.
    v = v1_entry("hostile/v1-odd", 12345, None)
    v["pricing"] = {"prompt": 0.000001, "completion": None}
    v["architecture"] = None
    v["context_length"] = "4096"
    v1.append(v)
    # The documented per-model route (the sync's fallback): provider tags,
    # names and quantizations with escape sequences, mistyped fields.
    k = V1_TAGS
    v1.append(v1_entry(k, "V1" + OSC_TITLE + "tags", EVIL))
    write(os.path.join(d, "v1-endpoints-hostile.json"),
          dumps({"data": v1_endpoints(k)}))
    write(os.path.join(d, "frontend-models.json"),
          dumps({"data": catalogue}))
    write(os.path.join(d, "v1-models.json"), dumps({"data": v1}))
    return manifest


V1_TAGS = "hostile/v1-tags"


def v1_endpoints(key):
    """/api/v1/models/{key}/endpoints: the endpoints' identities are their
    provider tags ("v1:" + tag)."""
    def ep(tag, provider, quant, **kw):
        e = {"name": "%s | %s" % (str(provider)[:32], key),
             "context_length": 65536,
             "pricing": {"prompt": "0.000001", "completion": "0.000002"},
             "provider_name": provider, "tag": tag, "quantization": quant,
             "max_completion_tokens": 4096, "max_prompt_tokens": None,
             "supported_parameters": ["tools", OSC_TITLE],
             "status": 0, "uptime_last_30m": 99.5}
        e.update(kw)
        return e
    return {
        "id": key,
        "name": "V1" + OSC_TITLE + "tags",
        "created": 1746057600,
        "description": EVIL,
        "architecture": {"modality": "text->text",
                         "input_modalities": ["text", "image"],
                         "output_modalities": ["text"],
                         "tokenizer": C1_CSI, "instruct_type": None},
        "endpoints": [
            ep("evil" + OSC_TITLE + "/fp8", EVIL, CSI_SGR + "fp8"),
            ep("bidi" + RLO + "/int4", "\u2066Tag\u2069" + RLO, "int4",
               context_length="65536", pricing={"prompt": 1e-06,
                                                "completion": [1]}),
            ep(None, "Tagless" + CSI_CLEAR, None, uptime_last_30m="99"),
        ],
    }


# ---------------------------------------------------------------- raw set

# Payloads codec/json-guard.c repairs rather than refuses.
REPAIRED = ("raw/lone-surrogate", "raw/nul", "raw/bignum", "raw/bigint")


def write_raw(out):
    """Exact bytes.  Each model's endpoint list is one file; the refused
    ones break exactly one thing each."""
    d = os.path.join(out, "raw")
    os.makedirs(d, exist_ok=True)
    plain = endpoint("raw/plain", uuid(20, 1), "Raw Plain", name="Raw: Plain")
    deep = endpoint("raw/deep2000", uuid(21, 1), "Deep", name="Raw: Deep")
    deep["features"] = "@DEEP@"

    def listing(key, eid, provider, hole):
        """An endpoint list whose provider_name is the raw JSON text
        hole (bytes)."""
        e = endpoint(key, eid, "@HOLE@", name=key)
        return dumps({"data": [e]}).encode().replace(b'"@HOLE@"', hole)

    refused = {
        # key: (bytes, what jansson says, roughly)
        "raw/deep10000": (splice(dumps({"data": [dict(
            endpoint("raw/deep10000", uuid(22, 1), "D10k"),
            features="@DEEP@")]}), 10000).encode(), "depth"),
        "raw/invalid-utf8": (listing(
            "raw/invalid-utf8", uuid(23, 1), "", b'"bad \xff\xfe \xc0\xaf '
            b'\xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82 cut"'), "decode"),
        "raw/lone-surrogate": (listing(
            "raw/lone-surrogate", uuid(24, 1), "",
            b'"lone \\ud800 and \\udc00\\ud800"'), "Unicode"),
        "raw/nul": (listing("raw/nul", uuid(25, 1), "",
                            b'"nul \\u0000 inside"'), "u0000"),
        "raw/bignum": (listing("raw/bignum", uuid(26, 1), "", b"1e400"),
                       "overflow"),
        "raw/bigint": (listing("raw/bigint", uuid(27, 1), "",
                               b"99999999999999999999999"), "integer"),
        "raw/raw-control": (listing(
            "raw/raw-control", uuid(28, 1), "",
            b'"raw \x1b]0;PWNED\x07 \x1b[2J escape"'), "control"),
        "raw/bare-escape": (listing(
            "raw/bare-escape", uuid(29, 1), "",
            b'\x1b]0;PWNED\x07\x1b[2J'), "token"),
        # Over the budget of a tree: refused before one is built.
        "raw/million": (listing(
            "raw/million", uuid(30, 1), "",
            million_text("0", MILLION).encode()), "values"),
    }
    files = {}
    models = [("raw/plain", dumps({"data": [plain]}).encode()),
              ("raw/deep2000", splice(dumps({"data": [deep]}),
                                      2000).encode())]
    models += [(k, v[0]) for k, v in refused.items()]
    catalogue, v1 = [], []
    for i, (key, body) in enumerate(models):
        name = "raw-%02d.json" % i
        write(os.path.join(d, name), body)
        files[key] = name
        catalogue.append(catalogue_entry(key, key, "", None))
        v1.append(v1_entry(key, key, ""))
    write(os.path.join(d, "frontend-models.json"), dumps({"data": catalogue}))
    write(os.path.join(d, "v1-models.json"), dumps({"data": v1}))
    # A sync asks for the provider list too: an ordinary one, so that the
    # refused payloads are the run's only errors.
    write(os.path.join(d, "providers.json"), dumps({"data": [{
        "name": "Raw Plain", "slug": "raw-plain",
        "privacy_policy_url": None, "terms_of_service_url": None,
        "status_page_url": None, "headquarters": "US",
        "datacenters": ["US"]}]}))
    routes = {"/api/v1/models?output_modalities=all": "v1-models.json",
              "/api/frontend/models": "frontend-models.json",
              "/api/v1/providers": "providers.json"}
    for key, name in files.items():
        routes["/api/frontend/stats/endpoint?permaslug=%s&variant=standard"
               % key] = name
    write(os.path.join(d, "routes.map"), json.dumps(routes, indent=1))
    return {"files": files,
            "accepted": {"raw/plain": uuid(20, 1),
                         "raw/deep2000": uuid(21, 1)},
            "refused": {k: v[1] for k, v in refused.items()
                        if k not in REPAIRED},
            # Stored with the value replaced: not the object sent.
            "repaired": {k: v[1] for k, v in refused.items()
                         if k in REPAIRED}}


def generate(out):
    write_set(out, 2)
    manifest = {"set": write_set(out), "raw": write_raw(out),
                "changed": list(CHANGED),
                "markers": {"osc_title": "PWNED", "million": MILLION,
                            "big": BIG,
                            "deep_set": DEEP_SET, "mib": MIB}}
    write(os.path.join(out, "manifest.json"),
          json.dumps(manifest, ensure_ascii=True, indent=1))


# ---------------------------------------------------------------- serve

def canonical_target(target):
    """path?query with the query's parameters sorted, URL-decoded."""
    parts = urlsplit(target)
    q = sorted(parse_qsl(parts.query, keep_blank_values=True))
    path = parts.path
    if not q:
        return path
    return path + "?" + "&".join("%s=%s" % kv for kv in q)


def serve(argv):
    import argparse
    p = argparse.ArgumentParser(prog="hostile-gen.py serve")
    p.add_argument("--dir", required=True)
    p.add_argument("--port-file", required=True)
    p.add_argument("--log")
    a = p.parse_args(argv)
    with open(os.path.join(a.dir, "routes.map")) as f:
        routes = {canonical_target(k): v for k, v in json.load(f).items()}
    log = open(a.log, "a") if a.log else None

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):
            pass

        def do_GET(self):
            name = routes.get(canonical_target(self.path))
            if name is None:
                status = 404
                body = b'{"error":{"code":404,"message":"Not found"}}'
            else:
                status = 200
                with open(os.path.join(a.dir, name), "rb") as f:
                    body = f.read()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            if log:
                log.write(json.dumps({"path": self.path,
                                      "status": status}) + "\n")
                log.flush()

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(tmp, a.port_file)
    try:
        srv.serve_forever()
    except (KeyboardInterrupt, SystemExit):
        pass


# ---------------------------------------------------------------- checks

EP_STR_MAX = 4096
FORBIDDEN = set(range(0x80, 0xa0)) | set(range(0x202a, 0x202f)) | \
    set(range(0x2066, 0x2070)) | {0x200e, 0x200f, 0x061c, 0x2028, 0x2029,
                                  0x7f}


def die(msg):
    sys.stderr.write("hostile-gen check: %s\n" % msg)
    sys.exit(1)


def width(s):
    """Display columns of s, as wcwidth(3) counts them (close enough)."""
    import unicodedata
    w = 0
    for ch in s:
        cp = ord(ch)
        if unicodedata.combining(ch) or cp == 0x200d or \
                unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def check(argv):
    limit = 0
    if argv[:1] == ["--width"]:
        limit = int(argv[1])
        argv = argv[2:]
    for arg in argv:
        mode, path = arg.split(":", 1)
        if mode == "sgr":
            sgr(path)
        else:
            check_file(mode, path, limit)


def check_file(mode, path, limit):
    data = open(path, "rb").read()
    scan(data, mode, limit, path)
    print("%s: %d bytes: clean" % (path, len(data)))


def scan(data, mode, limit, path):
    """Die unless data (bytes) is clean for MODE; see check."""
    try:
        text = data.decode("utf-8", "strict")
    except UnicodeDecodeError as exc:
        die("%s: invalid UTF-8: %s" % (path, exc))
    lines = text.split("\n")
    for n, line in enumerate(lines, 1):
        if mode == "csv" and line.endswith("\r"):
            line = line[:-1]
        for col, ch in enumerate(line, 1):
            cp = ord(ch)
            if cp < 0x20 or cp in FORBIDDEN:
                die("%s: line %d column %d: U+%04X %r" %
                    (path, n, col, cp, line[max(0, col - 20):col + 20]))
        if limit and mode in ("table", "screen") and width(line) > limit:
            die("%s: line %d is %d columns wide (limit %d): %r" %
                (path, n, width(line), limit, line[:120]))
    if mode == "json":
        try:
            return json.loads(text)
        except ValueError as exc:
            die("%s: not JSON: %s" % (path, exc))
    return None


# SGR parameters orbrowse's colours and attributes give: normal, bold,
# dim, italic (tmux may map), underline, reverse, their resets, the eight
# colours, default colours and the 256-colour forms.
SGR_OK = {0, 1, 2, 3, 4, 7, 22, 23, 24, 27, 39, 49} | set(range(30, 38)) | \
    set(range(40, 48)) | set(range(90, 98)) | set(range(100, 108))


def sgr(path):
    import re
    data = open(path, "rb").read().decode("utf-8", "replace")
    i = 0
    while True:
        i = data.find("\x1b", i)
        if i < 0:
            break
        m = re.compile(r"\x1b\[([0-9;:]*)m").match(data, i)
        if m is None:
            die("%s: an escape sequence that is not SGR: %r" %
                (path, data[i:i + 24]))
        params = [int(p) if p else 0 for p in re.split("[;:]", m.group(1))]
        k = 0
        while k < len(params):
            p = params[k]
            if p in (38, 48, 58):
                k += 3 if k + 1 < len(params) and params[k + 1] == 5 else 5
                continue
            if p not in SGR_OK:
                die("%s: SGR %d (blink, conceal, strike, ...) is on the "
                    "screen: the data's attributes got through" %
                    (path, p))
            k += 1
        i = m.end()
    print("%s: only orbrowse's own attributes" % path)


def cut(s, n=EP_STR_MAX):
    """s cut to at most n bytes on a character boundary, as the
    projection cuts its strings."""
    b = s.encode("utf-8")
    if len(b) <= n:
        return s
    return b[:n].decode("utf-8", "ignore")


def load(path):
    sys.setrecursionlimit(100000)
    root = json.loads(open(path, "rb").read())
    return root["data"] if isinstance(root, dict) and "data" in root \
        else root


def v1_identity(e):
    """The endpoint id orbrowse gives a v1 endpoint: "v1:" + its tag, or
    its provider name in lower case."""
    tag = e.get("tag")
    if isinstance(tag, str) and tag:
        return "v1:" + tag
    name = e["provider_name"]
    return "v1:" + "".join(c.lower() if "A" <= c <= "Z" else c for c in name)


def too_long(*ids):
    """Whether an identifier is over EP_STR_MAX bytes: the projection
    refuses such an endpoint (a warning), never cuts its id."""
    return any(isinstance(s, str) and len(s.encode("utf-8")) > EP_STR_MAX
               for s in ids)


def endpoints_sent(d):
    """(file name, endpoint id, model key, object, context) of every
    endpoint of the lists in d that orbrowse must store, as the projection
    names them; context holds what a v1 list says of all its endpoints.
    An endpoint with an identifier over EP_STR_MAX bytes is not stored."""
    for name, eps in endpoint_lists(d):
        for e in eps:
            if too_long(e["id"], e["model_variant_permaslug"],
                        e.get("provider_slug")):
                continue
            yield name, e["id"], e["model_variant_permaslug"], e, {}
    for name in sorted(os.listdir(d)):
        if name.startswith("v1-endpoints"):
            data = load(os.path.join(d, name))
            for e in data["endpoints"]:
                if too_long(v1_identity(e), e.get("tag")):
                    continue
                yield name, v1_identity(e), data["id"], e, \
                    {"name": data["name"]}


def endpoint_lists(d):
    """(file name, endpoint list) of every list in d that orbrowse must
    store (the manifest names those of raw/ it must refuse)."""
    refused = set()
    mpath = os.path.join(os.path.dirname(os.path.abspath(d)),
                         "manifest.json")
    if os.path.exists(mpath):
        raw = json.load(open(mpath))["raw"]
        refused = {raw["files"][k] for k in list(raw["refused"]) +
                   list(raw.get("repaired", {}))}
    for name in sorted(os.listdir(d)):
        if name.startswith(("stats-endpoint", "raw-")) and \
                name.endswith(".json") and name not in refused:
            yield name, load(os.path.join(d, name))


def faithful(argv):
    import hashlib
    import sqlite3
    import subprocess
    import zlib
    blobs_only = argv[:1] == ["--blobs"]
    if blobs_only:
        argv = argv[1:]
    binary, db, dirs = argv[0], argv[1], argv[2:]
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)

    def stream(h, data):
        if data[:1] == b"\x1f":
            return zlib.decompress(data, 47)
        dictid = int.from_bytes(data[2:6], "big")
        zd = con.execute("SELECT data FROM zdict WHERE id = ?",
                         (dictid,)).fetchone()
        if zd is None:
            die("blob %s: dictionary %d is missing" % (h, dictid))
        z = zlib.decompressobj(15, zdict=zd[0])
        return z.decompress(data) + z.flush()

    def skeleton(h, bid, data, i):
        # A delta (version 2) is made against its base's skeleton.
        if data[0] == 1:
            return stream(h, data[i:])
        base = con.execute("SELECT b.id, b.data FROM blob_part p JOIN blob"
                           " b ON b.id = p.part_id WHERE p.blob_id = ?"
                           " AND p.n = -1", (bid,)).fetchone()
        if base is None or base[1][0] != 1:
            die("blob %s: its base is missing" % h)
        bdata, j = bytes(base[1]), 2
        for _ in range(bdata[1]):
            while bdata[j] & 0x80:
                j += 1
            j += 1
        z = zlib.decompressobj(15, zdict=stream(h, bdata[j:]))
        return z.decompress(data[i:]) + z.flush()

    def split(h, bid, data):
        # zsplit (codec/zblob.h): version, n, n LEB128 places, skeleton.
        n, i, at = data[1], 2, []
        for _ in range(n):
            v = s = 0
            while True:
                b = data[i]
                i += 1
                v |= (b & 0x7f) << s
                s += 7
                if not b & 0x80:
                    break
            at.append(v)
        skel = skeleton(h, bid, data, i)
        out, frm = b"", 0
        owner = bid
        if data[0] == 2 and con.execute(
                "SELECT COUNT(*) FROM blob_part WHERE blob_id = ?"
                " AND n >= 0", (bid,)).fetchone()[0] == 0:
            # A delta whose parts are its base's keeps none of its own.
            owner = con.execute("SELECT part_id FROM blob_part WHERE"
                                " blob_id = ? AND n = -1",
                                (bid,)).fetchone()[0]
        for a, (c, d) in zip(at, con.execute(
                "SELECT b.codec, b.data FROM blob_part p JOIN blob b"
                " ON b.id = p.part_id WHERE p.blob_id = ? AND p.n >= 0"
                " ORDER BY p.n", (owner,))):
            out += skel[frm:a] + stream(h, bytes(d))
            frm = a
        return out + skel[frm:]

    def blob(h):
        h = h.hex() if isinstance(h, bytes) else h
        row = con.execute("SELECT id, codec, data FROM blob WHERE hash = ?",
                          (bytes.fromhex(h),)).fetchone()
        if row is None:
            die("blob %s is missing" % h)
        bid, codec, data = row
        if codec in ("gzip", "zdict"):
            raw = stream(h, bytes(data))
        elif codec == "zsplit":
            raw = split(h, bid, bytes(data))
        else:
            die("blob %s: unknown codec %r" % (h, codec))
        if hashlib.sha256(raw).hexdigest() != h:
            die("blob %s does not hash to its name" % h)
        return json.loads(raw)

    def show(args, want, what):
        if blobs_only:
            return
        p = subprocess.run([binary, "--db", db, "show"] + args,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if p.returncode != 0:
            die("show %s exited %d: %s" % (what, p.returncode,
                                          p.stderr[:300]))
        if scan(p.stdout, "json", 0, "show " + what) != want:
            die("show %s prints another object than was sent" % what)

    n = 0
    for d in dirs:
        for name, eid, key, e, _ in endpoints_sent(d):
            row = con.execute(
                "SELECT hash FROM endpoint_snapshot WHERE endpoint_id = ? "
                "AND model_key = ? ORDER BY run_id DESC LIMIT 1",
                (eid, key)).fetchone()
            if row is None:
                die("%s: no snapshot of endpoint %r" % (name, eid[:60]))
            if blob(row[0]) != e:
                die("%s: the blob of %r is not the object sent" %
                    (name, eid[:60]))
            show(["--model", key, eid], e, repr(eid[:60]))
            n += 1
    d = dirs[0]
    for fname, kind in (("frontend-models.json", "catalogue"),
                        ("v1-models.json", "v1")):
        if not os.path.exists(os.path.join(d, fname)):
            continue
        for entry in load(os.path.join(d, fname)):
            if kind == "v1":
                key = entry["id"]
            elif isinstance(entry.get("endpoint"), dict):
                key = entry["endpoint"]["model_variant_permaslug"]
            else:
                key = entry["permaslug"]
            row = con.execute(
                "SELECT hash FROM model_snapshot WHERE model_key = ? AND "
                "kind = ? ORDER BY run_id DESC LIMIT 1",
                (key, kind)).fetchone()
            if row is None:
                die("no %s snapshot of %r" % (kind, key[:60]))
            if blob(row[0]) != entry:
                die("the %s blob of %r is not the object sent" %
                    (kind, key[:60]))
            show(["--kind", kind, key], entry, repr(key[:60]))
            n += 1
    print("%d objects stored%s faithfully" %
          (n, "" if blobs_only else " and shown"))


def strings(v, out):
    if isinstance(v, str):
        out.add(v)
    elif isinstance(v, dict):
        for x in v.values():
            strings(x, out)
    elif isinstance(v, list) and len(v) < 1000:
        for x in v:
            strings(x, out)
    return out


def rows(argv):
    got = json.loads(open(argv[0], "rb").read())
    sent = {}
    for d in argv[1:]:
        for _, eid, key, e, context in endpoints_sent(d):
            sent[(eid, key)] = (e, context)
    n = 0
    for r in got:
        e = sent.get((r["endpoint_id"], r["model_key"]))
        if e is None:
            continue                # a catalogue-only row
        texts = strings(e[0], strings(e[1], set()))
        for col in ("model_name", "provider_slug", "provider_name",
                    "variant", "quantization"):
            v = r[col]
            if v is None or (col == "variant" and v == "standard"):
                continue            # unknown, or the projection's default
            if v not in texts and not any(cut(t) == v for t in texts):
                die("%s of %r is %r: not a string that was sent" %
                    (col, r["endpoint_id"][:60], v[:80]))
            n += 1
    print("%d rows, %d text values as sent" % (len(got), n))


def rss(argv):
    import resource
    import subprocess
    with open(argv[0], "wb") as out, open(argv[1], "wb") as err:
        rc = subprocess.call(argv[2:], stdout=out, stderr=err)
    print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def numbers(argv):
    """A response of numbers just under the 64 MB limit: {"data":[0,0,...]}
    with about 33 million zeros, written a megabyte at a time."""
    size = 64 * 1024 * 1024 - 16
    head, tail = b'{"data":[0', b"]}"
    chunk = b",0" * (512 * 1024)
    left = size - len(head) - len(tail)
    with open(argv[0], "wb") as f:
        f.write(head)
        while left >= len(chunk):
            f.write(chunk)
            left -= len(chunk)
        f.write(b",0" * (left // 2) + b" " * (left % 2) + tail)


def main():
    cmds = {"serve": serve, "check": check, "faithful": faithful,
            "rows": rows, "rss": rss, "numbers": numbers}
    if len(sys.argv) >= 2 and sys.argv[1] in cmds:
        cmds[sys.argv[1]](sys.argv[2:])
    elif len(sys.argv) == 2 and sys.argv[1] in ("-h", "--help"):
        sys.stdout.write(__doc__)
    elif len(sys.argv) == 2 and not sys.argv[1].startswith("-"):
        generate(sys.argv[1])
    else:
        # (An option is no output directory: "--help" once became one.)
        sys.stderr.write(__doc__)
        sys.exit(2)


if __name__ == "__main__":
    main()
