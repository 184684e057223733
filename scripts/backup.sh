#!/usr/bin/env bash
# Takes a logical backup of the PharmacyPos database: pg_dump (custom format), encrypted
# with AES-256 (openssl, key derived with PBKDF2 from PHARMACYPOS_BACKUP_KEY), with a
# SHA-256 file beside it.
#
#   backup.sh --connection "<Npgsql connection string>" --local DIR
#       writes DIR/<database>-<UTC time>.dump.enc and .sha256 (on-premises, and the tests)
#   backup.sh --connection "<...>" --azure --account STORAGE_ACCOUNT [--container backups]
#       uploads both to the versioned backups container with 'az storage blob upload
#       --auth-mode login' (no account key); the password, if the connection string
#       has none, is an Entra token of the signed-in identity.
#
# The key: PHARMACYPOS_BACKUP_KEY (in Azure, the Key Vault secret 'backup-encryption-key').
# Keep it apart from the dumps: without it no dump can be restored.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/pg.sh"

usage() { sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

connection="" mode="" dir="" account="" container="backups"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --connection) connection="$2"; shift 2 ;;
    --local) mode=local; dir="$2"; shift 2 ;;
    --azure) mode=azure; shift ;;
    --account) account="$2"; shift 2 ;;
    --container) container="$2"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "backup.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ -n "$connection" ]] || die "--connection is required."
[[ -n "$mode" ]] || die "choose --local DIR or --azure --account NAME."
[[ -n "${PHARMACYPOS_BACKUP_KEY:-}" ]] || die "PHARMACYPOS_BACKUP_KEY is not set: the dump is always encrypted."
need pg_dump openssl sha256sum

[[ "$mode" == azure ]] && export PG_ENTRA_TOKEN=1
pg_use_connection "$connection"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
name="${PGDATABASE}-$(date -u +%Y%m%dT%H%M%SZ).dump.enc"

# pipefail: a failing pg_dump fails the backup, even though openssl succeeded.
pg_dump --format=custom --no-owner --no-privileges \
  | openssl enc -aes-256-cbc -salt -pbkdf2 -iter 200000 -pass env:PHARMACYPOS_BACKUP_KEY -out "$work/$name"
(cd "$work" && sha256sum "$name" > "$name.sha256")
size="$(stat -c %s "$work/$name")"

if [[ "$mode" == local ]]; then
  mkdir -p "$dir"
  mv "$work/$name" "$work/$name.sha256" "$dir/"
  echo "backup.sh: $dir/$name ($size bytes, encrypted)"
else
  [[ -n "$account" ]] || die "--azure needs --account STORAGE_ACCOUNT."
  need az
  for file in "$name" "$name.sha256"; do
    az storage blob upload --auth-mode login --account-name "$account" --container-name "$container" \
      --name "$file" --file "$work/$file" --only-show-errors --output none
  done
  echo "backup.sh: uploaded $container/$name ($size bytes, encrypted) to $account"
fi
