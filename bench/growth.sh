# bench/run growth [SIZES]: how each cost grows with the data. Sourced by bench/run, which has built pathway and the bundle
# generator and started a throw-away PostgreSQL server ($pg_bin, $port, $work, $pathway, $generator).
# For each size (default "50000 150000 300000" people) it generates the bundle, then times, in a database of its own:
#   load on PostgreSQL and on SQLite, export on PostgreSQL, `pathway report` for the busiest year on each (median of 3 after a
#   warm-up) and the dashboard's first (computed) view of one quarter for one council on each (bench/DashboardTimer).
# It prints each figure at each size and, from one size to the next, the figure's growth beside the data's (episodes): a
# step is flagged when it grows more than 10% faster than the data.
sizes=${2:-50000 150000 300000}
from=2019-04-01; to=2020-03-31; as_of=2021-03-31; quarter=2020Q4; council=E08000007
dotnet build bench/DashboardTimer -c Release -nologo -v quiet >&2
timer="$root/bench/DashboardTimer/bin/Release/net10.0/DashboardTimer"
median() { sort -n | awk '{ t[NR] = $1 } END { print NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'; }
# seconds COMMAND...: the wall time of one run, holding the bench lock.
seconds() { flock /tmp/pathway-bench.lock /usr/bin/time -f "%e" -o "$work/t" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }; cat "$work/t"; }
steps=("load PostgreSQL" "load SQLite" "export PostgreSQL" "report PostgreSQL" "report SQLite" "dashboard PostgreSQL" "dashboard SQLite")
declare -A took; declare -A data

for size in $sizes; do
  bundle="$work/bundle-$size"; mkdir -p "$bundle"
  data[$size]=$("$generator" "$bundle" "$size" 2>/dev/null)
  echo "$size people: ${data[$size]} episodes" >&2
  "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE g$size"
  db_pg="Host=127.0.0.1;Port=$port;Username=postgres;Database=g$size"; db_lite="$work/g$size.db"
  "$pathway" migrate --db "$db_pg" >/dev/null 2>&1
  "$pathway" migrate --db "$db_lite" >/dev/null 2>&1
  took["$size load PostgreSQL"]=$(seconds "$pathway" load "$bundle" --source BENCH --db "$db_pg")
  took["$size load SQLite"]=$(seconds "$pathway" load "$bundle" --source BENCH --db "$db_lite")
  took["$size export PostgreSQL"]=$(seconds "$pathway" export "$work/out-$size" --db "$db_pg")
  "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d "g$size" -c "VACUUM ANALYZE"
  for kind in PostgreSQL SQLite; do
    [ $kind = PostgreSQL ] && db=$db_pg || db=$db_lite
    "$pathway" report --db "$db" --from $from --to $to --as-of $as_of >/dev/null
    took["$size report $kind"]=$(for i in 1 2 3; do seconds "$pathway" report --db "$db" --from $from --to $to --as-of $as_of; done | median)
    took["$size dashboard $kind"]=$(flock /tmp/pathway-bench.lock "$timer" "$db" $quarter $as_of $council 1 2>/dev/null | cut -d' ' -f1)
  done
  rm -rf "$bundle" "$work/out-$size" "$db_lite"
  "$pg_bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "DROP DATABASE g$size"
done

echo
printf "%-22s" "seconds"; for size in $sizes; do printf "%12s" "$size"; done; echo "   growth (data's growth)"
printf "%-22s" "episodes"; for size in $sizes; do printf "%12s" "${data[$size]}"; done; echo
for step in "${steps[@]}"; do
  printf "%-22s" "$step"; previous=""; growth=""
  for size in $sizes; do
    printf "%12s" "${took["$size $step"]}"
    if [ -n "$previous" ]; then
      growth+=$(awk -v a="${took["$size $step"]}" -v b="${took["$previous $step"]}" -v d="${data[$size]}" -v e="${data[$previous]}" \
        'BEGIN { g = a / b; r = d / e; printf "   %.2f× (%.2f×)%s", g, r, (g > r * 1.1 ? " FASTER THAN THE DATA" : "") }')
    fi
    previous=$size
  done
  echo "$growth"
done
