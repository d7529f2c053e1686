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
# The experiments test creates experiments named browser-* and simulates shoppers in them: their
# events (found through the lists the experiments served), lists and experiments go too.
export CLEANUP_SQL="
DELETE FROM interactions WHERE recommendation_id IN (SELECT e.recommendation_id FROM exposures e
    JOIN experiments x ON x.id = e.experiment_id WHERE x.name LIKE 'browser-%');
DELETE FROM exposures WHERE experiment_id IN (SELECT id FROM experiments WHERE name LIKE 'browser-%');
DELETE FROM experiments WHERE name LIKE 'browser-%';
DELETE FROM shoes s WHERE brand = 'Browser Test' AND NOT EXISTS (SELECT 1 FROM interactions i WHERE i.shoe_id = s.id)"
scripts/with-service.sh browser-test python3 Tests/browser/run.py "$@"
