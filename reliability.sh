#!/usr/bin/env bash
# ./reliability.sh [--quick] [--only N[,N]]: the vault's worst days (issue 13). Builds the API and
# reliability/RecordsVault.Reliability, starts a throwaway PostgreSQL cluster, and lets the runner start, kill and
# restart its own Azurite and API processes in each scenario. Prints one table, writes reliability/results/latest.json,
# exits non-zero if any scenario fails. Everything it starts is stopped on exit, Ctrl-C and failure included.
# --quick: a few minutes (./test.sh runs it); the full run takes under 30 minutes.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/lib.sh
umask 077

ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) ARGS+=(--quick) ;;
    --only) [ $# -ge 2 ] || die "--only needs scenario numbers, e.g. --only 2,5"; ARGS+=(--only "$2"); shift ;;
    *) die "unknown argument: $1 (usage: ./reliability.sh [--quick] [--only N[,N]])" ;;
  esac
  shift
done

RUNNER_PROJECT=reliability/RecordsVault.Reliability/RecordsVault.Reliability.csproj
RUNNER_DLL=reliability/RecordsVault.Reliability/bin/Release/net10.0/RecordsVault.Reliability.dll

require_tools
npm_setup
# test.sh has built the whole solution already; a second build is an up-to-date check.
dotnet_build src/RecordsVault.Api/RecordsVault.Api.csproj
dotnet_build "$RUNNER_PROJECT"

REL_DATA=$(mktemp -d /tmp/recordsvault-reliability.XXXXXX)
chmod 755 "$REL_DATA" # the postgres user reaches nothing here, but the runner's mounts do need traversal
cleanup() {
  trap - EXIT INT TERM
  local pid
  # The runner lists every process it starts (Azurite, APIs); stop those still running, even if it was killed.
  if [ -f "$REL_DATA/pids" ]; then
    while read -r pid; do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    done <"$REL_DATA/pids"
  fi
  # A scenario mounts a small tmpfs for the disk-full case; never leave one behind.
  # (|| true: under pipefail an empty grep would end this trap before the rest of it ran)
  { grep -o " $REL_DATA/[^ ]*" /proc/mounts || true; } | while read -r mnt; do umount -l "$mnt" 2>/dev/null || true; done
  stop_postgres
  rm -rf "$REL_DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_postgres
export REL_DATA REL_API_DLL="$API_DLL" REL_AZURITE_BIN=node_modules/.bin/azurite-blob
export REL_POSTGRES="$POSTGRES_CONNECTION" REL_PG_BIN="$PG_BIN" REL_PG_DIR="$PG_DIR"
REL_COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
export REL_COMMIT

status=0
dotnet "$RUNNER_DLL" --out reliability/results/latest.json "${ARGS[@]}" || status=$?
if [ "$status" != 0 ]; then
  log "some scenarios failed; the last lines of each API's log follow"
  for f in "$REL_DATA"/*.api.log; do
    [ -f "$f" ] || continue
    log "$f:"
    grep -E "fail|error|Error|crit" "$f" | tail -n 15 >&2 || true
  done
  # Last, so that a log cut to its tail (CI shows only that) still says which scenario failed and why.
  log "failed scenarios:"
  jq -r '.scenarios[] | select(.passed | not) | "  \(.scenario): \(.failures | join("; "))"' \
    reliability/results/latest.json >&2 || true
fi
log "results in reliability/results/latest.json"
exit "$status"
