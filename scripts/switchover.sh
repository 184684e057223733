#!/usr/bin/env bash
# Moves the PharmacyPos database role in Azure.
#
#   switchover.sh planned --resource-group RG --server SERVER [--dry-run]
#       Planned failover of zone-redundant HA: the standby in the other zone becomes
#       primary. Same host name, no setting changes; connections drop for about a minute
#       and the app reconnects. Use it before zone maintenance and in the HA drill.
#
#   switchover.sh promote-replica --resource-group RG --server SERVER --replica REPLICA \
#       --webapp WEBAPP [--forced] [--dry-run]
#       The primary is lost (or must be replaced): promote the read replica to a
#       stand-alone read-write server and point ConnectionStrings__Pos of both slots at it.
#       --forced promotes without waiting for the replica to catch up (primary
#       unreachable: writes not yet replicated are lost). Afterwards create a new replica
#       (re-provision the environment with the new server as primary).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/pg.sh"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

action="${1:-}"; [[ -n "$action" ]] && shift || usage
group="" server="" replica="" webapp="" forced=0 dry_run=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --resource-group) group="$2"; shift 2 ;;
    --server) server="$2"; shift 2 ;;
    --replica) replica="$2"; shift 2 ;;
    --webapp) webapp="$2"; shift 2 ;;
    --forced) forced=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) usage ;;
    *) echo "switchover.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ -n "$group" && -n "$server" ]] || die "--resource-group and --server are required."
[[ $dry_run == 1 ]] || need az

run() { if [[ $dry_run == 1 ]]; then echo "+ $*"; else "$@"; fi; }

case "$action" in
  planned)
    run az postgres flexible-server restart --resource-group "$group" --name "$server" --failover Planned
    echo "switchover.sh: planned failover of $server done; check /api/health/ready and the alerts."
    ;;
  promote-replica)
    [[ -n "$replica" && -n "$webapp" ]] || die "promote-replica needs --replica and --webapp."
    option=planned; [[ $forced == 1 ]] && option=forced
    run az postgres flexible-server replica promote --resource-group "$group" --name "$replica" \
      --promote-mode standalone --promote-option "$option" --yes
    if [[ $dry_run == 1 ]]; then
      fqdn="$replica.postgres.database.azure.com"
      current="Host=$server.postgres.database.azure.com;Database=pharmacypos;Username=<app identity>;Ssl Mode=Require"
    else
      fqdn="$(az postgres flexible-server show --resource-group "$group" --name "$replica" --query fullyQualifiedDomainName --output tsv)"
      current="$(az webapp config appsettings list --resource-group "$group" --name "$webapp" \
        --query "[?name=='ConnectionStrings__Pos'].value | [0]" --output tsv)"
    fi
    # Keep database, user and options; replace only the host.
    updated="$(sed -E "s/(^|;)Host=[^;]*/\1Host=$fqdn/I" <<<"$current")"
    run az webapp config appsettings set --resource-group "$group" --name "$webapp" \
      --settings "ConnectionStrings__Pos=$updated" "ConnectionStrings__PosReadReplica=$updated" --output none
    run az webapp config appsettings set --resource-group "$group" --name "$webapp" --slot staging \
      --settings "ConnectionStrings__Pos=$updated" "ConnectionStrings__PosReadReplica=$updated" --output none
    echo "switchover.sh: $replica is the primary now; both slots point at $fqdn (reports read from it too until a new replica exists)."
    ;;
  *) usage ;;
esac
