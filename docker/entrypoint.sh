#!/bin/sh
# The container's start. With no argument: the same steps as `make run` after the build (migrate,
# import data/ once, train and serve). `trainer`: migrate, import once, then `solemate train`
# every TRAIN_EVERY_SECONDS (default 3600), each run publishing a version for the replicas.
# `replica`: `solemate serve --no-train`, which waits for a published version.
set -eu
role=${1:-serve}
case "$role" in
    serve)
        solemate migrate --migrations /app/migrations
        solemate import --dir /app/data --if-empty
        exec solemate serve ;;
    trainer)
        solemate migrate --migrations /app/migrations
        solemate import --dir /app/data --if-empty
        while true; do
            solemate train || echo "training failed; the replicas keep the version before" >&2
            sleep "${TRAIN_EVERY_SECONDS:-3600}"
        done ;;
    replica)
        exec solemate serve --no-train ;;
    *)
        echo "entrypoint: unknown role $role (serve, trainer or replica)" >&2
        exit 2 ;;
esac
