#!/usr/bin/env bash
# Zhaoshang developer entry point. See README.md.
#
#   ./zs run     install what is missing, build, start a private PostgreSQL,
#                every service and demo data; Ctrl-C (or ./zs stop) stops all
#   ./zs test    install what is missing, build, run every test on its own
#                private PostgreSQL, then again built with ASan + UBSan
#                (clang), plus each service's fuzz target for a bounded time;
#                exits non-zero on any failure. --quick: the first pass only
#   ./zs check   install what is missing, build with warnings as errors,
#                then clang-format, shellcheck, pyflakes, the console's type
#                check and clang-tidy; exits non-zero on any finding
#                (.ci/run runs it before the tests; CONTRIBUTING.md)
#   ./zs stop    stop what `run` started
#   ./zs build   install what is missing and build only
#   ./zs bench   the benchmarks of README "Performance" on a private
#                PostgreSQL with 1,000,000 leads; prints a table and one
#                PASS/FAIL line per target. --console: only the browser
#                console's (the cockpit on the demo district, in chromium)
#   ./zs package the office client as a Debian package:
#                build/package/zsctl_VERSION-1_ARCH.deb
#   ./zs drill   the restore drill: a private PostgreSQL archiving WAL, a
#                base backup, records written, a later write, a
#                point-in-time restore between them into a new data
#                directory, the services started on it; exits non-zero
#                unless the earlier records are all there and the later not
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="${ZS_BUILD_DIR:-$ROOT/build}"
STATE="$ROOT/.zs"                   # run's data and logs (git-ignored)
PG_BIN="/usr/lib/postgresql/15/bin"
RUN_PG_PORT="${ZS_PG_PORT:-54329}"


DEBIAN_PACKAGES=(
  cmake ninja-build g++ clang libclang-rt-14-dev pkg-config
  clang-format clang-tidy shellcheck pyflakes3
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler prometheus-cpp-dev
  libabsl-dev libpqxx-dev libgtest-dev libgmock-dev libspdlog-dev libssl-dev libxlsxwriter-dev libjwt-dev libsodium-dev libcli11-dev libinih-dev libcsv-dev openssl
  libzip-dev libexpat1-dev libicu-dev
  golang-github-gogo-googleapis-dev libcpp-httplib-dev zlib1g-dev
  postgresql-15 postgresql-client-15
  curl python3 python3-grpcio python3-protobuf python3-openpyxl python3-yaml python3-prometheus-client
  chromium fonts-wqy-microhei
  dpkg-dev file
)

say() { printf '\033[1m[zs]\033[0m %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

install_packages() {
  local missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Tools the deployment checks need: kubectl (Debian's kubernetes-client
# unless one is already installed) and Node.js with the pinned npm packages.
install_deploy_tools() {
  local missing=()
  command -v kubectl >/dev/null || missing+=(kubernetes-client)
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=()
    [ "$(id -u)" -ne 0 ] && sudo=(sudo)
    say "installing Debian packages: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  install_console_modules
  if [ ! -d "$ROOT/tests/deploy/node_modules" ] ||
     [ "$ROOT/tests/deploy/package-lock.json" -nt "$ROOT/tests/deploy/node_modules" ]; then
    (cd "$ROOT/tests/deploy" && npm ci --no-audit --no-fund --loglevel=error) &&
      touch "$ROOT/tests/deploy/node_modules"
  fi
}

# The browser console's npm packages (web/node_modules), installed with
# `npm ci` from the committed lockfile, and again only when it changes.
install_console_modules() {
  local stamp="$ROOT/web/node_modules/.zs-package-lock.json"
  cmp -s "$ROOT/web/package-lock.json" "$stamp" 2>/dev/null && return 0
  say "installing the console's npm packages (web/package-lock.json)"
  (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$ROOT/web/package-lock.json" "$stamp"
}

build() {
  install_packages
  # Node.js before configuring: ctest finds npm (console_unit) at configure time.
  install_deploy_tools
  local started=$SECONDS
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="${ZS_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
  cmake --build "$BUILD" -j "$(nproc)"
  build_console
  say "built in $((SECONDS - started)) s"
}

# The browser console into web/dist: types from the gateway's OpenAPI
# document, vue-tsc, then vite build — skipped when nothing under web/ nor
# the contract changed since the last one.
build_console() {
  local web="$ROOT/web"
  ZS_GATEWAY_BINARY="$BUILD/services/gateway/zs-gateway" node "$web/scripts/gen-api.mjs" >/dev/null
  if [ -f "$web/dist/index.html" ] && [ -z "$(find "$web/src" "$web/index.html" "$web/vite.config.ts" \
      "$web/tsconfig.json" "$web/package-lock.json" -newer "$web/dist/index.html" -print -quit)" ]; then
    return 0
  fi
  say "building the console (web/dist)"
  (cd "$web" && npx vue-tsc --noEmit -p tsconfig.json && npx vite build --logLevel warn)
}

# --- private PostgreSQL ------------------------------------------------------
# initdb refuses to run as root, so as root the cluster belongs to the
# unprivileged 'postgres' user that Debian's package creates.
as_pg_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {  # pg_start DATA_DIR PORT [EXTRA_SERVER_OPTIONS]
  local data="$1" port="$2" extra="${3:-}"
  mkdir -p "$data"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$data" "$(dirname "$data")"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_pg_owner "$PG_BIN/initdb" -D "$data" -U zs --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 >/dev/null
  fi
  as_pg_owner "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$data' -c fsync=${ZS_PG_FSYNC:-on} -c max_connections=200 $extra" \
    start >/dev/null || { tail -20 "$data/server.log" >&2; die "PostgreSQL did not start"; }
}

pg_stop() {  # pg_stop DATA_DIR
  if [ -f "$1/postmaster.pid" ]; then
    as_pg_owner "$PG_BIN/pg_ctl" -D "$1" -m fast -w stop >/dev/null || true
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# free_port_block N: a port P with P … P+N-1 all free on loopback (a suite
# on free ports: the gateway on P, the services on P+1 …).
free_port_block() {
  python3 - "$1" <<'PY'
import random, socket, sys
n = int(sys.argv[1])
for _ in range(200):
    base = random.randrange(20000, 60000 - n)
    socks = []
    try:
        for p in range(base, base + n):
            s = socket.socket(); s.bind(("127.0.0.1", p)); socks.append(s)
    except OSError:
        continue
    finally:
        for s in socks: s.close()
    print(base); break
else:
    sys.exit("no block of free ports")
PY
}

# --- test ---------------------------------------------------------------------
cmd_test() {
  build
  install_deploy_tools
  local port started=$SECONDS
  ZS_TEST_TMP="$(mktemp -d /tmp/zs-test.XXXXXX)"
  chmod 755 "$ZS_TEST_TMP"
  port="$(free_port)"
  # Tests create and drop their own databases; durability is not under test
  # here, so fsync is off to keep the suite quick.
  trap 'pg_stop "$ZS_TEST_TMP/pg"; rm -rf "$ZS_TEST_TMP"' EXIT
  ZS_PG_FSYNC=off pg_start "$ZS_TEST_TMP/pg" "$port"
  say "private PostgreSQL for tests on 127.0.0.1:$port"
  local rc=0 quick=0
  if [ "${1:-}" = "--quick" ]; then quick=1; shift; fi
  export ZS_TEST_PG_CONNINFO="host=127.0.0.1 port=$port user=zs dbname=postgres"
  ctest --test-dir "$BUILD" --output-on-failure -j "$(nproc)" "$@" || rc=$?
  say "tests finished in $((SECONDS - started)) s (exit $rc)"
  if [ $rc -eq 0 ] && [ $quick -eq 0 ]; then
    # The same suite built with AddressSanitizer and UndefinedBehaviorSanitizer,
    # plus the fuzz targets (ZS_FUZZ_SECONDS each, 30 by default).
    local sanitized="${ZS_SANITIZE_BUILD_DIR:-$ROOT/build-sanitize}"
    started=$SECONDS
    cmake -S "$ROOT" -B "$sanitized" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DZS_SANITIZE=ON \
      -DCMAKE_CXX_COMPILER=clang++ -DZS_FUZZ_SECONDS="${ZS_FUZZ_SECONDS:-30}" >/dev/null
    cmake --build "$sanitized" -j "$(nproc)"
    ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}" \
    LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
      ctest --test-dir "$sanitized" --output-on-failure -j "$(nproc)" "$@" || rc=$?
    say "sanitized tests and fuzzing finished in $((SECONDS - started)) s (exit $rc)"
  fi
  return $rc
}

# --- check ----------------------------------------------------------------------
# The habits a reviewer would otherwise ask for, each a step that names what it
# found; every step runs, and the command fails if any of them did. The C++
# build itself is the first check: the project's own code compiles with
# -Werror (CMakeLists.txt).
#
# check_step NAME COMMAND...: runs it, times it, remembers a failure. (Under
# `if`, bash ignores errexit inside COMMAND: each step's status is its last
# command's, so the steps chain with && and pipefail.)
check_step() {
  local name="$1" began=$SECONDS
  shift
  if "$@"; then
    say "check $name: ok ($((SECONDS - began)) s)"
  else
    say "check $name: FAILED ($((SECONDS - began)) s)"
    CHECK_FAILED+=("$name")
  fi
}

# Tracked files (a clone, as CI has) matching the git pathspecs given.
tracked() { git -C "$ROOT" ls-files -z -- "$@"; }

check_format() {  # every C++ file as the repository's .clang-format has it
  (cd "$ROOT" && tracked '*.cc' '*.h' | xargs -0 clang-format --dry-run --Werror)
}

# clang-tidy with .clang-tidy's checks over the code that ships (common/,
# services/, client/, tools/) and the headers it includes, with the build's
# compile_commands.json, one clang-tidy per core. Its findings and clang's
# own warnings are errors. Not over tests/: clang-tidy parses gRPC's and
# protobuf's headers again for every file, and the whole tree took more
# than CI's share on two cores (CONTRIBUTING.md "Check").
check_tidy() {
  run-clang-tidy -p "$BUILD" -j "$(nproc)" -quiet \
    "^$ROOT/(common|services|client|tools)/.*\.cc\$" >"$BUILD/clang-tidy.log" 2>&1 &&
    return 0
  sed 's/\x1b\[[0-9;]*m//g' "$BUILD/clang-tidy.log" | grep -E '(error|warning):' | sort -u >&2
  say "clang-tidy's whole output: $BUILD/clang-tidy.log"
  return 1
}

check_shell() {  # every tracked shell script, by its #! line
  local scripts=() f
  while IFS= read -r -d '' f; do
    head -c 64 "$ROOT/$f" | grep -qE '^#!.*\b(ba)?sh\b' && scripts+=("$ROOT/$f")
  done < <(tracked)
  shellcheck "${scripts[@]}"
}

check_python() { (cd "$ROOT" && tracked '*.py' | xargs -0 pyflakes3); }

check_console() {  # the console's TypeScript and Vue files, as `./zs build` types them
  (cd "$ROOT/web" && npx vue-tsc --noEmit -p tsconfig.json)
}

cmd_check() {
  CHECK_FAILED=()
  local started=$SECONDS
  # Not a check_step: a failing build stops here with its compiler's message.
  build
  say "check build (-Werror): ok ($((SECONDS - started)) s)"
  check_step clang-format check_format
  check_step shellcheck check_shell
  check_step pyflakes check_python
  check_step "console types (vue-tsc)" check_console
  check_step clang-tidy check_tidy
  if [ ${#CHECK_FAILED[@]} -gt 0 ]; then
    die "checks failed after $((SECONDS - started)) s: ${CHECK_FAILED[*]}"
  fi
  say "all checks passed in $((SECONDS - started)) s"
}

# --- run ------------------------------------------------------------------------
service_binary() { echo "$BUILD/services/$1/zs-$1"; }

# make_token_keys DIR: the EC P-256 key pair tokens are signed with
# (DIR/token-signing.pem, private, mode 600) and verified with
# (DIR/token-public.pem), made once and kept.
make_token_keys() {
  [ -f "$1/token-signing.pem" ] ||
    (umask 077; openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1/token-signing.pem")
  [ -f "$1/token-public.pem" ] || openssl pkey -in "$1/token-signing.pem" -pubout -out "$1/token-public.pem"
}

# prepare_database PORT: the zhaoshang database, the services' own roles,
# each with rights on its own schema only (deploy/k8s/base/db/service_roles.sql),
# and the insert-only audit trail they write to (deploy/k8s/base/db/audit.sql).
prepare_database() {  # prepare_database PORT [DATABASE]
  local db="${2:-zhaoshang}"
  "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U zs -d postgres -qtAc \
    "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 ||
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$1" -U zs "$db"
  "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U zs -d "$db" -q -v ON_ERROR_STOP=1 \
    <"$ROOT/deploy/k8s/base/db/service_roles.sql" >/dev/null
  "$PG_BIN/psql" -h 127.0.0.1 -p "$1" -U zs -d "$db" -q -v ON_ERROR_STOP=1 \
    <"$ROOT/deploy/k8s/base/db/audit.sql" >/dev/null
}

# The services `run` and `bench` start, in port order (BASE_PORT+1 …).
SERVICES=(lead project supervision reporting identity)

# start_services BASE_PORT CONNINFO LOG_DIR SIGNING_KEY [NAME=VALUE ...]:
# lead, project, supervision, reporting and identity on 127.0.0.1:BASE_PORT+1
# … +5, each logging in as its own database role, with the extra environment
# given ("{service}" in a value becomes the service's name). Only identity
# gets SIGNING_KEY, the private key tokens are signed with. STARTED lists
# them as name:pid.
start_services() {
  local base="$1" conninfo="$2" logs="$3" signing_key="$4" i=0 name
  shift 4
  STARTED=()
  for name in "${SERVICES[@]}"; do
    i=$((i + 1))
    # Every service follows supervision's directory (supervision too, by
    # calling itself): lead, project and identity validate codes against it,
    # and all refuse tokens of deactivated units, offices and leaders.
    local directory="127.0.0.1:$((base + 3))" issuer=""
    [ "$name" = identity ] && issuer="$signing_key"
    env ZS_DB_CONNINFO="$conninfo user=zs_$name" ZS_LISTEN="127.0.0.1:$((base + i))" \
      ZS_DIRECTORY_ADDRESS="$directory" ZS_ALLOW_PLAINTEXT=1 ZS_TOKEN_SIGNING_KEY_FILE="$issuer" \
      ZS_LEAD_ADDRESS="127.0.0.1:$((base + 1))" ZS_PROJECT_ADDRESS="127.0.0.1:$((base + 2))" \
      "${@//\{service\}/$name}" "$(service_binary "$name")" >>"$logs/$name.log" 2>&1 &
    STARTED+=("$name:$!")
  done
}

# issue_tokens DIR: with DIR/token-signing.pem, each service's own token
# (DIR/zs-NAME.token) and bureau admins' for the demo loader (the principal
# its request ids were first recorded under) and for zsctl
# (DIR/demo-loader.token, DIR/admin.token), valid for a month.
issue_tokens() {
  local name issue=("$BUILD/client/zsctl" admin issue-token --signing-key-file "$1/token-signing.pem")
  for name in "${SERVICES[@]}"; do
    "${issue[@]}" --principal "zs-$name" --kind service --ttl 720h --out "$1/zs-$name.token" 2>/dev/null
  done
  "${issue[@]}" --principal demo-loader --kind bureau_admin --ttl 720h --out "$1/demo-loader.token" 2>/dev/null
  "${issue[@]}" --principal dev-admin --kind bureau_admin --ttl 720h --out "$1/admin.token" 2>/dev/null
}

# wait_services BASE_PORT LOG_DIR: until each of them answers health checks.
wait_services() {
  local i=0 name
  for name in "${SERVICES[@]}"; do
    i=$((i + 1))
    "$BUILD/tools/zs-demo" wait --address "127.0.0.1:$(($1 + i))" --service "$name" ||
      { tail -20 "$2/$name.log" >&2; die "$name did not become healthy"; }
  done
}

# start_gateway PORT LOG_DIR [NAME=VALUE ...]: zs-gateway on 127.0.0.1:PORT
# in front of the services of start_services (base PORT), serving web/dist
# when it is built, with the extra environment given.
start_gateway() {
  local port="$1" logs="$2" static=""
  shift 2
  [ -d "$ROOT/web/dist" ] && static="$ROOT/web/dist"
  env ZS_LISTEN="127.0.0.1:$port" ZS_ALLOW_PLAINTEXT=1 ZS_STATIC_DIR="$static" "$@" \
    ZS_LEAD_ADDRESS="127.0.0.1:$((port + 1))" ZS_PROJECT_ADDRESS="127.0.0.1:$((port + 2))" \
    ZS_SUPERVISION_ADDRESS="127.0.0.1:$((port + 3))" ZS_REPORTING_ADDRESS="127.0.0.1:$((port + 4))" \
    ZS_IDENTITY_ADDRESS="127.0.0.1:$((port + 5))" \
    "$BUILD/services/gateway/zs-gateway" >>"$logs/gateway.log" 2>&1 &
  echo $! >"$STATE/gateway.pid"
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return 0
    sleep 0.1
  done
  tail -20 "$logs/gateway.log" >&2
  die "the gateway did not start"
}

cmd_stop() {
  for f in "$STATE"/*.pid; do
    [ -f "$f" ] || continue
    local pid; pid="$(cat "$f")"
    kill -TERM "$pid" 2>/dev/null && say "stopping $(basename "$f" .pid) (pid $pid)"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    rm -f "$f"
  done
  pg_stop "$STATE/pgdata"
  say "stopped"
}

cmd_run() {
  build
  mkdir -p "$STATE/logs"
  [ "$(id -u)" -eq 0 ] && chmod 755 "$STATE"
  cmd_stop >/dev/null 2>&1 || true
  pg_start "$STATE/pgdata" "$RUN_PG_PORT"
  prepare_database "$RUN_PG_PORT"
  trap 'cmd_stop; exit 0' INT TERM
  # Signed tokens as in production: identity signs, the others verify.
  make_token_keys "$STATE"
  issue_tokens "$STATE"

  start_services 7100 "host=127.0.0.1 port=$RUN_PG_PORT dbname=zhaoshang" "$STATE/logs" \
    "$STATE/token-signing.pem" ZS_TOKEN_PUBLIC_KEYS_FILE="$STATE/token-public.pem" \
    ZS_SERVICE_TOKEN_FILE="$STATE/zs-{service}.token" ZS_ALLOW_DEMO_ACCOUNTS=1
  for entry in "${STARTED[@]}"; do echo "${entry##*:}" >"$STATE/${entry%%:*}.pid"; done
  wait_services 7100 "$STATE/logs"

  local token="--token_file=$STATE/demo-loader.token"
  "$BUILD/tools/zs-demo" load "$token" --lead 127.0.0.1:7101 --project 127.0.0.1:7102
  "$BUILD/tools/zs-demo" accounts "$token" --identity 127.0.0.1:7105
  start_gateway 7100 "$STATE/logs"
  say "PostgreSQL   127.0.0.1:$RUN_PG_PORT (data in .zs/pgdata, reused by the next run)"
  local i=0
  for entry in "${STARTED[@]}"; do
    i=$((i + 1))
    say "service      ${entry%%:*} 127.0.0.1:$((7100 + i)) (log .zs/logs/${entry%%:*}.log)"
  done
  say "gateway      http://127.0.0.1:7100/ (HTTP/JSON API under /v1/, OpenAPI at /v1/openapi.json$([ -d "$ROOT/web/dist" ] && echo ", the console at /") ; log .zs/logs/gateway.log)"
  say "tokens:      signed with .zs/token-signing.pem, verified with .zs/token-public.pem"
  say "try:         curl -s http://127.0.0.1:7100/v1/openapi.json | head"
  say "try:         build/tools/zs-demo bulletin --token_file=.zs/admin.token --reporting 127.0.0.1:7104 --from 2026-01-01 --to 2026-06-30"
  say "or zsctl:    build/client/zsctl config init; ZSCTL_TOKEN_FILE=.zs/admin.token build/client/zsctl -p local lead list"
  say "Ctrl-C (or ./zs stop from another shell) stops everything"
  "$BUILD/tools/zs-demo" bulletin "$token" --reporting 127.0.0.1:7104 || true
  wait
}

# --- bench ----------------------------------------------------------------------
# The services as processes on their own private PostgreSQL (kept in
# .zs/bench, so the 1,000,000-lead dataset is loaded once), with signed
# tokens and no per-principal rate limit (capacity is what is measured),
# then zs-bench: raw limits, each method, the mix, memory, the targets.
# Two more suites run beside it: one over a 100,000-lead database (the
# report's cost against the dataset's size) and one on the main database
# whose aggregates scan the records, as before the rollups (the offices'
# latency under the 128-caller mix, then and now).
cmd_bench() {
  build
  local dir="$STATE/bench" port
  BENCH_DIR="$dir" BENCH_PIDS=()  # globals: the EXIT trap runs after this function
  mkdir -p "$dir/logs"
  [ "$(id -u)" -eq 0 ] && chmod 755 "$STATE" "$dir"
  port="$(free_port)"
  trap 'for p in "${BENCH_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done; wait 2>/dev/null; pg_stop "$BENCH_DIR/pgdata"' EXIT
  pg_start "$dir/pgdata" "$port" "-c shared_preload_libraries=pg_stat_statements -c shared_buffers=512MB"
  prepare_database "$port"
  prepare_database "$port" zhaoshang_small
  make_token_keys "$dir"
  issue_tokens "$dir"
  local conninfo="host=127.0.0.1 port=$port dbname=zhaoshang" measured
  local suite=(ZS_TOKEN_PUBLIC_KEYS_FILE="$dir/token-public.pem"
    ZS_SERVICE_TOKEN_FILE="$dir/zs-{service}.token" ZS_RATE_LIMIT_PER_SECOND=0)
  mkdir -p "$dir/logs/small" "$dir/logs/records"
  start_services 7200 "$conninfo" "$dir/logs" "$dir/token-signing.pem" "${suite[@]}"
  measured="$(IFS=,; echo "${STARTED[*]}")"
  for entry in "${STARTED[@]}"; do BENCH_PIDS+=("${entry##*:}"); done
  start_services 7210 "host=127.0.0.1 port=$port dbname=zhaoshang_small" "$dir/logs/small" \
    "$dir/token-signing.pem" "${suite[@]}"
  for entry in "${STARTED[@]}"; do BENCH_PIDS+=("${entry##*:}"); done
  wait_services 7200 "$dir/logs"
  start_services 7220 "$conninfo" "$dir/logs/records" "$dir/token-signing.pem" "${suite[@]}" \
    ZS_AGGREGATE_SOURCE=records ZS_MIGRATE=off
  for entry in "${STARTED[@]}"; do BENCH_PIDS+=("${entry##*:}"); done
  wait_services 7210 "$dir/logs/small"
  wait_services 7220 "$dir/logs/records"
  STATE="$dir" start_gateway 7200 "$dir/logs" ZS_HTTP_RATE_LIMIT_PER_SECOND=0
  BENCH_PIDS+=("$(cat "$dir/gateway.pid")")
  say "benchmarking (about 10 minutes; the first run also loads 1,000,000 leads)"
  local rc=0
  "$BUILD/tests/zs-bench" --lead 127.0.0.1:7201 --project 127.0.0.1:7202 \
    --reporting 127.0.0.1:7204 --gateway 127.0.0.1:7200 \
    --small_suite 127.0.0.1:7210 --small_pg_conninfo "host=127.0.0.1 port=$port dbname=zhaoshang_small user=zs" \
    --records_suite 127.0.0.1:7220 \
    --token_signing_key_file "$dir/token-signing.pem" \
    --pg_conninfo "$conninfo user=zs" --service_pids "$measured" "$@" \
    2> >(grep --line-buffered -v '"level":"info"' >&2) | tee "$dir/last-run.txt" || rc=$?
  say "results in .zs/bench/last-run.txt"
  return $rc
}

# --- package --------------------------------------------------------------------
# zsctl's .deb (cmake/Package.cmake): CPack's DEB generator, with Depends from
# dpkg-shlibdeps (dpkg-dev) and `file` to find the binaries to read.
cmd_package() {
  install_packages
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE="${ZS_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
  cmake --build "$BUILD" -j "$(nproc)" --target zsctl zsctl_completion
  rm -f "$BUILD"/package/zsctl_*.deb
  cpack --config "$BUILD/CPackConfig.cmake" -B "$BUILD/package" >/dev/null
  local deb
  deb="$(ls "$BUILD"/package/zsctl_*.deb)"
  dpkg-deb --field "$deb" Package Version Depends >&2
  say "$deb: apt install $deb"
}

# --- the browser console ---------------------------------------------------------
# console test|bench: a private PostgreSQL and the whole suite on free ports
# with the demo district and its accounts, then the console's browser tests
# (web/e2e/console.e2e.mjs, node --test) or its benchmark (web/e2e/bench.mjs)
# in Debian's chromium; everything started here stops when it ends. ctest
# runs `console test` (test console_e2e); `./zs bench --console` the other.
cmd_console() {
  local what="${1:-test}" dir base pgport
  [ -f "$ROOT/web/dist/index.html" ] || die "the console is not built (./zs build)"
  dir="$(mktemp -d /tmp/zs-console.XXXXXX)"
  chmod 755 "$dir"
  mkdir -p "$dir/logs"
  CONSOLE_DIR="$dir" STATE="$dir"  # globals: the EXIT trap runs after this function
  trap 'for f in "$CONSOLE_DIR"/*.pid; do [ -f "$f" ] && kill -TERM "$(cat "$f")" 2>/dev/null; done; wait 2>/dev/null; pg_stop "$CONSOLE_DIR/pg"; rm -rf "$CONSOLE_DIR"' EXIT
  pgport="$(free_port)"
  base="$(free_port_block 6)"
  pg_start "$dir/pg" "$pgport"
  prepare_database "$pgport"
  make_token_keys "$dir"
  issue_tokens "$dir"
  start_services "$base" "host=127.0.0.1 port=$pgport dbname=zhaoshang" "$dir/logs" \
    "$dir/token-signing.pem" ZS_TOKEN_PUBLIC_KEYS_FILE="$dir/token-public.pem" \
    ZS_SERVICE_TOKEN_FILE="$dir/zs-{service}.token" ZS_ALLOW_DEMO_ACCOUNTS=1
  for entry in "${STARTED[@]}"; do echo "${entry##*:}" >"$dir/${entry%%:*}.pid"; done
  wait_services "$base" "$dir/logs"
  local token="--token_file=$dir/demo-loader.token"
  "$BUILD/tools/zs-demo" load "$token" --lead "127.0.0.1:$((base + 1))" --project "127.0.0.1:$((base + 2))" >/dev/null
  "$BUILD/tools/zs-demo" accounts "$token" --identity "127.0.0.1:$((base + 5))" >/dev/null
  start_gateway "$base" "$dir/logs"
  say "console under test at http://127.0.0.1:$base/ (logs in $dir/logs until the end)"
  local rc=0
  case "$what" in
    test) ZS_CONSOLE_URL="http://127.0.0.1:$base" node --test --test-reporter=spec "$ROOT/web/e2e/console.e2e.mjs" || rc=$? ;;
    bench) ZS_CONSOLE_URL="http://127.0.0.1:$base" node "$ROOT/web/e2e/bench.mjs" || rc=$? ;;
    *) die "console test|bench" ;;
  esac
  [ $rc -eq 0 ] || tail -5 "$dir"/logs/*.log >&2
  return $rc
}

# --- drill ----------------------------------------------------------------------
cmd_drill() {
  [ "${1:-}" = "--no-build" ] || build
  local dir started=$SECONDS
  dir="$(mktemp -d /tmp/zs-drill.XXXXXX)"
  chmod 755 "$dir"
  mkdir -p "$dir/archive" "$dir/logs"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/archive"
  DRILL_DIR="$dir" DRILL_PIDS=()
  trap 'for p in "${DRILL_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done; wait 2>/dev/null
        pg_stop "$DRILL_DIR/primary"; pg_stop "$DRILL_DIR/restored"; rm -rf "$DRILL_DIR"' EXIT
  local port; port="$(free_port)"
  # What production's CloudNativePG does with barman: every finished WAL
  # segment copied to the archive (here a directory, there object storage).
  pg_start "$dir/primary" "$port" "-c wal_level=replica -c archive_mode=on \
    -c archive_command='test ! -f $dir/archive/%f && cp %p $dir/archive/%f' -c archive_timeout=60"
  prepare_database "$port"
  local psql=("$PG_BIN/psql" -h 127.0.0.1 -U zs -d zhaoshang -qAt -v ON_ERROR_STOP=1)
  say "drill: base backup of the primary (pg_basebackup)"
  # (-X none: the backup's WAL comes from the archive, as in production;
  # the socket it skips lives in the data directory here)
  as_pg_owner "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$port" -U zs -D "$dir/base" -Fp \
    -X none -c fast 2> >(grep -v 'skipping special file' >&2)

  # Signed tokens as in production (see cmd_run).
  make_token_keys "$dir"
  issue_tokens "$dir"
  local keys=("$dir/token-signing.pem" ZS_TOKEN_PUBLIC_KEYS_FILE="$dir/token-public.pem"
              ZS_SERVICE_TOKEN_FILE="$dir/zs-{service}.token")
  local base; base="$(free_port_block 6)"
  start_services "$base" "host=127.0.0.1 port=$port dbname=zhaoshang" "$dir/logs" "${keys[@]}"
  for entry in "${STARTED[@]}"; do DRILL_PIDS+=("${entry##*:}"); done
  wait_services "$base" "$dir/logs"
  cat >"$dir/zsctl.ini" <<INI
[profile drill]
lead_endpoint = 127.0.0.1:$((base + 1))
project_endpoint = 127.0.0.1:$((base + 2))
supervision_endpoint = 127.0.0.1:$((base + 3))
reporting_endpoint = 127.0.0.1:$((base + 4))
plaintext = true
token_file = $dir/admin.token
state_dir = $dir/zsctl-state
INI
  local zsctl=(env ZSCTL_CONFIG="$dir/zsctl.ini" "$BUILD/client/zsctl" -p drill)
  say "drill: the suite writes the demo district's records"
  "$BUILD/tools/zs-demo" load "--token_file=$dir/demo-loader.token" \
    --lead "127.0.0.1:$((base + 1))" --project "127.0.0.1:$((base + 2))" >"$dir/logs/load.log"

  counts() { "${psql[@]}" -p "$1" -c "SELECT (SELECT count(*) FROM lead.enterprises) || '/' ||
    (SELECT count(*) FROM lead.leads) || '/' || (SELECT count(*) FROM project.projects) || '/' ||
    (SELECT count(*) FROM audit.events)"; }
  local before; before="$(counts "$port")"
  "${psql[@]}" -p "$port" -c "SELECT pg_switch_wal()" >/dev/null
  sleep 1
  local target; target="$("${psql[@]}" -p "$port" -c "SELECT now()")"
  sleep 1
  say "drill: records (enterprises/leads/projects/audit rows) $before at $target; a later write"
  "${zsctl[@]}" lead create-enterprise --name "还原演练之后的企业" --industry medical_devices \
    --type dragon_head >/dev/null
  [ "$("${psql[@]}" -p "$port" -c "SELECT count(*) FROM lead.enterprises WHERE name = '还原演练之后的企业'")" = 1 ] ||
    die "drill: the later write did not happen"
  # The segment holding the later write is archived too, so a restore
  # could replay it: stopping short of it is the target's doing.
  local last; last="$("${psql[@]}" -p "$port" -c "SELECT pg_walfile_name(pg_switch_wal())")"
  for _ in $(seq 100); do
    [ -f "$dir/archive/$last" ] && break
    sleep 0.2
  done
  [ -f "$dir/archive/$last" ] || die "drill: WAL segment $last was not archived"
  for p in "${DRILL_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  DRILL_PIDS=()
  pg_stop "$dir/primary"

  say "drill: restore to $target into a new data directory"
  cp -a "$dir/base" "$dir/restored"
  rm -f "$dir/restored/postmaster.pid"
  touch "$dir/restored/recovery.signal"
  cat >>"$dir/restored/postgresql.auto.conf" <<CONF
restore_command = 'cp $dir/archive/%f %p'
recovery_target_time = '$target'
recovery_target_action = 'promote'
CONF
  [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir/restored"
  local restored_port; restored_port="$(free_port)"
  pg_start "$dir/restored" "$restored_port" "-c archive_mode=off"
  for _ in $(seq 150); do
    [ "$("${psql[@]}" -p "$restored_port" -c "SELECT pg_is_in_recovery()" 2>/dev/null)" = f ] && break
    sleep 0.2
  done
  [ "$("${psql[@]}" -p "$restored_port" -c "SELECT pg_is_in_recovery()")" = f ] ||
    die "drill: the restored cluster did not finish recovery"

  base="$(free_port_block 6)"
  start_services "$base" "host=127.0.0.1 port=$restored_port dbname=zhaoshang" "$dir/logs" \
    "${keys[@]}"
  for entry in "${STARTED[@]}"; do DRILL_PIDS+=("${entry##*:}"); done
  wait_services "$base" "$dir/logs"
  sed -i "s/127.0.0.1:[0-9]*/127.0.0.1:PORT/" "$dir/zsctl.ini"
  local i=0
  for name in lead project supervision reporting; do
    i=$((i + 1))
    sed -i "0,/127.0.0.1:PORT/s//127.0.0.1:$((base + i))/" "$dir/zsctl.ini"
  done
  local after; after="$(counts "$restored_port")"
  local rc=0
  [ "$after" = "$before" ] || { say "drill FAILED: records $after after the restore, $before before"; rc=1; }
  # Through the restored services, as a user would look.
  local found
  found="$("${zsctl[@]}" -o csv lead list-enterprises --all | grep -c "还原演练之后的企业" || true)"
  [ "$found" = 0 ] || { say "drill FAILED: the later write survived the restore"; rc=1; }
  "${zsctl[@]}" -o csv lead list-enterprises --all | grep -q "曙光健士" ||
    { say "drill FAILED: the restored services do not show the earlier records"; rc=1; }
  [ $rc -eq 0 ] && say "drill PASSED in $((SECONDS - started)) s: $after records restored to $target, the later write gone, services serving"
  return $rc
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  check) cmd_check ;;
  stop) cmd_stop ;;
  build) build ;;
  bench) shift; if [ "${1:-}" = --console ]; then build; cmd_console bench; else cmd_bench "$@"; fi ;;
  console) shift; cmd_console "$@" ;;
  package) cmd_package ;;
  drill) shift; cmd_drill "$@" ;;
  *) sed -n '2,26p' "$0"; exit 2 ;;
esac
