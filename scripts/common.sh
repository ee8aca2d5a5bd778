# Shared by run.sh and test.sh: tools, free ports, Azurite.
# shellcheck shell=bash

AZURITE_KEY="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

log() { printf '%s\n' "$*" >&2; }

# npm ci when node_modules is missing or older than the lock file.
ensure_node_tools() {
  if [ ! -x node_modules/.bin/azurite ] || [ ! -x node_modules/.bin/redocly ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing Node tools (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error >&2
  fi
}

# The browser tests drive Debian's Chromium; Thai fonts make the screenshots readable.
ensure_browser() {
  # (Not "fc-list | grep -q": under pipefail, grep's early exit fails the pipeline.)
  if [ -x /usr/bin/chromium ] && [ -n "$(fc-list :lang=th 2>/dev/null)" ]; then
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing Chromium and Thai fonts (apt-get)..."
  $sudo apt-get install -y --no-install-recommends chromium fonts-thai-tlwg >&2 \
    || { $sudo apt-get update >&2 && $sudo apt-get install -y --no-install-recommends chromium fonts-thai-tlwg >&2; }
}

# The evidence tests read metadata back with ExifTool, a reader independent of the app's cleaning code.
ensure_exiftool() {
  command -v exiftool >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ExifTool (apt-get)..."
  $sudo apt-get install -y --no-install-recommends libimage-exiftool-perl >&2 \
    || { $sudo apt-get update >&2 && $sudo apt-get install -y --no-install-recommends libimage-exiftool-perl >&2; }
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_port() {
  local port=$1 tries=${2:-200}
  while ! port_in_use "$port"; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || return 1
    sleep 0.1
  done
}

# start_azurite DIR [BLOB_PORT QUEUE_PORT TABLE_PORT]
# Starts Azurite with its data in DIR, sets AZURITE_PID and AZURITE_CONNECTION.
start_azurite() {
  local dir=$1 blob=${2:-$(free_port)} queue=${3:-$(free_port)} table=${4:-$(free_port)}
  mkdir -p "$dir"
  node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry --loose \
    --location "$dir" --blobPort "$blob" --queuePort "$queue" --tablePort "$table" \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 >"$dir/azurite.log" 2>&1 &
  AZURITE_PID=$!
  for port in "$blob" "$queue" "$table"; do
    wait_for_port "$port" || { log "Azurite did not start; see $dir/azurite.log"; return 1; }
  done
  AZURITE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${AZURITE_KEY};BlobEndpoint=http://127.0.0.1:${blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:${table}/devstoreaccount1;"
  log "Azurite: blob ${blob}, queue ${queue}, table ${table}, data in ${dir}"
}

stop_pid() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
