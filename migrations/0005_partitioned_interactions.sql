-- interactions becomes a table partitioned by UTC month (interactions_YYYY_MM), keeping every row
-- and its id; user_shoe_care refers to a purchase by (id, occurred_at), as PostgreSQL requires of a
-- foreign key to a partitioned table. schema.sql explains the choices.

-- The old table steps aside, giving up its names (constraints, indexes, the identity's sequence).
ALTER TABLE user_shoe_care DROP CONSTRAINT user_shoe_care_purchase_id_fkey;
ALTER TABLE interactions RENAME TO interactions_unpartitioned;
ALTER TABLE interactions_unpartitioned
    DROP CONSTRAINT interactions_pkey,
    DROP CONSTRAINT interactions_one_event,
    DROP CONSTRAINT interactions_user_id_fkey,
    DROP CONSTRAINT interactions_shoe_id_fkey,
    ALTER COLUMN id DROP IDENTITY;
DROP INDEX interactions_by_shoe, interactions_purchases_by_date, interactions_occurred_at_brin;

CREATE TABLE interactions (
    id bigint GENERATED ALWAYS AS IDENTITY,
    occurred_at timestamptz NOT NULL,
    user_id integer NOT NULL REFERENCES users (id),
    shoe_id integer NOT NULL REFERENCES shoes (id),
    kind interaction_kind NOT NULL,
    recommendation_id uuid,
    CONSTRAINT interactions_pkey PRIMARY KEY (id, occurred_at),
    CONSTRAINT interactions_one_event UNIQUE (user_id, occurred_at, shoe_id, kind)
) PARTITION BY RANGE (occurred_at);

CREATE INDEX interactions_by_shoe ON interactions (shoe_id);
CREATE INDEX interactions_purchases_by_date ON interactions (occurred_at) WHERE kind = 'purchase';
CREATE INDEX interactions_occurred_at_brin ON interactions USING brin (occurred_at);

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

-- The existing rows, month by month, with their ids; the identity continues after them.
SELECT interactions_ensure_months(ARRAY(SELECT DISTINCT date_trunc('month', occurred_at, 'UTC') FROM interactions_unpartitioned));
INSERT INTO interactions OVERRIDING SYSTEM VALUE
SELECT id, occurred_at, user_id, shoe_id, kind, recommendation_id FROM interactions_unpartitioned;
SELECT setval(pg_get_serial_sequence('interactions', 'id'), max(id)) FROM interactions HAVING max(id) IS NOT NULL;

ALTER TABLE user_shoe_care ADD COLUMN purchased_at timestamptz;
UPDATE user_shoe_care c SET purchased_at = i.occurred_at FROM interactions_unpartitioned i WHERE i.id = c.purchase_id;
ALTER TABLE user_shoe_care
    ALTER COLUMN purchased_at SET NOT NULL,
    ADD CONSTRAINT user_shoe_care_purchase FOREIGN KEY (purchase_id, purchased_at)
        REFERENCES interactions (id, occurred_at) ON DELETE CASCADE;
DROP TABLE interactions_unpartitioned;
ANALYZE interactions;
