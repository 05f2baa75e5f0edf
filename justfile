# Huzhu's tasks. `just run` starts Huzhu with demo data; `just test` runs every test suite.

set shell := ["bash", "-euo", "pipefail", "-c"]

# List the tasks.
default:
    @just --list

# Build the SPA and run Huzhu with demo data at http://127.0.0.1:8080 (embedded SQLite under ./data).
run: web
    HUZHU_PLAIN_LOCALHOST=true cargo run --release -p huzhu-server -- serve --demo --bind 127.0.0.1:8080

# Build the Yew SPA into frontend/dist (sets up the wasm toolchain when missing).
web:
    scripts/build-web.sh

# Every test suite: unit, store on SQLite and PostgreSQL, HTTP, OpenAPI, black-box, browser.
test: web
    scripts/test.sh

# What CI runs: the tests, then formatting and lints.
ci: test lint

# Format all Rust code.
fmt:
    cargo fmt --all
    cd frontend && cargo fmt

# Formatting check and clippy with warnings as errors.
lint:
    cargo fmt --all -- --check
    cd frontend && cargo fmt -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Benchmarks (release build); figures and how they were taken: docs/benchmarks.md.
bench: bench-roster bench-coverage bench-engine bench-settlements bench-ledger bench-login

# Roster import: dry run, commit and payment of a generated roster on SQLite and PostgreSQL.
bench-roster rows="100000":
    cargo run --release -q -p huzhu-e2e --bin huzhu-bench -- roster --rows {{rows}}

# The benefit engine adjudicating 200,000 generated claims on one core.
bench-engine claims="200000":
    cargo run --release -q -p huzhu-e2e --bin huzhu-bench -- engine --claims {{claims}}

# The medical-insurance settlement feed: 100,000 records end to end on SQLite.
bench-settlements records="100000":
    cargo run --release -q -p huzhu-e2e --bin huzhu-bench -- settlements --records {{records}}

# Post 1,000,000 journal entries, then time the trial balance and a fund statement.
bench-ledger entries="1000000":
    cargo run --release -q -p huzhu-e2e --bin huzhu-bench -- ledger --entries {{entries}}

# A 1,000-login flood against the release server on SQLite and PostgreSQL: what it was told,
# the server's memory, and another user's GET /me meanwhile.
bench-login requests="1000":
    cargo build --release -q -p huzhu-server --bin huzhu
    HUZHU_BIN=target/release/huzhu cargo run --release -q -p huzhu-e2e --bin huzhu-bench -- login-flood --requests {{requests}}

# Coverage enquiry under load: 1,000,000 members on SQLite, driven by wrk (see docs/benchmarks.md).
bench-coverage members="1000000" seconds="30":
    scripts/bench-coverage.sh {{members}} {{seconds}}

# Regenerate api-spec/openapi.json from the code.
openapi:
    cargo run -q -p huzhu-server -- openapi

# Run on PostgreSQL instead of SQLite, e.g. `just run-pg postgres://postgres@127.0.0.1:5432/huzhu`.
run-pg url: web
    HUZHU_PLAIN_LOCALHOST=true HUZHU_DATABASE_URL={{url}} cargo run --release -p huzhu-server -- serve --demo --bind 127.0.0.1:8080
