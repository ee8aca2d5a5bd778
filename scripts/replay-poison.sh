#!/usr/bin/env bash
# Moves a queue's poison messages back to the queue, once what made them fail is fixed
# (docs/RUNBOOKS.md). It asks the app: one message to the poison-replays queue, which
# ReplayPoisonMessages takes; the app moves the messages that were in <queue>-poison when this ran,
# adding each to the queue before deleting it from the poison queue (processing is idempotent,
# so nothing is stored twice). Run it again to move what arrived later.
#
#   scripts/replay-poison.sh complaints                  # in Azure: the azd environment's account, your Entra sign-in
#   AzureWebJobsStorage='<connection string>' scripts/replay-poison.sh complaints   # Azurite or a connection string
#
# Queues: complaints, registrations, line-events, summary-compiles, event-outbox, notifications.
set -euo pipefail
queue=${1:?usage: scripts/replay-poison.sh <queue>}
case "$queue" in
  complaints|registrations|line-events|summary-compiles|event-outbox|notifications) ;;
  *) echo "no poison replay for '$queue': one of complaints, registrations, line-events, summary-compiles, event-outbox, notifications" >&2; exit 2 ;;
esac

# Messages are base64, as the Functions host reads them (host.json messageEncoding).
content=$(printf '{"queue":"%s","before":"%s"}' "$queue" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" | base64 -w0)
if [ -n "${AzureWebJobsStorage:-}" ]; then
  az storage message put --queue-name poison-replays --content "$content" --connection-string "$AzureWebJobsStorage" -o none
else
  account=${AZURE_STORAGE_ACCOUNT_NAME:-$(azd env get-value AZURE_STORAGE_ACCOUNT_NAME)}
  # Needs Storage Queue Data Message Sender (or Contributor) on the account: infra grants it to developerPrincipalId.
  az storage message put --queue-name poison-replays --content "$content" --account-name "$account" --auth-mode login -o none
fi
echo "asked the app to replay $queue-poison; its log says how many it moved (docs/RUNBOOKS.md has the query)"
