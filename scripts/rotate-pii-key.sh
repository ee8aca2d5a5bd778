#!/usr/bin/env bash
# Rotates the personal-data key: a new pii-key, and the old one added to pii-previous-keys so
# that everything sealed under it still opens. The app picks both up through its versionless
# Key Vault references (App Service refreshes them within a day; restart the app to apply now).
# Drop a previous key only after the re-seal has moved every record to the current key.
#
#   AZURE_KEY_VAULT_NAME=kv-... scripts/rotate-pii-key.sh
set -euo pipefail
vault=${AZURE_KEY_VAULT_NAME:?the vault name (azd env get-value AZURE_KEY_VAULT_NAME)}

current=$(az keyvault secret show --vault-name "$vault" --name pii-key --query value -o tsv)
previous=$(az keyvault secret show --vault-name "$vault" --name pii-previous-keys --query value -o tsv)
if [ "$previous" = "none" ] || [ -z "$previous" ]; then previous=$current; else previous="$current,$previous"; fi

# Previous keys first: if the second write failed, the app would still open everything.
az keyvault secret set --vault-name "$vault" --name pii-previous-keys --value "$previous" -o none
az keyvault secret set --vault-name "$vault" --name pii-key --value "$(head -c 32 /dev/urandom | base64)" -o none
echo "pii-key rotated; $(tr ',' '\n' <<<"$previous" | wc -l) previous key(s) kept in pii-previous-keys"
