#!/usr/bin/env bash
# Refuses EF Core migrations with a destructive step (a drop or rename of a table,
# column, schema or sequence, or raw SQL that drops, renames, truncates or deletes)
# unless the migration file is marked as a contract step:
#
#     // contract-step: <why the running production version no longer needs it>
#
# Migrations run before the slot swap, while the previous version still serves the
# registers, so every migration must be one that version tolerates (expand first,
# contract in a later release). See docs/operations.md, "Migrations".
#
# Usage: scripts/check-migrations.sh [DIR...]   (default: both provider folders)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -eq 0 ]]; then
  set -- "$root/PharmacyPos.Web/Infrastructure/Persistence/Migrations/Npgsql" \
         "$root/PharmacyPos.Web/Infrastructure/Persistence/Migrations/Sqlite"
fi

destructive_api='\.(DropTable|DropColumn|RenameColumn|RenameTable|DropSchema|DropSequence|RenameSequence)[[:space:]]*(<[^>]*>)?[[:space:]]*\('
destructive_sql='\.Sql[[:space:]]*\(.*\b(DROP[[:space:]]+(TABLE|COLUMN|SCHEMA|SEQUENCE)|RENAME[[:space:]]+(TO|COLUMN)|TRUNCATE|DELETE[[:space:]]+FROM)\b'

checked=0
refused=0
for dir in "$@"; do
  [[ -d "$dir" ]] || continue
  while IFS= read -r -d '' file; do
    checked=$((checked + 1))
    # The contract-step marker needs a reason after the colon.
    if grep -Eq '^[[:space:]]*//[[:space:]]*contract-step:[[:space:]]*[^[:space:]]' "$file"; then
      # The attribute is what `migrate expand` reads to stop before this migration.
      if ! grep -Eq '\[ContractStep\(' "$file"; then
        refused=$((refused + 1))
        echo "check-migrations: ${file#"$root"/} is marked as a contract step but its class has no [ContractStep(\"<reason>\")]:" >&2
        echo "  without it, 'migrate expand' would apply it before the swap." >&2
      fi
      continue
    fi
    # Only Up() counts: Down() of every additive migration drops what Up() added.
    up="$(awk '/override[[:space:]]+void[[:space:]]+Up[[:space:]]*\(/ {inUp = 1}
               /override[[:space:]]+void[[:space:]]+Down[[:space:]]*\(/ {inUp = 0}
               inUp {print NR ":" $0}' "$file")"
    hits="$( { grep -E "^[0-9]+:.*$destructive_api" <<<"$up" || true; grep -iE "^[0-9]+:.*$destructive_sql" <<<"$up" || true; } | sort -n -u)"
    if [[ -n "$hits" ]]; then
      refused=$((refused + 1))
      rel="${file#"$root"/}"
      echo "check-migrations: $rel has a destructive step that is not marked as a contract step:" >&2
      while IFS= read -r hit; do
        step="$(grep -oE 'Drop[A-Za-z]+|Rename[A-Za-z]+|DROP[[:space:]]+[A-Z]+|RENAME[[:space:]]+[A-Z]+|TRUNCATE|DELETE[[:space:]]+FROM' <<<"${hit#*:}" | head -n1 || true)"
        echo "  line ${hit%%:*}: ${step:-destructive SQL}" >&2
      done <<<"$hits"
      echo "  The production version still running during the deployment may use what this removes." >&2
      echo "  Ship it in a later release than the one that stopped using it, and mark the file with" >&2
      echo "  '// contract-step: <reason>' and its class with [ContractStep(\"<reason>\")] (docs/operations.md, \"Migrations\")." >&2
    fi
  done < <(find "$dir" -type f -name '*.cs' ! -name '*.Designer.cs' ! -name '*ModelSnapshot.cs' -print0 | sort -z)
done

if [[ $refused -gt 0 ]]; then
  echo "check-migrations: FAILED: $refused migration(s) with unmarked destructive steps." >&2
  exit 1
fi
echo "check-migrations: $checked migration file(s) checked, no unmarked destructive step."
