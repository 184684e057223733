namespace PharmacyPos.Tests.Deployment;

/// <summary>scripts/check-migrations.sh: expand first, contract later.</summary>
public sealed class MigrationCheckTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("pharmacypos-migrations-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Refuses_an_unmarked_column_drop_and_names_the_step()
    {
        Write("20260301120000_DropLegacyCode.cs", """
            public partial class DropLegacyCode : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.DropColumn(name: "legacy_code", table: "products");
                }
            }
            """);

        var result = Check();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("20260301120000_DropLegacyCode.cs", result.Error, StringComparison.Ordinal);
        Assert.Contains("DropColumn", result.Error, StringComparison.Ordinal);
        Assert.Contains("contract-step", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("migrationBuilder.RenameTable(name: \"sale\", newName: \"sales\");", "RenameTable")]
    [InlineData("migrationBuilder.RenameColumn(name: \"qty\", table: \"sale_lines\", newName: \"quantity\");", "RenameColumn")]
    [InlineData("migrationBuilder.DropTable(name: \"coupons\");", "DropTable")]
    [InlineData("migrationBuilder.Sql(\"ALTER TABLE sales DROP COLUMN note\");", "DROP COLUMN")]
    public void Refuses_other_destructive_steps(string step, string named)
    {
        Write("20260301120000_Change.cs", $$"""
            public partial class Change : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    {{step}}
                }
            }
            """);

        var result = Check();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_a_drop_marked_as_a_contract_step()
    {
        Write("20260401120000_DropLegacyCode.cs", """
            // contract-step: legacy_code is unused since release 2.3, which production runs.
            [ContractStep("legacy_code is unused since release 2.3")]
            public partial class DropLegacyCode : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.DropColumn(name: "legacy_code", table: "products");
                }
            }
            """);

        Assert.Equal(0, Check().ExitCode);
    }

    [Fact]
    public void Refuses_a_contract_step_comment_without_the_attribute_migrate_expand_reads()
    {
        Write("20260401120000_DropLegacyCode.cs", """
            // contract-step: legacy_code is unused since release 2.3, which production runs.
            public partial class DropLegacyCode : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.DropColumn(name: "legacy_code", table: "products");
                }
            }
            """);

        var result = Check();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("[ContractStep(", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_an_additive_migration_whose_down_drops_what_it_added()
    {
        Write("20260301120000_AddCoupons.cs", """
            public partial class AddCoupons : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.CreateTable(name: "coupons", columns: table => new { });
                }

                protected override void Down(MigrationBuilder migrationBuilder)
                {
                    migrationBuilder.DropTable(name: "coupons");
                }
            }
            """);

        Assert.Equal(0, Check().ExitCode);
    }

    [Fact]
    public void Passes_the_repository_migrations() =>
        Assert.Equal(0, ScriptResult.Run("check-migrations.sh", []).ExitCode);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder.FullName, name), text);

    private ScriptResult Check() => ScriptResult.Run("check-migrations.sh", [_folder.FullName]);
}
