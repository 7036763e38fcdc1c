#!/usr/bin/env bash
# Load harness: bench/run.sh ENGINE SCALE   (ENGINE = sqlite | postgresql, SCALE = XS | S | M)
#
# Builds in Release, generates the scale's data (or reuses it), stores the report snapshots as the
# nightly job would have, starts the built portal as its own
# process in the Benchmark environment (Production settings plus the floor page) on a loopback port
# with https and a throwaway certificate, signs generated people in, and drives wrk for a fixed time
# at each connection count against every page, then posts moments and recognitions and counts the
# rows afterwards. Prints the table and writes it to bench/results/. Exits non-zero when any page
# answers an error, a post is refused or a posted row is missing.
#
# Settings (environment):
#   SC_BENCH_DURATION     seconds per measurement (default 20; 2 at XS)
#   SC_BENCH_WARMUP       seconds of unrecorded load per page first (default 5; none at XS)
#   SC_BENCH_CONNECTIONS  connection counts (default "16 64"; 16 at XS)
#   SC_BENCH_SESSIONS     people signed in for the pages (default 40; 20 at XS)
#   SC_BENCH_POSTGRES     connection string of a PostgreSQL to use (its database is replaced);
#                         without it a throwaway cluster is started, as test.sh does
#   SC_BENCH_FRESH=1      generate again even when the database already holds the scale (XS always is)
#   SC_BENCH_PAGES        only the pages whose names match this regular expression (the floor always runs)
#   SC_BENCH_PLAIN_HTTP=1 serve plain http on loopback (needs the portal's Security:AllowPlainHttp)
#   SC_BENCH_JOBS=0       leave out the job benchmarks that follow the pages (nudges, digest and
#                         dispatch; report snapshots; the people import), each timed in its own process
#   SC_BENCH_PROFILE=1    instead of load, request each page one at a time with EF Core's command
#                         log on, and report per page the server time (Server-Timing), the number of
#                         database commands and their time; the SQL goes to bench/results/profile-*.sql
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

engine="${1:-sqlite}"
scale="${2:-XS}"
case "$engine" in sqlite | postgresql) ;; *) echo "usage: bench/run.sh sqlite|postgresql XS|S|M" >&2; exit 2 ;; esac
case "$scale" in XS | S | M) ;; *) echo "usage: bench/run.sh sqlite|postgresql XS|S|M" >&2; exit 2 ;; esac

if [ "$scale" = XS ]; then
  duration="${SC_BENCH_DURATION:-2}"; warmup="${SC_BENCH_WARMUP:-0}"; session_count="${SC_BENCH_SESSIONS:-20}"
else
  duration="${SC_BENCH_DURATION:-20}"; warmup="${SC_BENCH_WARMUP:-5}"; session_count="${SC_BENCH_SESSIONS:-40}"
fi
# The smoke run (XS) measures at 16 connections only, to stay well within its two minutes.
if [ "$scale" = XS ]; then connections="${SC_BENCH_CONNECTIONS:-16}"; else connections="${SC_BENCH_CONNECTIONS:-16 64}"; fi
# Each wrk thread first fetches a form, so posting runs at least 5 s to measure posts at all.
post_duration=$(( duration > 5 ? duration : 5 ))
only="${SC_BENCH_PAGES:-.}"

say() { printf '==> %s\n' "$*" >&2; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

work="$(mktemp -d -t serviceculture-bench-XXXXXX)"
portal_pid=""
pg_bin=""
cleanup() {
  local status=$?
  if [ -n "$portal_pid" ] && kill -0 "$portal_pid" 2>/dev/null; then kill "$portal_pid" 2>/dev/null || true; wait "$portal_pid" 2>/dev/null || true; fi
  if [ -n "$pg_bin" ] && [ -f "$work/pg/postmaster.pid" ]; then
    run_pg "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT INT TERM

free_port() {
  local candidate
  for candidate in $(seq $((20000 + RANDOM % 20000)) 45000); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then echo "$candidate"; return; fi
  done
}
is_root() { [ "$(id -u)" = 0 ]; }
run_pg() { if is_root; then runuser -u postgres -- "$@"; else "$@"; fi; }

# --- Build
say "Building in Release"
build_started=$SECONDS
dotnet build bench/ServiceCulture.Bench -c Release -nologo -v q -clp:ErrorsOnly >&2
build_seconds=$((SECONDS - build_started))
bench_dll="$root/bench/ServiceCulture.Bench/bin/Release/net10.0/ServiceCulture.Bench.dll"
portal_dll="$root/src/ServiceCulture.Web/bin/Release/net10.0/ServiceCulture.Web.dll"
bench() { dotnet "$bench_dll" "$@"; }

# --- Database
if [ "$engine" = sqlite ]; then
  provider=Sqlite
  mkdir -p bench/data
  connection="Data Source=$root/bench/data/sqlite-$scale.db"
elif [ -n "${SC_BENCH_POSTGRES:-}" ]; then
  provider=PostgreSql
  connection="$SC_BENCH_POSTGRES"
else
  provider=PostgreSql
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is missing: apt-get install -y postgresql, or set SC_BENCH_POSTGRES" >&2; exit 1; }
  is_root && chown postgres "$work"
  pg_port="$(free_port)"
  say "Starting a throwaway PostgreSQL on 127.0.0.1:$pg_port"
  run_pg "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/postgres.log" -w -t 30 \
    -o "-p $pg_port -h 127.0.0.1 -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=256MB" start >/dev/null
  connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=sc_bench;Maximum Pool Size=100"
fi

say "Data at scale $scale on $provider"
generate_started=$SECONDS
# XS is made afresh every time (seconds), so repeated smoke runs never meet the posting rules' weekly caps.
if [ "${SC_BENCH_FRESH:-0}" = 1 ] || [ "$scale" = XS ]; then reuse=(); else reuse=(--reuse); fi
bench generate --scale "$scale" --provider "$provider" --connection "$connection" "${reuse[@]}" | tee "$work/generate.log" >&2
generate_seconds=$((SECONDS - generate_started))

# A deployed portal's nightly job stores each closed month's report snapshot, which the report page
# reads; store them before the pages are measured (the first run on a scale stores twelve months).
say "Report snapshots, as the nightly job stores them"
bench reports --scale "$scale" --provider "$provider" --connection "$connection" --reuse --snapshots-only >"$work/snapshots.log" 2>&1 \
  || { cat "$work/snapshots.log" >&2; echo "Storing the report snapshots failed." >&2; exit 1; }

# --- Portal
port="$(free_port)"
if [ "${SC_BENCH_PLAIN_HTTP:-0}" = 1 ]; then
  base="http://127.0.0.1:$port"
  tls=(Security__AllowPlainHttp=true)
else
  base="https://127.0.0.1:$port"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
  tls=(Kestrel__Certificates__Default__Path="$work/cert.pem" Kestrel__Certificates__Default__KeyPath="$work/key.pem")
fi
mkdir -p "$work/portal"
# Debug adds each data reader's time from the command to its last row ("spending Xms reading results").
if [ "${SC_BENCH_PROFILE:-0}" = 1 ]; then command_log=Debug; else command_log=Warning; fi
say "Starting the portal (Benchmark environment) on $base"
(
  cd "$work/portal"
  # The garbage collector's young-generation budget and the C library's allocation arenas the
  # Dockerfile sets (DOTNET_GCgen0size, MALLOC_ARENA_MAX).
  exec env ASPNETCORE_ENVIRONMENT=Benchmark ASPNETCORE_URLS="$base" "${tls[@]}" \
    DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x800000}" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" \
    Database__Provider="$provider" ConnectionStrings__Default="$connection" \
    Jobs__RunServer=false Demo__Seed=false RateLimits__SignInPerMinute=1000000 \
    Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.AspNetCore=Warning \
    Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command="$command_log" \
    Logging__Console__FormatterName=simple Logging__Console__FormatterOptions__SingleLine=true \
    dotnet "$portal_dll"
) >"$work/portal.log" 2>&1 &
portal_pid=$!
for _ in $(seq 1 240); do
  if curl -ksf -o /dev/null "$base/health/live"; then break; fi
  kill -0 "$portal_pid" 2>/dev/null || { cat "$work/portal.log" >&2; echo "The portal stopped at start-up." >&2; exit 1; }
  sleep 0.5
done
curl -ksf -o /dev/null "$base/health/live" || { cat "$work/portal.log" >&2; echo "The portal did not answer." >&2; exit 1; }

rss_mb() { awk '/^VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$portal_pid/status"; }
hwm_mb() { awk '/^VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$portal_pid/status"; }

sessions_at=-1000
sessions() {
  # Identity revalidates a cookie's security stamp after five minutes; fresh cookies keep every
  # measurement on the ordinary path.
  if [ $((SECONDS - sessions_at)) -ge 240 ]; then
    bench sessions --provider "$provider" --connection "$connection" --url "$base" --people "$session_count" --out "$work/employees.txt" >&2
    bench sessions --provider "$provider" --connection "$connection" --url "$base" --people 10 --managers --out "$work/managers.txt" >&2
    sessions_at=$SECONDS
  fi
}
sessions
eval "$(bench targets --provider "$provider" --connection "$connection")"

export SC_WRK_DIR="$root/bench/wrk" SC_TODAY="$(date -u +%F)" SC_PEOPLE_MAX="$PEOPLE_MAX"

# name|path|who: who is employees (people spread from the most to the least active) or managers;
# "{review}" in a path is each manager's own review in the open cycle.
pages=(
  "floor|/bench/floor|employees"
  "shell (layout + sign-in)|/Reviews|employees"
  "feed|/|employees"
  "feed, misery filter|/?kind=misery|employees"
  "feed, element filter|/?element=measured|employees"
  "moment|/Moments/$MOMENT_ID|employees"
  "leaderboard, points|/Leaderboard?measure=points|employees"
  "leaderboard, points, quarter|/Leaderboard?measure=points&period=quarter|employees"
  "leaderboard, given|/Leaderboard?measure=given|employees"
  "leaderboard, recoveries|/Leaderboard?measure=recoveries|employees"
  "profile|/People/$PERSON_ID|employees"
  "team page|/Teams/$TEAM_ID|employees"
  "review|/Reviews/{review}|managers"
  "report|/Reports|managers"
)
# The path as the first person of a session file asks for it.
first_path() { local review; review="$(head -n 1 "$2" | cut -s -f 3)"; echo "${1//\{review\}/$review}"; }

# --- Profile mode: one request at a time, EF Core's command log read back per request.
if [ "${SC_BENCH_PROFILE:-0}" = 1 ]; then
  mkdir -p bench/results
  profile="bench/results/profile-$engine-$scale.md"
  {
    echo "# Profile, $engine, scale $scale: server time and database commands per request (10 requests per page after 5 unrecorded)"
    echo
    echo "| page | path | server ms p50 | server ms max | commands per request | command ms per request (p50) | reading ms per request (p50) | reading share |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
  } >"$profile"
  for entry in "${pages[@]}"; do
    IFS='|' read -r name path who <<<"$entry"
    if ! [[ "$name" =~ $only ]]; then continue; fi
    cookie="$(head -n 1 "$work/$who.txt" | cut -f 2)"
    path="$(first_path "$path" "$work/$who.txt")"
    status=$(curl -ks -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base$path")
    [ "$status" = 200 ] || { say "$name ($path) answered $status, skipped"; continue; }
    for _ in 1 2 3 4 5; do curl -ks -o /dev/null -H "Cookie: $cookie" "$base$path"; done
    sql="bench/results/profile-$engine-$scale-$(tr -c 'a-z0-9\n' '-' <<<"$name" | tr -s '-').sql"
    : >"$sql"
    samples=()
    for _ in $(seq 1 10); do
      sleep 0.3
      mark=$(wc -l <"$work/portal.log")
      server=$(curl -ks -o /dev/null -D - -H "Cookie: $cookie" "$base$path" | sed -n 's/^server-timing: app;dur=\([0-9.]*\).*/\1/Ip' | tr -d '\r')
      sleep 0.3
      tail -n +"$((mark + 1))" "$work/portal.log" >"$work/request.log"
      commands=$(grep -c 'Executed DbCommand' "$work/request.log" || true)
      command_ms=$(grep -o 'Executed DbCommand ([0-9]*ms)' "$work/request.log" | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }')
      reading_ms=$(grep -o 'spending [0-9]*ms reading' "$work/request.log" | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }')
      samples+=("$server $commands $command_ms $reading_ms")
      grep -o 'Executed DbCommand.*\|is being disposed after spending.*' "$work/request.log" >>"$sql" || true
      echo "-- end of request" >>"$sql"
    done
    # Medians of each column on its own (portable awk: no asort).
    median() { printf '%s\n' "${samples[@]}" | awk -v c="$1" '{ print $c }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
    server_p50=$(median 1); server_max=$(printf '%s\n' "${samples[@]}" | awk '{ print $1 }' | sort -n | tail -n 1)
    commands_p50=$(median 2); command_ms_p50=$(median 3); reading_ms_p50=$(median 4)
    awk -v name="$name" -v path="$path" -v s="$server_p50" -v m="$server_max" -v c="$commands_p50" -v ms="$command_ms_p50" -v r="$reading_ms_p50" \
      'BEGIN { printf "| %s | `%s` | %.1f | %.1f | %d | %d | %d | %.0f%% |\n", name, path, s, m, c, ms, r, (s > 0 ? 100 * r / s : 0) }' >>"$profile"
    say "$(tail -n 1 "$profile")"
  done
  cat "$profile"
  exit 0
fi

failed=0
rows=()
declare -A floor_rps
measure() { # name path connections threads script -> one table row
  local name="$1" path="$2" conns="$3" threads="$4" script="$5" peak line
  peak=$(rss_mb)
  wrk -t "$threads" -c "$conns" -d "${duration}s" --timeout 10s -s "$script" "$base$path" >"$work/wrk.out" 2>&1 &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    local now; now=$(rss_mb); [ "$now" -gt "$peak" ] && peak=$now
    sleep 0.5
  done
  wait "$wrk_pid" || true
  line="$(grep '^RESULT' "$work/wrk.out" || true)"
  if [ -z "$line" ]; then cat "$work/wrk.out" >&2; echo "RESULT requests=0 seconds=0 rps=0 p50=0 p95=0 p99=0 status_errors=1 socket_errors=1 peak=$peak"; return; fi
  echo "$line peak=$peak"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

for entry in "${pages[@]}"; do
  IFS='|' read -r name path who <<<"$entry"
  if [ "$name" != floor ] && ! [[ "$name" =~ $only ]]; then continue; fi
  sessions
  export SC_SESSIONS="$work/$who.txt"
  cookie="$(head -n 1 "$SC_SESSIONS" | cut -f 2)"
  status=$(curl -ks -o "$work/page.html" -w '%{http_code}' -H "Cookie: $cookie" "$base$(first_path "$path" "$SC_SESSIONS")")
  if [ "$status" != 200 ]; then
    say "$name ($path) answered $status"
    rows+=("| $name | \`$path\` | - | - | - | - | - | - | answered $status | - |")
    failed=1
    continue
  fi
  say "$name ($path)"
  if [ "$warmup" != 0 ]; then wrk -t 2 -c 16 -d "${warmup}s" -s bench/wrk/get.lua "$base$path" >/dev/null 2>&1 || true; fi
  for conns in $connections; do
    result="$(measure "$name" "$path" "$conns" 2 bench/wrk/get.lua)"
    rps=$(field rps "$result")
    [ "$name" = floor ] && floor_rps[$conns]=$rps
    ratio=$(awk -v r="$rps" -v f="${floor_rps[$conns]:-0}" 'BEGIN { if (f > 0) printf "%.3f", r / f; else print "-" }')
    errors=$(( $(field status_errors "$result") + $(field socket_errors "$result") ))
    [ "$errors" -gt 0 ] && failed=1
    # No answer completed within the run (a busy machine and a short run): nothing to report, but
    # the page did answer 200 just before.
    [ "$(field requests "$result")" = 0 ] && rps="none completed"
    rows+=("| $name | \`$path\` | $conns | $rps | $ratio | $(field p50 "$result") | $(field p95 "$result") | $(field p99 "$result") | $errors | $(field peak "$result") |")
    printf '    %-3s connections: %8s req/s  ratio %s  p99 %s ms  errors %s\n' "$conns" "$rps" "$ratio" "$(field p99 "$result")" "$errors" >&2
  done
done

# --- Posts: one connection per wrk thread, so the script can pair each form with its post.
post_rows=()
for kind in moment recognition; do
  if ! [[ "post $kind" =~ $only ]]; then continue; fi
  say "posting ${kind}s"
  for conns in $connections; do
    sessions
    before="$(bench count --provider "$provider" --connection "$connection")"
    export SC_POST=$kind SC_RUN_NONCE=$((RANDOM * 32768 + RANDOM)) SC_WRK_THREADS=$conns SC_SESSIONS="$work/employees.txt"
    result="$(duration=$post_duration measure "post $kind" "/" "$conns" "$conns" bench/wrk/post.lua)"
    after="$(bench count --provider "$provider" --connection "$connection")"
    if [ "$kind" = moment ]; then column=1; else column=2; fi
    added=$(( $(cut -d' ' -f$column <<<"$after") - $(cut -d' ' -f$column <<<"$before") ))
    posted=$(field posted "$result"); refused=$(field refused "$result"); capped=$(field capped "$result")
    seconds=$(field seconds "$result")
    per_second=$(awk -v p="$posted" -v s="$seconds" 'BEGIN { if (s > 0) printf "%.1f", p / s; else print 0 }')
    # A 400 for the weekly limit per pair of colleagues is the rule at work, not an error.
    errors=$(( $(field status_errors "$result") - capped + $(field socket_errors "$result") + refused ))
    # Posts still in flight when wrk stops are saved but not counted as accepted: more rows than
    # accepted posts is expected, fewer means a post was lost.
    lost=$(( posted > added ? posted - added : 0 ))
    if [ "$errors" -gt 0 ] || [ "$lost" -ne 0 ] || [ "$posted" -eq 0 ]; then failed=1; fi
    post_rows+=("| post $kind | $conns | $per_second | $posted | $added | $lost | $(field p50 "$result") | $(field p95 "$result") | $(field p99 "$result") | $errors $(field refusals "$result") | $capped | $(field peak "$result") |")
    printf '    %-3s connections: %8s posts/s  posted %s, rows added %s, refused %s %s, at the weekly limit per pair %s\n' "$conns" "$per_second" "$posted" "$added" "$refused" "$(field refusals "$result")" "$capped" >&2
  done
done

# --- Report
stamp="$(date -u +%Y-%m-%dT%H%MZ)"
mkdir -p bench/results
out="bench/results/$engine-$scale-$stamp.md"
{
  echo "# $engine, scale $scale, $stamp"
  echo
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) memory, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo "Portal: Benchmark environment (Production settings), $base, Kestrel, Release build; wrk ${duration} s per row after ${warmup} s of warm-up, $session_count people signed in."
  echo "Build ${build_seconds} s; data ${generate_seconds} s ($(grep -o 'Generated.*\|Reusing.*' "$work/generate.log" | head -n 1))."
  echo
  echo "| page | path | connections | req/s | ratio to floor | p50 ms | p95 ms | p99 ms | errors | peak RSS MB |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
  if [ ${#post_rows[@]} -gt 0 ]; then
    echo
    echo "Posts, ${post_duration} s per row (each wrk thread GETs the form once per person, then posts five times as that person; latency covers both; rows added can exceed accepted by the posts in flight when wrk stops):"
    echo
    echo "| post | connections | accepted/s | accepted | rows added | lost | p50 ms | p95 ms | p99 ms | errors | at the weekly limit per pair | peak RSS MB |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${post_rows[@]}"
  fi
  echo
  echo "Portal peak memory over the run (VmHWM): $(hwm_mb) MB."
} >"$out"
cat "$out"
# --- Jobs: each in its own process (the bench hosts the portal's services and jobs in process),
# after the load portal has stopped, with wall time and the process's peak memory (VmHWM).
if [ "${SC_BENCH_JOBS:-1}" = 1 ]; then
  kill "$portal_pid" 2>/dev/null || true; wait "$portal_pid" 2>/dev/null || true; portal_pid=""
  job_rows=()
  job() {  # job NAME LOG COMMAND...: runs it, keeps its output, returns wall seconds and peak MB in $job_result
    local name="$1" log="$2"; shift 2
    say "Job: $name"
    # The jobs run inside the portal when deployed, so with the garbage collector setting it has.
    if ! /usr/bin/time -f '%e %M' -o "$work/time.txt" env DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x800000}" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" "$@" >"$log" 2>&1; then
      cat "$log" >&2; echo "The job '$name' failed." >&2; failed=1; job_result="failed"; return 1
    fi
    job_result="$(awk '{ printf "%s s | %d MB", $1, $2 / 1024 }' "$work/time.txt")"
  }
  if job "nudges, weekly digest and dispatch" "$work/email.log" dotnet "$bench_dll" email --scale "$scale" --provider "$provider" --connection "$connection" --reuse; then
    nudges="$(sed -n 's/^nudges: \(.*\) (peak.*/\1/p' "$work/email.log")"
    digest="$(sed -n 's/^digest: \(.*\) (peak.*/\1/p' "$work/email.log")"
    dispatch="$(sed -n 's/^dispatch: \(.*\) (peak.*/\1/p' "$work/email.log")"
    job_rows+=("| nudges, weekly digest, dispatch to a local SMTP server | nudges: $nudges; digest: $digest; dispatch: $dispatch | $job_result |")
  fi
  if job "report snapshots and report pages" "$work/reports.log" dotnet "$bench_dll" reports --scale "$scale" --provider "$provider" --connection "$connection" --reuse; then
    snapshots="$(grep -o 'snapshot job for .*' "$work/reports.log" | tail -n 1)"
    pages_timed="$(grep -E '^  [^ ].*: median [0-9]+ ms' "$work/reports.log" | sed 's/^  //' | paste -sd ';' | sed 's/;/; /g')"
    job_rows+=("| report snapshots (the last closed month; all twelve on the first run), then the report pages | ${snapshots:-none stored}; ${pages_timed} | $job_result |")
  fi
  # The people import of the scale's size, from a CSV into an empty database, through the portal's own command.
  case "$scale" in XS) people_count=50 ;; S) people_count=1000 ;; *) people_count=10000 ;; esac
  awk -v n="$people_count" 'BEGIN {
    print "name,email,team,manager email,role,time zone,job title"
    teams = int(n / 25); if (teams < 2) teams = 2
    for (i = 0; i < n; i++) {
      manager = i < teams ? "" : sprintf("import%05d@import.test", i % teams)
      printf "Imported %05d,import%05d@import.test,Imported team %d,%s,%s,Europe/Paris,Advisor\n", i, i, i % teams, manager, (i < teams ? "Manager" : "Employee")
    }
  }' >"$work/people.csv"
  if [ "$engine" = sqlite ]; then
    import_connection="Data Source=$work/import.db"
  else
    import_connection="$(sed 's/Database=[^;]*/Database=sc_bench_import/' <<<"$connection")"
    bench reset --provider "$provider" --connection "$import_connection" >&2
  fi
  if job "people import" "$work/import.log" env ASPNETCORE_ENVIRONMENT=Production Database__Provider="$provider" ConnectionStrings__Default="$import_connection" \
      Jobs__RunServer=false Demo__Seed=false Logging__LogLevel__Default=Warning dotnet "$portal_dll" import "$work/people.csv"; then
    job_rows+=("| people import of $people_count rows into an empty database (start, migrate, read, check, preview, apply) | $(grep -o '^[0-9].*new.*' "$work/import.log" | head -n 1); $(grep -o 'applied in .*' "$work/import.log") | $job_result |")
  fi
  {
    echo
    echo "Jobs, each in its own process after the load (wall time and peak memory of that process):"
    echo
    echo "| job | what it did | wall time | peak MB |"
    echo "| --- | --- | --- | --- |"
    printf '%s\n' "${job_rows[@]}"
  } >>"$out"
  sed -n '/^Jobs, each/,$p' "$out"
fi

if [ "$failed" != 0 ]; then
  echo >&2
  echo "FAILED: a page answered an error, a post was refused or a posted row is missing (portal log below)." >&2
  tail -n 40 "$work/portal.log" >&2
  exit 1
fi
