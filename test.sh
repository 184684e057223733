#!/usr/bin/env bash
# Runs every test of PharmacyPos against real servers: PostgreSQL, Redis, the Azurite storage emulator
# and a headless Chromium. Installs what is missing (Debian packages and npm), starts each on loopback
# with throwaway data, runs the tests, stops what it started, and ends with "N passed, N failed".
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
WORK="$(mktemp -d -t pharmacypos-test.XXXXXX)"
LOG="$WORK/dotnet-test.log"
PG_PORT="${PHARMACYPOS_PG_PORT:-5433}"
REDIS_PORT="${PHARMACYPOS_REDIS_PORT:-6380}"
AZURITE_PORT="${PHARMACYPOS_AZURITE_PORT:-10000}"
TOOLS="$ROOT/.tools"
STARTED=()

say() { printf '==> %s\n' "$*"; }
fail_setup() { printf 'test.sh: %s\n' "$*" >&2; echo "0 passed, 1 failed"; exit 1; }

cleanup() {
  for what in "${STARTED[@]}"; do
    case "$what" in
      postgres) su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$WORK/pg' -m immediate stop" >/dev/null 2>&1 || true ;;
      redis) redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true ;;
      azurite) kill "$AZURITE_PID" >/dev/null 2>&1 || true ;;
    esac
  done
  rm -rf "$WORK" 2>/dev/null || true
}
trap cleanup EXIT

# --- install what is missing -------------------------------------------------------------
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || fail_setup "apt-get update failed"
  apt-get install -y -qq "${need[@]}" >/dev/null || fail_setup "could not install ${need[*]}"
fi
if [ ! -x "$TOOLS/azurite/node_modules/.bin/azurite-blob" ]; then
  say "installing the Azurite storage emulator"
  # 3.35 is the last Azurite that runs on Node 20.
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/azurite" azurite@3.35.0 >/dev/null || fail_setup "could not install Azurite"
fi

# --- start the servers ---------------------------------------------------------------------
PG_BIN="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")"
say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
mkdir -p "$WORK/pg" && chown postgres "$WORK" "$WORK/pg" && chmod 700 "$WORK/pg"
su postgres -s /bin/sh -c "$PG_BIN/initdb -D '$WORK/pg' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null || fail_setup "initdb failed"
su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D '$WORK/pg' -l '$WORK/pg/server.log' -w -o \"-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null \
  || { cat "$WORK/pg/server.log" >&2; fail_setup "PostgreSQL did not start"; }
STARTED+=(postgres)

say "starting Redis on 127.0.0.1:$REDIS_PORT"
redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
  --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log" >/dev/null || fail_setup "Redis did not start"
STARTED+=(redis)
for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

say "starting Azurite on 127.0.0.1:$AZURITE_PORT"
mkdir -p "$WORK/azurite"
"$TOOLS/azurite/node_modules/.bin/azurite-blob" --blobHost 127.0.0.1 --blobPort "$AZURITE_PORT" \
  --location "$WORK/azurite" --disableTelemetry --skipApiVersionCheck >"$WORK/azurite.log" 2>&1 &
AZURITE_PID=$!
STARTED+=(azurite)
for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$AZURITE_PORT") 2>/dev/null && break; sleep 0.1; done

export PHARMACYPOS_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=postgres;Include Error Detail=true"
export PHARMACYPOS_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export PHARMACYPOS_TEST_AZURITE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
export PHARMACYPOS_CHROMIUM=/usr/bin/chromium
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# --- infrastructure templates ---------------------------------------------------------------
infra_failed=0
if [ -x scripts/check-infra.sh ] || [ -f scripts/check-infra.sh ]; then
  say "compiling and linting the Bicep templates"
  bash scripts/check-infra.sh || infra_failed=1
fi

# --- the tests --------------------------------------------------------------------------------
say "running the tests"
dotnet tool restore >/dev/null
dotnet test PharmacyPos.sln 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}

summary=$(awk '/^(Passed|Failed)! +- Failed:/ {gsub(/,/,""); f+=$4; p+=$6; s+=$8; n++} END {printf "%d %d %d %d", p, f, s, n}' "$LOG")
read -r passed failed skipped runs <<<"$summary"
if [ "$runs" -eq 0 ]; then
  echo "The build or the test run failed before any test ran." >&2
  passed=0; failed=1; rc=1
fi
if [ "$infra_failed" -ne 0 ]; then
  echo "The infrastructure check failed (see above)." >&2
  failed=$((failed + 1)); rc=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
