#!/usr/bin/env bash
# azd's postprovision hook: creates each Key Vault secret the app reads that is missing, and
# never changes one that exists. The personal-data keys are made here, once, from the machine's
# random source: they are never taken from or written by a pipeline, so a redeploy cannot undo a
# rotation (scripts/rotate-pii-key.sh) or lose the key data was sealed with. The LINE credentials
# come from the LINE Developers console: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN
# (azd env set) for the first provision, or set the secrets yourself; a later run leaves them.
#
#   AZURE_KEY_VAULT_NAME=kv-... scripts/ensure-secrets.sh     (azd sets it from the Bicep outputs)
set -euo pipefail
vault=${AZURE_KEY_VAULT_NAME:?the vault name: azd sets AZURE_KEY_VAULT_NAME from the Bicep outputs}

exists() { az keyvault secret show --vault-name "$vault" --name "$1" --query id -o tsv >/dev/null 2>&1; }

# Role assignments take a few minutes to reach Key Vault: wait for the deployer's Secrets Officer role.
for attempt in $(seq 1 30); do
  az keyvault secret list --vault-name "$vault" --maxresults 1 -o none 2>/dev/null && break
  [ "$attempt" -lt 30 ] || { echo "no access to $vault's secrets yet; run this script again in a few minutes" >&2; exit 1; }
  sleep 10
done

create() { # name value what
  if exists "$1"; then
    echo "$1: kept"
  else
    az keyvault secret set --vault-name "$vault" --name "$1" --value "$2" -o none
    echo "$1: created ($3)"
  fi
}

random_key() { head -c 32 /dev/urandom | base64; }

create pii-key "$(random_key)" "32 random bytes"
create pii-hash-key "$(random_key)" "32 random bytes; never rotate it: every stored hash depends on it"
create pii-previous-keys none "no retired keys yet"

for pair in "line-channel-secret:LINE_CHANNEL_SECRET" "line-channel-access-token:LINE_CHANNEL_ACCESS_TOKEN"; do
  name=${pair%%:*}
  variable=${pair#*:}
  if exists "$name"; then
    echo "$name: kept"
  elif [ -n "${!variable:-}" ]; then
    az keyvault secret set --vault-name "$vault" --name "$name" --value "${!variable}" -o none
    echo "$name: created from $variable"
  else
    echo "$name: missing: set $variable (azd env set) and run azd provision again, or set the secret yourself" >&2
  fi
done
