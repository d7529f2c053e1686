-- Online experiments: the experiments and their arms, who was assigned to which arm, every served
-- list (the exposure log, partitioned by day), and the list an event came from on interactions.
-- schema.sql explains the choices.

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

ALTER TABLE interactions ADD COLUMN recommendation_id uuid;
