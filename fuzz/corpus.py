#!/usr/bin/env python3
"""corpus.py: build the fuzzers' seed corpora at run time.

Usage:
  fuzz/corpus.py --real DIR --srcdir DIR --out DIR

The seeds come from the real OpenRouter captures (--real, normally
../shared/fixtures/openrouter/real, which are never copied into the
repository) and from the filter expressions in the tests and the
documentation (--srcdir, the top of the source tree).  They are written to
OUT/project, OUT/metric, OUT/inflate and OUT/filter, one file per seed named
after the SHA-1 of its content, as libFuzzer names its own finds.  Existing
files are kept, so the script can be run again over a corpus the fuzzers
have grown.  Python 3 standard library only.

  project   every small capture whole; every element of an array payload
            (models, catalogue entries, endpoints) alone in a {"data": [...]}
            envelope; every endpoint object bare; each v1 endpoint with its
            model around it; one endpoint with each field the projection
            reads given each wrong type in turn, and with strings longer
            than a row keeps (cut inside a UTF-8 character)
  metric    the comparison and uptime captures whole, without their
            envelope, and cut down to a few points; date strings alone
  inflate   gzip blobs as zblob_compress() writes them, of captures and of
            the canonical JSON of single objects, and zlib blobs with the
            fuzzer's preset dictionary (read from fuzz/fuzz-inflate.c) as
            zblob_compress_dict() writes them; an empty blob, one that
            inflates past the fuzzer's cap, one with every optional gzip
            header field, two members, a truncated one, one needing an
            unknown dictionary, zlib without a dictionary and raw deflate
            (which must be refused)
  filter    the expressions of tests/unit/test-filter.c, the README and the
            manual page, and one of each form of the grammar
"""

import argparse
import gzip
import hashlib
import json
import os
import re
import struct
import sys
import zlib

# Seeds larger than this only slow the fuzzers down (the project and metric
# harnesses ignore inputs over 1 MiB anyway).
MAX_SEED = 64 * 1024
# The inflate harness's cap (FUZZ_CAP in fuzz-inflate.c).
INFLATE_CAP = 2 * 64 * 1024 + 100


class Corpus:
    def __init__(self, root, name):
        self.dir = os.path.join(root, name)
        os.makedirs(self.dir, exist_ok=True)
        self.added = 0

    def add(self, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        if len(data) > MAX_SEED:
            return
        path = os.path.join(self.dir, hashlib.sha1(data).hexdigest())
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data)
            self.added += 1


def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)


def canonical(obj):
    """The canonical form orbrowse hashes (jansson COMPACT|SORT_KEYS)."""
    return json.dumps(obj, separators=(",", ":"), sort_keys=True,
                      ensure_ascii=False)


def zblob(data):
    """A gzip blob as zblob_compress() writes one: level 6, no mtime."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return gzip.compress(data, compresslevel=6, mtime=0)


def zdict_blob(data, zdict):
    """A zlib blob with a preset dictionary, as zblob_compress_dict()."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    co = zlib.compressobj(6, zlib.DEFLATED, 15, 8, zlib.Z_DEFAULT_STRATEGY,
                          zdict=zdict)
    return co.compress(data) + co.flush()


def harness_zdict(srcdir):
    """The dictionary fuzz-inflate registers: the bytes of the C string
    literals between its FUZZ_ZDICT markers."""
    with open(os.path.join(srcdir, "fuzz", "fuzz-inflate.c"),
              encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"FUZZ_ZDICT begin \*/(.*?)/\* FUZZ_ZDICT end", text,
                  re.S)
    if m is None:
        raise ValueError("fuzz-inflate.c: no FUZZ_ZDICT markers")
    return b"".join(c_unescape(lit) for lit in
                    re.findall(r'"((?:[^"\\\n]|\\.)*)"', m.group(1)))


def gzip_with_header(data):
    """A gzip member with FTEXT, FHCRC, FEXTRA, FNAME and FCOMMENT set."""
    flags = 0x01 | 0x02 | 0x04 | 0x08 | 0x10
    head = b"\x1f\x8b\x08" + bytes([flags]) + b"\x00\x00\x00\x00\x00\x03"
    head += struct.pack("<H", 6) + b"AB\x02\x00xy"      # one extra field
    head += b"blob.json\x00" + b"a comment\x00"
    head += struct.pack("<H", zlib.crc32(head) & 0xffff)
    co = zlib.compressobj(6, zlib.DEFLATED, -15)
    body = co.compress(data) + co.flush()
    tail = struct.pack("<II", zlib.crc32(data), len(data) & 0xffffffff)
    return head + body + tail


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    return raw, json.loads(raw)


def payload_of(doc):
    if isinstance(doc, dict) and "data" in doc:
        return doc["data"]
    return doc


def project_seeds(c, name, raw, doc):
    data = payload_of(doc)
    if len(raw) <= MAX_SEED:
        c.add(compact(doc))
    if isinstance(data, list):
        for e in data:
            c.add(compact({"data": [e]}))
            if isinstance(e, dict) and isinstance(e.get("endpoint"), dict):
                c.add(compact(e["endpoint"]))
            elif isinstance(e, dict) and ("provider_name" in e or
                                          "provider_info" in e):
                c.add(compact(e))
    elif isinstance(data, dict) and isinstance(data.get("endpoints"), list):
        model = {k: v for k, v in data.items() if k != "endpoints"}
        for e in data["endpoints"]:
            c.add(compact({"data": dict(model, endpoints=[e])}))
            c.add(compact(e))


# The members ep_project() reads (src/project/endpoint.c), as paths.
PROJECTED = [
    ("id",), ("tag",), ("provider_name",), ("model",),
    ("model_variant_permaslug",), ("model", "permaslug"), ("variant",),
    ("model", "name"), ("provider_slug",), ("provider_display_name",),
    ("provider_info",), ("provider_info", "slug"),
    ("provider_info", "displayName"), ("quantization",), ("context_length",),
    ("max_completion_tokens",), ("pricing",), ("pricing", "prompt"),
    ("pricing", "completion"), ("pricing", "input_cache_read"), ("is_free",),
    ("is_hidden",), ("is_disabled",), ("supported_parameters",),
    ("supports_reasoning",), ("supports_tool_parameters",),
    ("model", "input_modalities"), ("architecture",),
    ("architecture", "input_modalities"), ("stats",),
    ("stats", "p50_latency"), ("stats", "p50_throughput"),
    ("stats", "request_count"), ("status",), ("limit_rpm",), ("limit_rpd",),
    ("uptime_last_30m",), ("data_policy",), ("data_policy", "training"),
    ("data_policy", "retainsPrompts"),
]
WRONG = [None, 0, -1, 1.5, 1e300, "", "x", "-1", "1e-7", True, False, [],
         ["tools", "image"], {}]
# EP_STR_MAX in src/project/endpoint.h.
STR_MAX = 4096


def with_member(obj, path, value):
    obj = json.loads(json.dumps(obj))
    o = obj
    for k in path[:-1]:
        if not isinstance(o.get(k), dict):
            o[k] = {}
        o = o[k]
    o[path[-1]] = value
    return obj


def mistyped_seeds(c, endpoint):
    """The endpoint with each projected member given each wrong type."""
    for path in PROJECTED:
        for v in WRONG:
            c.add(compact({"data": [with_member(endpoint, path, v)]}))
    # Strings longer than a row keeps, cut inside a 2- and a 3-byte UTF-8
    # character.
    long2 = "\u00e9" * (STR_MAX // 2 + 1)
    long3 = "a" + "\u20ac" * (STR_MAX // 3 + 1)
    for path in (("id",), ("provider_name",), ("model", "name"),
                 ("model_variant_permaslug",), ("quantization",)):
        c.add(compact({"data": [with_member(endpoint, path, long2)]}))
        c.add(compact({"data": [with_member(endpoint, path, long3)]}))


def metric_seeds(c, name, raw, doc):
    data = payload_of(doc)
    c.add(compact(doc))
    c.add(compact(data))
    if isinstance(data, list):
        c.add(compact({"data": data[:3]}))
        c.add(compact({"data": data[-1:]}))
    elif isinstance(data, dict) and isinstance(data.get("history"), list):
        h = data["history"]
        c.add(compact({"data": {"history": h[:4]}}))
        # The null points of a sparse series, if any.
        c.add(compact({"data": {"history": [p for p in h
                                            if p.get("uptime") is None][:3]}}))
    elif isinstance(data, dict):
        for k, v in data.items():
            c.add(compact({"data": {k: v[:3] if isinstance(v, list) else v}}))
    for d in ("2025-05-24 00:00:00", "2025-06-02T13:00:00Z",
              "2024-02-29 23:59:59", "2025-02-29 00:00:00",
              "9999-12-31 23:59:59", "0000-03-01 00:00:00"):
        c.add(d)


def inflate_seeds(c, objects, small_files, zdict):
    for raw in small_files:
        c.add(zblob(raw))
    for obj in objects:
        c.add(zblob(canonical(obj)))
        c.add(zdict_blob(canonical(obj), zdict))
    sample = canonical(objects[0]).encode("utf-8") if objects else b"{}"
    z = zdict_blob(sample, zdict)
    c.add(zdict_blob(b"", zdict))
    c.add(zdict_blob(b" " * (INFLATE_CAP + 1), zdict))
    c.add(z[:len(z) // 2])                              # truncated
    c.add(z + b"\x00")                                  # trailing garbage
    c.add(zdict_blob(sample, b"another dictionary"))    # unknown DICTID
    c.add(zblob(b""))
    c.add(zblob(b"{}"))
    c.add(gzip.compress(b"[]", compresslevel=0, mtime=0))
    c.add(gzip.compress(b"{\"data\":[]}", compresslevel=9, mtime=0))
    c.add(zlib.compress(b"{}", 6))                      # zlib, no FDICT
    # One byte over the cap: the bomb guard.
    c.add(zblob(b" " * (INFLATE_CAP + 1)))
    c.add(zblob(b" " * INFLATE_CAP))
    c.add(gzip_with_header(sample))
    c.add(zblob(sample) + zblob(b"{}"))                 # two members
    c.add(zblob(sample)[:-4])                           # no ISIZE
    c.add(zblob(sample)[:len(zblob(sample)) // 2])      # truncated
    c.add(zblob(sample) + b"\x00")                      # trailing garbage
    c.add(zlib.compress(sample, 6))                     # zlib, not gzip
    co = zlib.compressobj(6, zlib.DEFLATED, -15)
    c.add(co.compress(sample) + co.flush())             # raw deflate
    c.add(b"\x1f")
    c.add(b"\x1f\x8b")


# The forms of the filter grammar (src/project/filter.c), one each.
FILTER_FORMS = [
    "", "qwen", "!qwen", "\"llama 3\"", "!\"llama 3\"", "free", "!tools",
    "images reasoning active no-train no-retain", "provider:deepinfra",
    "quant:fp8", "variant:free", "model:qwen", "model:\"a:b\"",
    "ctx>=128k", "out>4k", "prompt<0.5", "completion<=2", "latency<1000",
    "tps>50", "uptime>=99.5", "ctx=1m", "prompt<1e-1", "prompt>-1",
    "qwen tools ctx>=128k prompt<0.5 !provider:chutes no-train",
    "\t!tools\nctx>1k  \"x y\" provider:a ",
    # Errors: each must be reported with its position.
    "ctx>>1", "ctx:1", "provider<1", "foo:bar", "!", "a!b", "\"open",
    "\"\"", "ctx>", "ctx>1x", "ctx>1e999", "provider:", "provider:a<b",
    ":x", "\"a\"b",
]

CALL_RE = re.compile(r'\b(?:match|check_error|filter_parse)\(\s*'
                     r'"((?:[^"\\\n]|\\.)*)"')
LS_RE = re.compile(r"orbrowse ls (?:[^'\n]*?)'([^'\n]*)'")
MAN_LS_RE = re.compile(r"orbrowse ls .*?\\\(aq(.*?)\\\(aq")


def c_unescape(s):
    """The bytes of a C string literal's contents."""
    out = bytearray()
    i = 0
    simple = {"n": 10, "t": 9, "r": 13, "v": 11, "f": 12, "\\": 92,
              "\"": 34, "'": 39, "0": 0, "a": 7, "b": 8}
    while i < len(s):
        ch = s[i]
        if ch != "\\" or i + 1 == len(s):
            out += ch.encode("utf-8")
            i += 1
            continue
        nxt = s[i + 1]
        m = re.match(r"x([0-9a-fA-F]{1,2})", s[i + 1:])
        if m:
            out.append(int(m.group(1), 16))
            i += 1 + len(m.group(0))
        elif nxt in simple:
            out.append(simple[nxt])
            i += 2
        else:
            out += nxt.encode("utf-8")
            i += 2
    return bytes(out)


def filter_seeds(c, srcdir):
    for f in FILTER_FORMS:
        c.add(f)
    test = os.path.join(srcdir, "tests", "unit", "test-filter.c")
    if os.path.exists(test):
        with open(test, encoding="utf-8") as f:
            for m in CALL_RE.finditer(f.read()):
                c.add(c_unescape(m.group(1)))
    for doc, rx in (("README.md", LS_RE), ("data/orbrowse.1", MAN_LS_RE)):
        path = os.path.join(srcdir, doc)
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for m in rx.finditer(f.read()):
                c.add(m.group(1).replace("\\-", "-"))


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Build the fuzzers' seed corpora.")
    ap.add_argument("--real", required=True,
                    help="the real captures (../shared/fixtures/"
                    "openrouter/real)")
    ap.add_argument("--srcdir", required=True, help="the source tree")
    ap.add_argument("--out", required=True, help="corpus directory")
    args = ap.parse_args(argv)

    if not os.path.isdir(args.real):
        print("corpus.py: %s: not a directory" % args.real, file=sys.stderr)
        return 1
    project = Corpus(args.out, "project")
    metric = Corpus(args.out, "metric")
    inflate = Corpus(args.out, "inflate")
    filt = Corpus(args.out, "filter")

    objects, small, endpoint = [], [], None
    names = sorted(n for n in os.listdir(args.real) if n.endswith(".json"))
    for name in names:
        raw, doc = load(os.path.join(args.real, name))
        if len(raw) <= MAX_SEED:
            small.append(raw)
        if re.search(r"comparison|uptime-", name):
            metric_seeds(metric, name, raw, doc)
        else:
            project_seeds(project, name, raw, doc)
        if endpoint is None and name.startswith("stats-endpoint") and \
                isinstance(payload_of(doc), list) and payload_of(doc):
            endpoint = payload_of(doc)[0]
        data = payload_of(doc)
        if isinstance(data, list) and data:
            # A few objects of each capture, for blobs of single entities.
            for e in (data[0], data[len(data) // 2], data[-1]):
                objects.append(e)
    if endpoint is not None:
        mistyped_seeds(project, endpoint)
    inflate_seeds(inflate, objects, small, harness_zdict(args.srcdir))
    filter_seeds(filt, args.srcdir)

    for c in (project, metric, inflate, filt):
        n = len(os.listdir(c.dir))
        if n == 0:
            print("corpus.py: no seeds for %s" % c.dir, file=sys.stderr)
            return 1
        print("%s: %d seeds (%d new)" % (c.dir, n, c.added))
    return 0


if __name__ == "__main__":
    sys.exit(main())
