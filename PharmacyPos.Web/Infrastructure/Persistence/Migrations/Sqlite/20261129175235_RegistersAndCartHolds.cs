using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegistersAndCartHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "holder_id",
                table: "register_carts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "holder_name",
                table: "register_carts",
                type: "TEXT",
                maxLength: 160,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "holder_seen_at",
                table: "register_carts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "holder_sign_in",
                table: "register_carts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "version",
                table: "register_carts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "registers",
                columns: table => new
                {
                    branch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_registers", x => new { x.branch_id, x.code });
                    table.ForeignKey(
                        name: "fk_registers_branches_branch_id",
                        column: x => x.branch_id,
                        principalTable: "branches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every branch keeps a register to sign in at: R1, and each register that has a sale open now.
            migrationBuilder.Sql("""
                INSERT INTO registers (branch_id, code, name, active)
                SELECT id, 'R1', 'Register 1', TRUE FROM branches;
                INSERT INTO registers (branch_id, code, name, active)
                SELECT DISTINCT c.branch_id, upper(c.register), 'Register ' || upper(c.register), TRUE
                FROM register_carts c
                WHERE upper(c.register) <> 'R1' AND length(c.register) <= 16;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "registers");

            migrationBuilder.DropColumn(
                name: "holder_id",
                table: "register_carts");

            migrationBuilder.DropColumn(
                name: "holder_name",
                table: "register_carts");

            migrationBuilder.DropColumn(
                name: "holder_seen_at",
                table: "register_carts");

            migrationBuilder.DropColumn(
                name: "holder_sign_in",
                table: "register_carts");

            migrationBuilder.DropColumn(
                name: "version",
                table: "register_carts");
        }
    }
}
