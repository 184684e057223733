# Shared by the backup and recovery scripts (sourced, not run).
#
# Connections are given in the app's own form, an Npgsql connection string such as
#   Host=db.example;Port=5432;Database=pharmacypos;Username=ops;Password=...
# pg_use_connection exports the matching libpq variables (PGHOST, PGPORT, PGDATABASE,
# PGUSER, PGPASSWORD, PGSSLMODE) so psql, pg_dump and pg_restore need no arguments.
# With no Password and PG_ENTRA_TOKEN=1, the password is an Entra access token of the
# signed-in Azure CLI identity (Azure Database for PostgreSQL with Entra authentication).

die() { echo "$(basename "$0"): $*" >&2; exit 1; }

need() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is not installed (apt-get install -y postgresql-client openssl; Azure mode also needs the Azure CLI)."
  done
}

pg_use_connection() {
  local conn="$1" part key value
  unset PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD PGSSLMODE
  IFS=';' read -r -a parts <<<"$conn"
  for part in "${parts[@]}"; do
    [[ "$part" == *=* ]] || continue
    key="$(tr '[:upper:]' '[:lower:]' <<<"${part%%=*}" | tr -d ' ')"
    value="${part#*=}"
    case "$key" in
      host|server) export PGHOST="$value" ;;
      port) export PGPORT="$value" ;;
      database|db) export PGDATABASE="$value" ;;
      username|userid|user) export PGUSER="$value" ;;
      password|pwd) export PGPASSWORD="$value" ;;
      sslmode) export PGSSLMODE="$(tr '[:upper:]' '[:lower:]' <<<"$value" | sed 's/verifyfull/verify-full/; s/verifyca/verify-ca/')" ;;
    esac
  done
  [[ -n "${PGHOST:-}" ]] || die "connection string has no Host: $(pg_redact "$conn")"
  [[ -n "${PGDATABASE:-}" ]] || die "connection string has no Database: $(pg_redact "$conn")"
  if [[ -z "${PGPASSWORD:-}" && "${PG_ENTRA_TOKEN:-0}" == 1 ]]; then
    need az
    PGPASSWORD="$(az account get-access-token --resource-type oss-rdbms --query accessToken --output tsv)" \
      || die "could not get an Entra token for PostgreSQL; sign in with 'az login' first."
    export PGPASSWORD
  fi
}

# The connection string without its password, for messages.
pg_redact() { sed -E 's/(password|pwd)=[^;]*/\1=***/Ig' <<<"$1"; }
