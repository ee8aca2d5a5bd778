#!/usr/bin/env bash
# Creates (or brings up to date) the staff API's app registration in Entra ID from
# infra/entra/staff-api.json: its app roles (every duty and scope role of the contract), its
# delegated scope access_as_user, v2 access tokens, and the workspace page as its SPA redirect.
# Only people given a role can get a token for it. Prints the client id for azd:
#
#   scripts/register-staff-app.sh https://<function app>.azurewebsites.net/api/staff
#   azd env set STAFF_API_CLIENT_ID <the printed id>
#
# Needs the Azure CLI signed in as someone who may create app registrations, and jq.
# Role ids in the manifest are fixed, so running it again changes nothing that is assigned.
set -euo pipefail
cd "$(dirname "$0")/.."

workspace_url=${1:?usage: scripts/register-staff-app.sh <workspace URL, e.g. https://<app>.azurewebsites.net/api/staff>}
manifest=infra/entra/staff-api.json
name=$(jq -r .displayName "$manifest")

app_id=$(az ad app list --display-name "$name" --query "[0].appId" -o tsv)
if [ -z "$app_id" ]; then
  app_id=$(az ad app create --display-name "$name" --sign-in-audience AzureADMyOrg --query appId -o tsv)
fi
object_id=$(az ad app show --id "$app_id" --query id -o tsv)

body=$(jq --arg uri "api://$app_id" --arg redirect "$workspace_url" \
  '. + {identifierUris: [$uri], spa: {redirectUris: [$redirect]}}' "$manifest")
az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications/$object_id" \
  --headers Content-Type=application/json --body "$body" >/dev/null

az ad sp show --id "$app_id" >/dev/null 2>&1 || az ad sp create --id "$app_id" >/dev/null
# Without this, anyone in the tenant could get a token (with no roles, so 403 everywhere, but still).
az ad sp update --id "$app_id" --set appRoleAssignmentRequired=true

echo "STAFF_API_CLIENT_ID=$app_id"
