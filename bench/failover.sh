# bench/run failover: sourced by bench/run (variable: root). A pg_auto_failover monitor, a primary and a synchronous
# secondary on loopback ports in a temporary folder (Debian's postgresql-15-auto-failover and pg-auto-failover-cli,
# installed when missing); `pathway serve --demo` on the multi-host connection string; bench/FailoverDriver makes case
# notes and referrals through the web app for $FAILOVER_SECONDS (default 100) while the primary node (its pg_autoctl
# and its postgres) is killed with kill -9 after $FAILOVER_KILL_AT seconds (default 20). Then every change the app
# confirmed is looked for on the new primary. Prints the outage (first failed request to the first that succeeded
# after it), the confirmed-and-lost changes (goal 0) and the answers "try again" (503).
duration=${FAILOVER_SECONDS:-100}
kill_at=${FAILOVER_KILL_AT:-20}
log() { echo "failover: $*" >&2; }

if ! command -v pg_autoctl >/dev/null || [ ! -f /usr/lib/postgresql/15/lib/pgautofailover.so ]; then
  log "installing postgresql-15-auto-failover and pg-auto-failover-cli from Debian's packages"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends postgresql-15-auto-failover pg-auto-failover-cli >&2
fi
pg_bin=/usr/lib/postgresql/15/bin

work=$(mktemp -d /tmp/pathway-failover.XXXXXX); chmod 755 "$work"
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
free_port() {
  local p; for p in $(shuf -i 20000-60000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done; return 1
}
monitor_port=$(free_port); node1_port=$(free_port); node2_port=$(free_port); web_port=$(free_port)
# pg_autoctl keeps its configuration and state under XDG folders: inside $work, so nothing outside is touched.
pgaf() { as_pg env XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/share" PATH="$pg_bin:$PATH" pg_autoctl "$@"; }
# Each pg_autoctl service runs in a process group of its own, so one node can be killed whole.
declare -A groups=()
start_node() { # name pgdata
  setsid bash -c "$(declare -f as_pg pgaf); work='$work'; pg_bin='$pg_bin'; pgaf run --pgdata '$2'" >"$work/$1.log" 2>&1 &
  groups[$1]=$!
}
serve_pid=""; driver_pid=""
cleanup() {
  [ -n "$driver_pid" ] && kill "$driver_pid" 2>/dev/null || true
  [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
  for g in "${groups[@]}"; do kill -TERM -- "-$g" 2>/dev/null || true; done
  sleep 2
  for g in "${groups[@]}"; do kill -KILL -- "-$g" 2>/dev/null || true; done
  for d in monitor node1 node2; do as_pg "$pg_bin/pg_ctl" -D "$work/$d" -m immediate stop >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# wait_for SECONDS WHAT command...: retries the command once a second
wait_for() {
  local limit=$1 what=$2; shift 2
  for _ in $(seq "$limit"); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  log "gave up waiting for $what"; tail -n 20 "$work"/*.log >&2; exit 1
}
state() { pgaf show state --pgdata "$work/monitor" 2>/dev/null; }
has_states() { local s; s=$(state); for want in "$@"; do grep -Eq "\| *$want *\| *$want *(\||$)" <<<"$s" || return 1; done; }

dotnet build src/Pathway -c Release -nologo -v quiet >&2
dotnet build bench/FailoverDriver -c Release -nologo -v quiet >&2
pathway="$root/src/Pathway/bin/Release/net10.0/pathway"
driver="$root/bench/FailoverDriver/bin/Release/net10.0/FailoverDriver"

log "monitor on 127.0.0.1:$monitor_port, nodes on :$node1_port and :$node2_port"
pgaf create monitor --pgdata "$work/monitor" --pgport "$monitor_port" --hostname 127.0.0.1 --auth trust --no-ssl >"$work/create-monitor.log" 2>&1
start_node monitor "$work/monitor"
wait_for 60 "the monitor" "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$monitor_port"
monitor_uri="postgres://autoctl_node@127.0.0.1:$monitor_port/pg_auto_failover?sslmode=disable"
for n in 1 2; do
  port_var=node${n}_port
  pgaf create postgres --pgdata "$work/node$n" --pgport "${!port_var}" --listen 127.0.0.1 --hostname 127.0.0.1 --name "node$n" \
    --dbname pathway --monitor "$monitor_uri" --auth trust --no-ssl >"$work/create-node$n.log" 2>&1
  start_node "node$n" "$work/node$n"
  [ "$n" = 1 ] && wait_for 120 "node1 to be a single primary" has_states single
done
wait_for 180 "a primary and a secondary" has_states primary secondary
state | sed 's/^/  /' >&2
as_pg "$pg_bin/psql" -XAtq -h 127.0.0.1 -p "$node1_port" -d pathway -c "SHOW synchronous_standby_names" | sed 's/^/  synchronous_standby_names: /' >&2

db="Host=127.0.0.1:$node1_port,127.0.0.1:$node2_port;Database=pathway;Username=postgres;Target Session Attributes=primary;Host Recheck Seconds=2;Timeout=5"
"$pathway" migrate --db "$db" >&2
"$pathway" serve --demo --urls "http://127.0.0.1:$web_port" --db "$db" >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
wait_for 300 "pathway serve" curl -fsS "http://127.0.0.1:$web_port/health"
worker=$(grep -m1 'demo sign-in: alex.worker' "$work/serve.out")
email=$(awk '{print $3}' <<<"$worker"); password=$(awk '{print $4}' <<<"$worker")
episodes=$(as_pg "$pg_bin/psql" -XAtq -h 127.0.0.1 -p "$node1_port" -d pathway -c \
  "SELECT string_agg(\"Id\"::text, ',') FROM (SELECT \"Id\" FROM \"Episodes\" WHERE \"ProviderCode\" = 'NEWCO' AND \"DischargeDate\" IS NULL
     AND \"TriageDate\" IS NOT NULL AND \"ReferralDate\" <= current_date ORDER BY \"Id\" LIMIT 8) e")

log "driving changes for ${duration}s; the primary is killed after ${kill_at}s"
"$driver" "http://127.0.0.1:$web_port" "$email" "$password" "$episodes" "$duration" "$work/confirmed" "$work/timeline" &
driver_pid=$!
sleep "$kill_at"
primary_pid=$(head -n 1 "$work/node1/postmaster.pid")
kill -KILL -- "-${groups[node1]}" 2>/dev/null || true
kill -KILL "$primary_pid" 2>/dev/null || true
log "killed node1 (pg_autoctl and postgres, pid $primary_pid) with kill -9"
wait_for 300 "node2 to take over" bash -c "$(declare -f as_pg pgaf state); work='$work'; pg_bin='$pg_bin'; state | grep -Eq 'node2 .*\| *(wait_primary|primary) *\| *(wait_primary|primary) *(\||$)'"
log "node2 is the primary"
state | sed 's/^/  /' >&2
wait "$driver_pid"; driver_pid=""

# Every confirmed change, looked for on the new primary.
as_pg "$pg_bin/psql" -XAtq -h 127.0.0.1 -p "$node2_port" -d pathway -c \
  "SELECT 'note ' || \"Text\" FROM \"CaseNotes\" WHERE \"Text\" LIKE 'Failover run note fo%'
   UNION ALL SELECT 'referral ' || \"FamilyName\" FROM \"ClientRecords\" WHERE \"GivenName\" = 'Failover'" | sort >"$work/found"
sort "$work/confirmed" >"$work/confirmed.sorted"
confirmed=$(wc -l <"$work/confirmed")
lost=$(comm -23 "$work/confirmed.sorted" "$work/found" | wc -l)
duplicated=$(uniq -d "$work/found" | wc -l)
serves=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$web_port/health")
read -r outage first_failure <<<"$(awk '$3 != 200 && $3 != 302 && !t1 { t1 = $1 } t1 && ($3 == 200 || $3 == 302) && $1 > t1 && !t2 { t2 = $1 }
  END { if (!t1) print 0, "-"; else if (!t2) print "unrecovered", t1; else printf "%.1f %.1f\n", t2 - t1, t1 }' "$work/timeline")"
try_again=$(awk '$3 == 503' "$work/timeline" | wc -l)
no_answer=$(awk '$3 == 0' "$work/timeline" | wc -l)
requests=$(wc -l <"$work/timeline")

echo
echo "failover of the primary (kill -9 of its pg_autoctl and postgres) under a stream of case notes and referrals"
echo "requests made:                 $requests in ${duration}s"
echo "changes confirmed by the app:  $confirmed"
echo "confirmed and lost:            $lost"
echo "saved twice:                   $duplicated"
echo "unavailable for:               $outage s (first failed request at ${first_failure}s; primary killed at ${kill_at}s)"
echo "answered \"try again\" (503):    $try_again"
echo "not answered at all:           $no_answer"
echo "answers by status:             $(awk '{ n[$3]++ } END { for (s in n) printf "%s×%d ", s, n[s] }' "$work/timeline")"
echo "app serves after the failover: $([ "$serves" = 200 ] && echo yes || echo "no (/health $serves)")"
mkdir -p "$root/test-output"; cp "$work/timeline" "$root/test-output/failover-timeline.txt"
[ "$lost" -eq 0 ] && [ "$serves" = 200 ]
