using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The same append-only rule on the embedded database.
            foreach (var table in new[] { "audit_events", "audit_chain_links" })
            {
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: UPDATE on {table} is refused.'); END;");
                migrationBuilder.Sql($"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: DELETE on {table} is refused.'); END;");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "audit_events", "audit_chain_links" })
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_no_update;");
                migrationBuilder.Sql($"DROP TRIGGER {table}_no_delete;");
            }
        }
    }
}
