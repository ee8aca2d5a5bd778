#!/usr/bin/env bash
# Runs every benchmark and writes bench/RESULTS.md (bench/RESULTS.quick.md with --quick).
#   bench/run.sh                       the full run (about 40 minutes on 2 cores)
#   bench/run.sh --quick               small sizes: checks that each benchmark still works
#   bench/run.sh --only http,compile   some of: http, complaints, registrations, compile, stafflist, coldstart
# Exits 3 when a target is missed (the results are written all the same).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/common.sh

ensure_node_tools
log "building (Release)..."
dotnet build AntiCorruption.Functions.sln -c Release --nologo -v quiet -clp:ErrorsOnly >&2
# The benchmarks start an Azurite of their own each; one from the environment would be shared.
unset AzureWebJobsStorage
exec dotnet bench/AntiCorruption.Bench/bin/Release/net10.0/AntiCorruption.Bench.dll "$@"
