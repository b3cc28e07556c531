#!/usr/bin/env python3
"""fixture-server: an OpenRouter look-alike for orbrowse's tests.

Serves OpenRouter-shaped JSON from fixture directories on 127.0.0.1 and
injects faults.  Python 3 standard library only.

Usage:
  fixture-server.py --dir DIR [--dir DIR2 ...] --port-file FILE
                    [--log FILE] [--faults FILE] [--family 2025|2026|v1]
                    [--max-conns N] [--tls-cert PEM --tls-key PEM]
                    [--v1-2026] [--page-size N]

The server binds 127.0.0.1 on a random free port and, once listening, writes
the port number to --port-file atomically (temporary file + rename).  It
exits with status 0 on SIGTERM or SIGINT.

Fixtures.  Every *.json file in the directories (not recursive) is read once
at start-up and classified by its CONTENT (the same rules as the project's
payload_classify()); a file may carry the {"data": ...} envelope or not, and
responses always carry it.  File names matter only where the content cannot
tell: the uuid of an uptime-hourly file, the metric (latency|throughput) of
a *-comparison file, and the NNNN of the demo generator's per-model files
(stats-endpoint-NNNN.json, *-comparison-NNNN.json, uptime-recent-NNNN.json,
written for catalogue entry NNNN, 0-based).  When several files give the
same resource, the one whose file name sorts last wins.

Routes (anything else: 404 {"error": {"code": 404, "message": "Not found"}}):
  always       GET /api/v1/models
               GET /api/v1/providers (the provider list given, else one
               made from the endpoint lists' provider_info)
               GET /api/v1/models/{author}/{slug}/endpoints
  --family 2025 (default)
               GET /api/frontend/models
               GET /api/frontend/stats/endpoint?permaslug=P&variant=V
               GET /api/frontend/stats/{throughput,latency}-comparison?permaslug=P&variant=V
               GET /api/frontend/stats/uptime-recent?permaslug=P&variant=V
               GET /api/frontend/stats/uptime-hourly?id=UUID
  --family 2026
               GET /api/frontend/v1/catalog/models
               GET /api/frontend/v1/stats/<same names as above>
               (endpoint objects converted to the 2026 shape)
  --family 2025 or 2026, the metadata of `sync --extras`, generated for
  whatever is asked (deterministic: seeded by the request's slug), in the
  2026 shapes:
               GET /api/frontend/author-models?authorSlug=A
                   {author: {id, slug, name, description, created_at,
                   updated_at}, modelsWithStats: [the catalogue's models of
                   A, each with stats: its daily usage rows]}
               GET /api/frontend/stats/app?permaslug=P&variant=V[&limit=N]
                   1..5 of [{app_id, total_tokens (a decimal string),
                   app: {id, title, description, main_url, origin_url,
                   source_code_url, created_at}}], most tokens first
               GET /api/frontend/stats/model-daily?permaslug=P&variant=V
                   7 rows, 2026-04-25 .. 2026-05-01: {date, model_permaslug,
                   variant, variant_permaslug, count, total_prompt_tokens,
                   total_completion_tokens, total_native_tokens_reasoning}
  --family v1  no /api/frontend/... route at all.

The v1 endpoint lists as they are since 2026 (--v1-endpoints-2026): every
synthesized endpoint gains model_id, model_name, uptime_last_5m and
uptime_last_1d (int, float or null), supports_implicit_caching,
max_prompt_tokens, status (0, -2, -5), pricing.discount (0 or 0.25), some
tags a region suffix (amazon-bedrock/us-east-1 style), and
latency_last_30m / throughput_last_30m as {p50, p75, p90, p99} objects when
the request carries an Authorization header (null without one); latency is
in seconds for some endpoints and in milliseconds for others.  A v1 model
with no endpoint list answers 200 with "endpoints": [].

The model list as it is since 2026 (--v1-2026): without
output_modalities=all in the query, GET /api/v1/models leaves out the
models whose architecture.output_modalities has no "text" (March 2026),
and the envelope carries total_count and links.next (August 2026).  With
--page-size N the list comes in pages of N models: ?offset=K gives the page
from K, and links.next is the same URL (Host header, path, query) with the
next offset, or null on the last page.

Faults (--faults FILE, re-read whenever the file changes): a JSON array of
rules, tried in order; the first rule that applies decides the response.
  {"match": REGEX,        searched in the raw request target (path?query);
                          default "" (every request)
   "fault": KIND,
   "skip": K,             let the first K matching requests through (default 0)
   "times": N,            then apply to the next N (default: no limit)
   ...parameters}
Each rule counts the requests its regex matches; the counts restart whenever
the file is re-read.  Kinds and their parameters:
  "429"                   Retry-After: retry_after (default 1)
  any other "4xx"/"5xx"   that status with a JSON error body; Retry-After
                          only if retry_after is given
  "reset"                 headers + bytes (default half) of the body, then
                          an abortive close (SO_LINGER 0: the client sees a
                          reset)
  "truncate"              full Content-Length, bytes (default half) of the
                          body, then a normal close
  "badjson"               200, the body cut in half (valid Content-Length)
  "envelope"              200, valid JSON in the wrong envelope: shape
                          "result" (default: {"result": payload}), "string"
                          ({"data": "oops"}), "null" ({"data": null}) or
                          "object" ({"data": {}})
  "slow"                  the body in chunks of chunk bytes (default <= 16)
                          with delay seconds (default 1) between them; with
                          no delay given, at least 31 s in all
  "oversize"              200, a valid-looking JSON body of bytes bytes
                          (default 80 MiB), generated while it is sent, never
                          gzipped; "no_length": true omits Content-Length
                          (the body then ends when the connection closes)
  "html"                  status (default 200) with a text/html error page
  "content-type"          the normal response with content_type (default
                          "text/plain; charset=utf-8")
  "identity"              the normal response, never gzipped
  "hang"                  no answer until the client disconnects (or seconds,
                          if given, then close without answering)
  "hold"                  a pause at a known point: nothing, or with bytes
                          given the headers and that many bytes of the body
                          ("half": half of it), then no more until the
                          client disconnects -- or the rest of the response
                          once seconds (if given) have passed or the file
                          named by release (if given) exists.  With flag
                          given (a file name), the file is created, holding
                          the request target, once the pause begins: a test
                          waits for it, then acts (kills the client, or
                          attaches a tracer and releases it) while the
                          request is held
  "delay"                 the normal response after seconds (default 1)
  "page"                  the normal model list page (--v1-2026) with its
                          envelope changed: "next" (links.next: a string in
                          which {base} becomes http://HOST and {after} the
                          request's offset + 1, or null) and "total_count"
                          (any JSON value), where given
  "ratelimit"             a rate limit like an API's: at most rate (default
                          10) answered requests in each window of window
                          seconds (default 1; fixed windows from the Unix
                          epoch) among those the rule matches; above
                          it 429 with Retry-After: retry_after (default 1;
                          null: none).  Unless "headers" is false, every
                          answer carries X-RateLimit-Limit (rate),
                          X-RateLimit-Remaining and X-RateLimit-Reset (Unix
                          time in ms when the window ends, as OpenRouter
                          sends it).  The log's fault is "ratelimit" on a
                          refusal only

Request log (--log FILE): one JSON object per line, flushed per line:
  t_start, t_end (time.time()), method, path (raw, with query), status (null
  if nothing was sent), fault (kind or null), bytes (body bytes sent, after
  compression), accept_encoding, user_agent, authorization (header or null),
  in_flight (requests being handled when this one started, itself included),
  conn (connection number, from 1), conn_request (request number on that
  connection, from 1), error (null, or why the response was cut short).

--max-conns N: at most N connections are served at once; further connections
wait, unanswered, until one closes (idle keep-alive connections count).

--tls-cert PEM --tls-key PEM: speak HTTPS with this certificate and key
instead of plain HTTP (the handshake is made as a connection is accepted).
"""

import argparse
import datetime
import gzip
import json
import math
import os
import re
import select
import signal
import socket
import ssl
import struct
import sys
import threading
import time
import traceback
import zlib
from decimal import Decimal, InvalidOperation
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

JSON_TYPE = "application/json; charset=utf-8"
UUID_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
COMPARISON_NAME_RE = re.compile(r"(throughput|latency)-comparison")
DEMO_NAME_RE = re.compile(
    r"^(stats-endpoint|throughput-comparison|latency-comparison|uptime-recent)"
    r"-(\d+)\.json$")
V1_ENDPOINTS_RE = re.compile(r"^/api/v1/models/(.+)/endpoints$")
METRICS = ("throughput-comparison", "latency-comparison", "uptime-recent")
SAMPLES = 8             # elements looked at to classify an array
# The metadata routes (author, apps, usage) and the first day of usage.
EXTRAS_PATHS = ("/api/frontend/author-models", "/api/frontend/stats/app",
                "/api/frontend/stats/model-daily")
EXTRAS_FIRST_DAY = datetime.date(2026, 4, 25)


def log_err(msg):
    """A diagnostic line on stderr."""
    sys.stderr.write("fixture-server: %s\n" % msg)
    sys.stderr.flush()


def dumps(obj):
    """Minified, deterministic JSON bytes (like the real server sends)."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


class Body:
    """A response body, with its gzip form made on first use and kept."""

    __slots__ = ("raw", "_gz")

    def __init__(self, raw):
        self.raw = raw
        self._gz = None

    def gz(self):
        if self._gz is None:
            # mtime=0: the same bytes every time.  A race between threads
            # only computes the same value twice.
            self._gz = gzip.compress(self.raw, compresslevel=6, mtime=0)
        return self._gz


def error_body(code, message):
    return Body(dumps({"error": {"code": code, "message": message}}))


NOT_FOUND = error_body(404, "Not found")


# --------------------------------------------------------------------------
# Classification by content (mirrors src/project/payload.c)
# --------------------------------------------------------------------------

def _samples(seq):
    """Up to SAMPLES elements spread over the whole sequence."""
    n = len(seq)
    k = min(n, SAMPLES)
    if k <= 1:
        return seq[:k]
    return [seq[i * (n - 1) // (k - 1)] for i in range(k)]


def _element_kind(e):
    if not isinstance(e, dict):
        return "unknown"
    if "x" in e and isinstance(e.get("y"), dict):
        return "comparison"
    if "endpoint" in e and (isinstance(e.get("permaslug"), str) or
                            isinstance(e.get("slug"), str)):
        return "catalogue"
    if ("provider_name" in e or "provider_info" in e) and (
            "model_variant_permaslug" in e or ("pricing" in e and "id" in e)):
        return "endpoints"
    if isinstance(e.get("slug"), str) and "id" not in e and \
            "pricing" not in e and "endpoint" not in e and \
            "baseUrl" not in e and any(
                k in e for k in PROVIDER_KEYS):
        return "providers"
    if isinstance(e.get("id"), str) and (
            "pricing" in e or "architecture" in e or "context_length" in e) \
            and "endpoint" not in e and "permaslug" not in e:
        return "v1-models"
    return "other"


PROVIDER_KEYS = ("privacy_policy_url", "terms_of_service_url",
                 "status_page_url", "headquarters", "datacenters")


def _is_points(a):
    return isinstance(a, list) and all(
        isinstance(p, dict) and "date" in p for p in _samples(a))


def classify(payload):
    """The kind of a payload: v1-models, catalogue, endpoints, comparison,
    v1-endpoints, uptime-hourly, uptime-recent or other."""
    if isinstance(payload, list):
        if not payload:
            return "endpoints"          # a model with no endpoints
        kinds = {_element_kind(e) for e in _samples(payload)}
        return kinds.pop() if len(kinds) == 1 else "other"
    if isinstance(payload, dict):
        if isinstance(payload.get("endpoints"), list) and \
                isinstance(payload.get("id"), str):
            return "v1-endpoints"
        if _is_points(payload.get("history")):
            return "uptime-hourly"
        if payload and all(_is_points(v) for v in
                           _samples(list(payload.values()))):
            return "uptime-recent"
    return "other"


# --------------------------------------------------------------------------
# Model keys
# --------------------------------------------------------------------------

def split_variant(s):
    """'a/b:free' -> ('a/b', 'free'); 'a/b' -> ('a/b', 'standard')."""
    base, sep, suffix = s.rpartition(":")
    if sep and base and suffix and "/" not in suffix:
        return base, suffix
    return s, "standard"


def endpoint_key(e):
    """(permaslug, variant) of an endpoint object, or None."""
    if not isinstance(e, dict):
        return None
    model = e.get("model") if isinstance(e.get("model"), dict) else {}
    perma = model.get("permaslug")
    variant = e.get("variant")
    mvp = e.get("model_variant_permaslug")
    if not isinstance(variant, str) or not variant:
        variant = split_variant(mvp)[1] if isinstance(mvp, str) else "standard"
    if not isinstance(perma, str) or not perma:
        if not isinstance(mvp, str) or not mvp:
            return None
        suffix = ":" + variant
        perma = mvp[:-len(suffix)] if mvp.endswith(suffix) else mvp
    return (perma, variant)


def catalogue_key(entry):
    """(permaslug, variant) of a catalogue entry; 'standard' when the entry
    has no endpoint (a retired model: its variant is not recorded)."""
    if not isinstance(entry, dict):
        return None
    k = endpoint_key(entry.get("endpoint"))
    if k is not None:
        return k
    perma = entry.get("permaslug") or entry.get("slug")
    return (perma, "standard") if isinstance(perma, str) and perma else None


def variant_slug(slug, variant):
    return slug if variant == "standard" else "%s:%s" % (slug, variant)


def metric_uuids(kind, payload):
    """The endpoint uuids a metric payload is about."""
    if kind == "uptime-recent":
        return set(payload)
    uuids = set()
    for point in payload:
        if isinstance(point, dict) and isinstance(point.get("y"), dict):
            uuids.update(point["y"])
    return uuids


# --------------------------------------------------------------------------
# The 2026 endpoint shape
# --------------------------------------------------------------------------

# p50 multiplied by these gives the other percentiles (deterministic).
PERCENTILES = (("p75", 1.2), ("p90", 1.5), ("p95", 1.8), ("p99", 2.5))
PRICE_LABELS = {
    "prompt": ("Input", "1M tokens"),
    "completion": ("Output", "1M tokens"),
    "input_cache_read": ("Cache read", "1M tokens"),
    "input_cache_write": ("Cache write", "1M tokens"),
    "internal_reasoning": ("Reasoning", "1M tokens"),
    "image": ("Image", "image"),
    "request": ("Request", "request"),
    "web_search": ("Web search", "search"),
}


def _per_million(price):
    """'0.00000025' -> '0.25' (Decimal arithmetic, no float noise)."""
    s = format((price * 1000000).normalize(), "f")
    return s


def _sku_value(v):
    """A per-token decimal string as the 2026 SKU map writes it:
    '0.00000025' -> '0.25e-6'.  None for zero or unparseable prices;
    negative ones (routers' '-1') are kept as they are."""
    try:
        d = Decimal(v)
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not d.is_finite() or d == 0:
        return None
    if d < 0:
        return v
    return _per_million(d) + "e-6"


def _scaled(p50, factor, integral):
    if isinstance(p50, bool) or not isinstance(p50, (int, float)):
        return None
    v = p50 * factor
    return int(round(v)) if integral else round(v, 3)


def endpoint_2026(e):
    """A copy of a 2025 endpoint object in the 2026 shape.  Every original
    key but variable_pricings is kept, so a projection reads the same."""
    if not isinstance(e, dict):
        return e
    out = dict(e)
    out.pop("variable_pricings", None)
    pr = e.get("pricing")
    if isinstance(pr, dict):
        pr = dict(pr)
        skus, display = {}, []
        for k, v in e["pricing"].items():
            if not isinstance(v, str):
                continue
            sku = _sku_value(v)
            if sku is None:
                continue
            skus[k] = sku
            label, unit = PRICE_LABELS.get(k, (k, "unit"))
            d = Decimal(v)
            amount = _per_million(d) if unit == "1M tokens" and d > 0 else v
            display.append({"sku": k, "label": label, "unit": unit,
                            "price": amount})
        pr["pricing_json"] = skus
        pr["display_pricing"] = display
        out["pricing"] = pr
    st = e.get("stats")
    if isinstance(st, dict):
        st = dict(st)
        for metric in ("throughput", "latency"):
            p50 = st.get("p50_" + metric)
            integral = isinstance(p50, int) and metric == "latency"
            for name, factor in PERCENTILES:
                st["%s_%s" % (name, metric)] = _scaled(p50, factor, integral)
        st["window_minutes"] = 60
        out["stats"] = st
        out["statsByTier"] = {"standard": dict(st)}
    else:
        out["statsByTier"] = {}
    out["deprecation_date"] = None
    ident = e.get("id") if isinstance(e.get("id"), str) else ""
    out["capacity_tpm"] = (zlib.crc32(ident.encode()) % 50 + 1) * 100000
    out["is_byok_only"] = False
    return out


REGIONS = ("us-east-1", "global", "turbo", "eu-west-1")


def _pct(p50, unit_scale, integral):
    """{p50, p75, p90, p99} from a median, each scaled by unit_scale."""
    if isinstance(p50, bool) or not isinstance(p50, (int, float)):
        return None
    out = {}
    for name, factor in (("p50", 1.0),) + tuple(
            (n, f) for n, f in PERCENTILES if n != "p95"):
        v = p50 * factor * unit_scale
        out[name] = int(round(v)) if integral else round(v, 4)
    return out


def endpoint_v1_2026(v, e, vid, auth):
    """A synthesized v1 endpoint v (made from the frontend object e) in the
    shape of 2026: every new field, deterministic per endpoint id.  The
    percentile objects are null without a key; latency comes in seconds
    for some endpoints and in milliseconds for others (as the sources
    disagree), throughput in tokens/s.  Some tags carry a region."""
    out = dict(v)
    ident = e.get("id") if isinstance(e.get("id"), str) else str(v.get("tag"))
    h = zlib.crc32(ident.encode())
    st = e.get("stats") if isinstance(e.get("stats"), dict) else {}
    out["model_id"] = vid
    out["model_name"] = v.get("name")
    up = v.get("uptime_last_30m")
    out["uptime_last_5m"] = 100 if h % 4 == 0 else (
        None if h % 4 == 1 else round(90 + (h % 1000) / 100.0, 2))
    out["uptime_last_1d"] = None if h % 5 == 0 else (
        up if isinstance(up, (int, float)) else round(95 + (h % 500) / 100.0,
                                                     2))
    out["supports_implicit_caching"] = h % 2 == 0
    ctx = v.get("context_length")
    mct = v.get("max_completion_tokens")
    out["max_prompt_tokens"] = ctx - mct if isinstance(ctx, int) and \
        isinstance(mct, int) and ctx > mct and h % 3 else None
    seconds = h % 2 == 1
    out["latency_last_30m"] = _pct(st.get("p50_latency"),
                                   0.001 if seconds else 1.0,
                                   not seconds) if auth else None
    out["throughput_last_30m"] = _pct(st.get("p50_throughput"), 1.0,
                                      False) if auth else None
    out["status"] = (0, -2, -5)[h % 3]
    pr = dict(v.get("pricing") or {})
    pr["discount"] = 0 if h % 2 else 0.25
    out["pricing"] = pr
    tag = v.get("tag")
    if isinstance(tag, str) and "/" not in tag and h % 3 == 0:
        out["tag"] = "%s/%s" % (tag, REGIONS[(h // 3) % len(REGIONS)])
    return out


# --------------------------------------------------------------------------
# The dataset
# --------------------------------------------------------------------------

class Dataset:
    """Everything the server can answer, indexed and pre-serialized."""

    def __init__(self, dirs, family, v1_2026=False, page_size=0,
                 endpoints_2026=False):
        self.family = family
        self.v1_2026 = v1_2026
        self.endpoints_2026 = endpoints_2026
        self.page_size = page_size
        self.v1_list = []               # the v1 model objects
        self.counts = {}
        self.v1_models = None           # Body
        self.catalogue = None           # Body
        self.lists = {}                 # key -> [endpoint objects]
        self.list_bodies = {}           # key -> Body
        self.metric_bodies = {}         # (metric, key) -> Body
        self.hourly_bodies = {}         # uuid (lower case) -> Body
        self.v1_by_id = {}              # v1 id -> v1 model object
        self.slug_keys = {}             # v1 id / slug[:variant] -> key
        self.cat_by_key = {}            # key -> catalogue entry
        self.real_v1_endpoints = {}     # id -> Body
        self.uptime_latest = {}         # uuid -> latest non-null uptime
        self.providers = None           # the provider list given, if any
        self.providers_body = None      # Body of /api/v1/providers
        self._v1_cache = {}             # id -> Body or None
        self._v1_lock = threading.Lock()
        self._load(dirs)

    # -- loading ----------------------------------------------------------

    def _read_all(self, dirs):
        """[(name, payload, kind)] sorted by file name, then --dir order."""
        found = []
        for di, d in enumerate(dirs):
            for name in os.listdir(d):
                if name.endswith(".json"):
                    found.append((name, di, os.path.join(d, name)))
        found.sort()
        files = []
        for name, _, path in found:
            try:
                with open(path, "rb") as f:
                    root = json.loads(f.read())
            except (OSError, ValueError) as exc:
                log_err("skipping %s: %s" % (path, exc))
                continue
            payload = root["data"] if isinstance(root, dict) and \
                "data" in root else root
            kind = classify(payload)
            self.counts[kind] = self.counts.get(kind, 0) + 1
            files.append((name, payload, kind))
        return files

    def _load(self, dirs):
        files = self._read_all(dirs)
        catalogue = None
        v1_models = None
        empty_lists = []                # names of files holding []
        metric_files = []               # (name, metric, payload)
        for name, payload, kind in files:
            if kind == "v1-models":
                v1_models = payload
                self.v1_list = payload
                for m in payload:
                    if isinstance(m.get("id"), str):
                        self.v1_by_id[m["id"]] = m
            elif kind == "catalogue":
                catalogue = payload
                self._index_catalogue_slugs(payload)
            elif kind == "endpoints":
                if not payload:
                    empty_lists.append(name)
                    continue
                groups = {}
                for e in payload:
                    k = endpoint_key(e)
                    if k is not None:
                        groups.setdefault(k, []).append(e)
                self.lists.update(groups)    # a later file replaces
            elif kind == "comparison":
                m = COMPARISON_NAME_RE.search(name)
                if m is None:
                    log_err("%s: a comparison without latency|throughput in "
                            "its name; not served" % name)
                    continue
                metric_files.append((name, m.group(0), payload))
            elif kind == "uptime-recent":
                metric_files.append((name, "uptime-recent", payload))
                self._index_uptime(payload)
            elif kind == "uptime-hourly":
                m = UUID_RE.search(name)
                if m is not None:
                    self.hourly_bodies[m.group(0).lower()] = \
                        Body(dumps({"data": payload}))
            elif kind == "v1-endpoints":
                self.real_v1_endpoints[payload["id"]] = \
                    Body(dumps({"data": payload}))
            elif kind == "providers":
                self.providers = payload

        catalogue = catalogue if catalogue is not None else []
        for entry in catalogue:
            k = catalogue_key(entry)
            if k is not None:
                self.cat_by_key.setdefault(k, entry)

        # Empty endpoint lists: the demo names them after the catalogue
        # entry they belong to.  A list found by content is never replaced.
        for name in empty_lists:
            m = DEMO_NAME_RE.match(name)
            if m is None or m.group(1) != "stats-endpoint" or \
                    int(m.group(2)) >= len(catalogue):
                continue
            k = catalogue_key(catalogue[int(m.group(2))])
            if k is not None and k not in self.lists:
                self.lists[k] = []

        # Slugs: endpoint lists, then catalogues, then v1 canonical_slug
        # (the most authoritative) override one another.
        slugs = {}
        for k, eps in self.lists.items():
            for e in eps:
                mvs = e.get("model_variant_slug")
                if isinstance(mvs, str):
                    slugs[mvs] = k
                model = e.get("model") if isinstance(e.get("model"),
                                                     dict) else {}
                if isinstance(model.get("slug"), str):
                    slugs[variant_slug(model["slug"], k[1])] = k
        slugs.update(self.slug_keys)
        for vid, m in self.v1_by_id.items():
            canon = m.get("canonical_slug")
            if isinstance(canon, str) and canon:
                slugs[vid] = (canon, split_variant(vid)[1])
        self.slug_keys = slugs

        self._index_metrics(metric_files, catalogue)
        self._serialize(v1_models, catalogue)

    def _index_catalogue_slugs(self, catalogue):
        for entry in catalogue:
            if not isinstance(entry, dict):
                continue
            k = catalogue_key(entry)
            if k is None:
                continue
            ep = entry.get("endpoint")
            if isinstance(ep, dict):
                if isinstance(ep.get("model_variant_slug"), str):
                    self.slug_keys[ep["model_variant_slug"]] = k
                if isinstance(entry.get("slug"), str):
                    self.slug_keys[variant_slug(entry["slug"], k[1])] = k
            elif isinstance(entry.get("slug"), str):
                self.slug_keys.setdefault(entry["slug"], k)

    def _index_uptime(self, payload):
        for uuid, points in payload.items():
            best = None
            for p in points:
                up = p.get("uptime")
                if isinstance(up, (int, float)) and not isinstance(up, bool):
                    d = str(p.get("date", ""))
                    if best is None or d > best[0]:
                        best = (d, up)
            if best is not None:
                self.uptime_latest[uuid] = best[1]

    def _index_metrics(self, metric_files, catalogue):
        """Map each metric file to a model: by the demo's NNNN when it names
        a catalogue entry, else to the model whose endpoint set is most like
        the file's uuids (Jaccard; ties: the file name sorting last)."""
        ids = {k: {e.get("id") for e in eps} for k, eps in self.lists.items()}
        owners = {}
        for k, s in ids.items():
            for u in s:
                owners.setdefault(u, set()).add(k)
        chosen = {}                     # (metric, key) -> (score, payload)
        for name, metric, payload in metric_files:
            m = DEMO_NAME_RE.match(name)
            if m is not None and m.group(1) == metric and \
                    int(m.group(2)) < len(catalogue):
                k = catalogue_key(catalogue[int(m.group(2))])
                if k is not None:
                    chosen[(metric, k)] = (math.inf, payload)
                    continue
            uuids = metric_uuids(metric, payload)
            candidates = set()
            for u in uuids:
                candidates |= owners.get(u, set())
            for k in candidates:
                score = len(uuids & ids[k]) / len(uuids | ids[k])
                old = chosen.get((metric, k))
                if old is None or score >= old[0]:
                    chosen[(metric, k)] = (score, payload)
        for mk, (_, payload) in chosen.items():
            self.metric_bodies[mk] = Body(dumps({"data": payload}))

    def _synth_providers(self):
        """The provider list (2026 shape) of the providers the endpoint
        lists name, when no provider list was given."""
        out = {}
        for eps in self.lists.values():
            for e in eps:
                info = e.get("provider_info") if isinstance(
                    e.get("provider_info"), dict) else {}
                slug = info.get("slug") or str(
                    e.get("provider_slug") or "").split("/")[0]
                if not isinstance(slug, str) or not slug or slug in out:
                    continue
                policy = info.get("dataPolicy") if isinstance(
                    info.get("dataPolicy"), dict) else {}
                out[slug] = {
                    "name": info.get("displayName") or
                    e.get("provider_display_name") or slug,
                    "slug": slug,
                    "privacy_policy_url": policy.get("privacyPolicyURL"),
                    "terms_of_service_url": policy.get("termsOfServiceURL"),
                    "status_page_url": info.get("statusPageUrl"),
                    "headquarters": info.get("headquarters"),
                    "datacenters": None,
                }
        return [out[k] for k in sorted(out)]

    def _serialize(self, v1_models, catalogue):
        providers = self.providers if self.providers is not None else \
            self._synth_providers()
        self.providers_body = Body(dumps({"data": providers}))
        if v1_models is not None:
            self.v1_models = Body(dumps({"data": v1_models}))
        if self.family == "v1":
            return                      # no frontend route is served
        if self.family == "2026":
            catalogue = [dict(c, endpoint=endpoint_2026(c["endpoint"]))
                         if isinstance(c, dict) and
                         isinstance(c.get("endpoint"), dict) else c
                         for c in catalogue]
        self.catalogue = Body(dumps({"data": catalogue}))
        for k, eps in self.lists.items():
            if self.family == "2026":
                eps = [endpoint_2026(e) for e in eps]
            self.list_bodies[k] = Body(dumps({"data": eps}))

    def summary(self):
        return ", ".join("%s %d" % kv for kv in sorted(self.counts.items())) \
            + "; %d endpoint lists, %d metric series, %d hourly" % (
                len(self.lists), len(self.metric_bodies),
                len(self.hourly_bodies))

    # -- v1 endpoints -----------------------------------------------------

    def v1_endpoints(self, vid, auth=False):
        """Body for GET /api/v1/models/{vid}/endpoints, or None.  With
        --v1-endpoints-2026 the percentiles are null unless auth (the
        request carried an Authorization header), and a model without an
        endpoint list answers 200 with endpoints [] (routers, aliases)."""
        body = self.real_v1_endpoints.get(vid)
        if body is not None:
            return body
        auth = bool(auth) and self.endpoints_2026
        with self._v1_lock:
            if (vid, auth) not in self._v1_cache:
                payload = self._synth_v1(vid, auth)
                if payload is None and self.endpoints_2026 and \
                        vid in self.v1_by_id:
                    payload = {"id": vid, "name": self.v1_by_id[vid].get(
                        "name"), "endpoints": []}
                self._v1_cache[(vid, auth)] = None if payload is None \
                    else Body(dumps({"data": payload}))
            return self._v1_cache[(vid, auth)]

    def _synth_v1(self, vid, auth=False):
        key = self.slug_keys.get(vid)
        if key is None or key not in self.lists:
            key = split_variant(vid)
        eps = self.lists.get(key)
        if eps is None:
            return None
        v1 = self.v1_by_id.get(vid)
        model = None
        for e in eps:
            if isinstance(e.get("model"), dict):
                model = e["model"]
                break
        if model is None:
            model = self.cat_by_key.get(key) or {}
        out = {"id": vid}
        if v1 is not None:
            for k in ("name", "created", "description", "architecture"):
                out[k] = v1.get(k)
        else:
            ins = model.get("input_modalities") or ["text"]
            outs = model.get("output_modalities") or ["text"]
            out["name"] = model.get("name", vid)
            out["created"] = _epoch(model.get("created_at"))
            out["description"] = model.get("description", "")
            out["architecture"] = {
                "tokenizer": model.get("group"),
                "instruct_type": model.get("instruct_type"),
                "modality": "%s->%s" % ("+".join(ins), "+".join(outs)),
                "input_modalities": ins,
                "output_modalities": outs,
            }
        out["endpoints"] = [self._v1_endpoint(e) for e in eps]
        if self.endpoints_2026:
            out["endpoints"] = [endpoint_v1_2026(v, e, vid, auth)
                                for v, e in zip(out["endpoints"], eps)]
        return out

    def _v1_endpoint(self, e):
        tag = e.get("provider_slug")
        if not isinstance(tag, str) or not tag:
            info = e.get("provider_info") if isinstance(
                e.get("provider_info"), dict) else {}
            tag = info.get("slug") or e.get("provider_group") or \
                str(e.get("provider_name", "")).lower()
            q = e.get("quantization")
            if isinstance(q, str) and q not in ("", "unknown"):
                tag = "%s/%s" % (tag, q)
        status = e.get("status")
        return {
            "name": e.get("name"),
            "context_length": e.get("context_length"),
            "pricing": e.get("pricing"),
            "provider_name": e.get("provider_name"),
            "tag": tag,
            "quantization": e.get("quantization"),
            "max_completion_tokens": e.get("max_completion_tokens"),
            "max_prompt_tokens": e.get("max_prompt_tokens"),
            "supported_parameters": e.get("supported_parameters", []),
            "status": status if isinstance(status, int) else 0,
            "uptime_last_30m": self.uptime_latest.get(e.get("id")),
        }

    # -- routing ----------------------------------------------------------

    def v1_page(self, path, query, host):
        """The 2026 model list: text output only unless asked for all,
        total_count and links.next, a page of page_size from ?offset=."""
        q = parse_qs(query, keep_blank_values=True)
        models = self.v1_list
        if q.get("output_modalities", [""])[0] != "all":
            models = [m for m in models if isinstance(m, dict) and "text" in
                      ((m.get("architecture") or {}).get("output_modalities")
                       or ["text"])]
        try:
            offset = max(0, int(q.get("offset", ["0"])[0]))
        except ValueError:
            offset = 0
        size = self.page_size or max(len(models), 1)
        page = models[offset:offset + size]
        nxt = None
        if self.page_size and offset + size < len(models):
            pairs = [(k, v) for k, vs in q.items() for v in vs
                     if k != "offset"] + [("offset", str(offset + size))]
            nxt = "http://%s%s?%s" % (host, path, "&".join(
                "%s=%s" % kv for kv in pairs))
        return Body(dumps({"data": page, "total_count": len(models),
                           "links": {"next": nxt}}))

    def route(self, path, query, host="", auth=False):
        """(status, Body) for a GET of path (URL-decoded) and query (raw)."""
        if len(path) > 1 and path.endswith("/"):
            path = path.rstrip("/")
        if path == "/api/v1/models":
            if self.v1_models and self.v1_2026:
                return 200, self.v1_page(path, query, host)
            return (200, self.v1_models) if self.v1_models else \
                (404, NOT_FOUND)
        if path == "/api/v1/providers":
            return 200, self.providers_body
        m = V1_ENDPOINTS_RE.match(path)
        if m is not None:
            body = self.v1_endpoints(m.group(1), auth)
            return (200, body) if body is not None else (404, NOT_FOUND)
        if self.family != "v1" and path in EXTRAS_PATHS:
            return self.extras(path, query)
        if self.family == "2025" and path.startswith("/api/frontend/") \
                and not path.startswith("/api/frontend/v1/"):
            return self._frontend(path[len("/api/frontend"):], query,
                                  "/models")
        if self.family == "2026" and path.startswith("/api/frontend/v1/"):
            return self._frontend(path[len("/api/frontend/v1"):], query,
                                  "/catalog/models")
        return 404, NOT_FOUND

    # -- metadata (sync --extras) -----------------------------------------

    def _usage_rows(self, perma, variant):
        seed = zlib.crc32(("%s:%s" % (perma, variant)).encode())
        rows = []
        for d in range(7):
            day = EXTRAS_FIRST_DAY + datetime.timedelta(days=d)
            n = (seed >> d) % 5000 + 100 * (d + 1)
            rows.append({
                "date": day.strftime("%Y-%m-%d 00:00:00"),
                "model_permaslug": perma,
                "variant": variant,
                "variant_permaslug": variant_slug(perma, variant),
                "count": n,
                "total_prompt_tokens": n * 900 + seed % 1000,
                "total_completion_tokens": n * 300,
                "total_native_tokens_reasoning": n * 20 if seed % 3 == 0
                else 0,
            })
        return rows

    def _apps(self, perma, variant):
        seed = zlib.crc32(("%s:%s" % (perma, variant)).encode())
        out = []
        for i in range(seed % 5 + 1):
            app_id = (seed + 7919 * i) % 900000 + 1000
            out.append({
                "app_id": app_id,
                "total_tokens": str((5 - i) * 1000000 + seed % 100000),
                "app": {
                    "id": app_id,
                    "title": "App %d of %s" % (i + 1, perma),
                    "description": "A generated app",
                    "main_url": None,
                    "origin_url": "https://app%d.example/" % app_id,
                    "source_code_url": None,
                    "created_at": "2026-01-%02dT08:00:00+00:00" % (i + 1),
                },
            })
        return out

    def _author(self, slug):
        models = []
        for (perma, variant), entry in sorted(self.cat_by_key.items()):
            if perma.split("/")[0] != slug:
                continue
            models.append({
                "slug": entry.get("slug", perma), "permaslug": perma,
                "name": entry.get("name"), "author": slug,
                "stats": self._usage_rows(perma, variant)})
        seed = zlib.crc32(slug.encode())
        return {"author": {
            "id": "%08x-0000-4000-8000-%012x" % (seed, seed),
            "slug": slug, "name": slug.capitalize(),
            "description": None if seed % 2 else "Models by %s" % slug,
            "created_at": "2025-01-01T00:00:00+00:00",
            "updated_at": "2026-04-01T00:00:00+00:00"},
            "modelsWithStats": models}

    def extras(self, path, query):
        """(status, Body) of a metadata route, or None for another path."""
        if path not in EXTRAS_PATHS:
            return None
        q = parse_qs(query, keep_blank_values=True)
        if path == EXTRAS_PATHS[0]:
            slug = q.get("authorSlug", [""])[0]
            if not slug:
                return 404, NOT_FOUND
            return 200, Body(dumps({"data": self._author(slug)}))
        perma = q.get("permaslug", [""])[0]
        variant = q.get("variant", ["standard"])[0] or "standard"
        if "/" not in perma:
            return 404, NOT_FOUND
        data = self._apps(perma, variant) if path == EXTRAS_PATHS[1] \
            else self._usage_rows(perma, variant)
        return 200, Body(dumps({"data": data}))

    def _frontend(self, rel, query, catalogue_path):
        if rel == catalogue_path:
            return 200, self.catalogue
        if not rel.startswith("/stats/"):
            return 404, NOT_FOUND
        name = rel[len("/stats/"):]
        q = parse_qs(query, keep_blank_values=True)
        if name == "uptime-hourly":
            body = self.hourly_bodies.get(q.get("id", [""])[0].lower())
        elif name == "endpoint" or name in METRICS:
            perma = q.get("permaslug", [""])[0]
            variant = q.get("variant", [""])[0]
            if not variant:
                perma, variant = split_variant(perma)
            key = (perma, variant)
            body = self.list_bodies.get(key) if name == "endpoint" else \
                self.metric_bodies.get((name, key))
        else:
            body = None
        return (200, body) if body is not None else (404, NOT_FOUND)


def _epoch(stamp):
    try:
        return int(datetime.datetime.fromisoformat(stamp).timestamp())
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------
# Faults
# --------------------------------------------------------------------------

FAULT_KINDS = {"reset", "truncate", "badjson", "envelope", "slow", "oversize",
               "html", "content-type", "identity", "hang", "hold", "delay",
               "page", "ratelimit"}

RATE_LOCK = threading.Lock()


def ratelimit_take(rule):
    """(allowed, headers) for one request under a "ratelimit" rule: fixed
    windows of window seconds, as APIs count; the rule's count lives in the
    rule itself (reset when the file is re-read)."""
    rate = max(1, int(rule.get("rate", 10)))
    window = float(rule.get("window", 1.0))
    now = time.time()
    start = math.floor(now / window) * window
    with RATE_LOCK:
        if rule.get("_start") != start:
            rule["_start"], rule["_count"] = start, 0
        allowed = rule["_count"] < rate
        if allowed:
            rule["_count"] += 1
        left = rate - rule["_count"]
    headers = []
    if rule.get("headers", True):
        headers = [("X-RateLimit-Limit", str(rate)),
                   ("X-RateLimit-Remaining", str(max(0, left))),
                   ("X-RateLimit-Reset", str(int((start + window) * 1000)))]
    return allowed, headers


class Rule:
    __slots__ = ("spec", "regex", "skip", "times", "seen")

    def __init__(self, spec):
        kind = spec.get("fault")
        if not isinstance(kind, str) or not (
                kind in FAULT_KINDS or re.fullmatch(r"[45]\d\d", kind)):
            raise ValueError("unknown fault %r" % (kind,))
        self.spec = spec
        self.regex = re.compile(spec.get("match", ""))
        self.skip = int(spec.get("skip", 0))
        t = spec.get("times")
        self.times = None if t is None else int(t)
        self.seen = 0


class Faults:
    """The rules of the --faults file, re-read when the file changes."""

    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.rules = []
        self.sig = None                 # (mtime_ns, size, inode) last read
        self.text = None                # bytes last read
        self.bad = None                 # bytes last refused (warned once)

    def _refresh(self):
        try:
            st = os.stat(self.path)
        except OSError:
            if self.sig is not None:
                self.rules, self.sig, self.text = [], None, None
            return
        sig = (st.st_mtime_ns, st.st_size, st.st_ino)
        # File times are coarse (a clock tick): within a second of a change,
        # compare the bytes too, so a quick rewrite is not missed.
        if sig == self.sig and time.time() - st.st_mtime > 1.0:
            return
        try:
            with open(self.path, "rb") as f:
                text = f.read()
        except OSError:
            return
        if sig == self.sig and text == self.text:
            return
        try:
            specs = json.loads(text) if text.strip() else []
            if not isinstance(specs, list) or \
                    not all(isinstance(s, dict) for s in specs):
                raise ValueError("not an array of objects")
            rules = [Rule(s) for s in specs]
        except (ValueError, re.error, TypeError) as exc:
            if text != self.bad:
                log_err("%s: %s (keeping the previous rules)" %
                        (self.path, exc))
                self.bad = text
            return
        self.rules, self.sig, self.text = rules, sig, text

    def pick(self, target):
        """The rule spec (dict) to apply to this request, or None."""
        if self.path is None:
            return None
        with self.lock:
            self._refresh()
            for r in self.rules:
                if not r.regex.search(target):
                    continue
                r.seen += 1
                if r.seen <= r.skip:
                    continue
                if r.times is not None and r.seen > r.skip + r.times:
                    continue
                return r.spec
        return None


# --------------------------------------------------------------------------
# Request log
# --------------------------------------------------------------------------

class RequestLog:
    def __init__(self, path):
        self.lock = threading.Lock()
        self.f = open(path, "a", encoding="utf-8") if path else None

    def write(self, rec):
        if self.f is None:
            return
        line = json.dumps(rec, separators=(",", ":")) + "\n"
        with self.lock:
            self.f.write(line)
            self.f.flush()

    def close(self):
        if self.f is not None:
            with self.lock:
                self.f.close()
                self.f = None


# --------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------

REASONS = BaseHTTPRequestHandler.responses
HTML_PAGE = (b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title>"
             b"</head>\n<body><h1>Bad Gateway</h1><p>The origin returned an "
             b"invalid response. Please try again in a few minutes.</p>"
             b"<hr><center>cloudflare</center></body></html>\n")


def oversize_chunks(n):
    """Exactly n bytes of JSON-looking data, {"data":[{...},...]}, made on
    the fly in blocks of about 64 KiB."""
    head = b'{"data":['
    unit = b'{"id":"oversize/padding","pad":"' + b"x" * 220 + b'"},'
    tail0, tail1 = b'{"id":"oversize/end","pad":"', b'"}]}'
    fixed = len(head) + len(tail0) + len(tail1)
    if n < fixed:
        yield (head + b" " * n)[:n]
        return
    k, rem = divmod(n - fixed, len(unit))
    yield head
    block = unit * 256
    full, part = divmod(k, 256)
    for _ in range(full):
        yield block
    if part:
        yield unit * part
    yield tail0 + b"x" * rem + tail1


def wants_gzip(header):
    """True if an Accept-Encoding value accepts gzip (q not 0)."""
    for item in (header or "").split(","):
        name, _, params = item.partition(";")
        if name.strip().lower() not in ("gzip", "x-gzip"):
            continue
        m = re.search(r"q\s*=\s*([0-9.]+)", params)
        try:
            if m is None or float(m.group(1)) > 0:
                return True
        except ValueError:
            return True
    return False


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "orbrowse-fixture/1"
    sys_version = ""
    timeout = 120                       # idle keep-alive connections close

    def setup(self):
        super().setup()
        try:
            self.connection.setsockopt(socket.IPPROTO_TCP,
                                       socket.TCP_NODELAY, 1)
        except OSError:
            pass
        self.conn_id = self.server.new_conn()
        self.conn_requests = 0

    def log_message(self, fmt, *args):
        pass                            # the JSON log says it all

    def do_GET(self):
        self._serve()

    def do_HEAD(self):
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_GET

    # -- the request ------------------------------------------------------

    def _serve(self):
        t0 = time.time()
        self.conn_requests += 1
        in_flight = self.server.enter()
        hdr = self.headers
        rec = {
            "t_start": t0, "t_end": None, "method": self.command,
            "path": self.path, "status": None, "fault": None, "bytes": 0,
            "accept_encoding": hdr.get("Accept-Encoding"),
            "user_agent": hdr.get("User-Agent"),
            "authorization": hdr.get("Authorization"),
            "in_flight": in_flight, "conn": self.conn_id,
            "conn_request": self.conn_requests, "error": None,
        }
        self.rec = rec
        try:
            self._drain_request_body()
            self._respond()
        except (OSError, ValueError) as exc:
            # The client went away (reset, broken pipe, timeout) or the
            # socket was closed under us: record it and drop the connection.
            rec["error"] = "%s: %s" % (type(exc).__name__, exc)
            self.close_connection = True
        except Exception as exc:                # a bug here: keep serving
            rec["error"] = "%s: %s" % (type(exc).__name__, exc)
            traceback.print_exc(file=sys.stderr)
            self.close_connection = True
        finally:
            self.server.leave()
            rec["t_end"] = time.time()
            self.server.log.write(rec)

    def _drain_request_body(self):
        n = int(self.headers.get("Content-Length") or 0)
        while n > 0:
            chunk = self.rfile.read(min(n, 65536))
            if not chunk:
                break
            n -= len(chunk)

    def _respond(self):
        split = urlsplit(self.path)
        if self.command in ("GET", "HEAD"):
            status, body = self.server.data.route(
                unquote(split.path), split.query,
                self.headers.get("Host", ""),
                self.headers.get("Authorization") is not None)
        else:
            status, body = 404, NOT_FOUND
        rule = self.server.faults.pick(self.path)
        if rule is None:
            return self._send(status, body)
        kind = rule["fault"]
        if kind == "ratelimit":
            allowed, extra = ratelimit_take(rule)
            if allowed:
                return self._send(status, body, extra=extra)
            self.rec["fault"] = kind
            ra = rule.get("retry_after", 1)
            if ra is not None:
                extra.append(("Retry-After", str(ra)))
            return self._send(429, error_body(429, "Rate limit exceeded"),
                              extra=extra)
        self.rec["fault"] = kind
        if re.fullmatch(r"\d{3}", kind):
            code = int(kind)
            extra = []
            ra = rule.get("retry_after", 1 if code == 429 else None)
            if ra is not None:
                extra.append(("Retry-After", str(ra)))
            return self._send(code, error_body(code, REASONS.get(
                code, ("Error",))[0]), extra=extra)
        return getattr(self, "_fault_" + kind.replace("-", "_"))(
            rule, status, body)

    # -- writing ----------------------------------------------------------

    def _head(self, status, headers):
        """The status line and headers as bytes; records the status."""
        self.rec["status"] = status
        reason = REASONS.get(status, ("",))[0]
        lines = ["HTTP/1.1 %d %s\r\n" % (status, reason),
                 "Date: %s\r\n" % self.date_time_string()]
        lines += ["%s: %s\r\n" % kv for kv in headers]
        if self.close_connection:
            lines.append("Connection: close\r\n")
        lines.append("\r\n")
        return "".join(lines).encode("latin-1")

    def _encoded(self, body, allow_gzip=True):
        """(bytes, headers) of body as this client gets it."""
        if allow_gzip and wants_gzip(self.headers.get("Accept-Encoding")):
            return body.gz(), [("Content-Encoding", "gzip"),
                               ("Vary", "Accept-Encoding")]
        return body.raw, [("Vary", "Accept-Encoding")]

    def _send(self, status, body, ctype=JSON_TYPE, extra=(), allow_gzip=True):
        """A whole response in one write."""
        data, enc = self._encoded(body, allow_gzip)
        head = self._head(status, [("Content-Type", ctype),
                                   ("Content-Length", str(len(data)))] +
                          enc + list(extra))
        if self.command == "HEAD":
            self.wfile.write(head)
        else:
            self.wfile.write(head + data)
            self.rec["bytes"] = len(data)

    def _send_head_only(self, status, data_len, enc, ctype=JSON_TYPE):
        headers = [("Content-Type", ctype)]
        if data_len is not None:
            headers.append(("Content-Length", str(data_len)))
        self.wfile.write(self._head(status, headers + enc))

    def _write(self, chunk):
        self.wfile.write(chunk)
        self.rec["bytes"] += len(chunk)

    # -- faults -------------------------------------------------------------

    def _fault_reset(self, rule, status, body):
        data, enc = self._encoded(body)
        self.close_connection = True
        self._send_head_only(status, len(data), enc)
        self._write(data[:int(rule.get("bytes", len(data) // 2))])
        time.sleep(0.1)                 # let the client read what was sent
        sock = self.connection
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                        struct.pack("ii", 1, 0))
        # Close the descriptor now: with SO_LINGER 0 this sends a RST.
        os.close(sock.detach())

    def _fault_truncate(self, rule, status, body):
        data, enc = self._encoded(body)
        self.close_connection = True
        self._send_head_only(status, len(data), enc)
        self._write(data[:int(rule.get("bytes", len(data) // 2))])

    def _fault_badjson(self, rule, status, body):
        raw = body.raw
        cut = raw[:max(1, len(raw) // 2)]
        self._send(200, Body(cut))

    def _fault_envelope(self, rule, status, body):
        raw = body.raw
        inner = raw[len(b'{"data":'):-1] if raw.startswith(b'{"data":') \
            else raw
        shape = rule.get("shape", "result")
        wrong = {"string": b'{"data":"oops"}', "null": b'{"data":null}',
                 "object": b'{"data":{}}'}.get(
                     shape, b'{"result":' + inner + b"}")
        self._send(200, Body(wrong))

    def _fault_slow(self, rule, status, body):
        data, enc = self._encoded(body)
        delay = float(rule.get("delay", 1.0))
        chunk = int(rule.get("chunk", 0)) or \
            max(1, min(16, -(-len(data) // 32)))
        nchunks = -(-len(data) // chunk)
        self._send_head_only(status, len(data), enc)
        if self.command == "HEAD":
            return
        if "delay" not in rule:         # default: more than 30 s in all
            self._sleep(max(0.0, 31.0 - nchunks * delay))
        for i in range(0, len(data), chunk):
            if self.server.stopping:
                break
            self._sleep(delay)
            self._write(data[i:i + chunk])

    def _fault_oversize(self, rule, status, body):
        n = int(rule.get("bytes", 80 * 1024 * 1024))
        no_length = bool(rule.get("no_length", False))
        if no_length:
            self.close_connection = True
        self._send_head_only(200, None if no_length else n, [])
        if self.command == "HEAD":
            return
        for chunk in oversize_chunks(n):
            if self.server.stopping:
                break
            self._write(chunk)

    def _fault_html(self, rule, status, body):
        self._send(int(rule.get("status", 200)), Body(HTML_PAGE),
                   ctype="text/html; charset=utf-8")

    def _fault_content_type(self, rule, status, body):
        self._send(status, body, ctype=rule.get(
            "content_type", "text/plain; charset=utf-8"))

    def _fault_identity(self, rule, status, body):
        self._send(status, body, allow_gzip=False)

    def _fault_page(self, rule, status, body):
        root = json.loads(body.raw)
        if "total_count" in rule:
            root["total_count"] = rule["total_count"]
        if "next" in rule:
            nxt = rule["next"]
            if isinstance(nxt, str):
                q = parse_qs(urlsplit(self.path).query)
                try:
                    after = int(q.get("offset", ["0"])[0]) + 1
                except ValueError:
                    after = 1
                nxt = nxt.replace("{base}", "http://%s" % self.headers.get(
                    "Host", "")).replace("{after}", str(after))
            root["links"] = {"next": nxt}
        return self._send(status, Body(dumps(root)))

    def _fault_delay(self, rule, status, body):
        self._sleep(float(rule.get("seconds", 1.0)))
        self._send(status, body)

    def _fault_hang(self, rule, status, body):
        """Read and discard until the client closes; never answer."""
        self.close_connection = True
        self._wait_for_close(rule.get("seconds"))

    def _fault_hold(self, rule, status, body):
        """Send nothing or part of the response, raise the flag, wait."""
        self.close_connection = True
        data, enc = self._encoded(body)
        length = len(data)
        if self.command == "HEAD":
            data = b""
        sent = None                     # body bytes sent; None: no headers
        if "bytes" in rule:
            n = rule["bytes"]
            sent = min(len(data), length // 2 if n == "half" else
                       max(0, int(n)))
            self._send_head_only(status, length, enc)
            self._write(data[:sent])
        flag = rule.get("flag")
        if flag:
            tmp = "%s.tmp.%d.%d" % (flag, os.getpid(), threading.get_ident())
            with open(tmp, "w") as f:
                f.write(self.path + "\n")
            os.replace(tmp, flag)
        if self._wait_for_close(rule.get("seconds"), rule.get("release")):
            return
        if self.server.stopping:
            return
        if sent is None:
            self._send_head_only(status, length, enc)
            sent = 0
        self._write(data[sent:])

    def _wait_for_close(self, seconds, release=None):
        """Read and discard until the client closes (True), or seconds
        (if not None) have passed, the file release (if not None) exists
        or the server stops (False)."""
        end = None if seconds is None else time.monotonic() + float(seconds)
        sock = self.connection
        while not self.server.stopping:
            if end is not None and time.monotonic() >= end:
                return False
            if release is not None and os.path.exists(release):
                return False
            readable, _, _ = select.select([sock], [], [], 0.1)
            if readable:
                try:
                    if not sock.recv(65536):
                        return True     # the client closed
                except OSError:
                    return True
        return False

    def _sleep(self, seconds):
        """Sleep, but wake up for a shutdown."""
        end = time.monotonic() + seconds
        while not self.server.stopping:
            left = end - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(left, 0.2))


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, data, faults, log, max_conns):
        super().__init__(("127.0.0.1", 0), Handler)
        self.data = data
        self.faults = faults
        self.log = log
        self.stopping = False
        self.slots = threading.BoundedSemaphore(max_conns) \
            if max_conns else None
        self._lock = threading.Lock()
        self._in_flight = 0
        self._conns = 0

    def new_conn(self):
        with self._lock:
            self._conns += 1
            return self._conns

    def enter(self):
        with self._lock:
            self._in_flight += 1
            return self._in_flight

    def leave(self):
        with self._lock:
            self._in_flight -= 1

    def process_request(self, request, client_address):
        # --max-conns: the accepting loop waits here for a free slot.
        if self.slots is not None:
            while not self.slots.acquire(timeout=0.2):
                if self.stopping:
                    self.shutdown_request(request)
                    return
        try:
            super().process_request(request, client_address)
        except Exception:
            if self.slots is not None:
                self.slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            if self.slots is not None:
                self.slots.release()

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, BrokenPipeError)):
            return                      # a client going away is no news
        log_err("error on a connection from %s:" % (client_address,))
        traceback.print_exc(file=sys.stderr)


def write_port_file(path, port):
    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.replace(tmp, path)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Serve OpenRouter-shaped fixtures and inject faults.")
    ap.add_argument("--dir", action="append", required=True,
                    help="fixture directory (repeatable)")
    ap.add_argument("--port-file", required=True,
                    help="the port number is written here once listening")
    ap.add_argument("--log", help="request log, one JSON object per line")
    ap.add_argument("--faults", help="JSON array of fault rules")
    ap.add_argument("--family", choices=("2025", "2026", "v1"),
                    default="2025", help="which route family to serve")
    ap.add_argument("--max-conns", type=int, default=0,
                    help="serve at most N connections at once")
    ap.add_argument("--gzip-ahead", action="store_true",
                    help="compress every body before listening (for the "
                    "benchmark: the server should not be what it measures)")
    ap.add_argument("--v1-2026", action="store_true",
                    help="the model list as since 2026: text output only "
                    "unless output_modalities=all, total_count, links.next")
    ap.add_argument("--v1-endpoints-2026", action="store_true",
                    help="v1 endpoint lists as in 2026: uptime_last_5m/1d, "
                    "percentile objects (with a key), region tags, "
                    "status, discount, empty lists for routers")
    ap.add_argument("--page-size", type=int, default=0,
                    help="with --v1-2026: models per page of the list")
    ap.add_argument("--tls-cert", help="serve HTTPS with this certificate")
    ap.add_argument("--tls-key", help="the certificate's private key")
    args = ap.parse_args(argv)

    t0 = time.monotonic()
    data = Dataset(args.dir, args.family, args.v1_2026, args.page_size,
                   args.v1_endpoints_2026)
    if args.gzip_ahead:
        for v in vars(data).values():
            for b in (v.values() if isinstance(v, dict) else [v]):
                if isinstance(b, Body):
                    b.gz()
    log = RequestLog(args.log)
    server = Server(data, Faults(args.faults), log, args.max_conns)
    if args.tls_cert:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.tls_cert, args.tls_key)
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    runner = threading.Thread(target=server.serve_forever,
                              kwargs={"poll_interval": 0.2}, daemon=True)
    runner.start()
    write_port_file(args.port_file, port)
    log_err("port %d, family %s, loaded in %.1f s: %s" % (
        port, args.family, time.monotonic() - t0, data.summary()))

    while not stop.wait(1.0):
        pass
    server.stopping = True
    server.shutdown()
    server.server_close()
    log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
