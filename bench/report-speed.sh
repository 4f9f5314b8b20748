#!/usr/bin/env bash
# Times `pathway report` for one year on a synthetic area, on SQLite and (when PATHWAY_BENCH_POSTGRES is set
# to an empty database's connection string) on PostgreSQL. Usage: bench/report-speed.sh [PEOPLE] (default 300000).
# The area is made by `pathway demo`, which writes through EF Core: about 1 minute per 30,000 people here.
set -euo pipefail
people=${1:-300000}
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$root/src/Pathway" -c Release -nologo -v quiet >&2
pathway="$root/src/Pathway/bin/Release/net10.0/pathway"
work=$(mktemp -d)
from=$(date -d "-1 year" +%F); to=$(date +%F)
run() {
  local db=$1 name=$2
  echo "$name: generating $people people over 1 year" >&2
  "$pathway" demo --db "$db" --people "$people" --years 1 >/dev/null
  "$pathway" report --db "$db" --from "$from" --to "$to" >/dev/null   # warm the cache
  for i in 1 2 3; do
    /usr/bin/time -f "$name report (one year, $people people): %e s" "$pathway" report --db "$db" --from "$from" --to "$to" >/dev/null
  done
}
run "$work/bench.db" SQLite
[ -n "${PATHWAY_BENCH_POSTGRES:-}" ] && run "$PATHWAY_BENCH_POSTGRES" PostgreSQL
rm -rf "$work"
