#!/usr/bin/env bash
# The demo page in a real browser: runs Tests/browser (headless Chromium through WebDriver)
# against the release service on a free port (scripts/with-service.sh starts and stops it).
# Expects DATABASE_URL to point at a migrated database holding the default data, as
# scripts/test.sh arranges. The tests act like a user: they record events, mark a care
# notification as sent, add a shoe and retrain; the shoes they add (brand "Browser Test") are
# deleted afterwards with psql. Screenshots go to build/browser-screenshots (git-ignored).
#
#   scripts/browser-test.sh [-k pattern]    # SOLEMATE_BIN overrides .build/release/solemate
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

python3 -c 'import selenium' 2>/dev/null && command -v chromium >/dev/null && command -v chromedriver >/dev/null || {
    echo "browser-test: chromium, chromium-driver or selenium is missing; run scripts/install-deps.sh" >&2
    exit 1
}
export CLEANUP_SQL="DELETE FROM shoes s WHERE brand = 'Browser Test' AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.shoe_id = s.id)"
scripts/with-service.sh browser-test python3 Tests/browser/run.py "$@"
