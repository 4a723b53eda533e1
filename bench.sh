#!/usr/bin/env bash
# ./bench.sh [--quick] [--only ROW[,ROW]]: builds the API and bench/RecordsVault.Bench, starts a throwaway Azurite and API,
# runs the benchmarks of the performance issue, prints one Markdown table on stdout and writes
# bench/results/latest.json. Everything it starts is stopped on exit. --quick: smaller sizes, under 3 minutes.
# --only runs some rows (e.g. --only 5 while profiling); it still writes latest.json, with those rows only.
set -euo pipefail
cd "$(dirname "$0")"
source infra/lib.sh
umask 077

BENCH_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) BENCH_ARGS+=(--quick) ;;
    --only) [ $# -ge 2 ] || die "--only needs row numbers, e.g. --only 1,2"; BENCH_ARGS+=(--only "$2"); shift ;;
    *) die "unknown argument: $1 (usage: ./bench.sh [--quick] [--only ROW[,ROW]])" ;;
  esac
  shift
done

BENCH_PROJECT=bench/RecordsVault.Bench/RecordsVault.Bench.csproj
BENCH_DLL=bench/RecordsVault.Bench/bin/Release/net10.0/RecordsVault.Bench.dll

require_tools
npm_setup
dotnet_build src/RecordsVault.Api/RecordsVault.Api.csproj
dotnet_build "$BENCH_PROJECT"

# start_api LOG: the API on a free loopback port, logging to LOG; sets API_PID and API_URL.
start_api() {
  API_URL="http://127.0.0.1:$(free_port)"
  ASPNETCORE_URLS="$API_URL" ASPNETCORE_CONTENTROOT="$PWD/$(dirname "$API_DLL")" dotnet "$API_DLL" >"$1" 2>&1 &
  API_PID=$!
  for _ in $(seq 1 150); do
    curl -fsS "$API_URL/health" >/dev/null 2>&1 && { log "API on $API_URL (pid $API_PID)"; return 0; }
    kill -0 "$API_PID" 2>/dev/null || break
    sleep 0.2
  done
  cat "$1" >&2 || true
  die "the API did not start"
}

stop_api() {
  if [ -n "${API_PID:-}" ] && kill -0 "$API_PID" 2>/dev/null; then
    kill -TERM "$API_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$API_PID" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  API_PID=
}

BENCH_DATA=$(mktemp -d /tmp/recordsvault-bench.XXXXXX)
API_PID=
cleanup() {
  trap - EXIT INT TERM
  stop_api
  stop_azurite
  rm -rf "$BENCH_DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_azurite "$BENCH_DATA/azurite"
export VAULT_DATA="$BENCH_DATA"
export Vault__DataPath="$BENCH_DATA"
export Vault__Blob__ConnectionString="$AZURITE_CONNECTION"
# Row 3 uploads 1 GiB; the default limit is 256 MiB.
export Vault__Uploads__MaxBytes=$((2 * 1024 * 1024 * 1024))
start_api "$BENCH_DATA/api.log"

# The token command reads the signing key from VAULT_DATA, which the API created at start.
BENCH_TOKEN=$(dotnet "$API_DLL" token --role Vault.Caseworker --org bench --sub bench) || die "could not mint a token"
export BENCH_TOKEN
export BENCH_AZURITE="$AZURITE_CONNECTION"

status=0
dotnet "$BENCH_DLL" --api "$API_URL" --api-pid "$API_PID" --out bench/results/latest.json "${BENCH_ARGS[@]}" || status=$?
if [ "$status" != 0 ]; then
  log "some benchmarks failed; the API's log follows"
  tail -n 50 "$BENCH_DATA/api.log" >&2 || true
fi
log "results in bench/results/latest.json"
exit "$status"
