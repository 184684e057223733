using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PharmacyPos.Web.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_chain_links",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    previous_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    previous_hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    chained_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_chain_links", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "audit_events",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    branch_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    register = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    event_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    entity_type = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    entity_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    before = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    after = table.Column<string>(type: "TEXT", maxLength: 16000, nullable: true),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    approved_by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    approved_by_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    dea_schedule = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_events", x => x.sequence);
                    table.UniqueConstraint("ak_audit_events_id", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "branches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    state_code = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    time_zone_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    policy_listed_chemical_daily_grams = table.Column<decimal>(type: "TEXT", precision: 6, scale: 3, nullable: false),
                    policy_listed_chemical_thirty_day_grams = table.Column<decimal>(type: "TEXT", precision: 6, scale: 3, nullable: false),
                    policy_schedule_v_otc_sales_allowed = table.Column<bool>(type: "INTEGER", nullable: false),
                    policy_schedule_v_otc_units_per48hours = table.Column<int>(type: "INTEGER", nullable: false),
                    policy_age_checks_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    policy_counseling = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    policy_refund_approval_threshold = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_branches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "controlled_sale_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    branch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sale_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    schedule = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 10, scale: 3, nullable: false),
                    pharmacist_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    prescription_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    fill_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    prescriber_dea = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    purchaser_type = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    purchaser_number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    purchaser_issued_by = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    purchaser_date_of_birth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    purchaser_full_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    purchaser_address = table.Column<string>(type: "TEXT", maxLength: 250, nullable: true),
                    purchaser_expires = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_controlled_sale_records", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "listed_chemical_logbook",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    chemical = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    packages = table.Column<int>(type: "INTEGER", nullable: false),
                    base_grams = table.Column<decimal>(type: "TEXT", precision: 8, scale: 3, nullable: false),
                    at = table.Column<long>(type: "INTEGER", nullable: false),
                    purchaser_type = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    purchaser_number = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    purchaser_issued_by = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    purchaser_date_of_birth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    purchaser_full_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    purchaser_address = table.Column<string>(type: "TEXT", maxLength: 250, nullable: false),
                    purchaser_expires = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    signature_reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    branch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    cashier_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sale_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    retain_until = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_listed_chemical_logbook", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "patients",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    date_of_birth = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    loyalty_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_patients", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "prescribers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    npi = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    dea = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prescribers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "pricing_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    valid_from = table.Column<long>(type: "INTEGER", nullable: false),
                    valid_to = table.Column<long>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    category = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    buy_quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    get_quantity = table.Column<int>(type: "INTEGER", nullable: true),
                    get_percent_off = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: true),
                    percent_off = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: true),
                    unit_price = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pricing_rules", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    gtin = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    ndc = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    strength = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    dosage_form = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    pack_size = table.Column<int>(type: "INTEGER", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    tax_class = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    price = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    schedule = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    rx_only = table.Column<bool>(type: "INTEGER", nullable: false),
                    listed_chemical_chemical = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    listed_chemical_salt = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    listed_chemical_salt_milligrams_per_package = table.Column<decimal>(type: "TEXT", precision: 10, scale: 3, nullable: true),
                    listed_chemical_base_factor = table.Column<decimal>(type: "TEXT", precision: 6, scale: 5, nullable: true),
                    minimum_age = table.Column<int>(type: "INTEGER", nullable: true),
                    fsa_hsa_eligible = table.Column<bool>(type: "INTEGER", nullable: false),
                    active = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "staff_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    home_branch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    pin_hash = table.Column<string>(type: "TEXT", nullable: true),
                    active = table.Column<bool>(type: "INTEGER", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<long>(type: "INTEGER", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "branch_tax_rates",
                columns: table => new
                {
                    tax_class = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    branch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rate = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_branch_tax_rates", x => new { x.branch_id, x.tax_class });
                    table.ForeignKey(
                        name: "fk_branch_tax_rates_branches_branch_id",
                        column: x => x.branch_id,
                        principalTable: "branches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sales",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sale_number = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    branch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    register_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    cashier_user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    loyalty_member = table.Column<bool>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    opened_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    voided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    void_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    basket_discount_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    basket_discount_value = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    basket_discount_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    basket_discount_amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    subtotal = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    tax = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    eligible_fsa_hsa_subtotal = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    promotions_up_to_date = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sales", x => x.id);
                    table.ForeignKey(
                        name: "fk_sales_branches_branch_id",
                        column: x => x.branch_id,
                        principalTable: "branches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "prescriptions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    patient_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    prescriber_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    prescriber_dea = table.Column<string>(type: "TEXT", maxLength: 9, nullable: true),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    schedule = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 10, scale: 3, nullable: false),
                    days_supply = table.Column<int>(type: "INTEGER", nullable: false),
                    refills_authorized = table.Column<int>(type: "INTEGER", nullable: false),
                    written_on = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prescriptions", x => x.id);
                    table.ForeignKey(
                        name: "fk_prescriptions_patients_patient_id",
                        column: x => x.patient_id,
                        principalTable: "patients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_prescriptions_prescribers_prescriber_id",
                        column: x => x.prescriber_id,
                        principalTable: "prescribers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_prescriptions_product_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stock_lots",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    branch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lot_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    expiry = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    quantity_on_hand = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stock_lots", x => x.id);
                    table.CheckConstraint("ck_stock_lots_quantity_not_negative", "quantity_on_hand >= 0");
                    table.ForeignKey(
                        name: "fk_stock_lots_branches_branch_id",
                        column: x => x.branch_id,
                        principalTable: "branches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stock_lots_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_claims_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_staff_user_claims_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_staff_user_logins_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_roles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_staff_user_roles_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_staff_user_roles_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "staff_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_staff_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_staff_user_tokens_staff_users_user_id",
                        column: x => x.user_id,
                        principalTable: "staff_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sale_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    line_number = table.Column<int>(type: "INTEGER", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    gtin = table.Column<string>(type: "TEXT", maxLength: 14, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    tax_class = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    tax_rate = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: false),
                    unit_price = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    fsa_hsa_eligible = table.Column<bool>(type: "INTEGER", nullable: false),
                    is_prescription = table.Column<bool>(type: "INTEGER", nullable: false),
                    schedule = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    price_override_unit_price = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    price_override_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    price_override_approved_by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    discount_kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    discount_value = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    discount_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    promotion_discount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    promotion_rule_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    promotion_name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    line_discount_amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    basket_discount_share = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    tax = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    is_voided = table.Column<bool>(type: "INTEGER", nullable: false),
                    void_reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    sale_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_sale_lines_sales_sale_id",
                        column: x => x.sale_id,
                        principalTable: "sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sale_returns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sale_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sale_number = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    branch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    register_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    cashier_user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    approved_by_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    returned_at = table.Column<long>(type: "INTEGER", nullable: false),
                    total = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sale_returns", x => x.id);
                    table.ForeignKey(
                        name: "fk_sale_returns_sales_sale_id",
                        column: x => x.sale_id,
                        principalTable: "sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tenders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    cash_tendered = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    change_due = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    card_brand = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    card_last_four = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    authorization_code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    terminal_reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    sale_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenders", x => x.id);
                    table.ForeignKey(
                        name: "fk_tenders_sales_sale_id",
                        column: x => x.sale_id,
                        principalTable: "sales",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fills",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    prescription_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    branch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fill_number = table.Column<int>(type: "INTEGER", nullable: false),
                    quantity = table.Column<decimal>(type: "TEXT", precision: 10, scale: 3, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    price = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    patient_copay = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    bin_location = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    verified_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    verified_at = table.Column<long>(type: "INTEGER", nullable: true),
                    sale_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    picked_up_at = table.Column<long>(type: "INTEGER", nullable: true),
                    returned_to_stock_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fills", x => x.id);
                    table.ForeignKey(
                        name: "fk_fills_prescription_prescription_id",
                        column: x => x.prescription_id,
                        principalTable: "prescriptions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "refund_tenders",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    original_tender_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    card_brand = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    card_last_four = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    terminal_reference = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    sale_return_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refund_tenders", x => x.id);
                    table.ForeignKey(
                        name: "fk_refund_tenders_sale_return_sale_return_id",
                        column: x => x.sale_return_id,
                        principalTable: "sale_returns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "return_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sale_line_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    product_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    lot_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    damaged = table.Column<bool>(type: "INTEGER", nullable: false),
                    refund_amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    refund_tax = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    sale_return_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_lines", x => x.id);
                    table.ForeignKey(
                        name: "fk_return_lines_sale_return_sale_return_id",
                        column: x => x.sale_return_id,
                        principalTable: "sale_returns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "counseling_offers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fill_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fill_number = table.Column<int>(type: "INTEGER", nullable: false),
                    offered_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    offered_at = table.Column<long>(type: "INTEGER", nullable: false),
                    answer = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    counseled_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    counseled_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_counseling_offers", x => x.id);
                    table.ForeignKey(
                        name: "fk_counseling_offers_fill_fill_id",
                        column: x => x.fill_id,
                        principalTable: "fills",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_chain_links_previous_sequence",
                table: "audit_chain_links",
                column: "previous_sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_branch_id_occurred_at",
                table: "audit_events",
                columns: new[] { "branch_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_event_type_occurred_at",
                table: "audit_events",
                columns: new[] { "event_type", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_occurred_at",
                table: "audit_events",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_patient_id",
                table: "audit_events",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_product_id",
                table: "audit_events",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_events_user_id_occurred_at",
                table: "audit_events",
                columns: new[] { "user_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_branches_code",
                table: "branches",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_controlled_sale_records_patient_id",
                table: "controlled_sale_records",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_controlled_sale_records_product_id_at",
                table: "controlled_sale_records",
                columns: new[] { "product_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_controlled_sale_records_purchaser_issued_by_purchaser_number_purchaser_date_of_birth",
                table: "controlled_sale_records",
                columns: new[] { "purchaser_issued_by", "purchaser_number", "purchaser_date_of_birth" });

            migrationBuilder.CreateIndex(
                name: "ix_controlled_sale_records_sale_id",
                table: "controlled_sale_records",
                column: "sale_id");

            migrationBuilder.CreateIndex(
                name: "ix_counseling_offers_fill_id",
                table: "counseling_offers",
                column: "fill_id");

            migrationBuilder.CreateIndex(
                name: "ix_fills_branch_id_status",
                table: "fills",
                columns: new[] { "branch_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_fills_prescription_id",
                table: "fills",
                column: "prescription_id");

            migrationBuilder.CreateIndex(
                name: "ix_fills_sale_id",
                table: "fills",
                column: "sale_id");

            migrationBuilder.CreateIndex(
                name: "ix_listed_chemical_logbook_at",
                table: "listed_chemical_logbook",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_listed_chemical_logbook_purchaser_issued_by_purchaser_number_purchaser_date_of_birth",
                table: "listed_chemical_logbook",
                columns: new[] { "purchaser_issued_by", "purchaser_number", "purchaser_date_of_birth" });

            migrationBuilder.CreateIndex(
                name: "ix_listed_chemical_logbook_sale_id",
                table: "listed_chemical_logbook",
                column: "sale_id");

            migrationBuilder.CreateIndex(
                name: "ix_patients_last_name_first_name_date_of_birth",
                table: "patients",
                columns: new[] { "last_name", "first_name", "date_of_birth" });

            migrationBuilder.CreateIndex(
                name: "ix_patients_loyalty_number",
                table: "patients",
                column: "loyalty_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_prescribers_dea",
                table: "prescribers",
                column: "dea");

            migrationBuilder.CreateIndex(
                name: "ix_prescribers_npi",
                table: "prescribers",
                column: "npi",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_prescriptions_patient_id",
                table: "prescriptions",
                column: "patient_id");

            migrationBuilder.CreateIndex(
                name: "ix_prescriptions_prescriber_id",
                table: "prescriptions",
                column: "prescriber_id");

            migrationBuilder.CreateIndex(
                name: "ix_prescriptions_product_id",
                table: "prescriptions",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_pricing_rules_valid_from_valid_to",
                table: "pricing_rules",
                columns: new[] { "valid_from", "valid_to" });

            migrationBuilder.CreateIndex(
                name: "ix_products_gtin",
                table: "products",
                column: "gtin",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_products_name",
                table: "products",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_products_ndc",
                table: "products",
                column: "ndc");

            migrationBuilder.CreateIndex(
                name: "ix_refund_tenders_sale_return_id",
                table: "refund_tenders",
                column: "sale_return_id");

            migrationBuilder.CreateIndex(
                name: "ix_return_lines_sale_line_id",
                table: "return_lines",
                column: "sale_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_return_lines_sale_return_id",
                table: "return_lines",
                column: "sale_return_id");

            migrationBuilder.CreateIndex(
                name: "ix_role_claims_role_id",
                table: "role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "roles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sale_lines_product_id",
                table: "sale_lines",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_sale_lines_sale_id",
                table: "sale_lines",
                column: "sale_id");

            migrationBuilder.CreateIndex(
                name: "ix_sale_returns_branch_id_returned_at",
                table: "sale_returns",
                columns: new[] { "branch_id", "returned_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sale_returns_sale_id",
                table: "sale_returns",
                column: "sale_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_branch_id_cashier_user_id",
                table: "sales",
                columns: new[] { "branch_id", "cashier_user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_branch_id_completed_at",
                table: "sales",
                columns: new[] { "branch_id", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_sales_customer_id",
                table: "sales",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_sales_sale_number",
                table: "sales",
                column: "sale_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_staff_user_claims_user_id",
                table: "staff_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_user_logins_user_id",
                table: "staff_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_user_roles_role_id",
                table: "staff_user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "staff_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "staff_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_lots_branch_id_product_id_expiry",
                table: "stock_lots",
                columns: new[] { "branch_id", "product_id", "expiry" });

            migrationBuilder.CreateIndex(
                name: "ix_stock_lots_branch_id_product_id_lot_number",
                table: "stock_lots",
                columns: new[] { "branch_id", "product_id", "lot_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stock_lots_product_id",
                table: "stock_lots",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_tenders_sale_id",
                table: "tenders",
                column: "sale_id");

            migrationBuilder.CreateIndex(
                name: "ix_tenders_terminal_reference",
                table: "tenders",
                column: "terminal_reference");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_chain_links");

            migrationBuilder.DropTable(
                name: "audit_events");

            migrationBuilder.DropTable(
                name: "branch_tax_rates");

            migrationBuilder.DropTable(
                name: "controlled_sale_records");

            migrationBuilder.DropTable(
                name: "counseling_offers");

            migrationBuilder.DropTable(
                name: "listed_chemical_logbook");

            migrationBuilder.DropTable(
                name: "pricing_rules");

            migrationBuilder.DropTable(
                name: "refund_tenders");

            migrationBuilder.DropTable(
                name: "return_lines");

            migrationBuilder.DropTable(
                name: "role_claims");

            migrationBuilder.DropTable(
                name: "sale_lines");

            migrationBuilder.DropTable(
                name: "staff_user_claims");

            migrationBuilder.DropTable(
                name: "staff_user_logins");

            migrationBuilder.DropTable(
                name: "staff_user_roles");

            migrationBuilder.DropTable(
                name: "staff_user_tokens");

            migrationBuilder.DropTable(
                name: "stock_lots");

            migrationBuilder.DropTable(
                name: "tenders");

            migrationBuilder.DropTable(
                name: "fills");

            migrationBuilder.DropTable(
                name: "sale_returns");

            migrationBuilder.DropTable(
                name: "roles");

            migrationBuilder.DropTable(
                name: "staff_users");

            migrationBuilder.DropTable(
                name: "prescriptions");

            migrationBuilder.DropTable(
                name: "sales");

            migrationBuilder.DropTable(
                name: "patients");

            migrationBuilder.DropTable(
                name: "prescribers");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "branches");
        }
    }
}
