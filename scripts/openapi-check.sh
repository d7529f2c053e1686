#!/usr/bin/env bash
# Starts the release service on a free loopback port with an admin token, waits for /ready, and
# checks its real responses against openapi.yaml (scripts/check-openapi.py). Always stops the
# service. Expects DATABASE_URL to point at a migrated database holding the default data, as
# scripts/test.sh arranges (`solemate migrate` and `solemate import --dir data --if-empty`).
# The check writes what a client would (see scripts/check-openapi.py); the probe shoe it adds is
# deleted afterwards with psql.
#
#   scripts/openapi-check.sh            # SOLEMATE_BIN overrides .build/release/solemate
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

python3 -c 'import yaml, jsonschema, openapi_schema_validator' 2>/dev/null || {
    echo "openapi-check: missing Python packages; install with:" >&2
    echo "    python3 -m pip install PyYAML jsonschema openapi-schema-validator openapi-spec-validator rfc3339-validator" >&2
    exit 1
}
# A storefront origin, so the checker sees CORS answered as documented.
export CORS_ORIGINS=${CORS_ORIGINS:-http://storefront.example}
# The checker's POST /shoes probes (brand "OpenAPI Check", never interacted with) go again.
export CLEANUP_SQL="DELETE FROM shoes s WHERE brand = 'OpenAPI Check' AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.shoe_id = s.id)"
# shellcheck disable=SC2016 # expanded by the inner shell, once with-service.sh has set it
scripts/with-service.sh openapi-check bash -c 'python3 scripts/check-openapi.py "$SERVICE_URL"'
