#!/usr/bin/env bash
# Rotates the personal-data key: a new pii-key, and the old one added to pii-previous-keys so
# that everything sealed under it still opens. The app picks both up through its versionless
# Key Vault references (App Service refreshes them within a day; restart the app to apply now).
# The hourly ResealPersonalData then moves every sealed value to the new key.
#
#   AZURE_KEY_VAULT_NAME=kv-... scripts/rotate-pii-key.sh
#
# Afterwards, --drop-previous sets pii-previous-keys back to "none", and only once the re-seal has
# recorded that every sealed value is under the current pii-key: its status blob
# (summaries/operations/pii-reseal.json) names that key's id as "donekeyid" in its metadata. Reading
# it takes a data role on the storage account (Storage Blob Data Reader or more) for whoever runs this.
#
#   AZURE_KEY_VAULT_NAME=kv-... AZURE_STORAGE_ACCOUNT_NAME=st... scripts/rotate-pii-key.sh --drop-previous
set -euo pipefail
vault=${AZURE_KEY_VAULT_NAME:?the vault name (azd env get-value AZURE_KEY_VAULT_NAME)}

# A key's id as every ciphertext names it (PiiProtector): the first 4 bytes of SHA-256 of the key, hex.
key_id() {
  if command -v sha256sum >/dev/null; then printf '%s' "$1" | base64 -d | sha256sum | cut -c1-8
  else printf '%s' "$1" | base64 -d | shasum -a 256 | cut -c1-8; fi
}

current=$(az keyvault secret show --vault-name "$vault" --name pii-key --query value -o tsv)
previous=$(az keyvault secret show --vault-name "$vault" --name pii-previous-keys --query value -o tsv)

if [ "${1:-}" = "--drop-previous" ]; then
  account=${AZURE_STORAGE_ACCOUNT_NAME:?the storage account (azd env get-value AZURE_STORAGE_ACCOUNT_NAME)}
  if [ "$previous" = "none" ] || [ -z "$previous" ]; then
    echo "pii-previous-keys is already none: nothing to drop"
    exit 0
  fi

  wanted=$(key_id "$current")
  status() {
    az storage blob metadata show --account-name "$account" --container-name summaries \
      --name operations/pii-reseal.json --auth-mode login --query "$1" -o tsv
  }
  errors=$(mktemp)
  trap 'rm -f "$errors"' EXIT
  if ! done_key=$(status donekeyid 2>"$errors"); then
    echo "Refused: the re-seal status could not be read (no run since the rotation yet, or no data role on $account):" >&2
    cat "$errors" >&2
    exit 1
  fi

  if [ "$done_key" != "$wanted" ]; then
    echo "Refused: the re-seal has not finished for the current pii-key ($wanted); its status says done for: ${done_key:-no key yet}." >&2
    echo "ResealPersonalData runs hourly (at :40) and is done after a whole pass finds nothing under an old key, not sooner than its second pass." >&2
    echo "If the app still seals with the old key, restart it so that it reads the rotated secrets." >&2
    exit 1
  fi

  done_at=$(status doneat)
  az keyvault secret set --vault-name "$vault" --name pii-previous-keys --value none -o none
  echo "pii-previous-keys set to none: every sealed value has been under key $wanted since $done_at."
  echo "Restart the app (or wait for Key Vault references to refresh, within a day) for it to forget the old keys."
  exit 0
fi

if [ "$previous" = "none" ] || [ -z "$previous" ]; then previous=$current; else previous="$current,$previous"; fi

# Previous keys first: if the second write failed, the app would still open everything.
az keyvault secret set --vault-name "$vault" --name pii-previous-keys --value "$previous" -o none
az keyvault secret set --vault-name "$vault" --name pii-key --value "$(head -c 32 /dev/urandom | base64)" -o none
echo "pii-key rotated; $(tr ',' '\n' <<<"$previous" | wc -l) previous key(s) kept in pii-previous-keys"
echo "When ResealPersonalData has moved everything to the new key: $0 --drop-previous"
