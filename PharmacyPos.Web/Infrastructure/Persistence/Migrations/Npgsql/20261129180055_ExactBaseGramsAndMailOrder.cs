using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Web.Infrastructure.Persistence.Migrations.Npgsql
{
    /// <inheritdoc />
    public partial class ExactBaseGramsAndMailOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<decimal>(
                name: "base_grams",
                table: "listed_chemical_logbook",
                type: "numeric(20,11)",
                precision: 20,
                scale: 11,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(8,3)",
                oldPrecision: 8,
                oldScale: 3);

            migrationBuilder.AddColumn<bool>(
                name: "policy_ships_listed_chemicals",
                table: "branches",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "policy_ships_listed_chemicals",
                table: "branches");

            migrationBuilder.AlterColumn<decimal>(
                name: "base_grams",
                table: "listed_chemical_logbook",
                type: "numeric(8,3)",
                precision: 8,
                scale: 3,
                nullable: false,
                oldClrType: typeof(decimal),
                oldType: "numeric(20,11)",
                oldPrecision: 20,
                oldScale: 11);
        }
    }
}
