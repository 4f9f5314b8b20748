#!/usr/bin/env bash
# Runs every test of Pathway. Installs what the tests need when it is missing (PostgreSQL and Chromium
# from Debian's packages; npm packages through the build), starts a throw-away PostgreSQL server on a
# free loopback port in a temporary folder, runs every test project against it, stops it, and ends
# with one line: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

log() { echo "test.sh: $*" >&2; }

# --- system packages -------------------------------------------------------------------------
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
missing=()
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian's packages"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || {
    log "could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

# --- a PostgreSQL server of our own ----------------------------------------------------------
work=$(mktemp -d /tmp/pathway-test.XXXXXX)
chmod 755 "$work"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$work"

port=""
for candidate in $(shuf -i 20000-60000 -n 50); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { log "no free port found"; echo "0 passed, 1 failed"; exit 1; }

stop_postgres() {
  as_pg "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop_postgres EXIT

as_pg "$pg_bin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; echo "0 passed, 1 failed"; exit 1; }
# Durability is pointless for a throw-away server; speed is not.
as_pg "$pg_bin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -t 60 \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null || { cat "$work/postgres.log" >&2; echo "0 passed, 1 failed"; exit 1; }
log "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') listening on 127.0.0.1:$port"
export PATHWAY_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"

# --- the tests -------------------------------------------------------------------------------
results="$root/test-output/results"
rm -rf "$results"
mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Pathway.sln -c Release -nologo -v quiet >&2
build=$?
status=0
if [ $build -eq 0 ]; then
  dotnet test Pathway.sln -c Release --no-build --logger "trx" --logger "console;verbosity=normal" \
    --results-directory "$results" "$@" >&2
  status=$?
else
  log "the build failed"
fi

# --- one summary line over every test project ------------------------------------------------
passed=0; failed=0; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$((total + $(get total))); passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
done
skipped=$((total - passed - failed))
# Name each failed test and the first line of its message, so a CI log cut short still says what failed.
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  awk '/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "test.sh: FAILED " substr($0, RSTART + 10, RLENGTH - 11); grab = 1; next }
       grab && /<Message>/ { sub(/.*<Message>/, ""); sub(/<\/Message>.*/, ""); print "test.sh:   " substr($0, 1, 500); grab = 0 }' "$trx" \
    | sed -e 's/&quot;/"/g' -e "s/&apos;/'/g" -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&amp;/\&/g' >&2
done
# A build or run that failed without a failing test still counts as a failure.
if [ $build -ne 0 ] || { [ $status -ne 0 ] && [ $failed -eq 0 ]; }; then failed=$((failed + 1)); fi
line="$passed passed, $failed failed"
[ $skipped -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ $failed -eq 0 ]
