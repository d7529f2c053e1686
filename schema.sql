-- Solemate's whole current schema. `solemate migrate` reaches exactly this from an empty database
-- by applying migrations/ in order (a test compares `pg_dump --schema-only` of both); change the
-- schema by adding a migration and updating this file in the same commit.
--
-- Built for an interactions table of billions of rows:
--  * Declarative RANGE partitions by UTC month on occurred_at (interactions_YYYY_MM). Retention is
--    DETACH and DROP of whole months (`solemate retention --keep-months N`), never DELETE and
--    vacuum; vacuum, ANALYZE and index builds work on one month at a time; training reads each
--    month it needs with one COPY; the care and replacement scans prune the months they cannot reach.
--  * Partitions are created ahead of the rows by whoever writes them: interactions_ensure_months(times)
--    creates the months missing for a set of times (the import for its batch, POST /interactions
--    for its batch, the service for this month and the next at start and hourly). No DEFAULT
--    partition, on purpose: rows landing there would have to be moved (ids, and the notifications
--    that refer to them) before their month could be created, its presence makes every new month's
--    ATTACH scan it, and it defeats ordered scans across months. A writer that skips the function
--    gets SQLSTATE 23514 ("no partition"), loudly, rather than a silently misfiled row.
--  * A partition is built apart and ATTACHed (SHARE UPDATE EXCLUSIVE on the parent: reads and writes
--    go on), with its indexes named after the parent's plus _YYYY_MM, so EXPLAIN names them.
--  * Narrow rows: int4 user and shoe ids, a 4-byte enum for the kind, columns ordered so nothing is
--    padded (bigint, timestamptz, int4, int4, enum): about 60 bytes a row with the tuple header.
--  * PostgreSQL requires the partition key in every primary key, unique constraint and foreign key
--    that points at the table: the key is (id, occurred_at), and user_shoe_care names its purchase
--    by (purchase_id, purchased_at). Ids stay unique on their own (one identity for all months).
--  * The one composite B-tree, UNIQUE (user_id, occurred_at, shoe_id, kind), does two jobs: it is the
--    index for "a user's history by time" (an index range scan per user and month), and it makes an
--    event idempotent, so re-importing a file or re-sending a batch never duplicates rows.
--  * A shoe's interactions: a B-tree on shoe_id alone.
--  * The care and replacement scans read purchases by date: a partial index on occurred_at
--    WHERE kind = 'purchase', a few percent of the rows and so a few percent of the size.
--  * Time-range scans within a month use a BRIN index on occurred_at: rows arrive in time order,
--    so a few kilobytes of BRIN summarise a month where a B-tree would take gigabytes.
--  * Training never pages through the table: it streams each month with COPY ... TO STDOUT (binary).
--
-- How far this goes (on paper; one server, NVMe, 64 GB RAM). A row is ~60 bytes of heap; its
-- indexes add the primary key (~30 B), interactions_one_event (~40 B), by_shoe (~3 B: B-tree
-- deduplication keeps each shoe id once per page), the partial purchases index (~1 B at 3 %
-- purchases) and BRIN (~0): about 135 bytes a row on disk, 135 GB per 10^9 rows, 1.35 TB per 10^10.
--  * 10^9 rows (~28 M events a month for 3 years: 36 partitions of ~4 GB, ~2 GB of it indexes):
--    comfortable. The current month's indexes fit in memory, so ingestion touches hot pages only;
--    a care page or a user's history reads a few pages per month it touches.
--  * 10^10 rows (~85 M a month for 10 years: 120 partitions of ~11 GB, ~6 GB of indexes each):
--    still one server. Ingestion updates three B-trees a row; with the current month cached, one
--    server sustains roughly 50-100 k rows/s by COPY and 5-20 k/s in small transactions, far
--    above 85 M a month (~33 rows/s on average, peaks of a few thousand). Costs that grow with the
--    months: a query without a time bound plans all 120 (~1 ms), and a lookup by id alone (the
--    notifications' purchase ids) probes every month's primary key.
--  * Training cannot read 10^10 rows: 25 bytes an event in memory (InteractionLog) is 250 GB, and
--    decoding the COPY runs at ~1-2 M rows/s a core, 1.5-3 hours. TRAINING_WINDOW_DAYS bounds both
--    (90 days of 85 M a month: 255 M events, ~6 GB, a few minutes), and retention bounds the disk.
--  * Where a single PostgreSQL stops: around 5-10 TB (4-7 x 10^10 rows). Base backups, restores
--    and replica rebuilds at ~500 MB/s take 3-6 hours; anti-wraparound freezing of old months
--    competes with ingestion; sustained ingestion beyond ~100 k rows/s writes ~30-50 MB/s of WAL
--    (indexes and full-page images), more than a replica replays comfortably; and thousands of
--    partitions slow planning and locking. Beyond that the events belong on several servers
--    (distributed by user_id, Citus-style) or old months in columnar files the trainer reads;
--    this schema does not attempt either.

CREATE TYPE interaction_kind AS ENUM ('view', 'add_to_wishlist', 'purchase');
CREATE TYPE notification_kind AS ENUM ('care', 'replacement');

-- Ids are given by the shop's data (import) or by the identity (users and shoes created through the API).
CREATE TABLE users (
    id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    age smallint NOT NULL CHECK (age BETWEEN 13 AND 120),
    gender text NOT NULL CHECK (gender <> ''),
    primary_usage text NOT NULL CHECK (primary_usage <> ''),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- lifespan_days estimates how long a pair lasts: purchase + lifespan = end of life (replacement).
CREATE TABLE shoes (
    id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    brand text NOT NULL CHECK (brand <> ''),
    model text NOT NULL CHECK (model <> ''),
    type text NOT NULL CHECK (type <> ''),
    material text NOT NULL CHECK (material <> ''),
    color text NOT NULL CHECK (color <> ''),
    price numeric(10, 2) NOT NULL CHECK (price >= 0),
    care_instructions text NOT NULL,
    lifespan_days integer NOT NULL CHECK (lifespan_days > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE interactions (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    user_id integer NOT NULL REFERENCES users (id),
    shoe_id integer NOT NULL REFERENCES shoes (id),
    kind interaction_kind NOT NULL,
    -- The list the storefront says the event came from (echoed from a list response); not a
    -- foreign key: the exposure may still be in the logger's queue when the event arrives, and
    -- exposures are dropped by retention. The report checks it against the exposure log.
    recommendation_id uuid,
    CONSTRAINT interactions_pkey PRIMARY KEY (id, occurred_at),
    CONSTRAINT interactions_one_event UNIQUE (user_id, occurred_at, shoe_id, kind)
) PARTITION BY RANGE (occurred_at);

CREATE INDEX interactions_by_shoe ON interactions (shoe_id);
CREATE INDEX interactions_purchases_by_date ON interactions (occurred_at) WHERE kind = 'purchase';
CREATE INDEX interactions_occurred_at_brin ON interactions USING brin (occurred_at);

-- The month partitions: see the top of this file.
CREATE FUNCTION interactions_ensure_months(times timestamptz[]) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    missing timestamp[];
    month timestamp;
    part text;
    suffix text;
BEGIN
    SELECT array_agg(m ORDER BY m) INTO missing
    FROM (SELECT DISTINCT date_trunc('month', t AT TIME ZONE 'UTC') AS m FROM unnest(times) AS t WHERE t IS NOT NULL) months
    WHERE to_regclass('interactions_' || to_char(m, 'YYYY_MM')) IS NULL;
    IF missing IS NULL THEN
        RETURN 0;
    END IF;
    -- ATTACH takes this lock anyway; taken first, it serialises creators without blocking reads
    -- or writes, and it makes a partition another session has just committed visible here.
    LOCK TABLE interactions IN SHARE UPDATE EXCLUSIVE MODE;
    FOREACH month IN ARRAY missing LOOP
        suffix := to_char(month, 'YYYY_MM');
        part := 'interactions_' || suffix;
        CONTINUE WHEN to_regclass(part) IS NOT NULL;
        -- Built apart and attached, so that its indexes carry the parent's names (what EXPLAIN
        -- shows) and the parent is never locked against reads (CREATE ... PARTITION OF would).
        EXECUTE format('CREATE TABLE %I (LIKE interactions INCLUDING DEFAULTS)', part);
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (id, occurred_at), '
                       'ADD CONSTRAINT %I UNIQUE (user_id, occurred_at, shoe_id, kind)',
                       part, part || '_pkey', 'interactions_one_event_' || suffix);
        EXECUTE format('CREATE INDEX %I ON %I (shoe_id)', 'interactions_by_shoe_' || suffix, part);
        EXECUTE format('CREATE INDEX %I ON %I (occurred_at) WHERE kind = ''purchase''',
                       'interactions_purchases_by_date_' || suffix, part);
        EXECUTE format('CREATE INDEX %I ON %I USING brin (occurred_at)', 'interactions_occurred_at_brin_' || suffix, part);
        EXECUTE format('ALTER TABLE interactions ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
                       part, (month AT TIME ZONE 'UTC')::text, ((month + interval '1 month') AT TIME ZONE 'UTC')::text);
    END LOOP;
    RETURN cardinality(missing);
END
$$;

COMMENT ON FUNCTION interactions_ensure_months(timestamptz[]) IS
    'Creates the missing month partitions of interactions that would hold these times; answers how many.';

-- One row per care or replacement notification sent, tied to the purchase it is about (the user
-- and the shoe follow from the purchase, so they are not repeated here). due_on is the day the
-- notification was due: sending the same one twice hits user_shoe_care_once and changes nothing.
-- purchased_at repeats the purchase's occurred_at: a foreign key to a partitioned table must name
-- its partition key. Retention deletes a month's notifications before it drops the month.
CREATE TABLE user_shoe_care (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purchase_id bigint NOT NULL,
    kind notification_kind NOT NULL,
    due_on date NOT NULL,
    sent_at timestamptz NOT NULL DEFAULT now(),
    purchased_at timestamptz NOT NULL,
    CONSTRAINT user_shoe_care_once UNIQUE (purchase_id, kind, due_on),
    CONSTRAINT user_shoe_care_purchase FOREIGN KEY (purchase_id, purchased_at)
        REFERENCES interactions (id, occurred_at) ON DELETE CASCADE
);

-- "Was a care notification sent for this purchase in the last interval?"
CREATE INDEX user_shoe_care_recent ON user_shoe_care (purchase_id, kind, sent_at);

-- Online experiments (issue 10). An experiment splits one surface's users into arms by a salted
-- hash of the user id (the salt is stored, so the split is the same on every restart and replica);
-- the partial unique index allows at most one running experiment per surface. Arms are rows, in
-- order (arm 0 is the control); `params` holds a model's parameters (`{"alpha": 0.5}`) and
-- `model_version` a pinned version's id. A user's first request in an experiment is recorded in
-- experiment_assignments (users assigned, for the sample-ratio check), once per user.
CREATE TYPE experiment_status AS ENUM ('running', 'stopped');
CREATE TYPE exposure_surface AS ENUM ('recommendations', 'similar', 'popular');

CREATE TABLE experiments (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    surface exposure_surface NOT NULL,
    salt text NOT NULL CHECK (salt <> ''),
    traffic_percent smallint NOT NULL CHECK (traffic_percent BETWEEN 1 AND 100),
    status experiment_status NOT NULL DEFAULT 'running',
    created_at timestamptz NOT NULL DEFAULT now(),
    stopped_at timestamptz,
    CONSTRAINT experiments_name_unique UNIQUE (name),
    CONSTRAINT experiments_stopped_when_stopped CHECK ((status = 'stopped') = (stopped_at IS NOT NULL))
);

CREATE UNIQUE INDEX experiments_one_running_per_surface ON experiments (surface) WHERE status = 'running';

CREATE TABLE experiment_arms (
    experiment_id integer NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    arm smallint NOT NULL CHECK (arm >= 0),
    name text NOT NULL CHECK (name <> ''),
    model text NOT NULL CHECK (model <> ''),
    weight double precision NOT NULL CHECK (weight > 0),
    params jsonb,
    model_version text,
    PRIMARY KEY (experiment_id, arm),
    CONSTRAINT experiment_arms_name_unique UNIQUE (experiment_id, name)
);

CREATE TABLE experiment_assignments (
    experiment_id integer NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
    user_id integer NOT NULL,
    arm smallint NOT NULL,
    assigned_at timestamptz NOT NULL,
    PRIMARY KEY (experiment_id, user_id)
);

-- The exposure log: one row per served list (recommendations, similar, popular), written by the
-- service's asynchronous logger in batches with COPY. Built for volume:
--  * Declarative RANGE partitions by UTC day on served_at (exposures_YYYYMMDD), created by the
--    logger ahead of the rows it writes (today and tomorrow); retention (EXPOSURE_RETENTION_DAYS)
--    is DROP TABLE of whole day partitions, no DELETE and no vacuum of dead rows.
--  * A BRIN index on served_at: rows arrive in time order, so the report's time-range scans cost a
--    few kilobytes of index per day.
--  * recommendation_id (a random UUID) is what events echo; user_id + served_at finds the latest
--    list shown to a user for window attribution.
--  * shoe_ids holds the list in order: position p is shoe_ids[p] (1-based). experiment_id and arm
--    (experiment_arms.arm) are NULL outside an experiment, user_id for lists of no user (similar,
--    popular). latency_us is the time to compute the list, for the report's guardrail.
-- No primary key: PostgreSQL would require served_at in it, and nothing refers to an exposure by key.
CREATE TABLE exposures (
    served_at timestamptz NOT NULL,
    recommendation_id uuid NOT NULL,
    user_id integer,
    experiment_id integer,
    arm smallint,
    surface exposure_surface NOT NULL,
    latency_us integer NOT NULL,
    shoe_ids integer[] NOT NULL,
    model text NOT NULL,
    model_version text NOT NULL
) PARTITION BY RANGE (served_at);

CREATE INDEX exposures_served_at_brin ON exposures USING brin (served_at);
CREATE INDEX exposures_by_recommendation ON exposures (recommendation_id);
CREATE INDEX exposures_by_user ON exposures (user_id, served_at) WHERE user_id IS NOT NULL;

-- Batch exports for campaigns (`solemate export --format table`, POST /admin/exports): one
-- campaign_runs row per export and its ranked lists in campaign_recommendations. An export writes
-- its run row, every list (one COPY) and completed_at in one transaction, so a run is either
-- absent or complete: an interrupted export leaves nothing behind. No foreign keys to users or
-- shoes: the COPY of millions of rows checks nothing per row, and a campaign's record outlives
-- a shoe leaving the catalogue.
CREATE TABLE campaign_runs (
    run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model text NOT NULL,
    model_version text NOT NULL,
    k smallint NOT NULL CHECK (k BETWEEN 1 AND 100),
    filter text NOT NULL,
    users integer NOT NULL DEFAULT 0,
    started_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz
);

CREATE TABLE campaign_recommendations (
    run_id bigint NOT NULL REFERENCES campaign_runs (run_id) ON DELETE CASCADE,
    user_id integer NOT NULL,
    rank smallint NOT NULL CHECK (rank >= 1),
    shoe_id integer NOT NULL,
    score double precision NOT NULL,
    model text NOT NULL,
    model_version text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, user_id, rank)
);

-- Published model versions (`solemate train`, and `solemate serve` after each training), read by
-- replicas (`solemate serve --no-train`). The trainer writes the version's archive (the binary
-- form of Recommender/Archive: format, CRC-32C) as model_version_chunks rows of a few MiB, then,
-- in one transaction, its model_versions pointer row and `NOTIFY solemate_model_versions` with
-- the version id: a pointer names only complete versions, and a replica that finds a chunk
-- missing or a checksum wrong refuses the version and keeps serving its own. The newest version is
-- the pointer with the highest published_seq. Pruning keeps the newest N and any version an
-- experiment that is still running pins (experiment_arms.model_version), and deletes chunks no
-- pointer names once they are an hour old (a trainer that died half-way).
CREATE TABLE model_version_chunks (
    version text NOT NULL,
    seq integer NOT NULL CHECK (seq >= 0),
    data bytea NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (version, seq)
);

ALTER TABLE model_version_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

CREATE TABLE model_versions (
    version text PRIMARY KEY,
    published_seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    format integer NOT NULL,
    byte_count bigint NOT NULL CHECK (byte_count > 0),
    chunk_count integer NOT NULL CHECK (chunk_count > 0),
    crc32c bigint NOT NULL,
    trained_at timestamptz NOT NULL,
    events bigint NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
);
