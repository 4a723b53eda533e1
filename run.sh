#!/usr/bin/env bash
# ./run.sh                  set up everything on a fresh machine, then run the vault in the foreground
# ./run.sh token --role ROLE [--role ROLE2] --org ORG [--sub NAME]   print a bearer token, nothing else
# ./run.sh audit verify     check the audit chain and its signed checkpoints; exits 1 if tampered with
# ./run.sh reconcile        remove blobs no database row owns (after a grace period); finish interrupted deletes
# ./run.sh keys status      KEK versions, and how many case keys and packets each still wraps
# ./run.sh keys rotate [--resume] [--batch-size N]   new KEK version, then rewrap everything under it (resumable)
# ./run.sh keys retire VERSION   retire a KEK version that wraps nothing any more (Local: its key file is deleted)
# ./run.sh keys rotate --signing   new audit-signing key version
# ./run.sh keys public      the signing keys' public halves (JSON Web Key Set): publish them to check receipts and exports
# ./run.sh archive MANIFEST --org ORG [--as NAME] [--yes] [--stop-on-error] [--receipt FILE]   bulk archive (docs/archive.md)
# ./run.sh handover transfer --from ORG --to ORG [filters] [--yes]   move a provider's cases to a successor in this vault
# ./run.sh handover export --from ORG --out FOLDER|FILE.zip [filters]   write them, signed, for another vault
# ./run.sh verify-export PATH --keys FILE   check an export offline: signature and every file's SHA-256
set -euo pipefail
CALLER_DIR=$PWD # paths given to archive, handover and verify-export are the caller's, not the repository's
cd "$(dirname "$0")"
REPO_DIR=$PWD
source scripts/lib.sh
umask 077 # the database, keys and Azurite files are for this user only

export VAULT_DATA="${VAULT_DATA:-./.vault-data}"
mkdir -p "$VAULT_DATA"
VAULT_DATA=$(cd "$VAULT_DATA" && pwd)
VAULT_URL="${VAULT_URL:-http://127.0.0.1:5080}"

if [ "${1:-}" = "token" ]; then
  shift
  if [ ! -f "$API_DLL" ]; then
    require_tools
    dotnet_build src/RecordsVault.Api/RecordsVault.Api.csproj
  fi
  exec dotnet "$API_DLL" token "$@"
fi

if [ "${1:-}" = "verify-export" ]; then
  # Offline by design: no database, storage or key service, only the export and the published keys.
  if [ ! -f "$API_DLL" ]; then
    require_tools
    dotnet_build src/RecordsVault.Api/RecordsVault.Api.csproj
  fi
  cd "$CALLER_DIR"
  exec dotnet "$REPO_DIR/$API_DLL" "$@"
fi

case "${1:-}" in audit | reconcile | keys | archive | handover) vault_command=1 ;; *) vault_command= ;; esac
if [ -n "$vault_command" ]; then
  require_tools
  npm_setup
  [ -f "$API_DLL" ] || dotnet_build src/RecordsVault.Api/RecordsVault.Api.csproj
  trap stop_azurite EXIT
  trap 'exit 130' INT TERM
  # They read or write blob storage (audit checkpoints; record and packet blobs) beside the database; keys shares the configuration.
  use_or_start_azurite "$VAULT_DATA/azurite"
  status=0
  (cd "$CALLER_DIR" && Vault__DataPath="$VAULT_DATA" Vault__Blob__ConnectionString="$AZURITE_CONNECTION" dotnet "$REPO_DIR/$API_DLL" "$@") || status=$?
  exit $status
fi
[ $# -eq 0 ] || die "unknown arguments: $* (usage: ./run.sh, or ./run.sh token|audit|reconcile|keys|archive|handover|verify-export ...; see the top of run.sh)"

require_tools
npm_setup
dotnet_build src/RecordsVault.Api/RecordsVault.Api.csproj

API_PID=
cleanup() {
  trap - EXIT INT TERM
  stop_pid "$API_PID"
  stop_azurite
  log "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_azurite "$VAULT_DATA/azurite"
export Vault__DataPath="$VAULT_DATA"
export Vault__Blob__ConnectionString="$AZURITE_CONNECTION"
export ASPNETCORE_URLS="$VAULT_URL"
export ASPNETCORE_CONTENTROOT="$PWD/$(dirname "$API_DLL")"

dotnet "$API_DLL" &
API_PID=$!
for _ in $(seq 1 150); do
  curl -fsS "$VAULT_URL/health" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || die "the API exited during start; see the messages above"
  sleep 0.2
done

cat >&2 <<MSG

RecordsVault is listening on $VAULT_URL  (data in $VAULT_DATA)
The web console is at        $VAULT_URL/console  (local sign-in: choose a user name, organization and roles;
                             the user guides are in docs/guide/)
Get a token in another terminal, e.g.:
  TOKEN=\$(./run.sh token --role Vault.Caseworker --org prov-a --sub alice)
  curl -H "Authorization: Bearer \$TOKEN" $VAULT_URL/cases
Press Ctrl-C to stop the API and Azurite.

MSG
wait "$API_PID"
