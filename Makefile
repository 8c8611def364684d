# Hubboard: `make run` serves the site with demo content, `make test` runs every test.
SHELL := /bin/bash
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: setup run build build-release build-demo test test-rust test-e2e screenshots soak fuzz bench bench-growth lint fmt watch clean-data

setup:
	@bash .ci/setup

## Build in release mode and serve http://127.0.0.1:3000 with a SQLite file in data/ and demo content.
run: setup build-demo
	@mkdir -p data
	LEPTOS_SITE_ROOT=target/site $(TARGET_DIR)/release/hubboard serve --demo

## The production build: the server without the demo content and development tools.
build-release:
	cargo leptos build --release --split
	$(TARGET_DIR)/release/hubboard precompress target/site/pkg

## The release build with the demo content and development tools (feature `dev`), for `make run`.
build-demo:
	cargo leptos build --release --split --bin-features ssr,dev
	$(TARGET_DIR)/release/hubboard precompress target/site/pkg

## A debug build with the demo content and development tools, for the browser tests.
build:
	cargo leptos build --split --bin-features ssr,dev

## Every test: unit and integration (real SQLite files), then the browser tests in Chromium, JS on and off.
test: setup test-rust test-e2e

## Unit and integration tests on SQLite, then the integration tests again on a throw-away PostgreSQL server.
## Integration tests run four at a time (each starts servers of its own in this process; most of their time is
## spent waiting, so four overlap well on two cores). The stress test renders every page type at once on two
## servers in one process, a few rounds here and many in `make soak`.
TEST_THREADS ?= 4
test-rust:
	cargo test -p hubboard -p app --features app/ssr
	cargo test -p server --features app/ssr,dev -- --test-threads=$(TEST_THREADS)
	bash .ci/with-postgres cargo test -p server --features app/ssr,dev --tests -- --test-threads=$(TEST_THREADS) --include-ignored

test-e2e: build
	cd end2end && HUBBOARD_BIN=$(abspath $(TARGET_DIR))/debug/hubboard npx playwright test

## The main pages at desktop and phone widths, light and dark, as PNG files in screenshots/ (not committed).
screenshots: setup build
	cd end2end && HUBBOARD_BIN=$(abspath $(TARGET_DIR))/debug/hubboard SCREENSHOTS_DIR=$(abspath screenshots) \
		npx playwright test -c screenshots.config.ts

## The long forms: the real binary killed 50 times under write load, and every page type rendered at once for 200
## rounds on two servers in one process, on SQLite then PostgreSQL; then five minutes of
## mixed traffic at 64 connections against the release server on the benchmark data set (figures to docs/BENCHMARKS.md).
soak: setup
	HUBBOARD_CRASH_CYCLES=50 cargo test -p server --features app/ssr,dev --test api crash:: -- --nocapture
	HUBBOARD_CRASH_CYCLES=50 bash .ci/with-postgres cargo test -p server --features app/ssr,dev --test api crash:: -- --nocapture
	HUBBOARD_STRESS_ROUNDS=200 cargo test -p server --features app/ssr,dev --test api stress:: -- --nocapture
	HUBBOARD_STRESS_ROUNDS=200 bash .ci/with-postgres cargo test -p server --features app/ssr,dev --test api stress:: -- --nocapture
	@HUBBOARD_SETUP_BENCH=1 bash .ci/setup
	bash .ci/soak

## The parsers of what people type (Markdown sanitiser, addresses, amounts, search words) against 200,000
## random and hostile inputs each; `make test` runs 256.
fuzz:
	PROPTEST_CASES=200000 cargo test --release -p hubboard --features render --lib properties

## Speed, size and memory against baselines measured in the same run; the report lands in data/bench/.
bench:
	@HUBBOARD_SETUP_BENCH=1 bash .ci/setup
	bash .ci/bench

## The varied-search rows on 10,000, 100,000 and 1,000,000 jobs (figures to the growth section of docs/BENCHMARKS.md).
bench-growth:
	@HUBBOARD_SETUP_BENCH=1 bash .ci/setup
	bash .ci/bench-growth

lint:
	cargo fmt --all -- --check
	cargo clippy -p hubboard -p server --features app/ssr -- -D warnings
	cargo clippy -p server --features app/ssr,dev -- -D warnings
	cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings

fmt:
	cargo fmt --all

## Development: rebuilds and reloads on change.
watch: setup
	cargo leptos watch --split --bin-features ssr,dev

clean-data:
	rm -rf data
