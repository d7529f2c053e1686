# The two commands of the README, and the steps they are made of. Every step is idempotent.
SHELL := /bin/bash

.PHONY: run test deps db build release migrate data clean-db help

## make run: install what is missing, start PostgreSQL, migrate, load data/, train, serve on :8080
run: deps release
	scripts/run.sh

## make test: the same set-up, then every test
test: deps
	scripts/test.sh

deps:
	scripts/install-deps.sh

db: deps
	scripts/db-url.sh >/dev/null

build: deps
	swift build

release: deps
	swift build -c release --product solemate

migrate: db release
	url=$$(scripts/db-url.sh) && DATABASE_URL=$$url .build/release/solemate migrate

data: migrate
	url=$$(scripts/db-url.sh) && DATABASE_URL=$$url .build/release/solemate import --dir data --if-empty

## make clean-db: stop the project-local PostgreSQL and delete its folder (`scripts/pg.sh where` names it)
clean-db:
	scripts/pg.sh destroy

help:
	@grep -E '^## ' Makefile | sed 's/^## //'
