#!/usr/bin/env bash
# azd's preprovision hook: after `azd down`, this environment's Key Vault is soft-deleted and,
# with purge protection, keeps its name for 90 days, so creating it again fails. When a deleted
# vault of that name exists, the template recovers it (createMode recover), with its secrets, the
# personal-data keys among them; otherwise it creates one as usual.
#
#   AZURE_KEY_VAULT_NAME=kv-... scripts/vault-create-mode.sh   (azd keeps it from the last provision)
set -euo pipefail
name=${AZURE_KEY_VAULT_NAME:-}
mode=default
if [ -n "$name" ]; then
  deleted=$(az keyvault list-deleted --resource-type vault --query "[?name=='$name'] | length(@)" -o tsv)
  [ "${deleted:-0}" -gt 0 ] && mode=recover
fi
azd env set KEY_VAULT_CREATE_MODE "$mode"
echo "Key Vault ${name:-(first provision)}: $mode"
