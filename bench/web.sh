# bench/run web [SECONDS]: the pages staff open all day, under many users at once. Sourced by bench/run, which has built
# pathway, generated a national-scale bundle ($work/bundle, $people people referred over the last three years) and started a
# throw-away PostgreSQL server ($pg, $port, $work, $pathway).
# For each database (a SQLite file, then PostgreSQL) it fills the demonstration area (`pathway demo`, 600 people, with its
# sign-ins), loads the national bundle beside it as source NATIONAL, starts `pathway serve --demo`, signs in a session per
# simulated user (CONCURRENCY of them, default 50, for a worker and as many for a commissioner), and drives each page:
#   - with wrk (Debian's package) at CONCURRENCY connections for SECONDS (default 60), every request on a session picked at
#     random, each connection sending its next request as soon as the last is answered (the most the server can do);
#   - with hey (Debian's package) at CONCURRENCY users each asking one page a second for SECONDS/2. hey's workers keep
#     step, so this is a burst of CONCURRENCY simultaneous requests every second with the server idle in between: what
#     everyone waits when the whole team clicks at once, not the steady flow of wrk.
# Each line: p50 and p99 latency, requests per second, and errors (non-2xx/3xx answers plus socket errors).
# The floor is /bench/floor (src/Pathway/Web/BenchFloor.cs): the same cookie, session check and authorisation as the caseload,
# and the caseload's one indexed query, without the page, its other queries or its audit event.
seconds=${2:-60}
concurrency=${CONCURRENCY:-50}
command -v wrk >/dev/null && command -v hey >/dev/null || { echo "bench/run web needs wrk and hey: apt-get install wrk hey" >&2; exit 1; }
web_port=$(shuf -i 20000-60000 -n 1)
base="http://127.0.0.1:$web_port"

# sign_in EMAIL: prints the session cookie of a fresh sign-in.
sign_in() {
  local jar token
  jar=$(mktemp "$work/jar.XXXXXX")
  token=$(curl -s -c "$jar" -b "$jar" "$base/sign-in" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Email=$1" --data-urlencode "Password=demo-password-pathway" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/sign-in"
  awk '$6 == "pathway.session" { print "pathway.session=" $7 }' "$jar"
}
export -f sign_in; export work base

# A wrk script: each request on a random session from COOKIES, to a random path from PATHS (one a line).
cat >"$work/pages.lua" <<'EOF'
local function lines(file) local t = {} for l in io.lines(file) do if #l > 0 then t[#t + 1] = l end end return t end
local cookies, paths
init = function(args) cookies = lines(args[1]); paths = lines(args[2]); math.randomseed(os.time() + math.random(1000)) end
request = function()
  return wrk.format("GET", paths[math.random(#paths)], { Cookie = cookies[math.random(#cookies)] })
end
EOF

# drive NAME COOKIES PATHS: one wrk run, one line of figures.
drive() {
  local name=$1 cookies=$2 paths=$3 out="$work/wrk-${1//[^a-z]/_}.txt"
  wrk -t 2 -c "$concurrency" -d "${seconds}s" --timeout 30s --latency -s "$work/pages.lua" "$base" -- "$cookies" "$paths" >"$out" 2>&1
  awk -v name="$name" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; return v * 1000 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) } $1 == "Requests/sec:" { rps = $2 }
    /requests in/ { total = $1 } /Non-2xx or 3xx/ { errors += $NF }
    /Socket errors/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "  %-16s p50 %8.1f ms   p99 %8.1f ms   %8.1f req/s   %7d requests   %5d errors\n", name, p50, p99, rps, total, errors }' "$out"
}

# pace NAME COOKIES PATH: hey at one request a second per user, one session for all (hey sends one set of headers).
pace() {
  local name=$1 out="$work/hey-${1//[^a-z]/_}.txt"
  hey -z "$((seconds / 2))s" -c "$concurrency" -q 1 -t 30 -H "Cookie: $(head -1 "$2")" "$base$3" >"$out" 2>&1
  awk -v name="$name" '
    $1 == "50%" && $2 == "in" { p50 = $3 * 1000 } $1 == "99%" && $2 == "in" { p99 = $3 * 1000 } $1 == "Requests/sec:" { rps = $2 }
    $1 == "Slowest:" { slowest = $2 * 1000 }
    /^Status code distribution/ { part = "status"; next } /^Error distribution/ { part = "error"; next }
    part == "status" && /^ +\[/ { code = $1; gsub(/[^0-9]/, "", code); total += $2; if (code !~ /^[23]/) errors += $2 }
    part == "error" && /^ +\[/ { n = $1; gsub(/[^0-9]/, "", n); total += n; errors += n }
    END { if (p99 == "") p99 = slowest  # hey leaves out the 99th percentile under 100 answers
          printf "  %-16s p50 %8.1f ms   p99 %8.1f ms   %8.1f req/s   %7d requests   %5d errors\n", name, p50, p99, rps, total, errors }' "$out"
}

# fill DB: the demonstration area, then the national bundle beside it. The loader refuses a database holding demonstration
# data (its sign-ins have a published password); this throw-away database sets the demo's stamp aside for the load.
fill() {
  local db=$1 run
  "$pathway" demo --db "$db" >/dev/null 2>"$work/demo.err" || { cat "$work/demo.err" >&2; exit 1; }
  case $db in
    Host=*) run() { "$pg_bin/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d web -c "$1"; } ;;
    *) run() { sqlite3 "$db" "$1"; } ;;
  esac
  run 'CREATE TABLE bench_stamp AS SELECT * FROM "DemoStamps"; DELETE FROM "DemoStamps";'
  "$pathway" load "$work/bundle" --source NATIONAL --db "$db" >/dev/null 2>"$work/load.err" || { cat "$work/load.err" >&2; exit 1; }
  run 'INSERT INTO "DemoStamps" SELECT * FROM bench_stamp; DROP TABLE bench_stamp;'
  case $db in Host=*) run "VACUUM ANALYZE" ;; *) run "ANALYZE" ;; esac
}

# bench_web NAME DB: serve the demonstration area from DB and drive every page.
bench_web() {
  local name=$1 db=$2
  Pathway__SignInAttemptsPerMinute=100000 Pathway__BenchFloor=true "$pathway" serve --demo --db "$db" --urls "$base" >"$work/serve.out" 2>"$work/serve.err" &
  local serve=$!
  # However the run ends, the server goes with it.
  trap "kill $serve 2>/dev/null; cleanup" EXIT
  for _ in $(seq 600); do curl -sf -o /dev/null "$base/health" && break; sleep 1; done
  curl -sf -o /dev/null "$base/health" || { echo "pathway serve did not start:" >&2; tail -5 "$work/serve.err" >&2; kill $serve; exit 1; }
  seq "$concurrency" | xargs -P 8 -I{} bash -c 'sign_in alex.worker@demo.pathway.example' >"$work/worker.cookies"
  seq "$concurrency" | xargs -P 8 -I{} bash -c 'sign_in chris.commissioner@demo.pathway.example' >"$work/commissioner.cookies"
  [ "$(grep -c . "$work/worker.cookies")" -eq "$concurrency" ] || { echo "could not sign in $concurrency sessions" >&2; kill $serve; exit 1; }
  curl -s -H "Cookie: $(head -1 "$work/worker.cookies")" "$base/caseload" | grep -o 'href="/episodes/[0-9]*"' | sed 's/href="//;s/"$//' | sort -u | head -50 >"$work/cases.paths"
  echo /caseload >"$work/caseload.paths"; echo /referrals >"$work/referrals.paths"; echo /performance >"$work/dashboard.paths"
  echo /bench/floor >"$work/floor.paths"
  # Each page once before it is measured, so the runs measure repeat views: the dashboard's first view after a load computes
  # every figure of its quarters (bench/run report times that), and the later ones read the kept figures.
  for page in /bench/floor /caseload "$(head -1 "$work/cases.paths")" /referrals; do
    curl -s -o /dev/null --max-time 900 -H "Cookie: $(head -1 "$work/worker.cookies")" "$base$page"
  done
  local first; first=$(curl -s -o /dev/null -w "%{time_total}" --max-time 900 -H "Cookie: $(head -1 "$work/commissioner.cookies")" "$base/performance")
  echo
  echo "$name: demonstration area and $people national people, $concurrency users as fast as answered (wrk), ${seconds} s per page ($(grep -c . "$work/cases.paths") case pages)"
  echo "  (the dashboard's first view, computing its figures: $first s)"
  drive "floor" "$work/worker.cookies" "$work/floor.paths"
  drive "caseload" "$work/worker.cookies" "$work/caseload.paths"
  drive "case page" "$work/worker.cookies" "$work/cases.paths"
  drive "referral queue" "$work/worker.cookies" "$work/referrals.paths"
  drive "dashboard" "$work/commissioner.cookies" "$work/dashboard.paths"
  echo "$name: the same $concurrency users, each one request a second, all together (hey), $((seconds / 2)) s per page (case page: the first)"
  pace "floor" "$work/worker.cookies" /bench/floor
  pace "caseload" "$work/worker.cookies" /caseload
  pace "case page" "$work/worker.cookies" "$(head -1 "$work/cases.paths")"
  pace "referral queue" "$work/worker.cookies" /referrals
  pace "dashboard" "$work/commissioner.cookies" /performance
  echo "  server errors logged: $(grep -c -E '^fail:' "$work/serve.err"), of which 'database is locked': $(grep -c 'database is locked' "$work/serve.err")"
  # What they were: the logger's category and first words (Pathway's logs hold no client data).
  { grep -E '^fail:' "$work/serve.err" || true; } | cut -c1-160 | sort | uniq -c | sort -rn | head -5 | sed 's/^/    /' || true
  cp "$work/serve.err" "${BENCH_LOGS:-/tmp}/pathway-bench-web-$name.log"
  kill $serve; wait $serve 2>/dev/null || true
}

echo "filling SQLite and PostgreSQL (not timed)" >&2
fill "$work/web.db"
"$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE web"
# PostgreSQL is production: its schema is a deliberate `pathway migrate`, never made by `serve`.
web_pg="Host=127.0.0.1;Port=$port;Username=postgres;Database=web"
"$pathway" migrate --db "$web_pg" >/dev/null
fill "$web_pg"
exec 9>/tmp/pathway-bench.lock; flock 9
bench_web "SQLite" "$work/web.db"
bench_web "PostgreSQL" "$web_pg"
