-- Published model versions: a trainer writes a version's archive in chunks, then its pointer row
-- (schema.sql explains them).

CREATE TABLE model_version_chunks (
    version text NOT NULL,
    seq integer NOT NULL CHECK (seq >= 0),
    data bytea NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (version, seq)
);

-- Float and CRC-checked bytes do not compress: store them out of line as they are.
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
