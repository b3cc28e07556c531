-- orbrowse database schema, version 16.
--
-- This file is compiled into the binary and applied to a new database.
-- Later versions add forward migrations in src/store/store.c; PRAGMA
-- user_version records the version.  Prices are USD per token.

-- warning_texts: added in version 9: the first warnings, newline-separated
-- and bounded (the rest only counted in warnings); NULL for older runs.
-- db_bytes: added in version 11: the database's size (pages times page
-- size) when the run ended; NULL for older runs.
CREATE TABLE run_log (
	id		INTEGER PRIMARY KEY,
	started_at	INTEGER NOT NULL,	-- unix ms
	ended_at	INTEGER,		-- unix ms, NULL while running
	status		TEXT NOT NULL DEFAULT 'running'
			CHECK (status IN ('running', 'ok', 'partial', 'failed',
			    'aborted')),
	source		TEXT NOT NULL DEFAULT 'sync',	-- sync | import
	route_family	TEXT,
	models_total	INTEGER NOT NULL DEFAULT 0,
	models_done	INTEGER NOT NULL DEFAULT 0,
	endpoints_done	INTEGER NOT NULL DEFAULT 0,
	requests	INTEGER NOT NULL DEFAULT 0,
	retries		INTEGER NOT NULL DEFAULT 0,
	bytes_raw	INTEGER NOT NULL DEFAULT 0,
	bytes_gz	INTEGER NOT NULL DEFAULT 0,
	blobs_new	INTEGER NOT NULL DEFAULT 0,
	warnings	INTEGER NOT NULL DEFAULT 0,
	error_count	INTEGER NOT NULL DEFAULT 0,
	errors		TEXT,
	pid		INTEGER,
	warning_texts	TEXT,
	db_bytes	INTEGER
);
CREATE INDEX run_log_status ON run_log (status);

-- Content-addressed snapshots: hash is the SHA-256 of the canonical JSON,
-- its 32 bytes (64 hex digits before version 14, converted by the
-- migration; the API speaks hex); data is that JSON compressed with codec.
-- A rowid table: blobs of a kilobyte or more would spill into mostly empty
-- overflow pages in a WITHOUT ROWID table.
-- codec 'gzip': a gzip stream; 'zdict': a zlib stream compressed with the
-- preset dictionary its header names (zlib's DICTID, the Adler-32 of the
-- dictionary), which is the zdict row with that id.  'zsplit' (version
-- 14): an object whose big member objects (an endpoint's model and
-- provider_info, the same in every endpoint of a model or provider) are
-- blobs of their own, the parts, listed in blob_part in the order they go
-- back; data is where each goes and the rest of the object, compressed
-- (codec/zblob.h).  Since version 17 that rest may be a delta: compressed
-- with the rest of another 'zsplit' blob, its base, as the dictionary (an
-- endpoint's next snapshot against its last).  raw_len is always the whole
-- object's.
-- Since version 19 hash is found by an index of its first 8 bytes, not a
-- UNIQUE one of all 32 (a quarter of the size): every lookup says
-- BLOB_HASH_IS (store-private.h), and the store never inserts a hash it
-- has (store_blob_put).
CREATE TABLE blob (
	id		INTEGER PRIMARY KEY,
	hash		BLOB NOT NULL,
	codec		TEXT NOT NULL,
	raw_len		INTEGER NOT NULL,
	data		BLOB NOT NULL
);
CREATE INDEX blob_hash ON blob (substr(hash, 1, 8));

-- The parts of a 'zsplit' blob (added in version 14): part n (0, 1) is
-- the blob part_id; n = -1 is a delta's base (version 17), so gc keeps a
-- base as long as a delta of it, and a delta whose parts are its base's
-- has no rows of its own for them.  No index on part_id: only gc asks
-- which blobs are parts, for all of them at once.
CREATE TABLE blob_part (
	blob_id		INTEGER NOT NULL REFERENCES blob (id) ON DELETE CASCADE,
	n		INTEGER NOT NULL,
	part_id		INTEGER NOT NULL,
	PRIMARY KEY (blob_id, n)
) WITHOUT ROWID;

CREATE TABLE zdict (
	id		INTEGER PRIMARY KEY,	-- DICTID
	created_run	INTEGER,
	data		BLOB NOT NULL
);

-- kind: 'catalogue' (frontend models entry) or 'v1' (/api/v1/models entry);
-- 'provider' (an element of /api/v1/providers, model_key holding the
-- provider's slug; added in version 7).  hash is a blob's (its 32 bytes
-- since version 14, when the foreign key to blob (hash) and the index on
-- hash it needed went: gc keeps every blob a snapshot names).
CREATE TABLE model_snapshot (
	run_id		INTEGER NOT NULL REFERENCES run_log (id)
			ON DELETE CASCADE,
	model_key	TEXT NOT NULL,
	kind		TEXT NOT NULL,
	hash		BLOB NOT NULL,
	PRIMARY KEY (run_id, model_key, kind)
) WITHOUT ROWID;
CREATE INDEX model_snapshot_key ON model_snapshot (model_key, run_id);

-- An endpoint's snapshots (version 16): the blob (blob.id) the endpoint
-- (endpoint.id) had as of a run.  Integers instead of the endpoint's id,
-- model key and hash (10 of the 67 MB of the scale set's first sync); the
-- view endpoint_snapshot below gives the rows by name, as the table of that
-- name did before.  No foreign key to endpoint: its rows are never deleted
-- but by store_endpoint_absorb, which moves their snapshots first.
CREATE TABLE endpoint_snap (
	ep		INTEGER NOT NULL,
	run_id		INTEGER NOT NULL REFERENCES run_log (id)
			ON DELETE CASCADE,
	blob_id		INTEGER NOT NULL,
	PRIMARY KEY (ep, run_id)
) WITHOUT ROWID;
CREATE INDEX endpoint_snap_run ON endpoint_snap (run_id);

-- The projection: current state, one row per endpoint as listed for a
-- model.  The same endpoint id can be listed under two model keys (a
-- provider serving both claude-3-7-sonnet and its :thinking variant), so
-- the key is (endpoint_id, model_key): no listing overwrites another.  id
-- (version 16; the rowid before) is what snapshots name the row by: an
-- INTEGER PRIMARY KEY, which VACUUM keeps, unlike a bare rowid.
CREATE TABLE endpoint (
	endpoint_id	TEXT NOT NULL,
	model_key	TEXT NOT NULL,
	model_name	TEXT,		-- x'': model.listed_name (v18)
	provider_slug	TEXT,
	provider_name	TEXT,
	context_length	INTEGER,
	max_output	INTEGER,
	variant		TEXT,
	quantization	TEXT,
	is_free		INTEGER,
	is_hidden	INTEGER,
	is_disabled	INTEGER,
	price_prompt	REAL,
	price_completion REAL,
	price_cache_read REAL,
	supports_images	INTEGER,
	supports_tools	INTEGER,
	supports_reasoning INTEGER,
	p50_latency_ms	REAL,
	p50_throughput	REAL,
	request_count	INTEGER,
	uptime		REAL,
	limit_rpm	INTEGER,
	limit_rpd	INTEGER,
	training	INTEGER,
	retains_prompts	INTEGER,
	status		INTEGER,
	hash		TEXT,		-- NULL since v18: blob has it
	first_run_id	INTEGER NOT NULL,
	last_run_id	INTEGER NOT NULL,
	active		INTEGER NOT NULL DEFAULT 1,
	-- Added in version 4: the listing (below) that wrote the row last,
	-- NULL for any other writer, and the uptime that listing gave (a
	-- metric series may set uptime after it).
	listing		INTEGER,
	listed_uptime	REAL,
	-- Added in version 5: every other price component (USD per token,
	-- request, image or search; NULL absent or unknown), the bits (1 <<
	-- enum price_part, project/price.h) of the parts given as "-1", the
	-- discount, and the overrides as compact JSON (NULL when none).
	price_request	REAL,
	price_image	REAL,
	price_image_token REAL,
	price_image_output REAL,
	price_audio	REAL,
	price_audio_output REAL,
	price_input_audio_cache REAL,
	price_web_search REAL,
	price_internal_reasoning REAL,
	price_cache_write REAL,
	price_cache_write_1h REAL,
	price_unknown	INTEGER,
	discount	REAL,
	price_overrides	TEXT,
	-- Added in version 8: uptime_last_5m and uptime_last_1d (percent),
	-- supports_implicit_caching, max_prompt_tokens, the latency (ms) and
	-- throughput (tokens/s) percentiles of the last 30 minutes, and the
	-- region or deployment of the provider tag ('us-east-1', 'turbo').
	-- Since version 21 a median equal to p50_latency_ms or
	-- p50_throughput, as on nearly every row, is x'' (no byte, not 8).
	uptime_5m	REAL,
	uptime_1d	REAL,
	implicit_caching INTEGER,
	max_prompt_tokens INTEGER,
	latency_p50_ms	REAL,
	latency_p75_ms	REAL,
	latency_p90_ms	REAL,
	latency_p99_ms	REAL,
	throughput_p50	REAL,
	throughput_p75	REAL,
	throughput_p90	REAL,
	throughput_p99	REAL,
	region		TEXT,
	-- Added in version 18, blob: the current snapshot's blob (blob.id),
	-- which was its 32-byte hash in hash.  (A comment between the last
	-- two columns would stop ALTER TABLE DROP COLUMN blob, which tests
	-- taking a database back use.)
	id		INTEGER PRIMARY KEY,
	blob		INTEGER
);
-- Only a model's rows, a listing's rows and an endpoint id's rows are
-- looked up by an index: views read the whole table and sort in memory,
-- and every sync rewrites each row's last_run_id and stats, which any
-- other index would pay for again (no indexed column changes when a
-- listing does not).  An endpoint id alone (an uptime series, `show ID`)
-- is found by its first 8 characters (version 19; EP_ID_IS in
-- store-private.h), a third of an index of whole ids.
CREATE INDEX endpoint_listing ON endpoint (listing);
CREATE INDEX endpoint_eid ON endpoint (substr(endpoint_id, 1, 8));
-- The key, (model_key, endpoint_id), by the model and the id's first 8
-- characters (version 20; EP_KEY_IS in store-private.h): also the index
-- of a model's rows.  A UNIQUE key of the whole texts held both again
-- (4.2 MB of a first sync, the new index 2.3).  The key stays unique: a
-- row is inserted only by the upsert, which finds the key's row first and
-- updates it (store-endpoints.c); a trigger refuses renaming a row to a
-- key another row has.  (One on every insert too cost the first sync 3%
-- of its CPU time for what the upsert's own lookup ensures.)
CREATE INDEX endpoint_key ON endpoint (model_key, substr(endpoint_id, 1, 8));
CREATE TRIGGER endpoint_key_update
BEFORE UPDATE OF endpoint_id, model_key ON endpoint
WHEN EXISTS (SELECT 1 FROM endpoint WHERE model_key = NEW.model_key
	AND substr(endpoint_id, 1, 8) = substr(NEW.endpoint_id, 1, 8)
	AND +endpoint_id = NEW.endpoint_id AND id != OLD.id)
BEGIN
	SELECT RAISE(ABORT, 'endpoint key is not unique');
END;

-- The snapshots by name: what endpoint_snapshot held before version 16.
CREATE VIEW endpoint_snapshot (run_id, endpoint_id, model_key, hash) AS
	SELECT s.run_id, e.endpoint_id, e.model_key, b.hash
	FROM endpoint_snap s JOIN endpoint e ON e.id = s.ep
	JOIN blob b ON b.id = s.blob_id;

-- A model's endpoint listing as a sync last stored it (version 4).  A sync
-- that receives the very same bytes again (body_sha, the SHA-256 of the
-- response body) knows every object in it is unchanged, and instead of
-- parsing it only marks seen the rows rows_n that listing wrote in run_id --
-- when they are all still stamped with it -- and adds its counters and
-- model names (names: a JSON array of [key, name]) to the run.
CREATE TABLE listing (
	id		INTEGER PRIMARY KEY,
	model_key	TEXT NOT NULL UNIQUE,
	body_sha	TEXT,
	run_id		INTEGER,
	rows_n		INTEGER NOT NULL DEFAULT 0,
	endpoints	INTEGER NOT NULL DEFAULT 0,
	warnings	INTEGER NOT NULL DEFAULT 0,
	names		TEXT
);

-- Time series: metric is latency | throughput | uptime; bucket hour | day;
-- ts is unix seconds at the start of the bucket.
CREATE TABLE endpoint_metric (
	endpoint_id	TEXT NOT NULL,
	metric		TEXT NOT NULL,
	bucket		TEXT NOT NULL CHECK (bucket IN ('hour', 'day')),
	ts		INTEGER NOT NULL,
	value		REAL NOT NULL,
	PRIMARY KEY (endpoint_id, metric, bucket, ts)
) WITHOUT ROWID;

-- Per-database settings (e.g. compression dictionaries, later versions).
CREATE TABLE meta (
	key		TEXT PRIMARY KEY,
	value		TEXT
) WITHOUT ROWID;

-- Model directory: every model key seen, and the other names users know
-- it by -- v1 ids, which are slugs ("mistralai/devstral-small:free") and
-- move from one model key to another over time.  Added in version 2.
CREATE TABLE model (
	model_key	TEXT PRIMARY KEY,
	name		TEXT,
	last_run_id	INTEGER,
	-- Added in version 6: what the model list says of the model
	-- (project/model.h): its public v1 id, canonical slug, dates
	-- (YYYY-MM-DD), modalities and supported parameters (comma lists),
	-- default_parameters and reasoning (compact JSON objects), the
	-- alias target of a ~ alias, the Hugging Face id, links.details,
	-- created (unix seconds), token limits (NULL unknown) and its own
	-- prompt and completion prices (USD per token).
	model_id	TEXT,
	canonical_slug	TEXT,
	expiration_date	TEXT,
	knowledge_cutoff TEXT,
	input_modalities TEXT,
	output_modalities TEXT,
	supported_parameters TEXT,
	default_parameters TEXT,
	reasoning	TEXT,
	alias_target	TEXT,
	alias_target_name TEXT,
	hugging_face_id	TEXT,
	details		TEXT,
	created		INTEGER,
	context_length	INTEGER,
	max_output	INTEGER,
	price_prompt	REAL,
	price_completion REAL,
	listed_name	TEXT	-- v18: the name its listing gave last
) WITHOUT ROWID;

CREATE TABLE model_alias (
	alias		TEXT NOT NULL,
	model_key	TEXT NOT NULL,
	last_run_id	INTEGER,
	PRIMARY KEY (alias, model_key)
) WITHOUT ROWID;
-- A model's newest alias, looked up for every change record that history
-- and changes list (version 15).
CREATE INDEX model_alias_key ON model_alias (model_key, last_run_id DESC,
	alias);

-- Providers (added in version 7): one row per provider slug, from two
-- writers.  The provider list (/api/v1/providers) sets name .. datacenters,
-- hash (its object's blob, snapshotted in model_snapshot under kind
-- 'provider') and listed_run_id; endpoint objects set the fe_* columns,
-- the data policy and provider_region (region), keeping what they do not
-- give.  datacenters: country codes joined by ',', '' for an empty list,
-- NULL when unknown.  Added in version 12: fe_privacy_policy_url and
-- fe_terms_of_service_url, the frontend provider list's documents
-- (dataPolicy.privacyPolicyURL, termsOfServiceURL), standing in where the
-- v1 list gave none.
CREATE TABLE provider (
	slug		TEXT PRIMARY KEY,
	name		TEXT,
	privacy_policy_url TEXT,
	terms_of_service_url TEXT,
	status_page_url	TEXT,
	headquarters	TEXT,
	datacenters	TEXT,
	hash		TEXT,
	listed_run_id	INTEGER,
	fe_name		TEXT,
	fe_headquarters	TEXT,
	fe_status_page_url TEXT,
	training	INTEGER,
	retains_prompts	INTEGER,
	region		TEXT,
	fe_run_id	INTEGER,
	fe_privacy_policy_url TEXT,
	fe_terms_of_service_url TEXT
) WITHOUT ROWID;

-- Model metadata (added in version 12), written by import and by
-- `sync --extras`.  An author: the frontend author route's author object
-- (its blob snapshotted in model_snapshot under kind 'author', the slug as
-- key) and how many models it listed.
CREATE TABLE author (
	slug		TEXT PRIMARY KEY,
	name		TEXT,
	description	TEXT,
	model_count	INTEGER,
	hash		TEXT,
	run_id		INTEGER
) WITHOUT ROWID;

-- The top apps of a model as stats/app last listed them (rank 1 = most
-- tokens); the list's blob is snapshotted under kind 'apps'.  A new list
-- replaces the model's rows.
CREATE TABLE model_app (
	model_key	TEXT NOT NULL,
	rank		INTEGER NOT NULL,
	app_id		INTEGER,
	name		TEXT,
	url		TEXT,
	tokens		INTEGER,
	hash		TEXT,
	run_id		INTEGER,
	PRIMARY KEY (model_key, rank)
) WITHOUT ROWID;

-- A model's daily usage, a time series (no raw JSON): ts is unix seconds
-- at the start of the UTC day; counts NULL when unknown.
CREATE TABLE model_usage (
	model_key	TEXT NOT NULL,
	ts		INTEGER NOT NULL,
	requests	INTEGER,
	prompt_tokens	INTEGER,
	completion_tokens INTEGER,
	reasoning_tokens INTEGER,
	run_id		INTEGER,
	PRIMARY KEY (model_key, ts)
) WITHOUT ROWID;

-- Change records (added in version 10): what each sync or import changed
-- since the previous observation, written with the projection.  kind is a
-- change_kind (below): model_added, model_removed, endpoint_added,
-- endpoint_removed, price_changed (field: a price component, "discount"
-- or "overrides"), context_changed (context_length, max_output),
-- status_changed, expiry_changed, or, for history only, metrics
-- (p50_latency_ms, p50_throughput, uptime) and initial (a field of a
-- listing as it was added: written before the first values went into
-- endpoint_added, and by a second write of a listing within the run that
-- added it).  old and new keep their type (REAL prices, INTEGER limits,
-- TEXT overrides); an endpoint_added record's new is the listing's first
-- values as history replays them ("v1:...", src/store/store-replay.h),
-- NULL in older ones.  A record's time is its run's start
-- (run_log.started_at).  No foreign key: retention deletes snapshots,
-- never these.  Since version 17 a record of an endpoint names it by ep,
-- its projection row's id (endpoint.id), and leaves endpoint_id and
-- provider_slug NULL: those two were a third of a record.  Such a record
-- shows the provider as the row has it now (a tag the provider gained
-- later, "lambda" become "lambda/fp8", shows on its older records too).
-- Older records, and those of an endpoint whose row is folded into
-- another (store-identity.c), keep the two.  Since version 18 such a
-- record's model_key is '' too (the row has it; 29 bytes of a record, and
-- of its index entry): model_key is the model of the records that name no
-- row, and changelog_ep finds a model's others through its rows.  Since
-- version 21 kind is a number and the record keeps no time of its own
-- (the kind's name and the time were 21 bytes of a record, and the time's
-- index 0.8 MB after a first sync of 50,000 endpoints).
CREATE TABLE change_kind (
	id		INTEGER PRIMARY KEY,	-- metrics 0, endpoint_added 1:
	name		TEXT NOT NULL UNIQUE	-- no bytes in a record
);
INSERT INTO change_kind (id, name) VALUES (0, 'metrics'),
	(1, 'endpoint_added'), (2, 'initial'), (3, 'endpoint_removed'),
	(4, 'model_added'), (5, 'model_removed'), (6, 'price_changed'),
	(7, 'context_changed'), (8, 'status_changed'), (9, 'expiry_changed');
CREATE TABLE changelog (
	id		INTEGER PRIMARY KEY,
	run_id		INTEGER NOT NULL,
	kind		INTEGER NOT NULL,	-- change_kind.id
	model_key	TEXT NOT NULL,
	endpoint_id	TEXT,
	provider_slug	TEXT,
	field		TEXT,
	old,			-- no type: values keep theirs
	new,
	ep		INTEGER
);
-- The feed reads the public kinds of the runs of a time (run_log); history's
-- metrics records are thinned by their runs' days (store-gc.c).
CREATE INDEX changelog_run ON changelog (run_id);
CREATE INDEX changelog_model ON changelog (model_key, id)
	WHERE model_key != '';
CREATE INDEX changelog_ep ON changelog (ep, id) WHERE ep IS NOT NULL;
CREATE INDEX changelog_expiry ON changelog (model_key, id)
	WHERE kind = 9;
-- The records as people read them (for sqlite3; the store reads the
-- table): the kind's name and the time (unix ms).
CREATE VIEW changes AS SELECT c.id, c.run_id,
	(SELECT r.started_at FROM run_log r WHERE r.id = c.run_id) AS at,
	(SELECT k.name FROM change_kind k WHERE k.id = c.kind) AS kind,
	c.model_key, c.endpoint_id, c.provider_slug, c.field, c.old, c.new,
	c.ep FROM changelog c;

-- The watchlist (added in version 10).
CREATE TABLE watch (
	model_key	TEXT PRIMARY KEY,
	added_at	INTEGER NOT NULL	-- unix ms
) WITHOUT ROWID;

-- Alerts (added in version 13): the change records that fired an alert
-- rule of the config file (alert.*), one per record, kept until the
-- records are; seen_at (unix ms) is set by `orbrowse alerts --seen`.
CREATE TABLE alert (
	change_id	INTEGER PRIMARY KEY,	-- changelog.id
	run_id		INTEGER NOT NULL,
	rule		TEXT NOT NULL,		-- price_drop, price_rise, ...
	seen_at		INTEGER			-- NULL: not seen yet
);
CREATE INDEX alert_unseen ON alert (change_id) WHERE seen_at IS NULL;
