#!/usr/bin/env bash
# The main job: build, start Azurite (unless AzureWebJobsStorage or AzureWebJobsStorage__accountName
# is set), serve every function
# on http://127.0.0.1:${PORT:-7071}. Prints a line with "ready" when it serves. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/common.sh

ensure_node_tools
[ -f local.settings.json ] || cp local.settings.template.json local.settings.json
# A local.settings.json from an earlier version lacks the settings added since (a new timer's
# schedule would stop the host): add those from the template, changing none that is there.
node -e '
  const fs = require("fs");
  const [mine, template] = ["local.settings.json", "local.settings.template.json"].map(f => JSON.parse(fs.readFileSync(f, "utf8")));
  const added = Object.keys(template.Values).filter(k => !(k in (mine.Values ??= {})));
  added.forEach(k => { mine.Values[k] = template.Values[k]; });
  if (added.length) { fs.writeFileSync("local.settings.json", JSON.stringify(mine, null, 2) + "\n"); console.error("local.settings.json: added " + added.join(", ")); }
'
log "building..."
dotnet build functions/AntiCorruption.LocalHost -c Release --nologo -v quiet -clp:ErrorsOnly >&2

APP_PID=""
AZURITE_PID=""
shutdown() {
  trap - INT TERM EXIT
  stop_pid "$APP_PID"
  stop_pid "$AZURITE_PID"
}
trap shutdown EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -n "${AzureWebJobsStorage__accountName:-}" ]; then
  # A real account by identity (az login): empty the connection string local.settings.json names.
  export AzureWebJobsStorage=""
elif [ -z "${AzureWebJobsStorage:-}" ]; then
  # Azurite's usual ports when they are free, so Storage Explorer finds it; others when not.
  if port_in_use 10000 || port_in_use 10001 || port_in_use 10002; then
    start_azurite .data/azurite
  else
    start_azurite .data/azurite 10000 10001 10002
  fi
  export AzureWebJobsStorage="$AZURITE_CONNECTION"
fi

export PORT="${PORT:-7071}"
dotnet functions/AntiCorruption.LocalHost/bin/Release/net10.0/AntiCorruption.LocalHost.dll &
APP_PID=$!
wait "$APP_PID"
