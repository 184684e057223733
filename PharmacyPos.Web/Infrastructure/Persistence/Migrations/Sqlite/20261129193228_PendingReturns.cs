using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PendingReturns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sale_returns_sale_id",
                table: "sale_returns");

            migrationBuilder.AddColumn<Guid>(
                name: "cash_in_place_approved_by_user_id",
                table: "sale_returns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "closed_at",
                table: "sale_returns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reason",
                table: "sale_returns",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "sale_returns",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Completed");

            migrationBuilder.AddColumn<long>(
                name: "approved_at",
                table: "refund_tenders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "attempt",
                table: "refund_tenders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "decline_message",
                table: "refund_tenders",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "refund_tenders",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "refund_reference",
                table: "refund_tenders",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sequence",
                table: "refund_tenders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "refund_tenders",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Approved");

            migrationBuilder.CreateTable(
                name: "return_line_lots",
                columns: table => new
                {
                    return_line_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    restock = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_line_lots", x => new { x.return_line_id, x.lot_id });
                    table.CheckConstraint("ck_return_line_lots_quantity_positive", "quantity > 0");
                    table.ForeignKey(
                        name: "fk_return_line_lots_return_line_return_line_id",
                        column: x => x.return_line_id,
                        principalTable: "return_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_return_line_lots_stock_lot_lot_id",
                        column: x => x.lot_id,
                        principalTable: "stock_lots",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_sale_returns_sale_id_status",
                table: "sale_returns",
                columns: new[] { "sale_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_refund_tenders_idempotency_key",
                table: "refund_tenders",
                column: "idempotency_key");

            migrationBuilder.CreateIndex(
                name: "ix_return_line_lots_lot_id",
                table: "return_line_lots",
                column: "lot_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "return_line_lots");

            migrationBuilder.DropIndex(
                name: "ix_sale_returns_sale_id_status",
                table: "sale_returns");

            migrationBuilder.DropIndex(
                name: "ix_refund_tenders_idempotency_key",
                table: "refund_tenders");

            migrationBuilder.DropColumn(
                name: "cash_in_place_approved_by_user_id",
                table: "sale_returns");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "sale_returns");

            migrationBuilder.DropColumn(
                name: "reason",
                table: "sale_returns");

            migrationBuilder.DropColumn(
                name: "status",
                table: "sale_returns");

            migrationBuilder.DropColumn(
                name: "approved_at",
                table: "refund_tenders");

            migrationBuilder.DropColumn(
                name: "attempt",
                table: "refund_tenders");

            migrationBuilder.DropColumn(
                name: "decline_message",
                table: "refund_tenders");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "refund_tenders");

            migrationBuilder.DropColumn(
                name: "refund_reference",
                table: "refund_tenders");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "refund_tenders");

            migrationBuilder.DropColumn(
                name: "status",
                table: "refund_tenders");

            migrationBuilder.CreateIndex(
                name: "ix_sale_returns_sale_id",
                table: "sale_returns",
                column: "sale_id");
        }
    }
}
