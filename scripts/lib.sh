# Shared by run.sh, test.sh and bench.sh: setup steps and the local Azurite and PostgreSQL servers.
# Source it from the repository root. Progress goes to stderr so that stdout stays clean for `run.sh token`.

AZURITE_ACCOUNT=devstoreaccount1
# Azurite's documented development key: public, and accepted only by the emulator.
AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
API_DLL=src/RecordsVault.Api/bin/Release/net10.0/RecordsVault.Api.dll
# The vaults these scripts start run on this machine, with local keys, local tokens and Azurite: the Local
# environment. Production (ASP.NET Core's default when unset) refuses all three (src/RecordsVault.Api/ProductionSettings.cs).
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Local}"

log() { echo "[vault] $*" >&2; }
die() { echo "[vault] error: $*" >&2; exit 1; }

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

require_tools() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is required"
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    log "installing Node.js and npm from Debian packages"
    apt_install nodejs npm
  fi
}

apt_updated=0
apt_install() {
  [ "$(id -u)" = 0 ] || die "need root to install $*; install them and run again"
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2 || die "apt-get install $* failed"
}

npm_setup() {
  if [ ! -x node_modules/.bin/azurite-blob ] || [ ! -x node_modules/.bin/redocly ] \
    || [ ! -f node_modules/oidc-provider/package.json ] || [ ! -f node_modules/axe-core/axe.min.js ] \
    || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm devDependencies (azurite, redocly, oidc-provider, axe-core)"
    npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
  fi
}

dotnet_build() {
  log "restoring and building ($1)"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
  dotnet restore "$1" --locked-mode >&2 || die "dotnet restore failed"
  dotnet build "$1" -c Release --no-restore -nologo -v quiet >&2 || die "dotnet build failed"
}

# start_azurite DATA_DIR: starts the blob emulator on a free loopback port; sets AZURITE_PID, AZURITE_PORT, AZURITE_CONNECTION.
start_azurite() {
  local dir="$1"
  mkdir -p "$dir"
  AZURITE_PORT=$(free_port)
  # Its own session: a Ctrl-C in the terminal reaches the API first, and Azurite is stopped after it.
  setsid node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort "$AZURITE_PORT" --location "$dir" \
    --skipApiVersionCheck --loose --silent >"$dir/azurite.log" 2>&1 &
  AZURITE_PID=$!
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$AZURITE_PORT") 2>/dev/null; then
      azurite_connection
      # Lets another command on the same data folder use this emulator instead of starting a second one on it.
      echo "$AZURITE_PID $AZURITE_PORT" >"$dir/azurite.endpoint"
      AZURITE_DIR="$dir"
      log "Azurite blob service on 127.0.0.1:$AZURITE_PORT (data in $dir)"
      return 0
    fi
    kill -0 "$AZURITE_PID" 2>/dev/null || break
    sleep 0.2
  done
  cat "$dir/azurite.log" >&2 || true
  die "Azurite did not start"
}

azurite_connection() {
  AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$AZURITE_PORT/$AZURITE_ACCOUNT;"
}

# use_or_start_azurite DATA_DIR: two emulators must never share a data folder (each saves its own view of
# the metadata on exit), so an Azurite already serving DATA_DIR, e.g. under `./run.sh`, is used as it is.
use_or_start_azurite() {
  local dir="$1" pid port
  if [ -f "$dir/azurite.endpoint" ] && read -r pid port <"$dir/azurite.endpoint" && kill -0 "$pid" 2>/dev/null \
    && (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    AZURITE_PORT=$port
    azurite_connection
    log "using the Azurite already running on 127.0.0.1:$AZURITE_PORT (data in $dir)"
    return 0
  fi
  start_azurite "$dir"
}

# stop_pid PID: asks a process to stop, gives it up to 10 s to close gracefully (Azurite saves its
# metadata then), then kills it; never hangs the caller.
stop_pid() {
  local pid="$1"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

stop_azurite() {
  if [ -n "${AZURITE_PID:-}" ] && kill -0 "$AZURITE_PID" 2>/dev/null; then
    stop_pid "$AZURITE_PID"
    [ -z "${AZURITE_DIR:-}" ] || rm -f "$AZURITE_DIR/azurite.endpoint"
  fi
  AZURITE_PID=
}

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] && echo "$bin"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_postgres: a throwaway cluster on a free loopback port with a random password;
# sets PG_DIR, PG_BIN and POSTGRES_CONNECTION.
start_postgres() {
  PG_BIN=$(pg_bin) || true
  if [ -z "$PG_BIN" ]; then
    log "installing PostgreSQL from Debian packages"
    apt_install postgresql
    PG_BIN=$(pg_bin) || die "PostgreSQL installed, but initdb was not found"
  fi
  id postgres >/dev/null 2>&1 || die "the postgres system user is missing"
  PG_DIR=$(mktemp -d /tmp/recordsvault-pg.XXXXXX)
  local port password
  port=$(free_port)
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  echo "$password" >"$PG_DIR/pwfile"
  chown -R postgres "$PG_DIR" 2>/dev/null || true
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A scram-sha-256 --pwfile="$PG_DIR/pwfile" --no-sync >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
  POSTGRES_CONNECTION="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
  log "PostgreSQL on 127.0.0.1:$port (throwaway cluster in $PG_DIR)"
}

stop_postgres() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
  PG_DIR=
}

# The Bicep CLI, from the NuGet package Azure.Bicep.CommandLine.linux-x64 (a registry this machine reaches, unlike
# the CLI's own download site). infra/bicep-tool/bicep-tool.csproj only downloads the package: it is in no
# solution, builds nothing and has its own (empty) lock file, so the solution's locked restore is untouched.
BICEP_VERSION=0.49.2

# bicep_path: prints the path of the bicep binary, downloading the package on first use.
bicep_path() {
  local packages bin
  packages="${NUGET_PACKAGES:-}"
  if [ -z "$packages" ]; then
    packages=$(dotnet nuget locals global-packages --list --force-english-output 2>/dev/null | sed -n 's/^global-packages: *//p')
  fi
  [ -n "$packages" ] || die "could not find the NuGet global packages folder"
  bin="${packages%/}/azure.bicep.commandline.linux-x64/$BICEP_VERSION/tools/bicep"
  if [ ! -f "$bin" ]; then
    log "downloading the Bicep CLI $BICEP_VERSION (NuGet package Azure.Bicep.CommandLine.linux-x64)"
    dotnet restore infra/bicep-tool/bicep-tool.csproj --locked-mode -nologo -v quiet >&2 || die "could not download the Bicep CLI"
    [ -f "$bin" ] || die "the Bicep package has no binary at $bin"
  fi
  # NuGet does not promise to keep the executable bit of a file inside a package.
  [ -x "$bin" ] || chmod +x "$bin"
  echo "$bin"
}

# bicep_check: builds infra/main.bicep and lints it, its modules and main.bicepparam; any warning or error fails it,
# since a warning here is usually a property Azure does not know or an API version the CLI has no types for.
bicep_check() {
  local bicep out
  log "checking the Azure infrastructure: bicep build and lint of infra/ (Bicep CLI $BICEP_VERSION)"
  bicep=$(bicep_path) || return 1
  # --no-restore: nothing is fetched from a module registry (infra/ uses none), so only NuGet is ever reached.
  # The parameters file reads the tenant's values from the environment; placeholders are enough to check it.
  out=$(
    export VAULT_API_CLIENT_ID=00000000-0000-0000-0000-000000000001 VAULT_API_IMAGE=example.azurecr.io/recordsvault-api:check \
      VAULT_PG_ADMIN_OBJECT_ID=00000000-0000-0000-0000-000000000002 VAULT_PG_ADMIN_NAME=recordsvault-db-admins
    "$bicep" build infra/main.bicep --stdout --no-restore 2>&1 >/dev/null || echo "bicep build failed"
    "$bicep" lint --pattern 'infra/**/*.bicep*' --no-restore 2>&1 || echo "bicep lint failed"
    # The Entra app registration's files, read by `az` in README's Deploy to Azure.
    for f in infra/entra/*.json; do
      [ -e "$f" ] || continue
      node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$f" 2>/dev/null || echo "$f is not valid JSON"
    done
  )
  if [ -n "$out" ]; then
    echo "$out" >&2
    log "Bicep: FAILED (a warning counts as a failure; see above)"
    return 1
  fi
  log "Bicep: infra/main.bicep builds, and infra/ lints with no warning"
}
