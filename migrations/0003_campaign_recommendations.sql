-- Campaign exports: the runs and their ranked lists (schema.sql explains them).

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
