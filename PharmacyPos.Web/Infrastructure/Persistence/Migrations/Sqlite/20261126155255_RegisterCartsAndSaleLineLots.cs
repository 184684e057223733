using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RegisterCartsAndSaleLineLots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "register_carts",
                columns: table => new
                {
                    sale_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    branch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    register = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    sale_number = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    cashier_user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    item_count = table.Column<int>(type: "INTEGER", nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    cart = table.Column<string>(type: "TEXT", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_register_carts", x => x.sale_id);
                    table.ForeignKey(
                        name: "fk_register_carts_branch_branch_id",
                        column: x => x.branch_id,
                        principalTable: "branches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sale_line_lots",
                columns: table => new
                {
                    sale_line_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_line_lots", x => new { x.sale_line_id, x.lot_id });
                    table.CheckConstraint("ck_sale_line_lots_quantity_positive", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_sale_line_lots_sale_line_sale_line_id",
                        column: x => x.sale_line_id,
                        principalTable: "sale_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sale_line_lots_stock_lot_lot_id",
                        column: x => x.lot_id,
                        principalTable: "stock_lots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_register_carts_branch_id_status",
                table: "register_carts",
                columns: new[] { "branch_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_register_carts_open_per_register",
                table: "register_carts",
                columns: new[] { "branch_id", "register" },
                unique: true,
                filter: "status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_sale_line_lots_lot_id",
                table: "sale_line_lots",
                column: "lot_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "register_carts");

            migrationBuilder.DropTable(
                name: "sale_line_lots");
        }
    }
}
