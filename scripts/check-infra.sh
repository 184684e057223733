#!/usr/bin/env bash
# Proves the infrastructure code offline:
#  1. brings the Bicep CLI from its NuGet package (infra/tools/BicepCli.proj);
#  2. lints every .bicep and .bicepparam file (infra/bicepconfig.json makes every rule
#     an error) and fails on any warning or error;
#  3. compiles infra/main.bicep and each environment's parameters file into
#     artifacts/infra/ (main.json, <environment>.parameters.json), which
#     PharmacyPos.Tests/Deployment asserts on;
#  4. checks the parameters files and the guarantees the operations guide relies on;
#  5. runs scripts/check-migrations.sh (no unmarked destructive migration).
# Exits non-zero with a message naming the problem.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
infra="$root/infra"
out="$root/artifacts/infra"
bicep_version="0.49.2"
failures=0

fail() { echo "check-infra: $*" >&2; failures=$((failures + 1)); }

command -v dotnet >/dev/null || { echo "check-infra: dotnet is not on PATH; install the .NET SDK first." >&2; exit 1; }

# 1. The Bicep CLI, from NuGet.
if ! restore_log="$(dotnet restore "$infra/tools/BicepCli.proj" --verbosity quiet 2>&1)"; then
  echo "$restore_log" >&2
  echo "check-infra: could not restore Azure.Bicep.CommandLine.linux-x64 $bicep_version from NuGet." >&2
  exit 1
fi
packages="$(dotnet nuget locals global-packages --list | sed -E 's/^global-packages: *//')"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$bicep_version/tools/bicep"
[[ -f "$bicep" ]] || { echo "check-infra: the Bicep CLI is not at $bicep after restore." >&2; exit 1; }
[[ -x "$bicep" ]] || chmod +x "$bicep"
echo "check-infra: $("$bicep" --version)"

rm -rf "$out"
mkdir -p "$out"

# Runs bicep; any diagnostic (warning or error) fails the check.
run_bicep() {
  local what="$1"; shift
  local log
  if ! log="$("$bicep" "$@" 2>&1)"; then
    echo "$log" >&2
    fail "$what failed."
    return 1
  fi
  if grep -Eq ' : (Warning|Error) ' <<<"$log"; then
    echo "$log" >&2
    fail "$what reported warnings; the build treats them as errors."
    return 1
  fi
  return 0
}

# 2. Lint every template and parameters file.
while IFS= read -r -d '' file; do
  run_bicep "lint ${file#"$root"/}" lint "$file" || true
done < <(find "$infra" -type f \( -name '*.bicep' -o -name '*.bicepparam' \) -not -path '*/tools/*' -print0 | sort -z)

# 3. Compile.
run_bicep "build infra/main.bicep" build "$infra/main.bicep" --outfile "$out/main.json" || true

required_environments=(staging production)
for env in "${required_environments[@]}"; do
  [[ -f "$infra/environments/$env.bicepparam" ]] || fail "infra/environments/$env.bicepparam is missing: every environment needs a parameters file."
done

for params in "$infra"/environments/*.bicepparam; do
  [[ -f "$params" ]] || continue
  env="$(basename "$params" .bicepparam)"
  rel="${params#"$root"/}"
  # Compile with no PHARMACYPOS_IMAGE set, so the output never depends on the shell.
  if ! log="$(env -u PHARMACYPOS_IMAGE "$bicep" build-params "$params" --outfile "$out/$env.parameters.json" 2>&1)"; then
    echo "$log" >&2
    missing="$(grep -oE 'missing an assignment in the params file: .*\.' <<<"$log" | sed -E 's/^missing an assignment in the params file: //; s/\.$//' || true)"
    if [[ -n "$missing" ]]; then
      fail "$rel is missing required value(s): $missing."
    else
      fail "$rel does not compile (see above)."
    fi
    continue
  fi
  if grep -Eq ' : (Warning|Error) ' <<<"$log"; then
    echo "$log" >&2
    fail "$rel reported warnings; the build treats them as errors."
  fi

  # 4. Parameters-file rules.
  grep -Eq "^using '\.\./main\.bicep'" "$params" || fail "$rel must start with: using '../main.bicep'"
  grep -Eq "^param environmentName = '$env'" "$params" || fail "$rel must set environmentName = '$env' (the file name is the environment)."
  if grep -Eni '(password|pwd|secret|accountkey|sharedaccesskey|client_?secret)[[:space:]]*=' "$params" | grep -v '^[0-9]*:[[:space:]]*//' >/dev/null; then
    fail "$rel assigns something that looks like a secret; secrets live in Key Vault or come from managed identity, never in parameters files."
  fi
  if grep -Eiq 'Demo__Seed[^a-z]*true' "$params"; then
    fail "$rel turns on Demo__Seed; demo data must stay off outside development."
  fi
done

# Guarantees the operations guide relies on, checked on the compiled template so a
# template change that drops one fails here with its name (the Deployment tests check
# the same and more).
if [[ -f "$out/main.json" ]]; then
  json="$out/main.json"
  check() { grep -Fq -- "$1" "$json" || fail "compiled template: $2"; }
  check '"mode": "ZoneRedundant"' "PostgreSQL zone-redundant high availability is gone (highAvailability.mode must be ZoneRedundant)."
  check '"geoRedundantBackup": "Enabled"' "PostgreSQL geo-redundant backup is gone."
  check '"createMode": "Replica"' "the PostgreSQL read replica is gone."
  check '"immutabilityPeriodSinceCreationInDays"' "the audit container's time-based immutability policy is gone."
  check '"healthCheckPath"' "the App Service health check is gone."
  check "parameters('name'), 'staging')" "the staging deployment slot is gone."
  check '"clientAffinityEnabled": true' "ARR affinity (sticky sessions for Blazor circuits) is off."
  check '"webSocketsEnabled": true' "WebSockets are off."
fi

# 5. Migrations.
"$root/scripts/check-migrations.sh" || fail "destructive migration check failed (see above)."

if [[ $failures -gt 0 ]]; then
  echo "check-infra: FAILED ($failures problem(s))." >&2
  exit 1
fi
echo "check-infra: OK: templates linted and compiled into ${out#"$root"/}/ ($(cd "$out" && ls | tr '\n' ' '))"
