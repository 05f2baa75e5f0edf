#!/usr/bin/env bash
# Every test suite: domain properties, store on SQLite and PostgreSQL, HTTP handlers, the
# OpenAPI staleness check, the architecture check, black-box tests of the real binary and the
# browser tests. Installs what they need when it can, and says loudly what is skipped when not.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
banner() { printf '\n==================== %s ====================\n' "$*" >&2; }

# PostgreSQL: required in CI; elsewhere used when it answers, loudly skipped when not.
if scripts/setup-postgres.sh; then
  export HUZHU_REQUIRE_POSTGRES=1
else
  if [ "${CI:-}" = "true" ]; then banner "PostgreSQL is required in CI and is not available"; exit 1; fi
  banner "PostgreSQL NOT AVAILABLE: the PostgreSQL halves of the store, HTTP and black-box tests are SKIPPED"
fi

# The SPA is built by `just web` before this script runs; the browser needs Chromium.
export HUZHU_REQUIRE_WEB=1
if scripts/setup-browser.sh; then
  export HUZHU_REQUIRE_BROWSER=1
else
  if [ "${CI:-}" = "true" ]; then banner "Chromium is required in CI and is not available"; exit 1; fi
  banner "CHROMIUM NOT AVAILABLE: the browser tests are SKIPPED"
fi

banner "cargo test (workspace)"
cargo test --workspace --no-fail-fast

banner "cargo test (SPA, native: catalogues and client-side rules)"
cargo test --manifest-path frontend/Cargo.toml

if [ -z "${HUZHU_REQUIRE_POSTGRES:-}" ]; then banner "reminder: PostgreSQL suites were SKIPPED"; fi
if [ -z "${HUZHU_REQUIRE_BROWSER:-}" ]; then banner "reminder: browser tests were SKIPPED"; fi
