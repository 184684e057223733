#!/usr/bin/env bash
# Proves that a restored database is complete: compares it with its source.
#
#   verify-recovery.sh --source "<Npgsql connection string>" --restored "<...>" \
#       [--sample-rows 1000] [--skip-audit-chain] [--azure]
#
# For every table in the public schema of either database:
#   - the table exists in both;
#   - the row counts are equal;
#   - a checksum over a sample of rows is equal. The sample is chosen by primary key
#     (every row of a table up to --sample-rows rows; above that, the rows whose key
#     hashes into one bucket of about --sample-rows), so it is the same rows in both
#     databases and a changed row in the sample changes the checksum.
# Then the audit hash chain is verified in both databases by the app itself
# ('dotnet $PHARMACYPOS_APP_DLL audit verify'). Without PHARMACYPOS_APP_DLL that step
# cannot run and the script fails, unless --skip-audit-chain says so explicitly.
#
# Compare against the source as of the restore point: for a point-in-time restore of a
# live server, against a second restore of the same time, or a dump taken at that time.
# --azure: connection strings without a password use an Entra token (az login).
# Exits 0 when everything matches; otherwise names each table that differs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/pg.sh"

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

source_conn="" restored_conn="" sample_rows=1000 skip_audit=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --source) source_conn="$2"; shift 2 ;;
    --restored) restored_conn="$2"; shift 2 ;;
    --sample-rows) sample_rows="$2"; shift 2 ;;
    --skip-audit-chain) skip_audit=1; shift ;;
    --azure) export PG_ENTRA_TOKEN=1; shift ;;
    -h|--help) usage ;;
    *) echo "verify-recovery.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[[ -n "$source_conn" && -n "$restored_conn" ]] || die "--source and --restored are required."
[[ "$sample_rows" =~ ^[1-9][0-9]*$ ]] || die "--sample-rows must be a positive number."
need psql

q() { # q CONNECTION SQL: one value or rows, unaligned
  pg_use_connection "$1"
  psql --no-psqlrc --set ON_ERROR_STOP=1 --tuples-only --no-align --field-separator '|' --command "$2"
}

list_tables="select quote_ident(table_name) from information_schema.tables
              where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name"
source_tables="$(q "$source_conn" "$list_tables")" || die "cannot read the source database $(pg_redact "$source_conn")."
restored_tables="$(q "$restored_conn" "$list_tables")" || die "cannot read the restored database $(pg_redact "$restored_conn")."

# The columns of a table's primary key as a row expression, or the whole row if it has none.
key_expression() {
  local table="$1" cols regclass="public.$1"
  cols="$(q "$source_conn" "select string_agg(quote_ident(a.attname), ', ' order by k.ord)
           from pg_index i
           cross join lateral unnest(i.indkey) with ordinality as k(attnum, ord)
           join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
           where i.indrelid = '${regclass//\'/\'\'}'::regclass and i.indisprimary")"
  if [[ -n "$cols" ]]; then echo "row($cols)"; else echo "t"; fi
}

# md5 over the sampled rows, in key order; identical rows give identical text.
checksum_sql() {
  local table="$1" key="$2" count="$3" where="true"
  if (( count > sample_rows )); then
    local buckets=$(( (count + sample_rows - 1) / sample_rows ))
    where="abs(hashtext(($key)::text)) % $buckets = 0"
  fi
  echo "select coalesce(md5(string_agg(md5(t::text), '' order by ($key)::text)), 'empty'), count(*)
        from public.$table as t where $where"
}

problems=0
report() { echo "verify-recovery: $*" >&2; problems=$((problems + 1)); }

while IFS= read -r table; do
  [[ -n "$table" ]] && report "table $table: in the source, missing from the restored database."
done < <(comm -23 <(sort <<<"$source_tables") <(sort <<<"$restored_tables"))
while IFS= read -r table; do
  [[ -n "$table" ]] && report "table $table: in the restored database, not in the source."
done < <(comm -13 <(sort <<<"$source_tables") <(sort <<<"$restored_tables"))

compared=0
while IFS= read -r table; do
  [[ -n "$table" ]] || continue
  source_count="$(q "$source_conn" "select count(*) from public.$table")"
  restored_count="$(q "$restored_conn" "select count(*) from public.$table")"
  if [[ "$source_count" != "$restored_count" ]]; then
    report "table $table: $source_count rows in the source, $restored_count in the restored database."
    continue
  fi
  key="$(key_expression "$table")"
  sql="$(checksum_sql "$table" "$key" "$source_count")"
  source_sum="$(q "$source_conn" "$sql")"
  restored_sum="$(q "$restored_conn" "$sql")"
  if [[ "$source_sum" != "$restored_sum" ]]; then
    report "table $table: checksum over sampled rows differs (source ${source_sum%%|*}, restored ${restored_sum%%|*}); rows were changed."
    continue
  fi
  compared=$((compared + 1))
  echo "verify-recovery: table $table: $source_count rows, ${source_sum##*|} sampled, checksums match."
done < <(comm -12 <(sort <<<"$source_tables") <(sort <<<"$restored_tables"))

if [[ $skip_audit == 1 ]]; then
  echo "verify-recovery: audit chain step skipped (--skip-audit-chain)."
elif [[ -z "${PHARMACYPOS_APP_DLL:-}" ]]; then
  report "audit chain step NOT run: set PHARMACYPOS_APP_DLL to the published PharmacyPos.Web.dll, or pass --skip-audit-chain to accept a check without it."
else
  need dotnet
  for side in source restored; do
    conn="$source_conn"; [[ $side == restored ]] && conn="$restored_conn"
    if ConnectionStrings__Pos="$conn" dotnet "$PHARMACYPOS_APP_DLL" audit verify; then
      echo "verify-recovery: audit chain verified in the $side database."
    else
      report "audit chain broken in the $side database ('audit verify' failed)."
    fi
  done
fi

if [[ $problems -gt 0 ]]; then
  echo "verify-recovery: FAILED: $problems problem(s); the restore is not complete." >&2
  exit 1
fi
echo "verify-recovery: OK: $compared table(s) match."
