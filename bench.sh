#!/usr/bin/env bash
# ./bench.sh [--quick] [--only ROW[,ROW]]: builds the API and bench/RecordsVault.Bench, starts a throwaway Azurite and API,
# runs the benchmarks of the performance issue, prints one Markdown table on stdout and writes
# bench/results/latest.json. Everything it starts is stopped on exit. --quick: smaller sizes, under 3 minutes.
# --only runs some rows (e.g. --only 5 while profiling); it still writes latest.json, with those rows only.
# Rows 5 and 6 also start a throwaway PostgreSQL cluster and a second API on it; row 7 runs on an API of its own, so that
# its peak memory is its own; row 8 seeds audit events straight into the main API's SQLite database.
# Row 9 runs the Key Vault test server and a Key Vault mode API inside the bench runner, as the integration tests do.
# Row 10 archives 1,000 cases with 10,000 small records through POST /archive on the main API.
# Row 11 seeds 10,000,000 audit events and 1,000,000 cases into the main API's SQLite database and times list pages.
# Each API has its own VAULT_DATA (and so its own signing key and tokens).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh
umask 077

BENCH_ARGS=()
ONLY=
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) BENCH_ARGS+=(--quick) ;;
    --only) [ $# -ge 2 ] || die "--only needs row numbers, e.g. --only 1,2"; BENCH_ARGS+=(--only "$2"); ONLY="$2"; shift ;;
    *) die "unknown argument: $1 (usage: ./bench.sh [--quick] [--only ROW[,ROW]])" ;;
  esac
  shift
done

# wants_row N: true when this run includes row N.
wants_row() { [ -z "$ONLY" ] || [[ ",$ONLY," == *",$1,"* ]]; }

BENCH_PROJECT=bench/RecordsVault.Bench/RecordsVault.Bench.csproj
BENCH_DLL=bench/RecordsVault.Bench/bin/Release/net10.0/RecordsVault.Bench.dll

require_tools
npm_setup
dotnet_build src/RecordsVault.Api/RecordsVault.Api.csproj
dotnet_build "$BENCH_PROJECT"

# start_api LOG [VAR=VALUE...]: an API on a free loopback port, logging to LOG, with these environment variables on
# top of the exported ones; sets API_URL and API_PID, and remembers the pid for stop_apis.
API_PIDS=()
start_api() {
  local log_file="$1"
  shift
  API_URL="http://127.0.0.1:$(free_port)"
  env "$@" ASPNETCORE_URLS="$API_URL" ASPNETCORE_CONTENTROOT="$PWD/$(dirname "$API_DLL")" dotnet "$API_DLL" >"$log_file" 2>&1 &
  API_PID=$!
  API_PIDS+=("$API_PID")
  for _ in $(seq 1 150); do
    curl -fsS "$API_URL/health" >/dev/null 2>&1 && { log "API on $API_URL (pid $API_PID)"; return 0; }
    kill -0 "$API_PID" 2>/dev/null || break
    sleep 0.2
  done
  cat "$log_file" >&2 || true
  die "the API did not start"
}

stop_apis() {
  local pid
  for pid in "${API_PIDS[@]}"; do
    stop_pid "$pid"
  done
  API_PIDS=()
}

# mint_token DATA_DIR ROLE ORG SUB: a bearer token signed by the key of the API whose VAULT_DATA is DATA_DIR.
mint_token() {
  VAULT_DATA="$1" Vault__DataPath="$1" dotnet "$API_DLL" token --role "$2" --org "$3" --sub "$4" || die "could not mint a $2 token"
}

BENCH_DATA=$(mktemp -d /tmp/recordsvault-bench.XXXXXX)
API_PID=
PG_DIR=
cleanup() {
  trap - EXIT INT TERM
  stop_apis
  stop_postgres
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
MAIN_API_URL=$API_URL
MAIN_API_PID=$API_PID

# The token command reads the signing key from VAULT_DATA, which the API created at start.
BENCH_TOKEN=$(mint_token "$BENCH_DATA" Vault.Caseworker bench bench)
export BENCH_TOKEN
export BENCH_AZURITE="$AZURITE_CONNECTION"

EXTRA_ARGS=()
if wants_row 5 || wants_row 6; then
  # Rows 5 and 6 on PostgreSQL: a second API on a database of its own, which EF creates at start. Row 5 reads a case
  # there as a caseworker too.
  start_postgres
  BENCH_POSTGRES="${POSTGRES_CONNECTION/Database=postgres/Database=rv_bench}"
  mkdir -p "$BENCH_DATA/postgres-api"
  start_api "$BENCH_DATA/api-postgres.log" VAULT_DATA="$BENCH_DATA/postgres-api" Vault__DataPath="$BENCH_DATA/postgres-api" \
    Vault__Database__Provider=Postgres Vault__Database__ConnectionString="$BENCH_POSTGRES"
  EXTRA_ARGS+=(--postgres-api "$API_URL" --postgres-api-pid "$API_PID")
  BENCH_POSTGRES_TOKEN=$(mint_token "$BENCH_DATA/postgres-api" Vault.Caseworker bench bench)
  export BENCH_POSTGRES BENCH_POSTGRES_TOKEN
fi
if wants_row 6; then
  # Row 6 on SQLite seeds the main API's database; on PostgreSQL, the second API's. A records manager sweeps their own
  # organization only: the one the cases are seeded in.
  BENCH_MANAGER_TOKEN=$(mint_token "$BENCH_DATA" Vault.RecordsManager bench-sweep bench-manager)
  BENCH_POSTGRES_MANAGER_TOKEN=$(mint_token "$BENCH_DATA/postgres-api" Vault.RecordsManager bench-sweep bench-manager)
  export BENCH_MANAGER_TOKEN BENCH_SQLITE="$BENCH_DATA/vault.db" BENCH_POSTGRES_MANAGER_TOKEN
fi
if wants_row 8 || wants_row 11; then
  # Row 8 seeds audit events into the main API's database and verifies them as an ORR auditor; row 11 seeds events and
  # cases there and reads pages as that auditor, a provider's auditor and a caseworker of the seeded cases.
  BENCH_AUDITOR_TOKEN=$(mint_token "$BENCH_DATA" Vault.Auditor orr bench-auditor)
  export BENCH_AUDITOR_TOKEN BENCH_SQLITE="$BENCH_DATA/vault.db"
fi
if wants_row 11; then
  BENCH_PROVIDER_AUDITOR_TOKEN=$(mint_token "$BENCH_DATA" Vault.Auditor prov-b bench-provider-auditor)
  BENCH_SCALE_CASEWORKER_TOKEN=$(mint_token "$BENCH_DATA" Vault.Caseworker bench-sweep bench-scale)
  export BENCH_PROVIDER_AUDITOR_TOKEN BENCH_SCALE_CASEWORKER_TOKEN
fi
if wants_row 10; then
  # Row 10 archives into an organization no other row uses, as one of its records managers.
  BENCH_ARCHIVE_TOKEN=$(mint_token "$BENCH_DATA" Vault.RecordsManager bench-archive bench-archivist)
  export BENCH_ARCHIVE_TOKEN
fi
if wants_row 7; then
  mkdir -p "$BENCH_DATA/packet-api"
  start_api "$BENCH_DATA/api-packet.log" VAULT_DATA="$BENCH_DATA/packet-api" Vault__DataPath="$BENCH_DATA/packet-api"
  EXTRA_ARGS+=(--packet-api "$API_URL" --packet-api-pid "$API_PID")
  BENCH_PACKET_TOKEN=$(mint_token "$BENCH_DATA/packet-api" Vault.Caseworker bench bench)
  BENCH_PACKET_ORR_TOKEN=$(mint_token "$BENCH_DATA/packet-api" Vault.OrrOfficial orr bench-orr)
  export BENCH_PACKET_TOKEN BENCH_PACKET_ORR_TOKEN
fi

if wants_row 9; then
  # Row 9 starts its own Key Vault test server and an API in Key Vault mode, through the tests' helpers.
  export VAULT_TEST_AZURITE="$AZURITE_CONNECTION" VAULT_TEST_DATA="$BENCH_DATA/key-vault-api"
  mkdir -p "$VAULT_TEST_DATA"
fi

status=0
dotnet "$BENCH_DLL" --api "$MAIN_API_URL" --api-pid "$MAIN_API_PID" --out bench/results/latest.json "${BENCH_ARGS[@]}" "${EXTRA_ARGS[@]}" || status=$?
if [ "$status" != 0 ]; then
  log "some benchmarks failed; the APIs' logs follow"
  for f in "$BENCH_DATA"/api*.log; do
    log "$f:"
    tail -n 50 "$f" >&2 || true
  done
fi
log "results in bench/results/latest.json"
exit "$status"
