#!/usr/bin/env bash
# Coverage enquiry under load: seeds a SQLite database with N members (default 1,000,000) and
# their cover, serves it with the release build, and drives POST /api/v1/coverage/eligibility
# with wrk as an integrator would. Usage: scripts/bench-coverage.sh [members] [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

members=${1:-1000000}
seconds=${2:-30}
connections=${3:-64}
port=18181
dir=target/bench-coverage/$members

command -v wrk >/dev/null 2>&1 || apt_install wrk || {
  echo "wrk is needed for this benchmark: install it (apt-get install wrk)" >&2
  exit 1
}
command -v curl >/dev/null 2>&1 || apt_install curl

cargo build --release -q -p huzhu-server -p huzhu-e2e --bin huzhu --bin huzhu-bench

# Fixed keys: the seeding program writes what the server must read.
export HUZHU_LOOKUP_KEY=bench-lookup-key-bench-lookup-key-0001
export HUZHU_DATA_KEY=bench-data-key-bench-data-key-0000001
export HUZHU_JWT_SECRET=bench-jwt-secret-bench-jwt-secret-0001

if [ ! -f "$dir/seeded" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  ./target/release/huzhu-bench coverage-seed --db "$dir/huzhu.sqlite3" --members "$members" --ids "$dir/ids.txt"
  touch "$dir/seeded"
fi

RUST_LOG=warn HUZHU_DATA_DIR="$dir" HUZHU_DATABASE_URL="$dir/huzhu.sqlite3" \
  ./target/release/huzhu serve --bind "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
  sleep 0.2
done

# The integrator's client that coverage-seed registered (tests/src/bin/bench/coverage.rs).
token=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/auth/token" \
  -H 'content-type: application/json' \
  -d '{"grant_type":"client_credentials","client_id":"bench-integrator","client_secret":"bench-integrator-secret-2026-bench-integrator"}' |
  sed -E 's/.*"access_token":"([^"]+)".*/\1/')
today=$(TZ=Asia/Shanghai date +%F)
sample=$(head -1 "$dir/ids.txt")
echo "one answer:"
curl -fs -X POST "http://127.0.0.1:$port/api/v1/coverage/eligibility" -H 'content-type: application/json' \
  -H "authorization: Bearer $token" -d "{\"id_number\":\"$sample\",\"event_date\":\"$today\"}"
echo
# A serving database is hot in the operating system's page cache; a file just seeded may not
# be. Read it once and run a short warm-up so the figure is the steady state, not the disk.
cat "$dir/huzhu.sqlite3" >/dev/null
wrk -t2 -c"$connections" -d5s -s scripts/bench/eligibility.lua \
  "http://127.0.0.1:$port" -- "$token" "$dir/ids.txt" "$today" >/dev/null
echo "wrk: $connections connections, 2 threads, ${seconds} s, $members members"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s scripts/bench/eligibility.lua \
  "http://127.0.0.1:$port" -- "$token" "$dir/ids.txt" "$today"
