#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers for the PostgreSQL test suites at
# HUZHU_TEST_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres). Uses the one that
# answers; only where none does, installs Debian's PostgreSQL and starts it with trust
# authentication on 127.0.0.1 (a throw-away test server).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
URL="${HUZHU_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
hostport="${URL#*://}"; hostport="${hostport#*@}"; hostport="${hostport%%/*}"
HOST="${hostport%%:*}"; PORT="${hostport##*:}"; [ "$PORT" = "$HOST" ] && PORT=5432

answers() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

if answers; then
  echo "setup-postgres: PostgreSQL answers at $HOST:$PORT" >&2
  exit 0
fi
echo "setup-postgres: no PostgreSQL at $HOST:$PORT; installing a local test server" >&2
apt_install postgresql
version="$(ls /etc/postgresql | sort -V | tail -n 1)"
hba="/etc/postgresql/$version/main/pg_hba.conf"
if ! as_root grep -q '^host all all 127.0.0.1/32 trust' "$hba"; then
  as_root sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
fi
as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || as_root pg_ctlcluster "$version" main restart >&2
for _ in $(seq 1 30); do answers && { echo "setup-postgres: PostgreSQL $version started" >&2; exit 0; }; sleep 1; done
echo "setup-postgres: PostgreSQL did not start at $HOST:$PORT" >&2
exit 1
