using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Web.Infrastructure.Persistence.Migrations.Npgsql
{
    /// <inheritdoc />
    public partial class AuditAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The audit trail is append-only: nobody, a database administrator's ordinary session included,
            // updates or deletes a record or a chain link. (A superuser can drop the trigger; the hash chain
            // and the immutable archive then show what was changed.)
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The audit trail is append-only: % on % is refused.', TG_OP, TG_TABLE_NAME
                        USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
                CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
                CREATE TRIGGER audit_chain_links_append_only BEFORE UPDATE OR DELETE ON audit_chain_links
                    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
                CREATE TRIGGER audit_chain_links_no_truncate BEFORE TRUNCATE ON audit_chain_links
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_chain_links_no_truncate ON audit_chain_links;
                DROP TRIGGER audit_chain_links_append_only ON audit_chain_links;
                DROP TRIGGER audit_events_no_truncate ON audit_events;
                DROP TRIGGER audit_events_append_only ON audit_events;
                DROP FUNCTION audit_refuse_change();
                """);
        }
    }
}
