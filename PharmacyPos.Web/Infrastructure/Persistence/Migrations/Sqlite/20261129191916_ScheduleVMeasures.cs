using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    // contract-step: the branch policy's Schedule V unit limit counted packages; the release before this one still reads the old column
    /// <inheritdoc />
    [ContractStep("the branch policy's Schedule V unit limit counted packages; the release before this one still reads the old column")]
    public partial class ScheduleVMeasures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "policy_schedule_v_otc_units_per48hours",
                table: "branches",
                newName: "policy_schedule_v_otc_other_dosage_units");

            // The old column counted packages; every branch starts again at the federal limits of 21 CFR 1306.26(b).
            migrationBuilder.Sql("UPDATE branches SET policy_schedule_v_otc_other_dosage_units = 24;");

            migrationBuilder.AddColumn<bool>(
                name: "schedule_v_contains_opium",
                table: "products",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "schedule_v_measure",
                table: "products",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "schedule_v_per_package",
                table: "products",
                type: "TEXT",
                precision: 10,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "contains_opium",
                table: "controlled_sale_records",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "measure",
                table: "controlled_sale_records",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "measured_quantity",
                table: "controlled_sale_records",
                type: "TEXT",
                precision: 12,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "policy_schedule_v_otc_opium_dosage_units",
                table: "branches",
                type: "INTEGER",
                nullable: false,
                defaultValue: 48);

            migrationBuilder.AddColumn<decimal>(
                name: "policy_schedule_v_otc_opium_milliliters",
                table: "branches",
                type: "TEXT",
                precision: 8,
                scale: 2,
                nullable: false,
                defaultValue: 240m);

            migrationBuilder.AddColumn<decimal>(
                name: "policy_schedule_v_otc_other_milliliters",
                table: "branches",
                type: "TEXT",
                precision: 8,
                scale: 2,
                nullable: false,
                defaultValue: 120m);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "schedule_v_contains_opium",
                table: "products");

            migrationBuilder.DropColumn(
                name: "schedule_v_measure",
                table: "products");

            migrationBuilder.DropColumn(
                name: "schedule_v_per_package",
                table: "products");

            migrationBuilder.DropColumn(
                name: "contains_opium",
                table: "controlled_sale_records");

            migrationBuilder.DropColumn(
                name: "measure",
                table: "controlled_sale_records");

            migrationBuilder.DropColumn(
                name: "measured_quantity",
                table: "controlled_sale_records");

            migrationBuilder.DropColumn(
                name: "policy_schedule_v_otc_opium_dosage_units",
                table: "branches");

            migrationBuilder.DropColumn(
                name: "policy_schedule_v_otc_opium_milliliters",
                table: "branches");

            migrationBuilder.DropColumn(
                name: "policy_schedule_v_otc_other_milliliters",
                table: "branches");

            migrationBuilder.RenameColumn(
                name: "policy_schedule_v_otc_other_dosage_units",
                table: "branches",
                newName: "policy_schedule_v_otc_units_per48hours");
        }
    }
}
