#!/usr/bin/env bash
# Gives an officer app roles of the staff API (see docs/DEPLOYMENT.md, "Giving an officer access"):
#
#   scripts/grant-staff-role.sh <client id> officer@pacc.go.th Complaints.Read Complaints.Manage Region.8
#
# Each person needs at least one duty role and one scope role (Region.0 ... Region.9 or
# Region.All). Roles take effect at the officer's next sign-in.
set -euo pipefail

client_id=${1:?usage: scripts/grant-staff-role.sh <client id> <user> <role>...}
user=${2:?usage: scripts/grant-staff-role.sh <client id> <user> <role>...}
shift 2
[ $# -gt 0 ] || { echo "name at least one role" >&2; exit 2; }

sp_id=$(az ad sp show --id "$client_id" --query id -o tsv)
user_id=$(az ad user show --id "$user" --query id -o tsv)
for role in "$@"; do
  role_id=$(az ad sp show --id "$client_id" --query "appRoles[?value=='$role'].id | [0]" -o tsv)
  [ -n "$role_id" ] || { echo "no such role: $role" >&2; exit 1; }
  az rest --method POST --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$sp_id/appRoleAssignedTo" \
    --headers Content-Type=application/json \
    --body "{\"principalId\":\"$user_id\",\"resourceId\":\"$sp_id\",\"appRoleId\":\"$role_id\"}" >/dev/null
  echo "$user: $role"
done
