#!/usr/bin/env bash
# Restores the PharmacyPos database.
#
# Azure (point in time, from the service's own backups, up to 30 days back):
#   restore-database.sh --azure --resource-group RG --source-server SERVER \
#       --target-server NEW_SERVER --time 2026-11-26T09:30:00Z [--geo --location REGION] [--dry-run]
#   Creates NEW_SERVER from the backups of SERVER as of --time (--geo: in the paired
#   region from the geo-redundant copy). Then check it with verify-recovery.sh and point
#   ConnectionStrings__Pos at it (docs/operations.md, "Restore drill").
#
# From a dump made by backup.sh (on-premises, or a copy kept outside Azure):
#   restore-database.sh --from-dump FILE.dump.enc --target "<Npgsql connection string>"
#   restore-database.sh --from-blob NAME --account STORAGE_ACCOUNT [--container backups] --target "<...>"
#   The target database must exist and have no tables in its public schema. The dump is
#   checked against its .sha256 file and decrypted with PHARMACYPOS_BACKUP_KEY.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/pg.sh"

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

mode="" dump="" blob="" account="" container="backups" target=""
group="" source_server="" target_server="" time="" geo=0 region="" dry_run=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --azure) mode=azure; shift ;;
    --resource-group) group="$2"; shift 2 ;;
    --source-server) source_server="$2"; shift 2 ;;
    --target-server) target_server="$2"; shift 2 ;;
    --time) time="$2"; shift 2 ;;
    --geo) geo=1; shift ;;
    --location) region="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    --from-dump) mode=dump; dump="$2"; shift 2 ;;
    --from-blob) mode=blob; blob="$2"; shift 2 ;;
    --account) account="$2"; shift 2 ;;
    --container) container="$2"; shift 2 ;;
    --target) target="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "restore-database.sh: unknown argument '$1'" >&2; usage ;;
  esac
done

run() { if [[ $dry_run == 1 ]]; then echo "+ $*"; else "$@"; fi; }

if [[ "$mode" == azure ]]; then
  [[ -n "$group" && -n "$source_server" && -n "$target_server" ]] \
    || die "--azure needs --resource-group, --source-server and --target-server."
  [[ $dry_run == 1 ]] || need az
  if [[ $geo == 1 ]]; then
    [[ -n "$region" ]] || die "--geo needs --location (the paired region)."
    # A geo-restore takes the latest geo-replicated backup; it has no --time.
    run az postgres flexible-server geo-restore --resource-group "$group" --name "$target_server" \
      --source-server "$source_server" --location "$region"
  else
    [[ "$time" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})$ ]] \
      || die "--time must be an ISO 8601 time with a zone, such as 2026-11-26T09:30:00Z."
    run az postgres flexible-server restore --resource-group "$group" --name "$target_server" \
      --source-server "$source_server" --restore-time "$time"
  fi
  echo "restore-database.sh: $target_server is being created from $source_server."
  echo "Next: scripts/verify-recovery.sh --source <connection to $source_server or its last dump> --restored <connection to $target_server>"
  exit 0
fi

[[ "$mode" == dump || "$mode" == blob ]] || die "choose --azure, --from-dump FILE or --from-blob NAME."
[[ -n "$target" ]] || die "--target is required."
[[ -n "${PHARMACYPOS_BACKUP_KEY:-}" ]] || die "PHARMACYPOS_BACKUP_KEY is not set: it is needed to decrypt the dump."
need pg_restore psql openssl sha256sum

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ "$mode" == blob ]]; then
  [[ -n "$account" ]] || die "--from-blob needs --account STORAGE_ACCOUNT."
  need az
  for file in "$blob" "$blob.sha256"; do
    az storage blob download --auth-mode login --account-name "$account" --container-name "$container" \
      --name "$file" --file "$work/$file" --only-show-errors --output none
  done
  dump="$work/$blob"
  export PG_ENTRA_TOKEN=1
fi

[[ -f "$dump" ]] || die "no dump at $dump."
if [[ -f "$dump.sha256" ]]; then
  (cd "$(dirname "$dump")" && sha256sum --check --status "$(basename "$dump").sha256") \
    || die "$dump does not match its .sha256: the file is damaged or was changed."
else
  echo "restore-database.sh: warning: no $dump.sha256 beside the dump; integrity not checked." >&2
fi

pg_use_connection "$target"
tables="$(psql --no-psqlrc --tuples-only --no-align --command \
  "select count(*) from information_schema.tables where table_schema = 'public'")" \
  || die "cannot connect to the target database $(pg_redact "$target")."
[[ "$tables" == 0 ]] || die "the target database $PGDATABASE already has $tables table(s); restore into an empty database."

openssl enc -d -aes-256-cbc -pbkdf2 -iter 200000 -pass env:PHARMACYPOS_BACKUP_KEY -in "$dump" -out "$work/restore.dump" \
  || die "could not decrypt $dump: wrong PHARMACYPOS_BACKUP_KEY, or not a backup.sh dump."
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname "$PGDATABASE" "$work/restore.dump"
echo "restore-database.sh: restored $(basename "$dump") into $PGDATABASE on $PGHOST."
