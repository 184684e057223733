using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SaleSignatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sale_signatures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sale_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    format = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false),
                    point_count = table.Column<int>(type: "INTEGER", nullable: false),
                    captured_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_signatures", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sale_signatures_sale_id",
                table: "sale_signatures",
                column: "sale_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sale_signatures");
        }
    }
}
