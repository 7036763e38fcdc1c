#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need when it is missing (Chromium and
# PostgreSQL from Debian packages when run as root), starts a throwaway PostgreSQL cluster on a
# free loopback port, builds the solution in Release and runs its tests (arguments go to
# `dotnet test ServiceCulture.sln`), and stops what it started.
# A whole run (no arguments) then runs the load harness's smoke mode, `bench/run.sh sqlite XS`,
# which fails when any page errors, a post is refused or a posted row is missing
# (SC_BENCH_SMOKE=0 leaves it out, SC_BENCH_SMOKE=1 runs it after a filtered run too).
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '\n==> %s\n' "$*"; }
is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  if ! is_root; then
    echo "Missing: $*. Install it with: sudo apt-get install -y $*" >&2
    exit 1
  fi
  say "Installing $* from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

find_chromium() {
  if [ -n "${SC_CHROMIUM:-}" ]; then echo "$SC_CHROMIUM"; return; fi
  for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then command -v "$candidate"; return; fi
  done
}

find_pg_bin() {
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return
  fi
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# --- What the tests need, installed in one go when missing
if [ $# -eq 0 ]; then smoke="${SC_BENCH_SMOKE:-1}"; else smoke="${SC_BENCH_SMOKE:-0}"; fi
pg_bin="$(find_pg_bin)"
missing=()
# Chromium for the browser tests
[ -n "$(find_chromium)" ] || missing+=(chromium fonts-dejavu-core)
# PostgreSQL for the data tests
{ [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; } || missing+=(postgresql)
# wrk for the load harness's smoke run, and the local SMTP server its email job benchmark sends to
if [ "$smoke" = 1 ]; then
  command -v wrk >/dev/null 2>&1 || missing+=(wrk openssl curl)
  # Debian's own Python, as the email job benchmark starts it (another python3 may come first on PATH)
  python=/usr/bin/python3; [ -x "$python" ] || python=python3
  "$python" -c 'import aiosmtpd' >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
fi
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
  pg_bin="$(find_pg_bin)"
fi
export SC_CHROMIUM="$(find_chromium)"
say "Chromium: $SC_CHROMIUM"

work="$(mktemp -d -t serviceculture-pg-XXXXXX)"
run_pg() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  local status=$?
  if [ -f "$work/data/postmaster.pid" ]; then
    run_pg "$pg_bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT INT TERM

if is_root; then chown postgres "$work"; fi
port=""
for candidate in $(seq $((20000 + RANDOM % 20000)) 45000); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
say "Starting a throwaway PostgreSQL on 127.0.0.1:$port"
run_pg "$pg_bin/initdb" -D "$work/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
mkdir -p "$work/socket" && { is_root && chown postgres "$work/socket" || true; }
run_pg "$pg_bin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w -t 30 \
  -o "-p $port -h 127.0.0.1 -k $work/socket -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
export SC_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"

# One Release build serves the tests and the smoke run, so the test runs need not build.
say "dotnet build ServiceCulture.sln -c Release"
dotnet build ServiceCulture.sln -c Release --nologo -v q -clp:ErrorsOnly
test_args=(-c Release --no-build --nologo --blame-hang-timeout 10m)
if [ $# -gt 0 ]; then
  say "dotnet test ServiceCulture.sln $*"
  dotnet test ServiceCulture.sln "${test_args[@]}" "$@"
else
  # Three runs side by side, each line marked with its run: the browser tests and the tests that
  # start the portal as processes spend most of their time waiting, the rest mostly computing.
  say "dotnet test ServiceCulture.sln, in three runs side by side: [browser] [processes] [tests]"
  run_tests() { # label, then dotnet test's arguments
    local label="$1"; shift
    dotnet test "$@" "${test_args[@]}" 2>&1 | sed -u "s/^/[$label] /"
    return "${PIPESTATUS[0]}"
  }
  run_tests browser tests/ServiceCulture.BrowserTests & browser_pid=$!
  run_tests processes tests/ServiceCulture.Tests --filter "Run=Processes" & processes_pid=$!
  run_tests tests tests/ServiceCulture.Tests --filter "Run!=Processes" & tests_pid=$!
  status=0
  for pid in $browser_pid $processes_pid $tests_pid; do wait "$pid" || status=1; done
  [ "$status" = 0 ] || { echo "Some tests failed: the lines marked Failed above say which." >&2; exit 1; }
fi

if [ "$smoke" = 1 ]; then
  say "Benchmark smoke run: bench/run.sh sqlite XS"
  bench/run.sh sqlite XS
fi
