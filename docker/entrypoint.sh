#!/bin/sh
# The container's start: the same steps as `make run` after the build.
set -eu
solemate migrate --migrations /app/migrations
solemate import --dir /app/data --if-empty
exec solemate serve
